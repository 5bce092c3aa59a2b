import { ConnectorError } from '../../src/core/errors';
import { credentialsFrom, strictQuery, userWriteBody } from '../../src/okta/user-body';

describe('userWriteBody', () => {
  test('maps snake_case fields to Okta profile, credentials and type', () => {
    expect(userWriteBody({ profile: { department: 'R&D', manager: null }, password: 'tlpWENT2m', recovery_question: 'Q?', recovery_answer: 'A', type_id: 'oty1' })).toEqual({
      profile: { department: 'R&D', manager: null },
      credentials: { password: { value: 'tlpWENT2m' }, recovery_question: { question: 'Q?', answer: 'A' } },
      type: { id: 'oty1' },
    });
  });

  test('leaves out everything not given, so a partial update never sends empty objects', () => {
    expect(userWriteBody({})).toEqual({});
    expect(userWriteBody({ profile: { title: 'Director' } })).toEqual({ profile: { title: 'Director' } });
    expect(credentialsFrom({ profile: { title: 'Director' } })).toBeUndefined();
  });

  test.each([
    [{ recovery_question: 'Q?' }, 'recovery_answer'],
    [{ recovery_answer: 'A' }, 'recovery_question'],
  ])('refuses half a recovery question %j, naming %s', (fields, missing) => {
    let error: unknown;
    try {
      credentialsFrom(fields);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).type).toBe('user_input_error');
    expect((error as ConnectorError).fields).toEqual([missing]);
  });
});

test('strictQuery only sends strict along with a password', () => {
  expect(strictQuery({ password: 'x' }, false)).toEqual({ strict: false });
  expect(strictQuery({ password: 'x' }, true)).toEqual({ strict: true });
  expect(strictQuery({ profile: { a: 1 } }, true)).toEqual({});
  expect(strictQuery({ password: 'x' }, undefined)).toEqual({});
});
