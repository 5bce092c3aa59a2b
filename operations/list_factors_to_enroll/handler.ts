import type { ListFactorsToEnrollInput, ListFactorsToEnrollOutput, OktaFactorCatalogEntry } from '../../src/generated/types';
import { factorCatalogRequest } from '../../src/factor-catalog';
import { singleRequest } from '../../src/operation';

export default singleRequest<ListFactorsToEnrollInput, ListFactorsToEnrollOutput, OktaFactorCatalogEntry[]>({
  request: factorCatalogRequest,
  output: (response) => ({ factors: response.body ?? [] }),
});
