import { newId, timestamp } from './ids';

/** Okta JSON objects as the sandbox stores them (without `_links`, which are rendered per response). */
export type OktaObject = Record<string, any>;

/** The state of one emulated Okta org, in memory. Each domain module (users, groups, ...) owns its part. */
export class SandboxOrg {
  readonly users = new Map<string, OktaObject>();
  readonly groups = new Map<string, OktaObject>();
  /** groupId → member user ids, in insertion order. */
  readonly memberships = new Map<string, Set<string>>();
  /** userId → factorId → factor. */
  readonly factors = new Map<string, Map<string, OktaObject>>();
  readonly userTypes = new Map<string, OktaObject>();
  /** schemaId (`osc…`) → user schema; `default` resolves to the default type's schema. */
  readonly userSchemas = new Map<string, OktaObject>();
  readonly logEvents: OktaObject[] = [];
  /** appId → app instance. */
  readonly apps = new Map<string, OktaObject>();
  /** appId → userId → the user's direct (`scope: USER`) assignment. */
  readonly appUsers = new Map<string, Map<string, OktaObject>>();
  /** appId → groupId → the group's assignment (its members get `scope: GROUP` app users). */
  readonly appGroups = new Map<string, Map<string, OktaObject>>();
  /** userId → the user's open Okta sessions and OAuth tokens (not readable through the Management API). */
  readonly sessions = new Map<string, { sessions: string[]; oauthTokens: string[] }>();
  /** The user the sandbox API token belongs to (the actor of System Log events). */
  adminId = '';

  /** Set once the server listens; request handlers should prefer `req.baseUrl`. */
  constructor(public baseUrl = '') {}

  /** Finds a user by id, login, or login short name (the part before `@`, when unambiguous). */
  findUser(idOrLogin: string): OktaObject | undefined {
    const byId = this.users.get(idOrLogin);
    if (byId) return byId;
    const wanted = idOrLogin.toLowerCase();
    const matches = [...this.users.values()].filter((u) => {
      const login = String(u.profile?.login ?? '').toLowerCase();
      return login === wanted || login.split('@')[0] === wanted;
    });
    const exact = matches.find((u) => String(u.profile?.login).toLowerCase() === wanted);
    return exact ?? (matches.length === 1 ? matches[0] : undefined);
  }

  /** Appends a System Log event for a write, as Okta does. */
  log(eventType: string, displayMessage: string, targets: Array<{ id: string; type: string; alternateId?: string; displayName?: string }>): void {
    const admin = this.users.get(this.adminId);
    const published = timestamp();
    this.logEvents.push({
      uuid: newId('evt').toLowerCase(),
      published,
      eventType,
      version: '0',
      severity: 'INFO',
      legacyEventType: null,
      displayMessage,
      actor: {
        id: this.adminId || '00usandboxadmin00000',
        type: 'User',
        alternateId: admin?.profile?.login ?? 'admin@sandbox.example.com',
        displayName: admin ? `${admin.profile.firstName} ${admin.profile.lastName}` : 'Sandbox Admin',
        detailEntry: null,
      },
      client: { userAgent: { rawUserAgent: 'okta-connector', os: 'Unknown', browser: 'UNKNOWN' }, zone: 'null', device: 'Unknown', id: null, ipAddress: '127.0.0.1', geographicalContext: null },
      outcome: { result: 'SUCCESS', reason: null },
      target: targets.map((t) => ({ alternateId: t.id, displayName: t.id, detailEntry: null, ...t })),
      transaction: { type: 'WEB', id: newId('trx'), detail: {} },
      debugContext: { debugData: {} },
      authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: newId('trs') },
      securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
      request: { ipChain: [] },
    });
  }
}
