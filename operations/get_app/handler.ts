import { oktaPath, singleRequest } from '../../src/sdk';
import type { GetAppInput, GetAppOutput } from '../../src/sdk';

export default singleRequest<GetAppInput, GetAppOutput>({
  request: (input) => ({ method: 'GET', path: oktaPath`/api/v1/apps/${input.app_id}` }),
  output: (response) => response.body,
});
