import { invoke } from '../../src';
import { assertJsonText, assertWithinLimits } from '../../src/runtime/input-limits';
import { SAMPLE_AUTH } from '../support/sample-harness';
import { failure } from '../support/failure';

const deep = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

test('the library refuses an input nested 5,000 deep with a user_input_error, before any request', async () => {
  const error = await failure(invoke('raw_http_request', { method: 'POST', path: '/api/v1/users', body: deep(5_000) }, { auth: SAMPLE_AUTH }));
  expect(error.toJSON()).toMatchObject({ type: 'user_input_error', fields: [expect.stringMatching(/^input\.body(\[0\])+$/)] });
  expect(error.message).toContain('limit maxDepth');
});

test('limits name the field and the limit', () => {
  expect(() => assertWithinLimits({ a: { b: 'x'.repeat(70_000) } })).toThrow('a.b is longer than 65536 characters (limit maxStringLength)');
  expect(() => assertWithinLimits({ list: new Array(10_001).fill(0) })).toThrow('limit maxMembers');
  expect(() => assertWithinLimits({ fine: [1, 2, { three: 'x'.repeat(1000) }] })).not.toThrow();
  const text = { maxDepth: 4, maxMembers: 3 };
  expect(() => assertJsonText('{"s":"[[[[[[[[[[[[,,,,,,,,,,,,,[[[[[[[[[[[[[[[["}', text)).not.toThrow();
  expect(() => assertJsonText('[[[[[]]]]]', text)).toThrow('limit maxDepth');
  expect(() => assertJsonText('[1,2,3,4]', text)).not.toThrow();
  expect(() => assertJsonText('[1,2,3,4,5]', text)).toThrow('limit maxMembers');
});
