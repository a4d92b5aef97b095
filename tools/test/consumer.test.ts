// The packages work as published: packed tarballs installed into a fresh project outside the workspace, a small
// program type-checked against them and run against a local server.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const COMPILERS = {
  '5.4': require.resolve('typescript-5.4/bin/tsc'),
  [require('typescript/package.json').version]: require.resolve('typescript/bin/tsc'),
};
const CONFIGS = {
  'strict, nodenext': { module: 'NodeNext', moduleResolution: 'NodeNext' },
  'strict + exactOptionalPropertyTypes': {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    exactOptionalPropertyTypes: true,
  },
  'strict, bundler': { module: 'ESNext', moduleResolution: 'Bundler' },
};

// A user's program: operation methods, the low-level path-based calls, helpers, and the errors' types.
const PROGRAM = `import {
  createAutoScalingClient,
  HwcApiError,
  listHeldInstances,
  type LifecycleHook,
} from '@hwc-openapi/autoscaling';
import { createServiceStageClient, waitForJob } from '@hwc-openapi/servicestage';

// No @types/node: the packages must type-check on their own (browsers and edge runtimes have none).
declare const process: { argv: string[] };
const credentials = { ak: 'AK', sk: 'SK', projectId: 'p1' };
const as = createAutoScalingClient({ baseUrl: process.argv[2]!, credentials });
const ss = createServiceStageClient({ baseUrl: process.argv[2]!, credentials });
const held = await listHeldInstances(as, 'g1');
const job = await waitForJob(ss, 'JOB1', { intervalMs: 10 }, { timeoutMs: 5000 });
const hooks = await as.listLifecycleHooks({ scaling_group_id: 'g1' }, { retry: false });
const low = await as.GET('/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list', {
  params: { path: { scaling_group_id: 'g1' } },
});
let status = 0;
if (low.error) {
  status = low.error.status;
  const code: string | undefined = low.error.code;
  void code;
} else {
  const list: LifecycleHook[] | undefined = low.data.lifecycle_hooks;
  void list;
}
try {
  await as.showLifecycleHook({ scaling_group_id: 'g1', lifecycle_hook_name: 'missing' });
} catch (e) {
  if (e instanceof HwcApiError) status = e.status;
}
const path = { scaling_group_id: 'g1', project_id: 'p2' };
async function typeErrors() {
  // @ts-expect-error project_id comes from the credentials
  await as.listLifecycleHooks({ scaling_group_id: 'g1', project_id: 'p2' });
  // @ts-expect-error not even from a variable
  await as.listLifecycleHooks(path);
  await as.GET('/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list', {
    // @ts-expect-error nor in the path parameters of the low-level calls
    params: { path },
  });
}
void typeErrors;
const name: LifecycleHook['lifecycle_hook_name'] = 'drain';
console.log(
  JSON.stringify({ held: held.length, status: job.job.EXECUTION_STATUS, hooks: hooks.lifecycle_hooks.length, name, missing: status }),
);
`;

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
    } else if (req.url?.endsWith('/missing')) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'AS.1003', message: 'not found' } }));
    } else if (req.url?.includes('/scaling_lifecycle_hook/')) {
      res.end(JSON.stringify({ lifecycle_hooks: [] }));
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

// Packing, installing and six compilations: minutes on a loaded two-core machine.
it('installs the packed packages, type-checks a program in each common configuration and runs it', async () => {
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
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...files], {
    cwd: app,
    stdio: 'ignore',
  });
  writeFileSync(join(app, 'main.ts'), PROGRAM);
  // The configurations users have: each must type-check the same program, @ts-expect-error lines included.
  const failures: string[] = [];
  for (const [version, tsc] of Object.entries(COMPILERS)) {
    for (const [name, options] of Object.entries(CONFIGS)) {
      const tsconfig = join(app, `tsconfig.${name}.json`);
      writeFileSync(
        tsconfig,
        JSON.stringify({
          compilerOptions: { target: 'ES2022', strict: true, lib: ['ES2022', 'DOM'], types: [], ...options },
          files: ['main.ts'],
        }),
      );
      try {
        execFileSync(process.execPath, [tsc, '-p', tsconfig], { cwd: app, encoding: 'utf8' });
      } catch (e) {
        failures.push(`TypeScript ${version}, ${name}:\n${(e as { stdout?: string }).stdout}`);
      }
    }
  }
  expect(failures).toEqual([]);
  // Asynchronous: the server answering the program lives in this process.
  const { stdout: out } = await promisify(execFile)(process.execPath, [join(app, 'main.js'), baseUrl], {
    cwd: app,
  });
  expect(JSON.parse(out)).toEqual({ held: 0, status: 'SUCCEEDED', hooks: 0, name: 'drain', missing: 404 });
  expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
    'GET /autoscaling-api/v1/p1/scaling_instance_hook/g1/list',
    'GET /v2/p1/cas/jobs/JOB1',
    'GET /autoscaling-api/v1/p1/scaling_lifecycle_hook/g1/list',
    'GET /autoscaling-api/v1/p1/scaling_lifecycle_hook/g1/list',
    'GET /autoscaling-api/v1/p1/scaling_lifecycle_hook/g1/missing',
  ]);
  expect(seen.every((r) => r.authorization?.startsWith('SDK-HMAC-SHA256 Access=AK, '))).toBe(true);
}, 600_000);
