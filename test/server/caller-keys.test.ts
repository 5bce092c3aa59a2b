import crypto from 'node:crypto';
import { CallerKeys, KeyConfigError } from '../../src/server/caller-keys';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccccccccccccccccccc';

test('a key is named by its label, or by a short hash of it; never by the key', () => {
  const keys = new CallerKeys([`platform:${A}`, B]);
  expect(keys.identify(`Bearer ${A}`)).toEqual({ id: 'platform' });
  expect(keys.identify(`Bearer ${B}`)).toEqual({ id: `key-${crypto.createHash('sha256').update(B).digest('hex').slice(0, 8)}` });
  expect(keys.identify(`Bearer ${C}`)).toBeUndefined();
  expect(keys.identify(undefined)).toBeUndefined();
  expect(keys.identify(A)).toBeUndefined();
});

test('the comparison is constant-time: every configured key is compared, as equal-length digests, match or not', () => {
  const keys = new CallerKeys([A, B, C]);
  const spy = jest.spyOn(crypto, 'timingSafeEqual');
  for (const presented of [A, C, 'x'.repeat(16), `${A}${A}${A}`, A.slice(0, 16)]) {
    spy.mockClear();
    keys.identify(`Bearer ${presented}`);
    // No early exit on a match (A is the first key) and no length short-cut (all digests are 32 bytes).
    expect(spy).toHaveBeenCalledTimes(3);
    for (const [left, right] of spy.mock.calls) expect([(left as Buffer).length, (right as Buffer).length]).toEqual([32, 32]);
  }
  spy.mockRestore();
});

test.each([
  [['short'], /at least 16 characters/],
  [[`with space ${A}`], /no spaces/],
  [[`dup:${A}`, `dup:${B}`], /used twice/],
])('%j is refused at start', (lines, message) => {
  expect(() => new CallerKeys(lines)).toThrow(KeyConfigError);
  expect(() => new CallerKeys(lines)).toThrow(message);
});
