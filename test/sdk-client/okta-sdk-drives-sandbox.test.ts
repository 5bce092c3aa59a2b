/**
 * An independent client: Okta's own Node SDK (@okta/okta-sdk-nodejs 8.1.0) drives the sandbox across every
 * emulated family, and each step asserts what Okta answers (its spec and docs), not what the sandbox happens to
 * do. One `test` per SDK step; the steps of a family share state and run in order.
 */
import * as okta from '@okta/okta-sdk-nodejs';
import { RunningSandbox, SANDBOX_PASS_CODE, SANDBOX_PASSWORD, SandboxExchange, startSandbox } from '../../src/sandbox';

let sandbox: RunningSandbox;
const exchanges: SandboxExchange[] = [];
let client: okta.Client;

/** The Okta error the SDK threw, or a failure when the call succeeded. */
async function oktaFailure(call: Promise<unknown>): Promise<okta.OktaApiError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof okta.OktaApiError) return error;
    throw error;
  }
  throw new Error('the call succeeded; Okta refuses it');
}
const causes = (error: okta.OktaApiError) => (error.errorCauses ?? []).map((c) => c.errorSummary);

async function all<T>(collection: Promise<okta.Collection<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of await collection) if (item) items.push(item);
  return items;
}

const profile = (first: string, last: string) => {
  const login = `${first}.${last}@example.com`.toLowerCase();
  return { firstName: first, lastName: last, login, email: login };
};

beforeAll(async () => {
  sandbox = await startSandbox({ users: 40, onExchange: (exchange) => exchanges.push(exchange) });
  // No cache, so every step reaches the sandbox (TOOLING.md); the sandbox's URL is plain http on loopback.
  client = new okta.Client({ orgUrl: sandbox.url, token: sandbox.token, cacheMiddleware: null } as ConstructorParameters<typeof okta.Client>[0]);
});

afterAll(() => sandbox.close());

describe('users and lifecycle', () => {
  let userId = '';

  test('listUsers search finds the README\'s Alice', async () => {
    const users = await all(client.userApi.listUsers({ search: 'profile.firstName sw "Al"' }));
    expect(users.map((u) => u.profile?.login)).toContain('alice.smith@example.com');
  });

  test('createUser with activate=false is STAGED (spec "User creation scenarios")', async () => {
    const user = await client.userApi.createUser({ body: { profile: profile('Sdk', 'Stager') }, activate: false });
    expect(user.status).toBe('STAGED');
    userId = user.id!;
  });

  test('activateUser without a password leaves the user PROVISIONED and returns the activation link', async () => {
    const token = await client.userApi.activateUser({ userId: userId, sendEmail: false });
    expect(token.activationUrl).toContain('/tokens/');
    expect((await client.userApi.getUser({ userId: userId })).status).toBe('PROVISIONED');
  });

  test('updateUser setting a password activates the PROVISIONED user', async () => {
    const user = await client.userApi.updateUser({ userId, user: { credentials: { password: { value: 'Sdk-Pass-1234' } } } });
    expect(user.status).toBe('ACTIVE');
  });

  test('updateUser with the user exactly as getUser read it answers 200 (read-modify-write)', async () => {
    const read = await client.userApi.getUser({ userId: userId });
    read.profile!.nickName = 'Sdk';
    const written = await client.userApi.updateUser({ userId, user: read as okta.UpdateUserRequest });
    expect(written.profile?.nickName).toBe('Sdk');
    // What the SDK sent is the read user, empty password object included.
    const sent = exchanges.filter((e) => e.method === 'POST' && e.path === `/api/v1/users/${userId}`).pop()!.requestBody as any;
    expect(sent.credentials).toMatchObject({ password: {}, provider: { type: 'OKTA' } });
  });

  test('replaceUser replaces the profile', async () => {
    const user = await client.userApi.replaceUser({ userId: userId, user: { profile: { ...profile('Sdk', 'Stager'), title: 'Replaced' } } });
    expect(user.profile).toMatchObject({ title: 'Replaced' });
    expect(user.profile?.nickName).toBeUndefined();
  });

  test('suspendUser then unsuspendUser: SUSPENDED, then ACTIVE', async () => {
    await client.userApi.suspendUser({ userId: userId });
    expect((await client.userApi.getUser({ userId: userId })).status).toBe('SUSPENDED');
    await client.userApi.unsuspendUser({ userId: userId });
    expect((await client.userApi.getUser({ userId: userId })).status).toBe('ACTIVE');
  });

  test('unlockUser of an ACTIVE user that is not device-blocked is 403 E0000032', async () => {
    const error = await oktaFailure(client.userApi.unlockUser({ userId: userId }));
    expect({ status: error.status, code: error.errorCode }).toEqual({ status: 403, code: 'E0000032' });
  });

  test('createUser with an attribute the schema lacks is 400 E0000001 "not defined in profile"', async () => {
    const error = await oktaFailure(client.userApi.createUser({ body: { profile: { ...profile('Sdk', 'Bogus'), bogusField: 'zzz' } }, activate: false }));
    expect({ status: error.status, code: error.errorCode, causes: causes(error) }).toEqual({ status: 400, code: 'E0000001', causes: ["Property name 'bogusField' is not defined in profile"] });
  });

  test('listUsers filter on a property filter does not support is 400 E0000031', async () => {
    const error = await oktaFailure(all(client.userApi.listUsers({ filter: 'profile.department eq "Sales"' })));
    expect({ status: error.status, code: error.errorCode }).toEqual({ status: 400, code: 'E0000031' });
  });

  test('listUsers search with ne is 400 E0000031', async () => {
    const error = await oktaFailure(all(client.userApi.listUsers({ search: 'status ne "ACTIVE"' })));
    expect({ status: error.status, code: error.errorCode }).toEqual({ status: 400, code: 'E0000031' });
  });

  test('deactivateUser then deleteUser; getUser is then 404 E0000007', async () => {
    await client.userApi.deactivateUser({ userId: userId });
    await client.userApi.deleteUser({ userId: userId });
    const error = await oktaFailure(client.userApi.getUser({ userId: userId }));
    expect({ status: error.status, code: error.errorCode }).toEqual({ status: 404, code: 'E0000007' });
  });
});

describe('credentials', () => {
  test('changePassword with the current password answers the credentials', async () => {
    const bob = sandbox.org.findUser('bob.jones@example.com')!;
    const credentials = await client.userApi.changePassword({ userId: bob.id, changePasswordRequest: { oldPassword: { value: SANDBOX_PASSWORD }, newPassword: { value: 'Bobs-New-Pass-77' } } });
    expect(credentials.provider).toMatchObject({ type: 'OKTA' });
  });

  test('changePassword with a wrong current password is 403 E0000014', async () => {
    const bob = sandbox.org.findUser('bob.jones@example.com')!;
    const error = await oktaFailure(client.userApi.changePassword({ userId: bob.id, changePasswordRequest: { oldPassword: { value: 'wrong-one-1' }, newPassword: { value: 'Bobs-Newer-Pass-78' } } }));
    expect({ status: error.status, code: error.errorCode }).toEqual({ status: 403, code: 'E0000014' });
  });

  test('changeRecoveryQuestion keeps the question, never the answer', async () => {
    const bob = sandbox.org.findUser('bob.jones@example.com')!;
    const credentials = await client.userApi.changeRecoveryQuestion({ userId: bob.id, userCredentials: { password: { value: 'Bobs-New-Pass-77' }, recovery_question: { question: 'First car?', answer: 'Beetle' } } });
    expect(credentials.recovery_question?.question).toBe('First car?');
    expect(JSON.stringify(credentials)).not.toContain('Beetle');
  });
});

describe('groups and members', () => {
  let groupId = '';
  const alice = () => sandbox.org.findUser('alice.smith@example.com')!;

  test('createGroup answers an OKTA_GROUP', async () => {
    const group = await client.groupApi.createGroup({ group: { profile: { name: 'SDK Auditors', description: 'made by the SDK' } } });
    expect(group.type).toBe('OKTA_GROUP');
    groupId = group.id!;
  });

  test('createGroup with a name already taken is 400 E0000001', async () => {
    const error = await oktaFailure(client.groupApi.createGroup({ group: { profile: { name: 'SDK Auditors' } } }));
    expect({ status: error.status, code: error.errorCode }).toEqual({ status: 400, code: 'E0000001' });
  });

  test('assignUserToGroup, then listGroupUsers shows the member', async () => {
    await client.groupApi.assignUserToGroup({ groupId, userId: alice().id });
    expect((await all(client.groupApi.listGroupUsers({ groupId }))).map((u) => u.id)).toEqual([alice().id]);
  });

  test('listGroups search by name prefix', async () => {
    const groups = await all(client.groupApi.listGroups({ search: 'profile.name sw "SDK"' }));
    expect(groups.map((g) => g.id)).toEqual([groupId]);
  });

  test('replaceGroup changes the description', async () => {
    const group = await client.groupApi.replaceGroup({ groupId, group: { profile: { name: 'SDK Auditors', description: 'replaced' } } });
    expect(group.profile?.description).toBe('replaced');
  });

  test('unassignUserFromGroup, then deleteGroup; getGroup is 404 E0000007', async () => {
    await client.groupApi.unassignUserFromGroup({ groupId, userId: alice().id });
    expect(await all(client.groupApi.listGroupUsers({ groupId }))).toEqual([]);
    await client.groupApi.deleteGroup({ groupId });
    const error = await oktaFailure(client.groupApi.getGroup({ groupId }));
    expect({ status: error.status, code: error.errorCode }).toEqual({ status: 404, code: 'E0000007' });
  });
});

describe('factors, including push and verify', () => {
  let userId = '';
  let smsId = '';
  let pushId = '';

  beforeAll(async () => {
    const user = await client.userApi.createUser({ body: { profile: profile('Sdk', 'Factors'), credentials: { password: { value: 'Factor-Pass-99' } } }, activate: true });
    userId = user.id!;
  });

  test('listSupportedFactors lists the policy, push included', async () => {
    const catalog = await all(client.userFactorApi.listSupportedFactors({ userId }));
    expect(catalog.map((f) => f.factorType)).toEqual(expect.arrayContaining(['sms', 'push', 'token:software:totp', 'question']));
  });

  test('listSupportedSecurityQuestions has Okta\'s 20 questions', async () => {
    expect(await all(client.userFactorApi.listSupportedSecurityQuestions({ userId }))).toHaveLength(20);
  });

  test('enrollFactor sms is PENDING_ACTIVATION', async () => {
    const factor = await client.userFactorApi.enrollFactor({ userId, body: { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+14155550123' } } as okta.UserFactor });
    expect(factor.status).toBe('PENDING_ACTIVATION');
    smsId = factor.id!;
  });

  test('activateFactor with the pass code makes it ACTIVE', async () => {
    const factor = await client.userFactorApi.activateFactor({ userId, factorId: smsId, body: { passCode: SANDBOX_PASS_CODE } });
    expect((factor as okta.UserFactor).status).toBe('ACTIVE');
  });

  test('verifyFactor sms: a challenge without passCode, SUCCESS with it', async () => {
    const challenge = await client.userFactorApi.verifyFactor({ userId, factorId: smsId });
    expect(challenge.factorResult).toBe('CHALLENGE');
    const verified = await client.userFactorApi.verifyFactor({ userId, factorId: smsId, body: { passCode: SANDBOX_PASS_CODE } });
    expect(verified.factorResult).toBe('SUCCESS');
  });

  test('verifyFactor with a wrong passcode is 403 E0000068', async () => {
    const error = await oktaFailure(client.userFactorApi.verifyFactor({ userId, factorId: smsId, body: { passCode: '000000' } }));
    expect({ status: error.status, code: error.errorCode }).toEqual({ status: 403, code: 'E0000068' });
  });

  test('enrollFactor push is PENDING_ACTIVATION with an activation WAITING', async () => {
    const factor = await client.userFactorApi.enrollFactor({ userId, body: { factorType: 'push', provider: 'OKTA' } as okta.UserFactor });
    expect(factor.status).toBe('PENDING_ACTIVATION');
    expect((factor._embedded as any)?.activation?.factorResult).toBe('WAITING');
    pushId = factor.id!;
  });

  test('activateFactor push makes it ACTIVE', async () => {
    expect(((await client.userFactorApi.activateFactor({ userId, factorId: pushId })) as okta.UserFactor).status).toBe('ACTIVE');
  });

  test('verifyFactor push is WAITING; getFactorTransactionStatus then SUCCESS', async () => {
    const waiting = await client.userFactorApi.verifyFactor({ userId, factorId: pushId });
    expect(waiting.factorResult).toBe('WAITING');
    const transactionId = String((waiting._links as any).poll.href).split('/').pop()!;
    expect((await client.userFactorApi.getFactorTransactionStatus({ userId, factorId: pushId, transactionId })).factorResult).toBe('SUCCESS');
  });

  test('enrollFactor push with provider YUBICO is refused: "Factor not enabled."', async () => {
    const error = await oktaFailure(client.userFactorApi.enrollFactor({ userId, body: { factorType: 'push', provider: 'YUBICO' } as okta.UserFactor }));
    expect({ status: error.status, causes: causes(error) }).toEqual({ status: 400, causes: ['Factor not enabled.'] });
  });

  test('listFactors, then unenrollFactor removes the sms factor', async () => {
    expect((await all(client.userFactorApi.listFactors({ userId }))).map((f) => f.factorType).sort()).toEqual(['push', 'sms']);
    await client.userFactorApi.unenrollFactor({ userId, factorId: smsId });
    expect((await all(client.userFactorApi.listFactors({ userId }))).map((f) => f.factorType)).toEqual(['push']);
  });
});

describe('schemas and types', () => {
  let typeId = '';

  test('getUserSchema default has the base four required and the demo custom attributes', async () => {
    const schema = await client.schemaApi.getUserSchema({ schemaId: 'default' });
    expect(schema.definitions?.base?.required).toEqual(['login', 'firstName', 'lastName', 'email']);
    expect(Object.keys(schema.definitions?.custom?.properties ?? {})).toEqual(expect.arrayContaining(['badgeId', 'region']));
  });

  test('updateUserProfile adds a custom attribute, and null removes it', async () => {
    const added = await client.schemaApi.updateUserProfile({ schemaId: 'default', userSchema: { definitions: { custom: { id: '#custom', type: 'object', properties: { sdkLevel: { title: 'SDK level', type: 'integer' } } } } } as okta.UserSchema });
    expect((added.definitions?.custom?.properties as any).sdkLevel).toMatchObject({ type: 'integer' });
    const removed = await client.schemaApi.updateUserProfile({ schemaId: 'default', userSchema: { definitions: { custom: { id: '#custom', type: 'object', properties: { sdkLevel: null } } } } as unknown as okta.UserSchema });
    expect((removed.definitions?.custom?.properties as any).sdkLevel).toBeUndefined();
  });

  test('listUserTypes has the default User type and the Contractor type', async () => {
    const types = await all(client.userTypeApi.listUserTypes());
    expect(types.map((t) => t.name).sort()).toEqual(['contractor', 'user']);
  });

  test('createUserType answers the type with its schema link', async () => {
    const type = await client.userTypeApi.createUserType({ userType: { name: 'sdkPartner', displayName: 'SDK partner', description: 'from the SDK' } });
    expect(type._default).toBe(false);
    typeId = type.id!;
  });

  test('updateUserType and replaceUserType change the display name', async () => {
    expect((await client.userTypeApi.updateUserType({ typeId, userType: { displayName: 'SDK partners' } })).displayName).toBe('SDK partners');
    expect((await client.userTypeApi.replaceUserType({ typeId, userType: { name: 'sdkPartner', displayName: 'SDK partner', description: 'again' } })).description).toBe('again');
  });

  test('deleteUserType, then getUserType is 404 E0000007', async () => {
    await client.userTypeApi.deleteUserType({ typeId });
    const error = await oktaFailure(client.userTypeApi.getUserType({ typeId }));
    expect({ status: error.status, code: error.errorCode }).toEqual({ status: 404, code: 'E0000007' });
  });
});

describe('System Log', () => {
  test('listLogEvents (bounded) holds the writes above', async () => {
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const until = new Date(Date.now() + 60_000).toISOString();
    const events = await all(client.systemLogApi.listLogEvents({ since, until, filter: 'eventType eq "user.lifecycle.create"' }));
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  test('listLogEvents with since over 180 days back is 400 E0000053', async () => {
    const error = await oktaFailure(all(client.systemLogApi.listLogEvents({ since: new Date(Date.now() - 181 * 86_400_000).toISOString() })));
    expect({ status: error.status, code: error.errorCode, summary: error.errorSummary }).toEqual({ status: 400, code: 'E0000053', summary: 'Invalid parameter: The since parameter is over 180 days prior to the current day.' });
  });
});
