import { userInputError } from '../core/errors';

/** The user fields create_user, update_user and set_user_password share, as a builder types them. */
export interface UserWriteFields {
  profile?: Record<string, unknown>;
  password?: string;
  recovery_question?: string;
  recovery_answer?: string;
  type_id?: string;
}

export interface OktaUserCredentialsWrite {
  password?: { value: string };
  recovery_question?: { question: string; answer: string };
  provider?: { type: string; name: string };
}

/** The body Okta's create (`CreateUserRequest`) and update (`UpdateUserRequest`) calls share. */
export interface OktaUserWriteBody {
  profile?: Record<string, unknown>;
  credentials?: OktaUserCredentialsWrite;
  type?: { id: string };
}

/** Okta's `credentials` for the given fields, or undefined when none was given. */
export function credentialsFrom(fields: UserWriteFields): OktaUserCredentialsWrite | undefined {
  const hasQuestion = fields.recovery_question !== undefined;
  const hasAnswer = fields.recovery_answer !== undefined;
  if (hasQuestion !== hasAnswer) {
    const missing = hasQuestion ? 'recovery_answer' : 'recovery_question';
    throw userInputError(`Invalid input: ${missing} is required when ${hasQuestion ? 'recovery_question' : 'recovery_answer'} is given (Okta sets the question and its answer together)`, [missing]);
  }
  const credentials: OktaUserCredentialsWrite = {};
  if (fields.password !== undefined) credentials.password = { value: fields.password };
  if (hasQuestion) credentials.recovery_question = { question: fields.recovery_question!, answer: fields.recovery_answer! };
  return Object.keys(credentials).length > 0 ? credentials : undefined;
}

/** Maps the snake_case fields to Okta's `{profile, credentials, type}`, leaving out what was not given. */
export function userWriteBody(fields: UserWriteFields): OktaUserWriteBody {
  const body: OktaUserWriteBody = {};
  if (fields.profile !== undefined) body.profile = fields.profile;
  const credentials = credentialsFrom(fields);
  if (credentials) body.credentials = credentials;
  if (fields.type_id !== undefined) body.type = { id: fields.type_id };
  return body;
}

/** Password policy checks (`strict`) only mean something when a password is sent. */
export function strictQuery(fields: UserWriteFields, strict: boolean | undefined): { strict?: boolean } {
  return fields.password !== undefined && strict !== undefined ? { strict } : {};
}
