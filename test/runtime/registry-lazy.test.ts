import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/core/package-files';
import { getRegistry, Registry, validateRegistry } from '../../src/runtime/registry';

describe('lazy registry', () => {
  const root = packageRoot();
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-lazy-'));
    for (const entry of ['schemas', 'connector.json', 'operations/get_user', 'operations/list_users_ddl']) {
      fs.cpSync(path.join(root, entry), path.join(tmp, entry), { recursive: true });
    }
    const file = path.join(tmp, 'operations/get_user/input.schema.json');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    schema.properties.user_id.type = 'strng';
    fs.writeFileSync(file, JSON.stringify(schema));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('defers a broken schema to its first use, and compileAll() reports it', () => {
    const registry = new Registry(tmp, { lazy: true });
    expect(() => registry.get('list_users_ddl')!.validateInput).not.toThrow();
    expect(() => registry.get('get_user')!.validateInput).toThrow(/"get_user".*input schema does not compile/);
    expect(() => new Registry(tmp, { lazy: true }).compileAll()).toThrow(/"get_user".*input schema does not compile/);
  });

  test('still checks files and lookups at once', () => {
    fs.rmSync(path.join(tmp, 'operations/get_user/output.schema.json'));
    expect(() => new Registry(tmp, { lazy: true })).toThrow(/"get_user".*missing output\.schema\.json/);
  });

  test('the shared registry compiles every operation on validateRegistry(), once', () => {
    const op = getRegistry().get('get_user')!;
    expect(validateRegistry()).toBe(getRegistry());
    expect(op.validateInput).toBe(op.validateInput);
    expect(op.validateInput({ user_id: '00ub0oNGTSWTBKOLGLNR' })).toBe(true);
  });
});

test('the service start compiles each schema once: the bundle reads the registry, validateRegistry() compiles it', () => {
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv').default;
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ConnectorCatalog } = require('../../src/server/connector-catalog');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { getRegistry, validateRegistry } = require('../../src/runtime/registry');
    const operations = new ConnectorCatalog().connector().operations.length;
    expect(compile).not.toHaveBeenCalled();
    validateRegistry();
    expect(compile).toHaveBeenCalledTimes(2 * operations);
    expect(operations).toBe(getRegistry().operations.size);
    compile.mockRestore();
  });
});
