import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KeyObject, randomBytes } from 'node:crypto';
import { decodeJwt, DecodedJwt, jwkThumbprint, publicKeyFromJwk, sha256b64u, verifyJwt } from './jws';
import { allowTestOrg } from '../../support/test-org-destination';

/**
 * A local Okta org on 127.0.0.1: the org authorization server's `POST /oauth2/v1/token` (client
 * credentials + private_key_jwt, optional DPoP) and a few management endpoints that check the access
 * token the way Okta does. Everything a correct client must never do is recorded in `violations`.
 */
export interface FakeOktaOptions {
  clientId: string;
  publicKey: KeyObject;
  /** When set, the assertion's `kid` must equal it. */
  kid?: string;
}

interface IssuedToken {
  scopes: string[];
  expiresAt: number;
  /** Thumbprint of the DPoP key the token is bound to. */
  jkt?: string;
  revoked?: boolean;
}

export interface TokenRequestRecord {
  form: Record<string, string>;
  assertion?: DecodedJwt;
  proof?: DecodedJwt;
  status: number;
  error?: string;
}

export interface ApiRequestRecord {
  method: string;
  url: string;
  authorization?: string;
  proof?: DecodedJwt;
  status: number;
}

const ROUTE_SCOPES: Array<{ pattern: RegExp; read: string; manage: string }> = [
  { pattern: /^\/api\/v1\/users(\/[^/]+)?$/, read: 'okta.users.read', manage: 'okta.users.manage' },
  { pattern: /^\/api\/v1\/groups$/, read: 'okta.groups.read', manage: 'okta.groups.manage' },
  // x-okta-no-scope-required: any valid token will do.
  { pattern: /^\/api\/v1\/users\/[^/]+\/factors\/questions$/, read: '', manage: '' },
];

export const USER = (id: string, base: string) => ({
  id: '00ub0oNGTSWTBKOLGLNR',
  status: 'ACTIVE',
  created: '2013-06-24T16:39:18.000Z',
  activated: '2013-06-24T16:39:19.000Z',
  statusChanged: '2013-06-24T16:39:19.000Z',
  lastLogin: '2013-06-24T17:39:19.000Z',
  lastUpdated: '2013-06-27T16:35:28.000Z',
  passwordChanged: '2013-06-24T16:39:19.000Z',
  type: { id: 'otyfnjfba4ye7pgjB0g4' },
  profile: { firstName: 'Isaac', lastName: 'Brock', email: 'isaac.brock@example.com', login: id.includes('@') ? id : 'isaac.brock@example.com' },
  credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
  _links: { self: { href: `${base}/api/v1/users/00ub0oNGTSWTBKOLGLNR` } },
});

export class FakeOkta {
  // Knobs a test turns.
  requireDpop = false;
  /** Token requests with a DPoP proof must carry this nonce. */
  tokenNonce?: string;
  /** DPoP proofs on API calls must carry this nonce. */
  resourceNonce?: string;
  tokenLifetimeSeconds = 3600;
  tokenDelayMs = 0;
  /** Scopes granted to the app: others get invalid_scope. */
  grantedScopes = new Set(['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage', 'okta.userTypes.read']);
  /** Answer every (otherwise valid) token request with this OAuth error. */
  tokenError?: { status: number; error: string; description: string };
  /** Like a reflecting proxy: refusals append what the request carried (the assertion, the DPoP proof). */
  echoRequestInErrors = false;

  // What happened.
  readonly tokenRequests: TokenRequestRecord[] = [];
  readonly apiRequests: ApiRequestRecord[] = [];
  readonly violations: string[] = [];
  readonly issued = new Map<string, IssuedToken>();
  private readonly assertionJtis = new Set<string>();
  private readonly proofJtis = new Set<string>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private revokeDestination = () => {};
  url = '';

  constructor(readonly options: FakeOktaOptions) {}

  get tokenUrl(): string {
    return `${this.url}/oauth2/v1/token`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.revokeDestination = allowTestOrg(this.server);
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.revokeDestination();
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  /** Okta forgets every token it issued (revoked, or the app's keys rotated). */
  revokeAllTokens(): void {
    for (const token of this.issued.values()) token.revoked = true;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', this.url).pathname;
      const done = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', 'X-Okta-Request-Id': `req-${randomBytes(6).toString('hex')}`, ...headers });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      if (path === '/oauth2/v1/token') {
        const finish = () => this.token(req, body, done);
        if (this.tokenDelayMs > 0) setTimeout(finish, this.tokenDelayMs);
        else finish();
        return;
      }
      this.api(req, path, done);
    });
  }

  private violation(what: string): string {
    this.violations.push(what);
    return what;
  }

  /** Shared DPoP proof checks (RFC 9449 §4.3). Returns the problem, or undefined when the proof is good. */
  private checkProof(raw: string, method: string, url: string, accessToken?: string): { proof?: DecodedJwt; problem?: string; jkt?: string } {
    let proof: DecodedJwt;
    try {
      proof = decodeJwt(raw);
    } catch {
      return { problem: this.violation('DPoP proof is not a JWS') };
    }
    const { header, claims } = proof;
    const now = Date.now() / 1000;
    const problems: string[] = [];
    if (header.typ !== 'dpop+jwt') problems.push(`proof typ ${header.typ}`);
    if (!header.jwk || typeof header.jwk !== 'object') problems.push('proof has no jwk');
    else if (['d', 'p', 'q', 'dp', 'dq', 'qi'].some((m) => m in header.jwk)) problems.push('proof jwk carries private members');
    else {
      try {
        verifyJwt(proof, publicKeyFromJwk(header.jwk));
      } catch (e) {
        problems.push(`proof signature: ${(e as Error).message}`);
      }
    }
    if (claims.htm !== method) problems.push(`proof htm ${claims.htm} != ${method}`);
    if (claims.htu !== url) problems.push(`proof htu ${claims.htu} != ${url}`);
    if (typeof claims.iat !== 'number' || Math.abs(now - claims.iat) > 60) problems.push(`proof iat ${claims.iat} not fresh`);
    if (typeof claims.jti !== 'string' || claims.jti.length < 16) problems.push('proof jti missing or short');
    else if (this.proofJtis.has(claims.jti)) problems.push('proof jti replayed');
    else this.proofJtis.add(claims.jti);
    if (accessToken !== undefined && claims.ath !== sha256b64u(accessToken)) problems.push('proof ath does not match the access token');
    if (accessToken === undefined && 'ath' in claims) problems.push('token-request proof carries ath');
    if (problems.length) return { proof, problem: this.violation(problems.join('; ')) };
    return { proof, jkt: jwkThumbprint(header.jwk) };
  }

  private checkAssertion(raw: string | undefined): { assertion?: DecodedJwt; problem?: string } {
    if (!raw) return { problem: this.violation('no client_assertion') };
    let assertion: DecodedJwt;
    try {
      assertion = decodeJwt(raw);
    } catch {
      return { problem: this.violation('client_assertion is not a JWS') };
    }
    const { header, claims } = assertion;
    const now = Date.now() / 1000;
    const problems: string[] = [];
    try {
      verifyJwt(assertion, this.options.publicKey);
    } catch (e) {
      problems.push(`assertion signature: ${(e as Error).message}`);
    }
    if (this.options.kid !== undefined && header.kid !== this.options.kid) problems.push(`assertion kid ${header.kid} != ${this.options.kid}`);
    if (claims.iss !== this.options.clientId) problems.push(`iss ${claims.iss}`);
    if (claims.sub !== this.options.clientId) problems.push(`sub ${claims.sub}`);
    if (claims.aud !== this.tokenUrl) problems.push(`aud ${claims.aud} != ${this.tokenUrl}`);
    if (typeof claims.iat !== 'number' || claims.iat > now + 5 || claims.iat < now - 60) problems.push(`iat ${claims.iat} not now`);
    if (typeof claims.exp !== 'number' || claims.exp <= now) problems.push(`exp ${claims.exp} not in the future`);
    else if (claims.exp - now > 300 + 5 || claims.exp - claims.iat > 300) problems.push(`exp ${claims.exp} more than 5 minutes ahead`);
    if (typeof claims.jti !== 'string' || claims.jti.length < 16) problems.push('jti missing or short');
    else if (this.assertionJtis.has(claims.jti)) problems.push('client_assertion_already_used');
    else this.assertionJtis.add(claims.jti);
    return problems.length ? { assertion, problem: this.violation(problems.join('; ')) } : { assertion };
  }

  private token(req: http.IncomingMessage, body: string, done: (status: number, json: unknown, headers?: Record<string, string>) => void): void {
    const form = Object.fromEntries(new URLSearchParams(body));
    const record: TokenRequestRecord = { form, status: 0 };
    this.tokenRequests.push(record);
    const reply = (status: number, error: string | undefined, json: unknown, headers?: Record<string, string>) => {
      record.status = status;
      record.error = error;
      done(status, json, headers);
    };
    const echoed = () => [form.client_assertion, req.headers.dpop].filter((v): v is string => typeof v === 'string' && v.length > 0);
    const oauthError = (status: number, error: string, description: string, headers?: Record<string, string>) =>
      reply(status, error, { error, error_description: this.echoRequestInErrors ? `${description} Received: ${echoed().join(' ')}` : description }, headers);

    if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', this.violation(`token request ${req.method} ${req.headers['content-type']}`));
    }
    if (form.grant_type !== 'client_credentials' || form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' || !form.scope) {
      return oauthError(400, 'invalid_request', this.violation(`token form ${JSON.stringify(Object.keys(form))} grant ${form.grant_type}`));
    }
    const { assertion, problem } = this.checkAssertion(form.client_assertion);
    record.assertion = assertion;
    if (problem) return oauthError(401, 'invalid_client', 'The client_assertion signature is invalid.');

    let jkt: string | undefined;
    const proofHeader = req.headers.dpop;
    if (typeof proofHeader === 'string') {
      const checked = this.checkProof(proofHeader, 'POST', this.tokenUrl);
      record.proof = checked.proof;
      if (checked.problem) return oauthError(400, 'invalid_dpop_proof', 'The DPoP proof is invalid.');
      if (this.tokenNonce && checked.proof?.claims.nonce !== this.tokenNonce) {
        return oauthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', { 'DPoP-Nonce': this.tokenNonce });
      }
      jkt = checked.jkt;
    } else if (this.requireDpop) {
      return oauthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT header is missing.');
    }
    if (this.tokenError) return oauthError(this.tokenError.status, this.tokenError.error, this.tokenError.description);

    const scopes = form.scope.split(' ');
    const notAllowed = scopes.filter((s) => !this.grantedScopes.has(s));
    if (notAllowed.length) return oauthError(400, 'invalid_scope', `The following scopes are not allowed: ${notAllowed.join(', ')}`);

    const accessToken = `eyJraWQiOiJmYWtlIn0.${randomBytes(48).toString('base64url')}`;
    this.issued.set(accessToken, { scopes, expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000, jkt });
    reply(200, undefined, { token_type: jkt ? 'DPoP' : 'Bearer', expires_in: this.tokenLifetimeSeconds, access_token: accessToken, scope: form.scope });
  }

  private api(req: http.IncomingMessage, path: string, done: (status: number, json: unknown, headers?: Record<string, string>) => void): void {
    const method = req.method ?? 'GET';
    const record: ApiRequestRecord = { method, url: req.url ?? '', authorization: req.headers.authorization, status: 0 };
    this.apiRequests.push(record);
    const reply = (status: number, json: unknown, headers?: Record<string, string>) => {
      record.status = status;
      done(status, json, headers);
    };
    const route = ROUTE_SCOPES.find((r) => r.pattern.test(path));
    if (!route || method !== 'GET') return reply(404, { errorCode: 'E0000008', errorSummary: 'The requested path was not found', errorLink: 'E0000008', errorId: 'oaeNotFound', errorCauses: [] });

    const [scheme, accessToken] = (req.headers.authorization ?? '').split(' ');
    const token = accessToken ? this.issued.get(accessToken) : undefined;
    const challengeScheme = token?.jkt ? 'DPoP' : 'Bearer';
    const challenge = (params: string) => `${challengeScheme} authorization_uri="${this.url}/oauth2/v1/authorize", realm="${this.url}", ${params}, resource="${path}"`;
    if (!token || token.revoked || token.expiresAt <= Date.now()) {
      return reply(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'oaeInvalidTok', errorCauses: [] }, {
        'WWW-Authenticate': challenge(`scope="${route.read}", error="invalid_token", error_description="The access token is invalid."`),
      });
    }
    if (token.jkt) {
      if (scheme !== 'DPoP') return reply(400, { error: 'dpop_authentication_scheme_required', error_description: this.violation(`DPoP-bound token sent with scheme ${scheme}`) });
      const proofHeader = req.headers.dpop;
      if (typeof proofHeader !== 'string') return reply(400, { error: 'invalid_dpop_proof', error_description: this.violation('API call without DPoP proof') });
      const htu = `${this.url}${path}`;
      const checked = this.checkProof(proofHeader, method, htu, accessToken);
      record.proof = checked.proof;
      if (checked.problem) return reply(400, { error: 'invalid_dpop_proof', error_description: 'The DPoP proof is invalid.' });
      if (checked.jkt !== token.jkt) return reply(401, { error: 'invalid_dpop_proof', error_description: this.violation('proof key differs from the key the token is bound to') });
      if (this.resourceNonce && checked.proof?.claims.nonce !== this.resourceNonce) {
        return reply(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'oaeNonce', errorCauses: [] }, {
          'WWW-Authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
          'DPoP-Nonce': this.resourceNonce,
        });
      }
    } else if (scheme !== 'Bearer') {
      return reply(401, { error: 'invalid_token', error_description: this.violation(`Bearer token sent with scheme ${scheme}`) });
    }
    if (route.read && !token.scopes.includes(route.read) && !token.scopes.includes(route.manage)) {
      return reply(403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action', errorLink: 'E0000006', errorId: 'oaeScope', errorCauses: [] }, {
        'WWW-Authenticate': challenge(`scope="${route.read}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes."`),
      });
    }
    const url = new URL(req.url ?? '/', this.url);
    if (path === '/api/v1/users') {
      // Two pages: the first links to the second, so paging re-signs proofs for a URL with a query.
      if (!url.searchParams.get('after')) {
        return reply(200, [USER('00ub0oNGTSWTBKOLGLNR', this.url)], { Link: `<${this.url}/api/v1/users?after=00ub0oNGTSWTBKOLGLNR&limit=200>; rel="next"` });
      }
      return reply(200, [{ ...USER('carol@example.com', this.url), id: '00ub0oNGTSWTBKOLGLNS' }]);
    }
    if (path.endsWith('/factors/questions')) return reply(200, [{ question: 'disliked_food', questionText: 'What is the food you least liked as a child?' }]);
    if (path === '/api/v1/groups') return reply(200, [{ id: '00g1emaKYZTWRYYRRTSK', type: 'OKTA_GROUP', profile: { name: 'Everyone' } }]);
    return reply(200, USER(decodeURIComponent(path.split('/').pop() ?? ''), this.url));
  }
}
