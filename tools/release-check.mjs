// The release path, end to end: the public packages are versioned and published by the project's own release
// command (`changeset version` + `changeset publish`) to a local Verdaccio, then installed BY NAME from it into
// empty folders outside the workspace, with npm and with pnpm, on Node 20 and Node 24. In each: every installed
// package's `engines` accepts the running Node, a consumer program type-checks and runs against the mock, and the
// mock's CLI, fetched from the registry by `npx` / `pnpm dlx`, answers. Also: the release tarballs install with pnpm,
// and the breaking-change gate finds the published spec as its base.
//
// Nothing in the repository changes: the release is cut in a temporary copy, the registry's storage is a temporary
// folder, and every process started here is stopped when the run ends, failed or not.
//
//   node tools/release-check.mjs          (CI runs it after the test command; HWC_NODE24=<dir of a node 24 binary>
//                                           saves installing Node 24 a second time)
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const toolsDir = join(repo, 'tools/registry');
const PUBLIC = ['spec', 'core', 'autoscaling', 'servicestage', 'mock'];
/** The consumers compile with the TypeScript the repository pins (the catalog's). */
const TYPESCRIPT = createRequire(import.meta.url)('typescript/package.json').version;
const PROJECT = 'b53e5554fad0494d96206fb84296510b';
const GROUP = 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a';
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'hwc-release-'));
const children = new Set();
const ownGroup = new WeakSet();

const log = (msg) => console.log(`[release-check ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);

function run(cmd, args, { cwd, env = process.env, quiet = true } = {}) {
  try {
    return execFileSync(cmd, args, {
      cwd,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    const out = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim();
    const how = e.signal ? `killed by ${e.signal}` : `exit code ${e.status ?? e.code}`;
    throw new Error(
      `${cmd} ${args.join(' ')} (in ${cwd ?? process.cwd()}) failed, ${how}:\n${out.slice(-4000)}`,
    );
  } finally {
    if (!quiet) log(`${cmd} ${args.join(' ')}`);
  }
}

// A process group of its own, so that stopping it also stops what it started (npx -> sh -> node -> Prism).
function startProcess(cmd, args, opts) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...opts });
  if (child.pid && opts.detached !== false) ownGroup.add(child);
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return { child, output: () => output };
}

async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  const kill = (sig) => {
    try {
      if (ownGroup.has(child)) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {}
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  kill('SIGKILL'); // what the group's leader left behind
}

let stopping = false;
async function cleanup() {
  stopping = true;
  await Promise.all([...children].map(stopProcess));
  rmSync(work, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => cleanup().finally(() => process.exit(1)));
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function waitFor(what, check, timeoutMs, output) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${what} did not answer within ${timeoutMs / 1000} s (${last?.message ?? 'no answer'})\n${output?.() ?? ''}`,
  );
}

async function startRegistry() {
  const port = await freePort();
  const dir = join(work, 'registry');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'config.yaml'),
    `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 1
# No uplinks: this registry serves only what the run publishes; everything else comes from the usual registry.
packages:
  '@hwc-openapi/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    publish: $authenticated
log: { type: stdout, format: pretty, level: warn }
`,
  );
  const url = `http://127.0.0.1:${port}/`;
  const proc = startProcess(
    process.execPath,
    [
      join(toolsDir, 'node_modules/verdaccio/bin/verdaccio'),
      '--config',
      join(dir, 'config.yaml'),
      '--listen',
      `127.0.0.1:${port}`,
    ],
    // In this script's process group: whatever stops the run's group stops the registry too.
    { cwd: dir, detached: false },
  );
  proc.child.on('exit', (code, signal) => {
    if (!stopping) log(`Verdaccio stopped early (${signal ?? `exit code ${code}`}):\n${proc.output()}`);
  });
  await waitFor('Verdaccio', async () => (await fetch(`${url}-/ping`)).ok, 60_000, proc.output);
  const res = await fetch(`${url}-/user/org.couchdb.user:release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release', password: 'release-check' }),
  });
  const { token } = await res.json();
  if (!token) throw new Error(`Verdaccio gave no token (${res.status})`);
  return { url, host: `//127.0.0.1:${port}/`, token };
}

// `changeset version` + `changeset publish` in a copy of the built tree (the repository stays untouched).
function release(registry) {
  const src = join(work, 'src');
  cpSync(repo, src, {
    recursive: true,
    // Not the repository's own release/ (tarballs a maintainer made): this run makes its own.
    filter: (from) =>
      !['node_modules', '.git', '.turbo', 'test-results'].includes(basename(from)) &&
      from !== join(repo, 'release'),
  });
  writeFileSync(
    join(src, '.changeset/release-check.md'),
    '---\n"@hwc-openapi/spec": patch\n---\n\nRelease check.\n',
  );
  writeFileSync(join(src, '.npmrc'), `${registry.host}:_authToken=${registry.token}\n`);
  const env = { ...envFor(dirname(process.execPath)), npm_config_registry: registry.url };
  // pnpm publish turns workspace: ranges into versions by reading the installed workspace packages.
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--silent'], { cwd: src, env });
  const changeset = join(src, 'node_modules/.bin/changeset');
  run(changeset, ['version'], { cwd: src, env, quiet: false });
  run(changeset, ['publish', '--no-git-tag'], { cwd: src, env, quiet: false });
  const version = JSON.parse(readFileSync(join(src, 'spec/package.json'), 'utf8')).version;
  return { src, version };
}

function assertPublishedRanges(registry, version) {
  for (const pkg of PUBLIC) {
    const manifest = JSON.parse(
      run('npm', ['view', `@hwc-openapi/${pkg}@${version}`, '--json', `--registry=${registry.url}`]),
    );
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (/^(workspace|catalog):/.test(range)) {
          throw new Error(`@hwc-openapi/${pkg}@${version} was published with ${field}.${name} = "${range}"`);
        }
      }
    }
  }
  log(
    `published ${PUBLIC.map((p) => `@hwc-openapi/${p}`).join(', ')} at ${version}: no workspace: or catalog: ranges`,
  );
}

async function node24Dir() {
  if (process.env.HWC_NODE24) return process.env.HWC_NODE24;
  const prefix = join(work, 'node24');
  run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--silent', 'node@24']);
  return join(prefix, 'node_modules/node/bin');
}

function envFor(nodeDir) {
  const path = [nodeDir, join(toolsDir, 'node_modules/.bin'), process.env.PATH].join(delimiter);
  return { ...process.env, PATH: path, npm_config_yes: 'true', npm_config_update_notifier: 'false' };
}

// Every package.json of an installed package, whichever layout the package manager chose.
function installedPackages(nodeModules, found = new Map()) {
  if (!existsSync(nodeModules)) return found;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (entry.name === '.bin' || entry.name === '.cache') continue;
    const dir = join(nodeModules, entry.name);
    if (entry.name.startsWith('@') || entry.name === '.pnpm') {
      for (const inner of readdirSync(dir, { withFileTypes: true })) {
        const innerDir = join(dir, inner.name);
        if (entry.name === '.pnpm') installedPackages(join(innerDir, 'node_modules'), found);
        else visit(innerDir, found);
      }
    } else if (!entry.name.startsWith('.')) {
      visit(dir, found);
    }
  }
  return found;
}
function visit(dir, found) {
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest)) {
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (pkg.name && pkg.version) found.set(`${pkg.name}@${pkg.version}`, pkg.engines?.node);
  }
  installedPackages(join(dir, 'node_modules'), found);
}

async function assertEngines(app, nodeVersion) {
  const { default: semver } = await import(join(toolsDir, 'node_modules/semver/index.js'));
  const packages = installedPackages(join(app, 'node_modules'));
  const refused = [...packages]
    .filter(([, range]) => range && !semver.satisfies(nodeVersion, range, { includePrerelease: true }))
    .map(([id, range]) => `${id} wants node ${range}`);
  if (refused.length > 0) {
    throw new Error(
      `${refused.length} installed package(s) do not accept Node ${nodeVersion}:\n  ${refused.join('\n  ')}`,
    );
  }
  return packages.size;
}

// The program a user would write first: both clients against the mock (which starts in the world of the
// documented examples), a valid call and an invalid one, and a ServiceStage action followed to its job's end.
const PROGRAM = `import { createAutoScalingClient, HwcApiError, type LifecycleHook } from '@hwc-openapi/autoscaling';
import { startMock } from '@hwc-openapi/mock';
import { createServiceStageClient, waitForJob } from '@hwc-openapi/servicestage';

const credentials = { ak: 'AK', sk: 'SK', projectId: 'b53e5554fad0494d96206fb84296510b' };
// The examples' idle group (the other one is scaling, and refuses hook changes).
const scaling_group_id = '9f1e6a3c-52b7-4d08-8e4a-7b3c2d1f0e96';
const topic = 'urn:smn:cn-north-4:b53e5554fad0494d96206fb84296510b:as-drain';
const asMock = await startMock({ service: 'autoscaling' });
const ssMock = await startMock({ service: 'servicestage' });
try {
  const as = createAutoScalingClient({ baseUrl: asMock.url, credentials });
  const hook: LifecycleHook = await as.createLifecycleHook({
    scaling_group_id,
    body: { lifecycle_hook_name: 'drain', lifecycle_hook_type: 'INSTANCE_TERMINATING', notification_topic_urn: topic },
  });
  let invalid = 0;
  try {
    await as.createLifecycleHook({
      scaling_group_id,
      body: { lifecycle_hook_name: 'drain-2', lifecycle_hook_type: 'INSTANCE_TERMINATING', notification_topic_urn: topic, default_timeout: 1 },
    });
  } catch (error) {
    if (error instanceof HwcApiError) invalid = error.status;
  }
  const ss = createServiceStageClient({ baseUrl: ssMock.url, credentials });
  const { job_id } = await ss.performComponentInstanceAction({
    application_id: '2e3bd8a0-7d56-4b8d-a0c6-5f4d1f1cbb4b',
    component_id: '6b4fd8e1-2d92-4e4e-9c31-3f2a5b8a7c10',
    instance_id: '11eddb33-140b-4e51-b1e2-6ec265373ca3',
    body: { action: 'restart' },
  });
  const done = await waitForJob(ss, job_id, { intervalMs: 10 });
  console.log(JSON.stringify({
    hook: typeof hook.default_timeout,
    invalid,
    job: done.job.EXECUTION_STATUS,
  }));
} finally {
  await asMock.close();
  await ssMock.close();
}
`;
const PROGRAM_OUTPUT = { hook: 'number', invalid: 400, job: 'SUCCEEDED' };

function writeConsumer(app, registry, dependencies = {}, extra = {}) {
  mkdirSync(app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies, ...extra }, null, 2),
  );
  writeFileSync(join(app, '.npmrc'), `@hwc-openapi:registry=${registry.url}\n`);
}

function checkProgram(app, env) {
  writeFileSync(join(app, 'main.ts'), PROGRAM);
  writeFileSync(
    join(app, 'tsconfig.json'),
    // No @types/node: the packages type-check on their own.
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        strict: true,
        lib: ['ES2022', 'DOM'],
        types: [],
        skipLibCheck: false,
      },
    }),
  );
  run(join(app, 'node_modules/.bin/tsc'), ['-p', app], { cwd: app, env });
  const out = JSON.parse(
    run('node', [join(app, 'main.js')], { cwd: app, env })
      .trim()
      .split('\n')
      .pop(),
  );
  if (JSON.stringify(out) !== JSON.stringify(PROGRAM_OUTPUT)) {
    throw new Error(
      `the consumer program printed ${JSON.stringify(out)}, expected ${JSON.stringify(PROGRAM_OUTPUT)}`,
    );
  }
}

// The CLI fetched from the registry into an empty folder: it must answer a documented request at the URL it prints.
async function checkCli(dir, pm, registry, version, env) {
  writeConsumer(dir, registry);
  const cli = [`@hwc-openapi/mock@${version}`, '--service', 'autoscaling', '--port', '0'];
  const [cmd, args] = pm === 'npm' ? ['npx', ['--yes', ...cli]] : ['pnpm', ['dlx', ...cli]];
  const proc = startProcess(cmd, args, { cwd: dir, env });
  try {
    let url;
    await waitFor(
      `${cmd} @hwc-openapi/mock`,
      () => {
        url = /^autoscaling\s+(http:\/\/127\.0\.0\.1:\d+)$/m.exec(proc.output())?.[1];
        if (proc.child.exitCode !== null) throw new Error(`exited with code ${proc.child.exitCode}`);
        return url !== undefined;
      },
      180_000,
      proc.output,
    );
    const res = await fetch(`${url}/autoscaling-api/v1/${PROJECT}/scaling_lifecycle_hook/${GROUP}/list`, {
      headers: { 'X-Auth-Token': 'token' },
    });
    if (res.status !== 200)
      throw new Error(`${cmd} @hwc-openapi/mock answered ${res.status}\n${proc.output()}`);
  } finally {
    await stopProcess(proc.child);
  }
}

async function checkConsumer(pm, nodeDir, registry, version) {
  const env = envFor(nodeDir);
  const nodeVersion = run('node', ['--version'], { env }).trim();
  const app = join(work, `${pm}-node${nodeVersion.split('.')[0].slice(1)}`);
  writeConsumer(app, registry);
  const names = PUBLIC.map((p) => `@hwc-openapi/${p}@${version}`);
  if (pm === 'npm')
    run('npm', ['install', '--no-audit', '--no-fund', ...names, `typescript@${TYPESCRIPT}`], {
      cwd: app,
      env,
    });
  else run('pnpm', ['add', ...names, `typescript@${TYPESCRIPT}`], { cwd: app, env });
  const count = await assertEngines(app, nodeVersion);
  checkProgram(app, env);
  await checkCli(`${app}-cli`, pm, registry, version, env);
  log(
    `${pm} on Node ${nodeVersion}: installed by name (${count} packages, every engines range accepts ${nodeVersion}), program type-checked and ran against the mock, ${pm === 'npm' ? 'npx' : 'pnpm dlx'} @hwc-openapi/mock answered`,
  );
}

// The release tarballs (`pnpm release:tarballs`) installed with pnpm as the root README says: the packages that
// others depend on (core, spec) overridden to their tarballs, or pnpm looks them up in the registry.
async function checkTarballs(src) {
  const env = envFor(dirname(process.execPath));
  run('pnpm', ['run', 'release:tarballs'], { cwd: src, env });
  const app = join(work, 'pnpm-tarballs');
  cpSync(join(src, 'release'), join(app, 'release'), { recursive: true });
  const tarball = Object.fromEntries(
    readdirSync(join(app, 'release')).map((f) => [
      `@hwc-openapi/${f.replace(/^hwc-openapi-(.+)-\d+\.\d+\.\d+\.tgz$/, '$1')}`,
      `file:./release/${f}`,
    ]),
  );
  const pick = (...names) =>
    Object.fromEntries(names.map((n) => [`@hwc-openapi/${n}`, tarball[`@hwc-openapi/${n}`]]));
  // The scope's registry is a closed port: a lookup there fails the install instead of finding another copy.
  writeConsumer(
    app,
    { url: 'http://127.0.0.1:9/' },
    { ...pick('autoscaling', 'servicestage', 'mock'), typescript: TYPESCRIPT },
    { pnpm: { overrides: pick('core', 'spec') } },
  );
  run('pnpm', ['install'], { cwd: app, env });
  await assertEngines(app, process.version);
  checkProgram(app, env);
  log(
    'pnpm installed the release tarballs (core and spec overridden to theirs), engines hold, the program ran',
  );
}

async function main() {
  log(`work folder ${work}`);
  // One pnpm for the whole run, the one the repository pins.
  const pinned = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).packageManager;
  const installed = JSON.parse(readFileSync(join(toolsDir, 'package.json'), 'utf8')).dependencies.pnpm;
  if (pinned !== `pnpm@${installed}`)
    throw new Error(`tools/registry installs pnpm ${installed}, the repository pins ${pinned}`);
  run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--silent'], { cwd: toolsDir });
  log('installed Verdaccio and pnpm (tools/registry)');
  run('pnpm', ['build'], { cwd: repo, env: envFor(dirname(process.execPath)) });
  log('built the packages');
  const registry = await startRegistry();
  log(`Verdaccio on ${registry.url}, storage in ${join(work, 'registry/storage')}`);
  const { src, version } = release(registry);
  assertPublishedRanges(registry, version);
  const gate = run('node', [join(repo, 'tools/breaking.mjs')], {
    cwd: repo,
    env: { ...process.env, 'npm_config_@hwc-openapi:registry': registry.url },
  });
  if (!gate.includes(`@hwc-openapi/spec@${version} from the registry`)) {
    throw new Error(`the breaking-change gate did not take the published spec as its base:\n${gate}`);
  }
  log(
    `the breaking-change gate took @hwc-openapi/spec@${version} from the registry as its base: nothing breaking`,
  );
  const node20 = dirname(process.execPath);
  const node24 = await node24Dir();
  // Every combination runs, so that one run shows every failure.
  const failures = [];
  const attempt = async (what, check) => {
    try {
      await check();
    } catch (e) {
      failures.push(`${what}: ${e instanceof Error ? e.message : e}`);
      log(`FAILED ${what}`);
    }
  };
  for (const [label, nodeDir] of [
    ['Node 20', node20],
    ['Node 24', node24],
  ]) {
    for (const pm of ['npm', 'pnpm']) {
      await attempt(`${pm} on ${label}`, () => checkConsumer(pm, nodeDir, registry, version));
    }
  }
  await attempt('pnpm with the release tarballs', () => checkTarballs(src));
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  // First let the event loop see a process that exited during a blocking step, so that it is reported.
  await new Promise((done) => setTimeout(done, 100));
  await cleanup();
}
