import { listRequest } from '../../src/sdk';
import type { ListAppsInput } from '../../src/sdk';

export default listRequest({
  itemsKey: 'apps',
  request: (input: ListAppsInput) => ({ method: 'GET', path: '/api/v1/apps', query: { q: input.q, filter: input.filter } }),
});
