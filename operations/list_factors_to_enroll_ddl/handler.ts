import { ddlRequest, factorCatalogRequest, factorChoiceValue } from '../../src/sdk';
import type { ListFactorsToEnrollDDLInput, OktaFactorCatalogEntry } from '../../src/sdk';

export default ddlRequest<ListFactorsToEnrollDDLInput, OktaFactorCatalogEntry>({
  request: factorCatalogRequest,
  option: (entry) => ({ text: entry.provider ? `${entry.factorType} (${entry.provider})` : entry.factorType, value: factorChoiceValue(entry) }),
});
