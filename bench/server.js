// A tiny static server for the benchmark pages: the repository root on 127.0.0.1 (loopback only),
// nothing cached (every load fetches and compiles its scripts, as a first visit does).
// `/gen/` serves the files the runner generates (per-element bundles, the floor page).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Starts the server on the first free port of `ports`; resolves with { url, close }. */
export async function serve(root, genDir, ports = [8720, 8721, 8722, 8723, 8724, 8725, 8726, 8727, 8728, 8729]) {
  const rootDir = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const [base, rel] = path.startsWith('/gen/') ? [resolve(genDir), path.slice(5)] : [rootDir, path.slice(1)];
      let file = normalize(join(base, rel));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if (path.endsWith('/')) file = join(file, 'index.html');
      let body = await readFile(file);
      // A page asked for with ?nonce=N gets N wherever it says __NONCE__: every load then names
      // its scripts differently, so that no compiled code is reused from an earlier load.
      const nonce = new URL(req.url, 'http://x').searchParams.get('nonce');
      if (nonce && extname(file) === '.html') body = body.toString('utf8').replaceAll('__NONCE__', nonce.replace(/[^\w-]/g, ''));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  for (const port of ports) {
    const ok = await new Promise((done) => {
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => done(true));
    });
    if (ok) return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
  }
  throw new Error(`No free port among ${ports[0]}-${ports.at(-1)} on 127.0.0.1`);
}
