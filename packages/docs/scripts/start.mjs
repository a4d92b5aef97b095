// `pnpm start`: builds the site if dist/ is incomplete, then serves it on 127.0.0.1 until SIGINT or SIGTERM.
// Port: $PORT, else 8080; when that port is taken, a free one. The URL is printed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGES } from './pages.mjs';
import { DIST, startServer } from './serve.mjs';

const expected = ['index.html', ...PAGES.map((p) => p.file)];
if (!expected.every((file) => existsSync(join(DIST, file)))) {
  console.log('docs: dist/ is incomplete, building first');
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const requested = process.env.PORT === undefined || process.env.PORT === '' ? 8080 : Number(process.env.PORT);
if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
  console.error(`docs: PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}
const { url, port, close } = await startServer({ port: requested });
if (requested !== 0 && port !== requested) console.log(`docs: port ${requested} is in use, using ${port}`);
console.log(`docs: serving ${DIST} at ${url}`);
for (const page of PAGES) console.log(`  ${url}${page.file}`);

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`docs: ${signal}, stopping`);
  await close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
