import { ConnectorError } from '../../src/core/errors';
import { appOptionText, groupGrantError, profileHas } from '../../src/okta/app-assignment';
import { alreadyDone } from '../../src/okta/safe-rerun';

describe('profileHas', () => {
  test('true when every given attribute already has that value, nested values compared as JSON', () => {
    expect(profileHas({ role: 'Editor', groups: ['a', 'b'], extra: 1 }, { role: 'Editor', groups: ['a', 'b'] })).toBe(true);
    expect(profileHas({ role: 'Editor' }, undefined)).toBe(true);
    expect(profileHas(undefined, {})).toBe(true);
  });
  test('false on a different, missing or reordered value; null matches an absent attribute', () => {
    expect(profileHas({ role: 'Editor' }, { role: 'Viewer' })).toBe(false);
    expect(profileHas({}, { role: 'Viewer' })).toBe(false);
    expect(profileHas({ groups: ['a', 'b'] }, { groups: ['b', 'a'] })).toBe(false);
    expect(profileHas({}, { manager: null })).toBe(true);
  });
});

describe('appOptionText', () => {
  test('label with the key name and sign-on mode, so same-label apps differ', () => {
    expect(appOptionText({ id: '0oa1', label: 'Salesforce', name: 'salesforce', signOnMode: 'SAML_2_0' })).toBe('Salesforce (salesforce, SAML_2_0)');
    expect(appOptionText({ id: '0oa2', label: 'Salesforce', name: 'salesforce', signOnMode: 'AUTO_LOGIN' })).toBe('Salesforce (salesforce, AUTO_LOGIN)');
    expect(appOptionText({ id: '0oa3' })).toBe('0oa3');
  });
});

describe('alreadyDone', () => {
  test('changed: false by default; a user_input_error naming the fields with fail_if_unchanged', () => {
    expect(alreadyDone({}, 'x')).toEqual({ changed: false });
    expect(alreadyDone({ fail_if_unchanged: false }, 'x')).toEqual({ changed: false });
    let error: unknown;
    try {
      alreadyDone({ fail_if_unchanged: true }, 'the group is gone', ['group_id']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).toJSON()).toMatchObject({ type: 'user_input_error', fields: ['group_id'], message: expect.stringContaining('the group is gone') });
  });
});

describe('groupGrantError', () => {
  test('keeps Okta\'s status, code and request id when Okta refused', () => {
    const refusal = new ConnectorError('permission_error', 'Okta HTTP 403 E0000046', { status: 403, okta: { errorCode: 'E0000046' }, requestId: 'req1' });
    expect(groupGrantError('00u1', '0oa1', refusal).toJSON()).toMatchObject({ type: 'user_input_error', status: 403, okta: { errorCode: 'E0000046' }, requestId: 'req1', fields: ['user_id'] });
    expect(groupGrantError('00u1', '0oa1').toJSON()).not.toHaveProperty('status');
  });
});
