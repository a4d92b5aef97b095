// `pnpm start`: builds the site if dist/ is incomplete, then serves it on 127.0.0.1 until SIGINT or SIGTERM
// (exit 0). Port: $PORT, else 8080 (0: any free port). A port in use is refused, as hwc-mock does, with a message
// that names it and says how to choose another. The URLs are printed.
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
let served;
try {
  served = await startServer({ port: requested });
} catch (error) {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(
    `docs: port ${requested} on 127.0.0.1 is already in use. Stop what listens there, or choose another port: ` +
      `PORT=${requested === 8080 ? 8081 : 8080} pnpm start (PORT=0 takes any free port).`,
  );
  process.exit(1);
}
const { url, close } = served;
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
