import { factorCatalogRequest, singleRequest } from '../../src/sdk';
import type { ListFactorsToEnrollInput, ListFactorsToEnrollOutput, OktaFactorCatalogEntry } from '../../src/sdk';

export default singleRequest<ListFactorsToEnrollInput, ListFactorsToEnrollOutput, OktaFactorCatalogEntry[]>({
  request: factorCatalogRequest,
  output: (response) => ({ factors: response.body ?? [] }),
});
