// Unminified builds of the bundles and a page that loads them, for profiles whose function names
// must be readable (diagnosis only: the figures come from the minified bundles).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

/** The main bundle, readable, as window.IptElements. */
export const READABLE_MAIN = { entry: 'dist/bundle.js', file: 'ipt-elements.readable.js', globalName: 'IptElements' };

/**
 * Builds each bundle into the runner's generated directory (served at /gen/) and writes `page`,
 * which loads them and then `module` as window[`global`]; resolves with the page's path.
 */
export async function readablePage(genDir, { page, title, bundles, module, global }) {
  for (const { entry, file, globalName } of bundles) {
    const out = await build({ entryPoints: [entry], bundle: true, minify: false, format: 'iife', target: 'es2022', write: false, logLevel: 'silent', ...(globalName ? { globalName } : {}) });
    writeFileSync(resolve(genDir, file), out.outputFiles[0].text);
  }
  writeFileSync(
    resolve(genDir, page),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>${title}, readable build (diagnosis only)</title>
${bundles.map(({ file }) => `    <script src="/gen/${file}"></script>`).join('\n')}
    <script type="module">
      import * as loaded from '${module}';
      window.${global} = loaded;
      window.benchReady = true;
    </script>
  </head>
  <body></body>
</html>
`,
  );
  return `/gen/${page}`;
}
