#!/usr/bin/env node
/**
 * Throughput of @hwc-openapi/mock: requests per second that the AS mock answers on one CPU core.
 *
 * Starts the built mock CLI (`hwc-mock --service autoscaling --port 0`) as a child process, pinned to core 0 with
 * `taskset` when it exists (the mock's front and its Prism child then share that one core; this script's client
 * runs outside it), and drives it from one client loop over a keep-alive agent for a few seconds per request:
 * a GET (listLifecycleHooks), a valid POST (createLifecycleHook) and an invalid POST (rewritten to AS.7031).
 *
 *   node tools/bench-mock.mjs [--seconds 5] [--concurrency 1] [--verbose] [--no-pin]
 *
 * Needs the mock built (`pnpm --filter @hwc-openapi/mock build`) and `@hwc-openapi/mock` as a dependency of tools.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1' },
    verbose: { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

const cli = fileURLToPath(new URL('./dist/cli.js', import.meta.resolve('@hwc-openapi/mock/package.json')));
const pin = !values['no-pin'] && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const mockArgs = [cli, '--service', 'autoscaling', '--port', '0', ...(values.verbose ? ['--verbose'] : [])];
const child = pin
  ? spawn('taskset', ['-c', '0', process.execPath, ...mockArgs], { stdio: ['ignore', 'pipe', 'ignore'] })
  : spawn(process.execPath, mockArgs, { stdio: ['ignore', 'pipe', 'ignore'] });

let stdout = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  stdout += chunk;
});
const started = Date.now();
while (!/http:\/\/\S+/.test(stdout)) {
  if (child.exitCode !== null || Date.now() - started > 60_000)
    throw new Error(`the mock did not start: ${stdout}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const base = new URL(/http:\/\/\S+/.exec(stdout)[0]);

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const PREFIX = '/autoscaling-api/v1/b53e5554fad0494d96206fb84296510b/scaling_lifecycle_hook/e5d27f5c';
const headers = { 'content-type': 'application/json', 'x-auth-token': 'bench' };
const valid = JSON.stringify({
  lifecycle_hook_name: 'test-hook1',
  default_result: 'ABANDON',
  default_timeout: 3600,
  notification_topic_urn: 'urn:smn:regionId:b53e5554fad0494d96206fb84296510b:gsh',
  lifecycle_hook_type: 'INSTANCE_LAUNCHING',
});
const invalid = JSON.stringify({ ...JSON.parse(valid), lifecycle_hook_name: 'bad name' });

function send(method, path, body, expected) {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, method, path, headers, agent }, (res) => {
      res.resume();
      res.once('end', () =>
        res.statusCode === expected
          ? resolve()
          : reject(new Error(`${method} ${path}: HTTP ${res.statusCode}`)),
      );
    });
    req.once('error', reject);
    req.end(body);
  });
}

async function measure(name, method, path, body, expected) {
  for (let i = 0; i < 200; i++) await send(method, path, body, expected); // warm-up
  let count = 0;
  const deadline = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      await send(method, path, body, expected);
      count++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - t0) / 1000;
  const rps = count / elapsed;
  console.log(
    `${name.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s  (${count} requests in ${elapsed.toFixed(1)} s)`,
  );
  return rps;
}

console.log(
  `@hwc-openapi/mock (prism engine${values.verbose ? ', verbose' : ''}) at ${base.origin}, ` +
    `${pin ? 'pinned to core 0' : 'not pinned'}, concurrency ${concurrency}, ${seconds} s each`,
);
try {
  await measure('GET  listLifecycleHooks (200)', 'GET', `${PREFIX}/list`, undefined, 200);
  await measure('POST createLifecycleHook (200)', 'POST', PREFIX, valid, 200);
  await measure('POST invalid name (400 AS.7031)', 'POST', PREFIX, invalid, 400);
} finally {
  agent.destroy();
  child.kill('SIGTERM');
  await once(child, 'exit');
}
