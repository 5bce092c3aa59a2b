import { Logger } from '../../core/call-options';
import { ConnectorError } from '../../core/errors';
import { RateLimitSettings, settingsWith } from './settings';

/** How this process governs Okta's rate limits: set once by the service, Lambda, CLI or library user. */
export interface RateBudgetOptions {
  /** Share of each bucket kept in reserve (default 0.1). */
  headroom?: number;
  /** Requests in flight per org: per process, or across all copies with `redisUrl` (default 10). */
  maxConcurrent?: number;
  /** Share the budget with every copy through this Redis (`redis://` or `rediss://`). */
  redisUrl?: string;
  /** Where the shared budget reports that Redis went away and came back (default: JSON lines on stderr). */
  logger?: Logger;
}

export interface RateBudgetConfig {
  settings: RateLimitSettings;
  redisUrl?: string;
  logger?: Logger;
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new ConnectorError('connector_error', `${name} must be a number`);
  return parsed;
}

/** `CONNECTOR_REDIS_URL`, `CONNECTOR_RATE_HEADROOM` and `CONNECTOR_MAX_CONCURRENT`. */
export function rateBudgetOptionsFromEnv(env: NodeJS.ProcessEnv): RateBudgetOptions {
  return {
    redisUrl: env.CONNECTOR_REDIS_URL?.trim() || undefined,
    headroom: number(env.CONNECTOR_RATE_HEADROOM, 'CONNECTOR_RATE_HEADROOM'),
    maxConcurrent: number(env.CONNECTOR_MAX_CONCURRENT, 'CONNECTOR_MAX_CONCURRENT'),
  };
}

/** Checks the options; the Redis URL may hold a password, so it is never quoted back. */
export function resolveRateBudget(options: RateBudgetOptions): RateBudgetConfig {
  let settings: RateLimitSettings;
  try {
    settings = settingsWith({ headroom: options.headroom, maxConcurrent: options.maxConcurrent });
  } catch (error) {
    throw new ConnectorError('connector_error', `Rate budget configuration: ${(error as Error).message}`);
  }
  if (options.redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(options.redisUrl)) {
    throw new ConnectorError('connector_error', 'Rate budget configuration: the Redis URL must start with redis:// or rediss://');
  }
  return { settings, redisUrl: options.redisUrl, logger: options.logger };
}
