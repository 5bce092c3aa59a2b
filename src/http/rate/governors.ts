import { RateBudgetConfig, RateBudgetOptions, rateBudgetOptionsFromEnv, resolveRateBudget } from './budget-config';
import { RateGovernor } from './local-governor';
import { OrgGovernor } from './org-governor';
import { RedisBudgetStore } from './redis-budget-store';
import { SharedGovernor } from './shared-governor';

/** Orgs whose governors are kept; past this the least recently used idle one is dropped. */
const MAX_GOVERNORS = 10_000;

let config: RateBudgetConfig | undefined;
let store: RedisBudgetStore | undefined;
const governors = new Map<string, OrgGovernor>();

function currentConfig(): RateBudgetConfig {
  config ??= resolveRateBudget(rateBudgetOptionsFromEnv(process.env));
  return config;
}

/**
 * Sets how this process governs rate limits (replacing what the environment said), for every call from now
 * on. The service, Lambda and CLI read `CONNECTOR_REDIS_URL` and friends; a library user may call this instead.
 */
export async function configureRateBudget(options: RateBudgetOptions): Promise<void> {
  const next = resolveRateBudget(options);
  await closeRateBudget();
  config = next;
}

/** The configuration in force (read from the environment on first use); fails early on a bad setting. */
export function rateBudgetConfig(): Readonly<RateBudgetConfig> {
  return currentConfig();
}

/** Closes the Redis connection and forgets every org's governor (the configuration stays). */
export async function closeRateBudget(): Promise<void> {
  const closing = store;
  store = undefined;
  governors.clear();
  await closing?.close();
}

function dropIdleGovernor(): void {
  for (const [org, governor] of governors) {
    if (governor.idle) {
      governors.delete(org);
      return;
    }
  }
}

/**
 * One governor per org: Okta's budget is the org's, so every call with any credential of that org shares it.
 * Its settings come from the configuration alone; a call can only ask for less for itself (`CallRateLimits`).
 */
export function governorFor(orgUrl: string): OrgGovernor {
  let governor = governors.get(orgUrl);
  if (governor) {
    governors.delete(orgUrl); // re-inserted below: the map's order is the least recently used first
  } else {
    const { settings, redisUrl, logger } = currentConfig();
    const local = new RateGovernor(settings);
    if (redisUrl) store ??= new RedisBudgetStore(redisUrl, logger);
    governor = store ? new SharedGovernor(orgUrl, store, local) : local;
    if (governors.size >= MAX_GOVERNORS) dropIdleGovernor();
  }
  governors.set(orgUrl, governor);
  return governor;
}
