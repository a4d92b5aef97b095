#!/usr/bin/env node
/**
 * Throughput of @hwc-openapi/mock, side by side in one run: the `emulator` engine, the `prism` engine, and a bare
 * `node:http` server answering a fixed JSON body (the ceiling), each in its own process pinned to core 0 with
 * `taskset`, driven by the same client pinned to core 1: a raw keep-alive HTTP/1.1 client over `--connections`
 * concurrent connections (one request in flight per connection). Rounds interleave the servers, so that load
 * from elsewhere on the machine hits them alike; the figure is the median of the rounds.
 *
 * On a busy machine the measured req/s swing from round to round; the CPU time each server spent per answer
 * (from /proc) is the steadier figure, and "req/s per core of CPU" (1 s / CPU per request) is what one core
 * would sustain. Both ratios are printed.
 *
 * Requests: a valid `listLifecycleHooks` (200) on the documented group (the emulator starts in the examples'
 * world, where it has two hooks; Prism answers the documented example), and an invalid
 * `createLifecycleHook` (400 AS.7031). Also prints how long `startMock` takes after the first import, per
 * engine (the issue's budget: <= 150 ms for the emulator).
 *
 *   node tools/bench-mock.mjs [--seconds 2] [--rounds 3] [--connections 16] [--no-pin]
 *
 * Needs the mock built (`pnpm --filter @hwc-openapi/mock build`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    'no-pin': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const pin = !values['no-pin'] && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
if (pin) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

const MOCK = import.meta.resolve('@hwc-openapi/mock');
const PROJECT = 'b53e5554fad0494d96206fb84296510b';
const GROUP = 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a';
const HOOKS = `/autoscaling-api/v1/${PROJECT}/scaling_lifecycle_hook/${GROUP}`;

/** The server processes: each prints one JSON line `{port, startMs}` once it listens. */
const SERVERS = {
  bare: `
    const { createServer } = await import('node:http');
    const body = JSON.stringify(${JSON.stringify({
      lifecycle_hooks: [
        {
          lifecycle_hook_name: 'bench-hook',
          default_result: 'ABANDON',
          default_timeout: 3600,
          notification_topic_urn: `urn:smn:regionId:${PROJECT}:gsh`,
          notification_topic_name: 'gsh',
          lifecycle_hook_type: 'INSTANCE_LAUNCHING',
          notification_metadata: null,
          create_time: '2026-01-01T00:00:00Z',
        },
      ],
    })});
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port, startMs: 0 })));`,
  emulator: mockServer('emulator'),
  prism: mockServer('prism'),
};

function mockServer(engine) {
  return `
    const { startMock } = await import(${JSON.stringify(MOCK)});
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const mock = await startMock({ service: 'autoscaling', engine: '${engine}' });
    const startMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const startCpuMs = (cpu.user + cpu.system) / 1000;
    console.log(JSON.stringify({ port: mock.port, startMs, startCpuMs }));`;
}

async function startServer(name) {
  const args = ['--input-type=module', '-e', SERVERS[name]];
  const child = pin
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  servers[name] = { child };
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  const started = Date.now();
  while (!out.includes('\n')) {
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`${name} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { name, child, ...JSON.parse(out) };
}

/** CPU time (user + system, ms) of a process, from /proc. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

function requestBytes(method, path, body) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return Buffer.from(
    `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-auth-token: bench\r\naccept: application/json\r\n` +
      (payload ? `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n` : '') +
      `\r\n${payload}`,
  );
}

/** Keeps one request in flight on each of `connections` keep-alive sockets for `ms`; counts the answers. */
async function drive(port, bytes, expected, ms) {
  let count = 0;
  let wrong = 0;
  const deadline = performance.now() + ms;
  const one = () =>
    new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let buffer = Buffer.alloc(0);
      socket.on('connect', () => socket.write(bytes));
      socket.on('data', (chunk) => {
        buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
        for (;;) {
          const end = buffer.indexOf('\r\n\r\n');
          if (end === -1) return;
          const head = buffer.subarray(0, end).toString('latin1');
          const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
          if (buffer.length < end + 4 + length) return;
          if (Number(head.slice(9, 12)) === expected) count++;
          else wrong++;
          buffer = buffer.subarray(end + 4 + length);
          if (performance.now() >= deadline) {
            socket.end();
            resolve();
            return;
          }
          socket.write(bytes);
        }
      });
      socket.on('error', reject);
    });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, one));
  const elapsed = (performance.now() - t0) / 1000;
  if (wrong > 0) throw new Error(`${wrong} answers had another status than ${expected}`);
  return count / elapsed;
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const CASES = [
  {
    name: 'GET listLifecycleHooks (200)',
    bytes: requestBytes('GET', `${HOOKS}/list`),
    expected: 200,
    servers: ['bare', 'emulator', 'prism'],
  },
  {
    name: 'POST invalid hook name (400)',
    bytes: requestBytes('POST', HOOKS, {
      lifecycle_hook_name: 'bad name',
      lifecycle_hook_type: 'INSTANCE_LAUNCHING',
      notification_topic_urn: `urn:smn:regionId:${PROJECT}:gsh`,
    }),
    expected: 400,
    servers: ['emulator', 'prism'],
  },
];

const servers = {};
// No server outlives the bench, however it ends.
process.once('exit', () => {
  for (const { child } of Object.values(servers)) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(1));
for (const name of Object.keys(SERVERS)) servers[name] = await startServer(name);
console.log(
  `@hwc-openapi/mock throughput: servers ${pin ? 'pinned to core 0, client to core 1' : 'not pinned'}, ` +
    `${connections} keep-alive connections, ${rounds} rounds x ${seconds} s per server and request`,
);
const startup = (name) =>
  `${name} ${servers[name].startMs.toFixed(0)} ms (${servers[name].startCpuMs.toFixed(0)} ms of CPU)`;
console.log(`startMock after the first import: ${startup('emulator')} (budget 150 ms), ${startup('prism')}`);
try {
  for (const test of CASES) {
    const rates = Object.fromEntries(test.servers.map((name) => [name, []]));
    const cpu = Object.fromEntries(test.servers.map((name) => [name, []]));
    for (const name of test.servers) await drive(servers[name].port, test.bytes, test.expected, 300); // warm-up
    for (let round = 0; round < rounds; round++) {
      const order = test.servers.map((_, i) => test.servers[(i + round) % test.servers.length]);
      for (const name of order) {
        const before = cpuMs(servers[name].child.pid);
        const rate = await drive(servers[name].port, test.bytes, test.expected, seconds * 1000);
        rates[name].push(rate);
        cpu[name].push(((cpuMs(servers[name].child.pid) - before) / (rate * seconds)) * 1000);
      }
    }
    console.log(`\n${test.name}`);
    console.log('  server    req/s (median)   CPU/request   req/s per core of CPU   rounds (req/s)');
    for (const name of test.servers) {
      console.log(
        `  ${name.padEnd(9)} ${median(rates[name]).toFixed(0).padStart(14)} ${`${median(cpu[name]).toFixed(1)} µs`.padStart(13)} ` +
          `${(1e6 / median(cpu[name])).toFixed(0).padStart(23)}   ${rates[name].map((r) => r.toFixed(0)).join(', ')}`,
      );
    }
    // Two views of the same ratio: measured throughput, and CPU per request (robust when the machine is busy).
    const ratio = (a, b) =>
      `${(median(rates[a]) / median(rates[b])).toFixed(2)} by req/s, ${(median(cpu[b]) / median(cpu[a])).toFixed(2)} by CPU/request`;
    if (rates.bare)
      console.log(`  emulator / bare:  ${ratio('emulator', 'bare')}   (goal >= 0.50, and >= 20,000 req/s)`);
    console.log(`  emulator / prism: ${ratio('emulator', 'prism')}`);
  }
} finally {
  for (const { child } of Object.values(servers)) {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}
