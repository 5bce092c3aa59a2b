/**
 * The user_input_error a schema failure becomes: its message (what a builder reads) and `fields` (what a form
 * highlights), per JSON Schema keyword, validated by the connector's own ajv setup.
 */
import { ErrorObject } from 'ajv';
import { ConnectorError } from '../../src/core/errors';
import { createAjv, JsonSchema } from '../../src/runtime/schema-store';
import { inputError, MAX_REPORTED_ERRORS } from '../../src/runtime/validation';

const ajv = createAjv();

/** The error `input` gets from `schema`, as the dispatcher builds it. */
function errorFor(schema: JsonSchema, input: unknown): ConnectorError {
  const validate = ajv.compile(schema);
  expect(validate(input)).toBe(false);
  return inputError(validate.errors);
}

const expectError = (error: ConnectorError, message: string, fields: string[]) => {
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error).toMatchObject({ type: 'user_input_error', message, fields });
};

describe('field paths', () => {
  const profile: JsonSchema = {
    type: 'object',
    properties: { profile: { type: 'object', properties: { login: { type: 'string' }, 'a/b': { type: 'string' }, 'a~b': { type: 'string' } }, required: ['login'] } },
  };

  test('a missing nested property is "parent.child is required"', () => {
    expectError(errorFor(profile, { profile: {} }), 'Invalid input: profile.login is required', ['profile.login']);
  });

  test('a nested value is named by its dotted path', () => {
    expectError(errorFor(profile, { profile: { login: 7 } }), 'Invalid input: profile.login must be string', ['profile.login']);
  });

  test('a key holding "/" or "~" is named as written, not JSON-pointer escaped', () => {
    expectError(errorFor(profile, { profile: { login: 'x', 'a/b': 1 } }), 'Invalid input: profile.a/b must be string', ['profile.a/b']);
    expectError(errorFor(profile, { profile: { login: 'x', 'a~b': 1 } }), 'Invalid input: profile.a~b must be string', ['profile.a~b']);
  });

  test('a problem with the input as a whole is named "(input)"', () => {
    expectError(errorFor({ type: 'object' }, []), 'Invalid input: (input) must be object', ['(input)']);
  });

  test('a field path of 200 characters is kept whole; from 201 it is cut to 200 and marked "…"', () => {
    const schema: JsonSchema = { type: 'object', additionalProperties: false };
    const at200 = 'k'.repeat(200);
    expectError(errorFor(schema, { [at200]: 1 }), `Invalid input: ${at200} is not a known field`, [at200]);
    const cut = `${'k'.repeat(200)}…`;
    expectError(errorFor(schema, { [`${'k'.repeat(201)}`]: 1 }), `Invalid input: ${cut} is not a known field`, [cut]);
  });
});

describe('wording per keyword', () => {
  test('required: "is required"', () => {
    expectError(errorFor({ type: 'object', properties: { user_id: { type: 'string' } }, required: ['user_id'] }, {}), 'Invalid input: user_id is required', ['user_id']);
  });

  test('additionalProperties: "is not a known field"', () => {
    expectError(errorFor({ type: 'object', additionalProperties: false }, { extra: 1 }), 'Invalid input: extra is not a known field', ['extra']);
  });

  test('enum: "must be one of" the allowed values as JSON', () => {
    const schema: JsonSchema = { type: 'object', properties: { order: { enum: ['asc', 'desc', 1, null] } } };
    expectError(errorFor(schema, { order: 'up' }), 'Invalid input: order must be one of "asc", "desc", 1, null', ['order']);
  });

  test("other keywords: ajv's own message", () => {
    const schema: JsonSchema = { type: 'object', properties: { limit: { type: 'integer', maximum: 200 } } };
    expectError(errorFor(schema, { limit: 201 }), 'Invalid input: limit must be <= 200', ['limit']);
  });

  test('an error without a message (a custom keyword) "is invalid"', () => {
    const error: ErrorObject = { keyword: 'lookup', instancePath: '/group_id', schemaPath: '#/properties/group_id/lookup', params: {} };
    expectError(inputError([error]), 'Invalid input: group_id is invalid', ['group_id']);
  });

  test('several problems are joined with "; " in the order ajv found them', () => {
    const schema: JsonSchema = { type: 'object', properties: { user_id: { type: 'string' }, limit: { type: 'integer', maximum: 200 } }, required: ['user_id'], additionalProperties: false };
    expectError(errorFor(schema, { limit: 201, extra: true }), 'Invalid input: user_id is required; extra is not a known field; limit must be <= 200', [
      'user_id',
      'extra',
      'limit',
    ]);
  });
});

describe('if / anyOf / oneOf wrappers are not reported, only what failed inside them', () => {
  const IDS = { user_id: { type: 'string' }, login: { type: 'string' } };

  test('if/then: the missing field, without "must match then schema"', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { kind: { type: 'string' }, a_id: { type: 'string' } },
      if: { properties: { kind: { const: 'a' } }, required: ['kind'] },
      then: { properties: { a_id: { type: 'string' } }, required: ['a_id'] },
    };
    expectError(errorFor(schema, { kind: 'a' }), 'Invalid input: a_id is required', ['a_id']);
  });

  test('anyOf: each branch problem once, without "must match a schema in anyOf"', () => {
    const schema: JsonSchema = { type: 'object', properties: IDS, anyOf: [{ properties: IDS, required: ['user_id'] }, { properties: IDS, required: ['user_id', 'login'] }] };
    expectError(errorFor(schema, {}), 'Invalid input: user_id is required; login is required', ['user_id', 'login']);
  });

  test('oneOf: the branch problems, without "must match exactly one schema in oneOf"', () => {
    const schema: JsonSchema = { type: 'object', properties: IDS, oneOf: [{ properties: IDS, required: ['user_id'] }, { properties: IDS, required: ['login'] }] };
    expectError(errorFor(schema, {}), 'Invalid input: user_id is required; login is required', ['user_id', 'login']);
  });

  test('a failure that is only a wrapper "does not match the operation schema", with no field', () => {
    const schema: JsonSchema = { oneOf: [{ type: 'string' }, { type: 'string', minLength: 1 }] };
    expectError(errorFor(schema, 'x'), 'Invalid input: does not match the operation schema', []);
  });

  test('no errors at all say the same', () => {
    expectError(inputError(null), 'Invalid input: does not match the operation schema', []);
    expectError(inputError([]), 'Invalid input: does not match the operation schema', []);
  });
});

describe(`at most ${MAX_REPORTED_ERRORS} problems are listed`, () => {
  const strict: JsonSchema = { type: 'object', additionalProperties: false };
  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
  const listed = (n: number) => Array.from({ length: n }, (_, i) => `k${i} is not a known field`).join('; ');
  const names = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`);

  test('exactly 20: all of them, no count', () => {
    expectError(errorFor(strict, keys(20)), `Invalid input: ${listed(20)}`, names(20));
  });

  test('21: the first 20 and "and 1 more problem"', () => {
    expectError(errorFor(strict, keys(21)), `Invalid input: ${listed(20)}; and 1 more problem`, names(20));
  });

  test('22: the first 20 and "and 2 more problems"', () => {
    expectError(errorFor(strict, keys(22)), `Invalid input: ${listed(20)}; and 2 more problems`, names(20));
  });

  test('a repeated problem counts once, in the list and in the count', () => {
    const validate = ajv.compile(strict);
    validate(keys(21));
    expectError(inputError([...validate.errors!, ...validate.errors!]), `Invalid input: ${listed(20)}; and 1 more problem`, names(20));
  });
});
