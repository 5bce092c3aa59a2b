import { TokenCache } from '../../src/auth/oauth/token-cache';
import { AccessToken } from '../../src/auth/oauth/token-endpoint';

const token = (value: string): AccessToken => ({ value, scheme: 'Bearer', renewAt: Date.now() + 3_600_000 });

test('one app keeps tokens for at most 64 scope sets, dropping the oldest', async () => {
  const cache = new TokenCache();
  for (let i = 0; i < 100; i++) await cache.get(`scope.${i}`, async () => token(`tok-${i}-000000000000000000`));
  const kept = Array.from({ length: 100 }, (_, i) => cache.recentTokens(`scope.${i}`).length > 0);
  expect(kept.filter(Boolean).length).toBeLessThanOrEqual(64);
  expect(kept[99]).toBe(true);
  expect(kept[0]).toBe(false);
});

test('a mint under way is reported (the app state holding it is not dropped) and kept past the cap', async () => {
  const cache = new TokenCache();
  let land: (t: AccessToken) => void = () => undefined;
  const pending = cache.get('slow', () => new Promise<AccessToken>((resolve) => (land = resolve)));
  expect(cache.minting).toBe(true);
  for (let i = 0; i < 100; i++) await cache.get(`scope.${i}`, async () => token(`tok-${i}-000000000000000000`));
  land(token('slow-token-000000000000000000'));
  await expect(pending).resolves.toMatchObject({ value: 'slow-token-000000000000000000' });
  expect(cache.minting).toBe(false);
  expect(cache.recentTokens('slow')).toEqual(['slow-token-000000000000000000']);
});
