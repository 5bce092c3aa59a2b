import type { ListFactorsToEnrollDDLInput, OktaFactorCatalogEntry } from '../../src/generated/types';
import { factorCatalogRequest, factorChoiceValue } from '../../src/factor-catalog';
import { ddlRequest } from '../../src/operation';

export default ddlRequest<ListFactorsToEnrollDDLInput, OktaFactorCatalogEntry>({
  request: factorCatalogRequest,
  option: (entry) => ({ text: entry.provider ? `${entry.factorType} (${entry.provider})` : entry.factorType, value: factorChoiceValue(entry) }),
});
