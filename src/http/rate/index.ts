export { bucketKey } from './bucket-key';
export { RateGovernor } from './local-governor';
export { OrgGovernor } from './org-governor';
export { SharedGovernor } from './shared-governor';
export { RedisBudgetStore } from './redis-budget-store';
export { CallRateLimits, DEFAULT_RATE_LIMIT_SETTINGS } from './settings';
export type { CallRateLimit, RateLimitSettings } from './settings';
export { closeRateBudget, configureRateBudget, governorFor, rateBudgetConfig } from './governors';
export type { RateBudgetOptions } from './budget-config';
