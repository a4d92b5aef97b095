// The packages work as published: packed tarballs installed into a fresh project outside the workspace, a small
// program type-checked against them and run against a local server.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const PACKAGES = ['core', 'autoscaling', 'servicestage'];
let dir: string;
let server: Server;
let baseUrl: string;
const seen: { method?: string; url?: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('/cas/jobs/')) {
      res.end(
        JSON.stringify({ task_count: 0, job: { JOB_ID: 'JOB1', EXECUTION_STATUS: 'SUCCEEDED' }, tasks: [] }),
      );
    } else {
      res.end(JSON.stringify({ instance_hanging_info: [] }));
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'hwc-consumer-'));
}, 30_000);

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

it('installs the packed packages, type-checks a program against them and runs it', async () => {
  const tarballs = join(dir, 'tarballs');
  for (const pkg of PACKAGES) {
    execFileSync('npx', ['pnpm@10', 'pack', '--pack-destination', tarballs], {
      cwd: join(repo, 'packages', pkg),
      stdio: 'ignore',
      env: { ...process.env, npm_config_yes: 'true' },
    });
  }
  const app = join(dir, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...files, 'typescript@5.9.3'], {
    cwd: app,
    stdio: 'ignore',
  });
  writeFileSync(
    join(app, 'main.ts'),
    `import { createAutoScalingClient, listHeldInstances, type LifecycleHook } from '@hwc-openapi/autoscaling';
import { createServiceStageClient, waitForJob } from '@hwc-openapi/servicestage';

// No @types/node: the packages must type-check on their own (browsers and edge runtimes have none).
declare const process: { argv: string[] };
const credentials = { ak: 'AK', sk: 'SK', projectId: 'p1' };
const as = createAutoScalingClient({ baseUrl: process.argv[2]!, credentials });
const ss = createServiceStageClient({ baseUrl: process.argv[2]!, credentials });
const held = await listHeldInstances(as, 'g1');
const job = await waitForJob(ss, 'JOB1');
const name: LifecycleHook['lifecycle_hook_name'] = 'drain';
console.log(JSON.stringify({ held: held.length, status: job.job.EXECUTION_STATUS, name }));
`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        strict: true,
        lib: ['ES2022', 'DOM'],
        types: [],
      },
    }),
  );
  try {
    execFileSync(join(app, 'node_modules/.bin/tsc'), ['-p', app], { cwd: app, encoding: 'utf8' });
  } catch (e) {
    throw new Error(`tsc failed:\n${(e as { stdout?: string }).stdout}`);
  }
  // Asynchronous: the server answering the program lives in this process.
  const { stdout: out } = await promisify(execFile)(process.execPath, [join(app, 'main.js'), baseUrl], {
    cwd: app,
  });
  expect(JSON.parse(out)).toEqual({ held: 0, status: 'SUCCEEDED', name: 'drain' });
  expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
    'GET /autoscaling-api/v1/p1/scaling_instance_hook/g1/list',
    'GET /v2/p1/cas/jobs/JOB1',
  ]);
  expect(seen.every((r) => r.authorization?.startsWith('SDK-HMAC-SHA256 Access=AK, '))).toBe(true);
}, 180_000);
