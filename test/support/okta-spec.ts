import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import OpenAPIBackend, { Document, OpenAPIRouter } from 'openapi-backend';
import { packageRoot } from '../../src/core/package-files';

/** Okta's management spec: `OKTA_OPENAPI_SPEC`, else `../shared/okta-openapi/management-minimal.yaml` beside the package. */
export function oktaSpecPath(): string {
  return path.resolve(packageRoot(), process.env.OKTA_OPENAPI_SPEC ?? '../shared/okta-openapi/management-minimal.yaml');
}

type Node = Record<string, unknown>;

function resolves(doc: Node, ref: string): boolean {
  if (!ref.startsWith('#/')) return false;
  let node: unknown = doc;
  for (const key of ref.slice(2).split('/')) {
    if (!node || typeof node !== 'object') return false;
    node = (node as Node)[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node !== undefined;
}

/**
 * Fixes, in memory, the two defects of the shipped spec that break `$ref` resolvers: example *data* holding
 * literal `$ref` keys (e.g. UserSchemaResponse's `"$ref": "#/definitions/base"`) is renamed to `x-literal-$ref`,
 * and an example reference to a missing example (LogDevice) is dropped. Any other unresolvable `$ref` throws.
 */
export function sanitizeOktaSpec(doc: Node): Node {
  const visit = (node: unknown, at: string, inExample: boolean): void => {
    if (!node || typeof node !== 'object') return;
    const obj = node as Node;
    for (const [key, child] of Object.entries(obj)) {
      const where = `${at}/${key}`;
      const ref = child && typeof child === 'object' ? (child as Node).$ref : undefined;
      if (typeof ref === 'string' && !resolves(doc, ref)) {
        if (ref.startsWith('#/components/examples/')) {
          delete obj[key];
          continue;
        }
        if (!inExample) throw new Error(`Okta spec: unresolvable $ref ${ref} at ${where}`);
        const data = child as Node;
        data['x-literal-$ref'] = data.$ref;
        delete data.$ref;
      }
      const example = inExample || key === 'example' || key === 'examples' || where === '/components/examples';
      visit(child, where, example);
    }
  };
  visit(doc, '', false);
  return doc;
}

/** The sanitized spec document, or undefined when the file is absent. */
export function readSanitizedSpec(file = oktaSpecPath()): Node | undefined {
  if (!fs.existsSync(file)) return undefined;
  return sanitizeOktaSpec(yaml.load(fs.readFileSync(file, 'utf8')) as Node);
}

/** Routes requests to spec operations without dereferencing (cheap, synchronous: usable while jest collects tests). */
export const createSpecRouter = (doc: Node) => new OpenAPIRouter({ definition: doc as unknown as Document });

/** openapi-backend over the spec: lenient about the spec itself (it fails the OpenAPI meta-schema), not about requests. */
export async function loadOktaSpec(doc: Node): Promise<{ api: OpenAPIBackend; loadMs: number }> {
  const started = performance.now();
  const api = new OpenAPIBackend({
    definition: doc as unknown as Document,
    quick: true,
    strict: true,
    validate: true,
    ajvOpts: { strict: false, logger: false },
  });
  await api.init();
  return { api, loadMs: Math.round(performance.now() - started) };
}

let warned = false;
const underCi = () => ['true', '1'].includes(String(process.env.CI).toLowerCase());

/**
 * Registers what a spec-dependent suite does when the spec file is absent: under `CI=true` (where `../shared` is
 * always present) a test that fails, naming the path; locally one loud warning per worker and a skipped test,
 * never a passing one.
 */
export function specMissing(suite: string): void {
  const why = `${suite}: Okta's OpenAPI spec not found at ${oktaSpecPath()} (set OKTA_OPENAPI_SPEC to its path)`;
  if (underCi()) {
    test(`${suite}: Okta's spec must be present under CI`, () => {
      throw new Error(why);
    });
    return;
  }
  if (!warned) {
    warned = true;
    const bar = '!'.repeat(78);
    console.warn(`\n${bar}\n!! SPEC CHECKS NOT RUN. ${why}\n!! CI=true turns this into a failure.\n${bar}\n`);
  }
  test.skip(why, () => undefined);
}
