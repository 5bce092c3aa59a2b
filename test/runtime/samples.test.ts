import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeOperation, listOperations } from '../../src';
import { expandSample, loadFixtures, loadSamples, SampleFormatError } from '../../src/runtime/samples';

const user = {
  id: '00u1',
  status: 'ACTIVE',
  profile: { firstName: 'Isaac', lastName: 'Brock', login: 'isaac@example.com' },
  _links: { self: { href: 'https://acme.okta.com/api/v1/users/00u1' }, suspend: { href: 'https://acme.okta.com/api/v1/users/00u1/lifecycle/suspend' } },
};
const fixtures = new Map<string, unknown>([
  ['user/isaac', user],
  ['group/engineering', { id: '00g1', profile: { name: 'Engineering' } }],
  ['loop/a', { $fixture: 'loop/b' }],
  ['loop/b', { $fixture: 'loop/a' }],
  ['list/two', [1, 2]],
]);

const exchange = (body: unknown, extra: Record<string, unknown> = {}) => ({ request: { method: 'GET', path: '/api/v1/users/00u1' }, response: { status: 200, body, ...extra } });
const sample = (over: Record<string, unknown>) => ({ description: 'd', input: { user_id: '00u1' }, exchanges: [exchange(user)], output: { ok: true }, ...over });
const bodyOf = (written: unknown) => expandSample(sample({ exchanges: [exchange(written)] }), fixtures).exchanges[0].response.body;

describe('defaults for the empty parts', () => {
  test('query, headers and body of requests and responses, and no exchanges', () => {
    const expanded = expandSample({ description: 'd', input: {}, exchanges: [{ request: { method: 'POST', path: '/x' }, response: { status: 204 } }], output: {} }, fixtures);
    expect(expanded.exchanges).toEqual([{ request: { method: 'POST', path: '/x', query: {}, headers: {}, body: null }, response: { status: 204, headers: {}, body: null } }]);
    expect(expandSample({ description: 'd', input: { x: 1 }, error: { type: 'user_input_error' } }, fixtures)).toEqual({ description: 'd', input: { x: 1 }, exchanges: [], error: { type: 'user_input_error' } });
  });

  test('a sample written in full comes out the same', () => {
    const full = {
      description: 'd',
      input: { a: 1 },
      exchanges: [{ request: { method: 'GET', path: '/p', query: { q: 'x' }, headers: { Accept: 'a' }, body: null }, response: { status: 200, headers: { ETag: 'e' }, body: { id: 1 } } }],
      output: { id: 1 },
    };
    expect(expandSample(full, fixtures)).toEqual(full);
  });

  test('a misspelt part is refused, naming it', () => {
    expect(() => expandSample(sample({ exchanges: [{ request: { method: 'GET', path: '/p', qeury: {} }, response: { status: 200 } }] }), fixtures, 'get_user/samples/x.json')).toThrow(
      /get_user\/samples\/x\.json\.exchanges\[0\]\.request has unknown "qeury"/,
    );
    expect(() => expandSample(sample({ outptu: {} }), fixtures)).toThrow(SampleFormatError);
  });
});

describe('fixtures', () => {
  test('a reference alone is the fixture', () => {
    expect(bodyOf({ $fixture: 'user/isaac' })).toEqual(user);
  });

  test('overrides replace fields, override nested objects field by field and add fields last', () => {
    const body = bodyOf({ $fixture: 'user/isaac', status: 'SUSPENDED', profile: { firstName: 'Ike' }, lastLogin: null });
    expect(body).toEqual({ ...user, status: 'SUSPENDED', profile: { ...user.profile, firstName: 'Ike' }, lastLogin: null });
    expect(Object.keys(body as object)).toEqual(['id', 'status', 'profile', '_links', 'lastLogin']);
  });

  test('$omit drops fields at its level; an array or a fixture in an override replaces the field whole', () => {
    const body = bodyOf({ $fixture: 'user/isaac', _links: { $omit: ['suspend'], unsuspend: { href: 'u' } }, profile: { $fixture: 'group/engineering' } }) as typeof user;
    expect(body._links).toEqual({ self: user._links.self, unsuspend: { href: 'u' } });
    expect(body.profile).toEqual({ id: '00g1', profile: { name: 'Engineering' } });
    expect(bodyOf({ $fixture: 'user/isaac', profile: [1] })).toEqual({ ...user, profile: [1] });
  });

  test('fixtures anywhere: in lists, request bodies, outputs; the fixture itself is never changed', () => {
    const expanded = expandSample(
      sample({ exchanges: [{ request: { method: 'PUT', path: '/p', body: { $fixture: 'user/isaac', status: 'X' } }, response: { status: 200, body: [{ $fixture: 'user/isaac' }, { $fixture: 'group/engineering' }] } }], output: { users: [{ $fixture: 'user/isaac', id: '00u2' }] } }),
      fixtures,
    );
    expect(expanded.exchanges[0].request.body).toEqual({ ...user, status: 'X' });
    expect(expanded.exchanges[0].response.body).toEqual([user, { id: '00g1', profile: { name: 'Engineering' } }]);
    expect(expanded.output).toEqual({ users: [{ ...user, id: '00u2' }] });
    expect(fixtures.get('user/isaac')).toEqual(user);
    expect((fixtures.get('user/isaac') as typeof user).status).toBe('ACTIVE');
  });

  test('mistakes are refused, naming where', () => {
    expect(() => bodyOf({ $fixture: 'user/nobody' })).toThrow(/exchanges\[0\]\.response\.body: no fixture "user\/nobody"/);
    expect(() => bodyOf({ $fixture: 'user/isaac', $omit: ['password'] })).toThrow(/"\$omit" must list fields the overridden object has/);
    expect(() => bodyOf({ $fixture: 'loop/a' })).toThrow(/refers to itself \(loop\/a → loop\/b → loop\/a\)/);
    expect(() => bodyOf({ $fixture: 'list/two', x: 1 })).toThrow(/is not an object/);
    expect(() => bodyOf({ id: 1, $omit: ['id'] })).toThrow(/only removes fields of a fixture/);
  });
});

describe('output as the last response body', () => {
  test('is a copy of the last exchange’s expanded response body', () => {
    const expanded = expandSample(sample({ exchanges: [exchange({ id: 'first' }), exchange({ $fixture: 'user/isaac', status: 'SUSPENDED' })], output: { $lastResponseBody: true } }), fixtures);
    expect(expanded.output).toEqual({ ...user, status: 'SUSPENDED' });
    expect(expanded.output).not.toBe(expanded.exchanges[1].response.body);
  });

  test('needs a last response with a body, and stands alone', () => {
    expect(() => expandSample(sample({ exchanges: [], output: { $lastResponseBody: true } }), fixtures)).toThrow(/the last exchange has no response body/);
    expect(() => expandSample(sample({ exchanges: [exchange(null)], output: { $lastResponseBody: true } }), fixtures)).toThrow(/no response body/);
    expect(() => expandSample(sample({ output: { $lastResponseBody: true, id: 'x' } }), fixtures)).toThrow(/alone/);
    expect(() => expandSample(sample({ output: { result: { $lastResponseBody: true } } }), fixtures)).toThrow(/only stand for a sample's whole output/);
  });
});

describe('files', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-connector-samples-'));
    fs.mkdirSync(path.join(tmp, 'schemas/fixtures/user'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'schemas/fixtures/user/isaac.json'), JSON.stringify(user));
    fs.mkdirSync(path.join(tmp, 'operations/get_user/samples'), { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('fixtures are named by their path under schemas/fixtures; samples by their file name', () => {
    const loaded = loadFixtures(tmp);
    expect([...loaded.keys()]).toEqual(['user/isaac']);
    fs.writeFileSync(path.join(tmp, 'operations/get_user/samples/success.json'), JSON.stringify(sample({ exchanges: [exchange({ $fixture: 'user/isaac' })], output: { $lastResponseBody: true } })));
    fs.writeFileSync(path.join(tmp, 'operations/get_user/samples/notes.txt'), 'not a sample');
    const samples = loadSamples(path.join(tmp, 'operations/get_user'), loaded);
    expect(Object.keys(samples)).toEqual(['success']);
    expect(samples.success.output).toEqual(user);
  });

  test('a broken sample names its file', () => {
    fs.writeFileSync(path.join(tmp, 'operations/get_user/samples/broken.json'), JSON.stringify(sample({ exchanges: [exchange({ $fixture: 'user/ghost' })] })));
    expect(() => loadSamples(path.join(tmp, 'operations/get_user'), loadFixtures(tmp))).toThrow(/get_user\/samples\/broken\.json\.exchanges\[0\]\.response\.body: no fixture "user\/ghost"/);
  });

  test('no fixtures folder is no fixtures', () => {
    fs.rmSync(path.join(tmp, 'schemas'), { recursive: true });
    expect(loadFixtures(tmp).size).toBe(0);
  });
});

test('what the CLI and the service show (describeOperation) is expanded: no references left, every part present', () => {
  const written = JSON.stringify(listOperations().map((op) => describeOperation(op.name).samples));
  expect(written).not.toMatch(/"\$(fixture|omit|lastResponseBody)"/);
  for (const op of listOperations()) {
    for (const sample of Object.values(describeOperation(op.name).samples)) {
      for (const { request, response } of sample.exchanges) {
        expect([request.query, request.headers, response.headers].every((part) => typeof part === 'object' && part !== null)).toBe(true);
        expect(request.body === undefined || response.body === undefined).toBe(false);
      }
    }
  }
});
