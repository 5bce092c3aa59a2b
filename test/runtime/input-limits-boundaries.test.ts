/**
 * The input limits at their boundaries: each allows exactly N and refuses N + 1, with a user_input_error that
 * names the limit and the field. The raw-body scanner (`assertJsonText`, the service's edge) counts only JSON
 * structure, never what strings hold; the parsed-value walk (`assertWithinLimits`, the library's own bound)
 * names the path where the limit was passed.
 */
import { assertJsonText, assertWithinLimits, InputLimits } from '../../src/runtime/input-limits';
import { refusal } from '../support/failure';

describe('the raw-body scanner', () => {
  const limits = { maxDepth: 3, maxMembers: 3 };
  const scan = (text: string) => () => assertJsonText(text, limits);

  test('nesting: exactly maxDepth levels pass, one more is refused as the body’s', () => {
    expect(scan('[[[]]]')).not.toThrow();
    expect(scan('{"a":{"b":{}}}')).not.toThrow();
    for (const text of ['[[[[]]]]', '{"a":{"b":{"c":{}}}}', '{ "a" : [ 1 , { "b" : [ 2 ] } ] }']) {
      expect(refusal(scan(text)).toJSON()).toStrictEqual({
        type: 'user_input_error',
        message: 'The body is nested deeper than 3 levels (limit maxDepth)',
        retryable: false,
        fields: ['(body)'],
      });
    }
  });

  test('a closed container no longer counts: many siblings at a shallow depth pass', () => {
    expect(scan('[[],[],[]]')).not.toThrow();
    expect(scan('{"a":{},"b":{},"c":{}}')).not.toThrow();
    expect(scan('[{"a":[]},{"b":[]}]')).not.toThrow();
  });

  test('members: exactly maxMembers commas pass, one more is refused', () => {
    expect(scan('[1,2,3,4]')).not.toThrow();
    expect(refusal(scan('[1,2,3,4,5]')).toJSON()).toStrictEqual({
      type: 'user_input_error',
      message: 'The body holds more than 3 keys and array items (limit maxMembers)',
      retryable: false,
      fields: ['(body)'],
    });
  });

  test('brackets and commas inside strings do not count, nor after an escaped quote', () => {
    expect(scan('{"s":"[[[[,,,,]]]]"}')).not.toThrow();
    expect(scan('{"s":"say \\"[[[[,,,,\\" twice"}')).not.toThrow();
  });

  test('counting resumes once a string ends, also after an escaped backslash', () => {
    expect(refusal(scan('["x",[[[]]]]')).message).toBe('The body is nested deeper than 3 levels (limit maxDepth)');
    expect(refusal(scan('["a\\\\",[[[]]]]')).message).toBe('The body is nested deeper than 3 levels (limit maxDepth)');
    expect(refusal(scan('[{"a":"b","c":"d"},1,2,3]')).message).toBe('The body holds more than 3 keys and array items (limit maxMembers)');
  });
});

describe('the parsed-value walk', () => {
  const limits: InputLimits = { maxDepth: 3, maxMembers: 4, maxStringLength: 5 };
  const walk = (value: unknown, root?: string) => () => assertWithinLimits(value, limits, root);
  const refused = (value: unknown, root?: string) => {
    const error = refusal(walk(value, root));
    expect(error.type).toBe('user_input_error');
    return { message: error.message, fields: error.fields };
  };

  test('strings: exactly maxStringLength characters pass, one more is refused at its path', () => {
    expect(walk({ a: { b: 'xxxxx' }, list: ['12345'] })).not.toThrow();
    expect(refused({ a: { b: 'xxxxxx' } })).toEqual({ message: 'a.b is longer than 5 characters (limit maxStringLength)', fields: ['a.b'] });
    expect(refused({ list: ['ok', '123456'] }, 'input')).toEqual({ message: 'input.list[1] is longer than 5 characters (limit maxStringLength)', fields: ['input.list[1]'] });
  });

  test('a value with no path is the body', () => {
    expect(walk('xxxxx')).not.toThrow();
    expect(refused('xxxxxx')).toEqual({ message: '(body) is longer than 5 characters (limit maxStringLength)', fields: ['(body)'] });
    expect(refused('xxxxxx', 'input')).toEqual({ message: 'input is longer than 5 characters (limit maxStringLength)', fields: ['input'] });
  });

  test('keys: exactly maxStringLength characters pass, one more is refused naming the object that holds it', () => {
    expect(walk({ a: { abcde: 1 } })).not.toThrow();
    expect(refused({ a: { abcdef: 1 } })).toEqual({ message: 'A key in a is longer than 5 characters (limit maxStringLength)', fields: ['a'] });
    expect(refused({ abcdef: 1 })).toEqual({ message: 'A key in (body) is longer than 5 characters (limit maxStringLength)', fields: ['(body)'] });
  });

  test('nesting: exactly maxDepth levels of objects or arrays pass, one more is refused at the innermost container', () => {
    expect(walk({ a: { b: { c: 1 } } })).not.toThrow();
    expect(walk([[[null]]])).not.toThrow();
    expect(refused({ a: { b: { c: {} } } })).toEqual({ message: 'a.b.c is nested deeper than 3 levels (limit maxDepth)', fields: ['a.b.c'] });
    expect(refused([[[[]]]], 'input')).toEqual({ message: 'input[0][0][0] is nested deeper than 3 levels (limit maxDepth)', fields: ['input[0][0][0]'] });
  });

  test('the walk and the raw-body scanner agree on depth', () => {
    expect(() => assertJsonText('[[[]]]', limits)).not.toThrow();
    expect(walk(JSON.parse('[[[]]]'))).not.toThrow();
    expect(() => assertJsonText('[[[[]]]]', limits)).toThrow('limit maxDepth');
    expect(walk(JSON.parse('[[[[]]]]'))).toThrow('limit maxDepth');
  });

  test('members: exactly maxMembers keys and items over the whole body pass, one more is refused where it was passed', () => {
    expect(walk({ a: [1, 2], b: 3 })).not.toThrow();
    expect(refused({ a: [1, 2, 3], b: 3 })).toEqual({ message: 'The body holds more than 4 keys and array items (limit maxMembers); passed at a', fields: ['a'] });
  });

  test('a long key in a path is cut after 64 characters, so the message stays small', () => {
    const wide: InputLimits = { maxDepth: 3, maxMembers: 4, maxStringLength: 100 };
    const k64 = 'k'.repeat(64);
    const k65 = 'k'.repeat(65);
    const long = 'x'.repeat(101);
    expect(refusal(() => assertWithinLimits({ [k64]: long }, wide)).fields).toEqual([k64]);
    expect(refusal(() => assertWithinLimits({ [k65]: long }, wide, 'input')).fields).toEqual([`input.${k64}…`]);
  });
});
