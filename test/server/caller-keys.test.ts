import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { callerKeysFromEnv, CallerKeys, KeyConfigError } from '../../src/server/caller-keys';

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

describe('the Authorization header', () => {
  const keys = new CallerKeys([`platform:${A}`]);
  test.each([
    [`Bearer ${A}`, 'platform'],
    [`bearer ${A}`, 'platform'],
    [`BEARER   ${A}`, 'platform'],
    [`Bearer ${A}  `, 'platform'],
    [`Bearer ${A}\t`, 'platform'],
    [`Bearer  ${A} x`, undefined],
    [`Bearer${A}`, undefined],
    [`Bearer\t${A}`, undefined],
    [` Bearer ${A}`, undefined],
    [`Basic ${A}`, undefined],
    ['Bearer ', undefined],
    ['', undefined],
    [`Bearer ${A.slice(1)}`, undefined],
    [`Bearer ${A}a`, undefined],
  ])('%j → %s', (header, id) => {
    expect(keys.identify(header)?.id).toBe(id);
  });
});

describe('key entries', () => {
  test('a key of exactly the minimum length is accepted; one shorter, or holding a tab, is refused', () => {
    expect(new CallerKeys(['k'.repeat(16)]).identify(`Bearer ${'k'.repeat(16)}`)).toBeDefined();
    expect(() => new CallerKeys(['k'.repeat(15)])).toThrow(/caller key #1 must be at least 16/);
    expect(() => new CallerKeys([A, `${'k'.repeat(16)}\tx`])).toThrow(/caller key #2/);
  });

  test('a label is 1-64 of [A-Za-z0-9_.-]; anything else before the colon is part of the key', () => {
    const label64 = 'l'.repeat(64);
    expect(new CallerKeys([`${label64}:${A}`]).identify(`Bearer ${A}`)).toEqual({ id: label64 });
    const label65 = 'l'.repeat(65);
    expect(new CallerKeys([`${label65}:${A}`]).identify(`Bearer ${label65}:${A}`)).toEqual({ id: expect.stringMatching(/^key-[0-9a-f]{8}$/) });
    expect(new CallerKeys([`a.b_c-D9:${A}`]).identify(`Bearer ${A}`)).toEqual({ id: 'a.b_c-D9' });
    expect(new CallerKeys([`bad/label:${A}`]).identify(`Bearer bad/label:${A}`)).toBeDefined();
    expect(new CallerKeys([`:${A}`]).identify(`Bearer :${A}`)).toBeDefined();
    // The label's own length does not count towards the key's.
    expect(() => new CallerKeys([`label:${'k'.repeat(15)}`])).toThrow(/at least 16/);
  });

  test('the same key under two labels names the first', () => {
    expect(new CallerKeys([`first:${A}`, `second:${A}`]).identify(`Bearer ${A}`)).toEqual({ id: 'first' });
  });

  test('two unlabelled copies of one key have the same hashed name: refused', () => {
    expect(() => new CallerKeys([A, A])).toThrow(/used twice/);
  });

  test('size counts the keys', () => {
    expect(new CallerKeys([A, B, C]).size).toBe(3);
    expect(new CallerKeys([]).size).toBe(0);
  });
});

describe('callerKeysFromEnv', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caller-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, text);
    return at;
  };

  test('neither variable, or a blank inline list: no keys configured', () => {
    expect(callerKeysFromEnv({})).toBeUndefined();
    expect(callerKeysFromEnv({ CONNECTOR_API_KEYS: '  ' })).toBeUndefined();
    expect(callerKeysFromEnv({ CONNECTOR_API_KEYS: '' })).toBeUndefined();
  });

  test('inline: comma-separated, trimmed, empty entries dropped', () => {
    const keys = callerKeysFromEnv({ CONNECTOR_API_KEYS: ` platform:${A} ,, ${B} ,` })!;
    expect(keys.size).toBe(2);
    expect(keys.identify(`Bearer ${A}`)).toEqual({ id: 'platform' });
    expect(keys.identify(`Bearer ${B}`)).toBeDefined();
  });

  test('file: one a line, CRLF or LF, trimmed, blank lines and # comments skipped', () => {
    const keys = callerKeysFromEnv({ CONNECTOR_API_KEYS_FILE: file('keys', `# platform key\r\n  platform:${A}  \r\n\r\n${B}\n# ${C}\n`) })!;
    expect(keys.size).toBe(2);
    expect(keys.identify(`Bearer ${A}`)).toEqual({ id: 'platform' });
    expect(keys.identify(`Bearer ${C}`)).toBeUndefined();
  });

  test('a file with no key, a file that cannot be read, and both variables are configuration errors', () => {
    const empty = file('empty', '# nothing\n\n');
    expect(() => callerKeysFromEnv({ CONNECTOR_API_KEYS_FILE: empty })).toThrow(new KeyConfigError(`CONNECTOR_API_KEYS_FILE "${empty}" holds no key`));
    const missing = path.join(dir, 'missing');
    expect(() => callerKeysFromEnv({ CONNECTOR_API_KEYS_FILE: missing })).toThrow(new KeyConfigError(`CONNECTOR_API_KEYS_FILE "${missing}" could not be read (ENOENT)`));
    expect(() => callerKeysFromEnv({ CONNECTOR_API_KEYS: A, CONNECTOR_API_KEYS_FILE: empty })).toThrow(new KeyConfigError('set CONNECTOR_API_KEYS or CONNECTOR_API_KEYS_FILE, not both'));
  });

  test('a key file error never shows a key', () => {
    expect(() => callerKeysFromEnv({ CONNECTOR_API_KEYS_FILE: file('short', `platform:${'k'.repeat(15)}\n`) })).toThrow(/caller key #1/);
    let shown = '';
    try {
      callerKeysFromEnv({ CONNECTOR_API_KEYS: `x:${'z'.repeat(15)}` });
    } catch (error) {
      shown = String(error);
    }
    expect(shown).toMatch(/caller key #1 must be/);
    expect(shown).not.toContain('z'.repeat(15));
  });
});
