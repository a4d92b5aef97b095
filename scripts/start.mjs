// `pnpm start`: builds what is stale (turbo, cached), then serves the docs and both mocks until Ctrl+C.
//
// The servers run as plain child processes of this script, not as turbo persistent tasks behind nested
// `pnpm run`s: there, Ctrl+C reached every layer and each shell and pnpm reported the interrupt as a failure
// ("ELIFECYCLE Command failed", "6 successful, 8 total"). Here each server handles SIGINT and exits 0, and this
// script waits for them and exits 0.
//
// Ports: docs $PORT (default 8080), the mocks $AS_PORT (4010, autoscaling) and $SS_PORT (4011, servicestage).
// A port in use is refused with a message naming it; `--no-build` skips the build.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const env = (name, fallback) =>
  process.env[name] === undefined || process.env[name] === '' ? fallback : process.env[name];

if (!process.argv.includes('--no-build')) {
  const turbo = require.resolve('turbo/bin/turbo');
  const build = spawnSync(process.execPath, [turbo, 'run', 'build', '--output-logs=errors-only'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const servers = [
  { name: 'docs', args: ['packages/docs/scripts/start.mjs'], env: { PORT: env('PORT', '8080') } },
  {
    name: 'mocks',
    args: [
      'packages/mock/dist/cli.js',
      '--as-port',
      env('AS_PORT', '4010'),
      '--ss-port',
      env('SS_PORT', '4011'),
    ],
    env: {},
  },
].map((server) => ({
  ...server,
  child: spawn(process.execPath, server.args, {
    cwd: root,
    env: { ...process.env, ...server.env },
    stdio: 'inherit',
  }),
}));

let stopping = false;
let exitCode = 0;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  // Ctrl+C in a terminal reaches the servers too (same process group); a signal sent to this script alone is
  // passed on. A server that got both stops once.
  for (const { child } of servers)
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

await Promise.all(
  servers.map(
    ({ name, child }) =>
      new Promise((resolve) =>
        child.on('exit', (code, signal) => {
          // A server that stops on its own (a port in use, a crash) stops the others, and the run fails.
          if (!stopping || (code !== 0 && code !== null)) {
            if (code !== 0) exitCode = code ?? 1;
            if (!stopping)
              console.error(`start: ${name} stopped${signal ? ` (${signal})` : ` (exit ${code})`}`);
            stop('SIGTERM');
          }
          resolve();
        }),
      ),
  ),
);
if (exitCode === 0) console.log('start: stopped');
process.exit(exitCode);
