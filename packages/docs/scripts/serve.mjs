// A tiny static file server for dist/ (node:http only), used by `pnpm start` and by the browser tests.
// Serves GET and HEAD, maps / to index.html, refuses paths outside the root, and gzips text files for clients that
// accept it (compressed once per file version and kept in memory).
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const DIST = fileURLToPath(new URL('../dist', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.yaml', '.yml', '.svg', '.txt']);

/** Resolves a request path to a file under root, or undefined when it escapes root or cannot be decoded. */
export function resolveRequestPath(root, urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const base = resolve(root);
  const file = resolve(join(base, pathname));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  return pathname.endsWith('/') ? join(file, 'index.html') : file;
}

/** Creates the request handler for a root directory. */
export function staticHandler(root = DIST) {
  const gzipCache = new Map();
  return async (req, res) => {
    const send = (status, body) => {
      res.writeHead(status, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(405, 'Method Not Allowed\n');
      return;
    }
    let file = resolveRequestPath(root, req.url ?? '/');
    if (!file) return send(400, 'Bad Request\n');
    let info;
    try {
      info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
    } catch {
      return send(404, 'Not Found\n');
    }
    const ext = extname(file).toLowerCase();
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'last-modified': info.mtime.toUTCString(),
      'x-content-type-options': 'nosniff',
    };
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) {
      const key = `${file}:${info.mtimeMs}:${info.size}`;
      let body = gzipCache.get(file)?.key === key ? gzipCache.get(file).body : undefined;
      if (!body) {
        body = gzipSync(await readFile(file));
        gzipCache.set(file, { key, body });
      }
      res.writeHead(200, {
        ...headers,
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
        'content-length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': info.size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };
}

function listen(server, port, host) {
  return new Promise((resolvePromise, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the server. `port` 0 picks a free port; a port in use fails with the listen error (EADDRINUSE), as the
 * mock does: the caller says which port and how to choose another.
 * @returns {Promise<{ server: import('node:http').Server, url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({ root = DIST, port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer(staticHandler(root));
  await listen(server, port, host);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port: actualPort,
    url: `http://${host}:${actualPort}/`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
