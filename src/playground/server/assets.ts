import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../core/package-files';

const ENTRY = path.join('src', 'playground', 'browser', 'main.tsx');
/** Where `npm run build` writes the script, so an install without dev dependencies serves it too. */
export const PREBUILT_SCRIPT = path.join('dist', 'playground', 'app.js');

export const PLAYGROUND_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Okta connector playground</title>
</head>
<body>
<div id="root"><p>Loading the playground…</p></div>
<script src="/playground/app.js"></script>
</body>
</html>
`;

/**
 * The page runs only its own script and talks only to this service. 'unsafe-eval' is there for ajv, which
 * compiles schemas to functions (rjsf's validator reads conditional schemas with it); 'unsafe-inline' styles for
 * React's style attributes. Nothing the page shows is HTML from elsewhere: React escapes every value.
 */
export const PLAYGROUND_PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

/** Bundles the browser part with esbuild (React, rjsf and the page's code in one script). */
export async function buildBrowserBundle(esbuild: typeof import('esbuild'), root: string = packageRoot()): Promise<string> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0].text;
}

function loadEsbuild(): typeof import('esbuild') | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('esbuild') as typeof import('esbuild');
  } catch {
    return undefined;
  }
}

let cached: Promise<string> | undefined;

/**
 * The page's script, built from the sources on the first request and kept (one copy), so what is served is what
 * the sources say. Only where esbuild is not installed (a production install) is the prebuilt one read.
 */
export function browserBundle(root: string = packageRoot()): Promise<string> {
  if (!cached) {
    const esbuild = loadEsbuild();
    cached = esbuild ? buildBrowserBundle(esbuild, root) : fs.promises.readFile(path.join(root, PREBUILT_SCRIPT), 'utf8');
    // A failed build is not kept: the next request tries again.
    cached.catch(() => (cached = undefined));
  }
  return cached;
}
