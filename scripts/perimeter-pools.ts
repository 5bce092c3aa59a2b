/**
 * Preloaded into the service by scripts/perimeter-run.ts (`node --expose-gc --import tsx --import
 * ./scripts/perimeter-pools.ts src/server/main.ts`), never by the product: shortens the idle expiry of the
 * client, API-token provider and OAuth app-state pools to PERIMETER_POOL_IDLE_MS (the defaults are 5 and 15
 * minutes) so the run can measure the process after eviction, and collects garbage on SIGUSR2 so the run
 * can tell memory still held from memory V8 has not yet returned.
 */
import { configureApiTokenProviders } from '../src/auth/api-token';
import { configureAppStates } from '../src/auth/oauth/app-state';
import { configureClientPool } from '../src/http/client-pool';

const idleMs = Number(process.env.PERIMETER_POOL_IDLE_MS);
if (idleMs > 0) {
  configureClientPool({ idleMs });
  configureApiTokenProviders({ idleMs });
  configureAppStates({ idleMs });
}
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
