import fc from 'fast-check';
import { copyInput } from '../../src/runtime/input-copy';

describe('copyInput, the copy of a call input that ajv fills defaults into', () => {
  test('any JSON value copies to what structuredClone gives, sharing nothing with the original', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const copy = copyInput(value);
      expect(copy).toStrictEqual(structuredClone(value));
      if (value !== null && typeof value === 'object') expect(copy).not.toBe(value);
    }));
  });

  test('nested objects are copies: changing the copy leaves the input alone', () => {
    const input = { user: { profile: { login: 'a@example.com' } }, groups: ['00g1'] };
    const copy = copyInput(input) as typeof input;
    copy.user.profile.login = 'changed';
    copy.groups.push('00g2');
    expect(input).toEqual({ user: { profile: { login: 'a@example.com' } }, groups: ['00g1'] });
  });

  test('non-JSON values take structuredClone, with its results', () => {
    const date = new Date(0);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const proto = JSON.parse('{"__proto__": {"polluted": true}}');
    for (const value of [{ when: date }, { map: new Map([[1, 2]]) }, sparse, proto, { deep: nest(40) }]) {
      expect(copyInput(value)).toStrictEqual(structuredClone(value));
    }
    const copied = copyInput(cyclic) as Record<string, unknown>;
    expect(copied.self).toBe(copied);
    // "__proto__" stays an own key, never the copy's prototype.
    expect((copyInput(proto) as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('what structuredClone refuses is still refused', () => {
    expect(() => copyInput({ f: () => 1 })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
    expect(() => copyInput({ s: Symbol('x') })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
  });
});

function nest(depth: number): unknown {
  return depth === 0 ? 'leaf' : { next: nest(depth - 1) };
}
