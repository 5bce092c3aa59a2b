/**
 * The event types the sandbox lets an event hook subscribe to. The sandbox shares no code with the connector, so
 * this mirrors the connector's dropdown list (src/okta/event-hook-types.ts); test/sandbox/event-hooks.test.ts
 * fails when the two drift apart. Okta refuses types outside its event-hook-eligible catalog.
 */
export const ELIGIBLE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'user.lifecycle.create', 'user.lifecycle.activate', 'user.lifecycle.deactivate', 'user.lifecycle.reactivate',
  'user.lifecycle.suspend', 'user.lifecycle.unsuspend', 'user.lifecycle.delete.initiated', 'user.lifecycle.delete.completed',
  'user.account.update_profile', 'user.account.update_password', 'user.account.reset_password', 'user.account.expire_password',
  'user.account.lock', 'user.account.unlock', 'user.account.unlock_by_admin', 'user.account.privilege.grant',
  'user.account.privilege.revoke', 'user.session.start', 'user.session.end', 'user.session.clear', 'user.authentication.sso',
  'user.authentication.auth_via_mfa', 'user.mfa.factor.activate', 'user.mfa.factor.deactivate', 'user.mfa.factor.reset_all',
  'user.mfa.factor.update', 'user.mfa.okta_verify.deny_push', 'group.user_membership.add', 'group.user_membership.remove',
  'group.lifecycle.create', 'group.lifecycle.delete', 'group.profile.update', 'application.user_membership.add',
  'application.user_membership.remove', 'application.user_membership.change_username', 'application.lifecycle.create',
  'application.lifecycle.activate', 'application.lifecycle.deactivate', 'application.lifecycle.delete',
  'policy.lifecycle.create', 'policy.lifecycle.update', 'policy.lifecycle.delete', 'system.api_token.create',
  'system.api_token.revoke',
]);
