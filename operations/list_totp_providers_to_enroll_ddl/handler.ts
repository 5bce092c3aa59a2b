import type { ListTOTPProvidersToEnrollDDLInput, OktaFactorCatalogEntry } from '../../src/generated/types';
import { factorCatalogRequest, TOTP_FACTOR_TYPE, totpProviderLabel } from '../../src/factor-catalog';
import { ddlRequest } from '../../src/operation';

export default ddlRequest<ListTOTPProvidersToEnrollDDLInput, OktaFactorCatalogEntry>({
  request: factorCatalogRequest,
  include: (entry) => entry.factorType === TOTP_FACTOR_TYPE && Boolean(entry.provider),
  option: (entry) => ({ text: totpProviderLabel(entry.provider ?? ''), value: entry.provider ?? '' }),
});
