import { appOptionText, ddlRequest } from '../../src/sdk';
import type { ListAppsDDLInput, OktaApp } from '../../src/sdk';

export default ddlRequest<ListAppsDDLInput, OktaApp>({
  paged: { limit: 200 },
  request: (input) => ({ method: 'GET', path: '/api/v1/apps', query: { q: input.search?.trim() || undefined } }),
  include: (app, input) => input.include_inactive === true || app.status === 'ACTIVE',
  option: (app) => ({ text: appOptionText(app), value: app.id }),
});
