import { ddlRequest, factorCatalogRequest, TOTP_FACTOR_TYPE, totpProviderLabel } from '../../src/sdk';
import type { ListTOTPProvidersToEnrollDDLInput, OktaFactorCatalogEntry } from '../../src/sdk';

export default ddlRequest<ListTOTPProvidersToEnrollDDLInput, OktaFactorCatalogEntry>({
  request: factorCatalogRequest,
  include: (entry) => entry.factorType === TOTP_FACTOR_TYPE && Boolean(entry.provider),
  option: (entry) => ({ text: totpProviderLabel(entry.provider ?? ''), value: entry.provider ?? '' }),
});
