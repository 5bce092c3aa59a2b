/**
 * Every request a sample records must be one Okta's management spec accepts (path, query names and values,
 * body), and its 2xx responses must roughly match the spec's response schema. Requests are checked strictly;
 * responses leniently, because the spec's own examples break it in known ways (see `realResponseErrors`).
 */
import type { OpenAPIBackend, Operation, Request } from 'openapi-backend';
import { getRegistry, Sample } from '../src/runtime/registry';
import { getTriggerRegistry } from '../src/triggers/trigger-registry';
import { createSpecRouter, loadOktaSpec, oktaSpecPath, readSanitizedSpec, specMissing } from './support/okta-spec';
import { at, describeErrors, realRequestErrors, realResponseErrors } from './support/spec-checks';
import { undeclaredBodyProperties } from './support/strict-body';

type Exchange = Sample['exchanges'][number];

const specFile = oktaSpecPath();
const readStarted = performance.now();
const doc = readSanitizedSpec(specFile);
const readMs = Math.round(performance.now() - readStarted);
const RAW_OPERATION = 'raw_http_request';

const toRequest = ({ request }: Exchange): Request => ({
  method: request.method,
  path: request.path,
  query: request.query ?? {},
  headers: { accept: 'application/json', ...(request.body != null ? { 'content-type': 'application/json' } : {}), ...request.headers },
  body: request.body ?? undefined,
});

/** Why an exchange is not checked against the spec, or null when it is. */
function skipReason(operation: string, exchange: Exchange, router: ReturnType<typeof createSpecRouter>): string | null {
  if (operation !== RAW_OPERATION) return null;
  if (!router.matchOperation(toRequest(exchange))) return `raw request to ${exchange.request.method} ${exchange.request.path}, which is not in Okta's management spec`;
  // A 400 may be the point of the sample (Okta's own validation of a user-made request, passed through).
  if (exchange.response.status === 400) return 'raw request answered 400: it may be deliberately invalid (the user\'s request, not the connector\'s)';
  return null;
}

/**
 * OAuth scopes the spec requires for an operation that the connector operation does not declare (`x.manage`
 * covers `x.read`: Okta's scope naming). When the spec offers several OAuth alternatives, one is enough.
 */
function missingScopes(declared: string[], matched: Operation): string[] {
  const alternatives = ((matched.security ?? []) as Array<Record<string, string[]>>).filter((req) => req.oauth2).map((req) => req.oauth2);
  if (alternatives.length === 0) return [];
  const covered = (scope: string) => declared.includes(scope) || (scope.endsWith('.read') && declared.includes(scope.replace(/\.read$/, '.manage')));
  const gaps = alternatives.map((scopes) => scopes.filter((scope) => !covered(scope)));
  return gaps.find((gap) => gap.length === 0) ?? gaps[0];
}

if (!doc) {
  specMissing('contract test');
} else {
  const router = createSpecRouter(doc);
  const stats = { validatedExchanges: 0, validatedResponses: 0, skipped: 0, loadMs: 0 };
  let api: OpenAPIBackend;

  /** Path, query (names and values) and body against the spec, plus body properties the spec does not declare. */
  const checkRequest = (request: Request) => {
    const matched: Operation | undefined = api.matchOperation(request);
    if (!matched) return { operationId: null, requestErrors: [`no operation in Okta's spec matches ${request.method} ${request.path}`] };
    const requestErrors = describeErrors(realRequestErrors(api.validateRequest(request, matched).errors ?? []));
    const content = (matched.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
    const bodySchema = content?.['application/json']?.schema;
    if (request.body !== undefined && !bodySchema) requestErrors.push(`body sent, but ${matched.operationId} takes none`);
    requestErrors.push(...undeclaredBodyProperties(bodySchema, request.body, (ref) => at(api.definition, ref.replace(/^#/, ''))));
    return { operationId: matched.operationId ?? null, requestErrors };
  };

  /** A 2xx body against the spec's response schema, less the spec's own known defects. */
  const checkResponse = (matched: Operation, status: number, body: unknown) =>
    describeErrors(realResponseErrors(body, api.validateResponse(body, matched, status).errors ?? []));

  beforeAll(async () => {
    const loaded = await loadOktaSpec(doc);
    api = loaded.api;
    stats.loadMs = loaded.loadMs;
  }, 60_000);

  afterAll(() => {
    console.log(
      `contract: ${stats.validatedExchanges} exchanges validated (${stats.validatedResponses} 2xx responses), ${stats.skipped} skipped; ` +
        `spec ${specFile} read + sanitized in ${readMs} ms, openapi-backend init ${stats.loadMs} ms`,
    );
  });

  // The checks themselves: a contract test that accepted everything would hide every finding below.
  describe('the contract check', () => {
    const get = (path: string, query: Record<string, string> = {}): Request => ({ method: 'GET', path, query, headers: {} });
    const post = (path: string, body: unknown): Request => ({ method: 'POST', path, query: {}, headers: {}, body });
    test.each([
      ['an unknown query parameter', get('/api/v1/users', { pageSize: '2' }), /query must NOT have additional properties/],
      ['a query value of the wrong type', get('/api/v1/users', { limit: 'ten' }), /query\/limit must be integer/],
      ['a path Okta does not have', get('/api/v1/userz'), /no operation in Okta's spec matches/],
      ['a body property the spec does not declare', post('/api/v1/groups', { profile: { name: 'Eng' }, members: [] }), /\/members is not a property/],
      ['a misspelt nested body property', post('/api/v1/users', { profile: { login: 'a@example.com' }, credentials: { pasword: {} } }), /\/credentials\/pasword/],
      ['a read-only body property', post('/api/v1/users/00u1/factors', { id: 'mbl1', factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15551234567' } }), /\/id is read-only/],
      ["a property of another factor type's profile", post('/api/v1/users/00u1/factors', { factorType: 'sms', provider: 'OKTA', profile: { email: 'a@example.com' } }), /\/profile\/email is not a property/],
      ['a missing required body', post('/api/v1/users', undefined), /requestBody/],
      ['a misspelt property in a body of overlapping oneOf branches', post('/api/v1/users/00u1/factors/mbl1/lifecycle/activate', { passcode: '123456' }), /\/passcode is not a property/],
    ])('rejects %s', (_what, request, problem) => {
      expect(checkRequest(request).requestErrors.join('\n')).toMatch(problem);
    });
    test('flags a response field of the wrong type but tolerates nulls the spec forgot to allow', () => {
      const getGroup = api.matchOperation(get('/api/v1/groups/00g1')) as Operation;
      const group = { id: '00g1', type: 'OKTA_GROUP', profile: { name: 'Eng', description: null } };
      expect(checkResponse(getGroup, 200, group)).toEqual([]);
      expect(checkResponse(getGroup, 200, { ...group, objectClass: 'okta:user_group' })).toEqual(['/objectClass must be array {"type":"array"}']);
    });
    test('knows which OAuth scopes an endpoint needs', () => {
      const listUsers = api.matchOperation(get('/api/v1/users')) as Operation;
      expect(missingScopes([], listUsers)).toEqual(['okta.users.read']);
      expect(missingScopes(['okta.users.manage'], listUsers)).toEqual([]);
      expect(missingScopes(['okta.groups.read'], api.matchOperation(post('/api/v1/users', {})) as Operation)).toEqual(['okta.users.manage']);
      expect(missingScopes([], api.matchOperation(get('/api/v1/users/00u1/factors/questions')) as Operation)).toEqual([]);
    });
    test('accepts a body that fits overlapping oneOf branches (a spec defect)', () => {
      expect(checkRequest(post('/api/v1/users/00u1/factors/mbl1/lifecycle/activate', { passCode: '123456' }))).toEqual({ operationId: 'activateFactor', requestErrors: [] });
    });
    test('accepts a conformant request, open profile attributes included', () => {
      const request = post('/api/v1/users', { profile: { login: 'a@example.com', email: 'a@example.com', firstName: 'A', lastName: 'B', costCentre: 'x' } });
      expect(checkRequest({ ...request, query: { activate: 'false' } })).toEqual({ operationId: 'createUser', requestErrors: [] });
    });
  });

  const cases = [...getRegistry().operations.values()].flatMap((op) =>
    Object.entries(op.samples()).map(([scenario, sample]) => ({ operation: op.meta.name, scopes: op.meta.scopes, scenario, sample })),
  ).concat(
    // Trigger samples (create, destroy, poll) send requests to Okta too.
    [...getTriggerRegistry().triggers.values()].flatMap((trigger) =>
      Object.entries(trigger.samples()).map(([scenario, sample]) => ({ operation: trigger.meta.name, scopes: trigger.meta.scopes, scenario, sample: sample as unknown as Sample })),
    ),
  );

  describe.each(cases)('$operation / $scenario', ({ operation, scopes, sample }) => {
    // Samples that send nothing (input refused before any request) have no request to check; the sample
    // suite proves that no request leaves. They are counted in the summary line, not reported as skipped tests.
    if (sample.exchanges.length === 0) {
      stats.skipped++;
      test('sends no request, so there is nothing to check against the spec', () => expect(sample.exchanges).toEqual([]));
      return;
    }
    sample.exchanges.forEach((exchange, index) => {
      const label = `exchange ${index + 1}: ${exchange.request.method} ${exchange.request.path} → ${exchange.response.status}`;
      const reason = skipReason(operation, exchange, router);
      if (reason) {
        stats.skipped++;
        console.log(`contract: ${operation} ${label} not checked: ${reason}`);
        return;
      }
      test(label, () => {
        const request = toRequest(exchange);
        expect(checkRequest(request)).toEqual({ operationId: expect.any(String), requestErrors: [] });
        stats.validatedExchanges++;

        const matched = api.matchOperation(request) as Operation;
        if (operation !== RAW_OPERATION) {
          expect({ operationId: matched.operationId, scopesMissingFromOperationJson: missingScopes(scopes, matched) }).toEqual({
            operationId: matched.operationId,
            scopesMissingFromOperationJson: [],
          });
        }
        const { status, body } = exchange.response;
        if (status < 200 || status > 299 || body === undefined || body === null) return;
        expect({ operationId: matched.operationId, responseErrors: checkResponse(matched, status, body) }).toEqual({
          operationId: matched.operationId,
          responseErrors: [],
        });
        stats.validatedResponses++;
      });
    });
  });
}
