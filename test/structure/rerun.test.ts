import { getRegistry } from '../../src/runtime/registry';

// Workflow platforms re-run a step after a crash or a timeout: every write operation says what a second call does.
const writes = [...getRegistry().operations.values()].filter((op) =>
  Object.values(op.samples()).some((sample) => sample.exchanges.some((exchange) => exchange.request.method !== 'GET')),
);

test('the write operations are found from their samples', () => {
  expect(writes.map((op) => op.meta.name)).toEqual(expect.arrayContaining(['create_user', 'delete_user', 'add_user_to_group', 'raw_http_request']));
});

test.each(writes.map((op) => [op.meta.name, op] as const))('%s documents its re-run', (_name, op) => {
  expect(op.meta.description).toMatch(/Re-run: \S/);
});

test.each(writes.filter((op) => 'fail_if_unchanged' in ((op.inputSchema as { properties?: object }).properties ?? {})).map((op) => [op.meta.name, op] as const))(
  '%s, which can find its end state reached, says so in `changed`',
  (_name, op) => {
    expect((op.outputSchema as { required?: string[] }).required).toContain('changed');
    expect(op.meta.description).toContain('`changed: false`');
  },
);
