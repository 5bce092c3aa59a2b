import { oktaPath, singleRequest } from '../../src/sdk';
import type { ListEnrolledFactorsInput, ListEnrolledFactorsOutput, OktaFactor } from '../../src/sdk';

// Okta does not page factors: one request returns them all.
export default singleRequest<ListEnrolledFactorsInput, ListEnrolledFactorsOutput, OktaFactor[] | null>({
  request: (input) => ({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}/factors` }),
  output: (response) => ({ factors: response.body ?? [] }),
});
