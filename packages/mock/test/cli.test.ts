import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startMock } from '../src/index.js';

// The CLI is tested through the committed bin, as installs link it (turbo builds dist/ before `test`).
const BIN = fileURLToPath(new URL('../bin/hwc-mock.js', import.meta.url));

function runCli(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, stdout: () => stdout, stderr: () => stderr };
}

async function until(check: () => boolean, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function urlsOf(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/) as [string, string]),
  );
}

const token = { 'x-auth-token': 't' };
/** The hooks of the examples' group, in the examples' project. */
const EXAMPLE_HOOKS =
  '/autoscaling-api/v1/b53e5554fad0494d96206fb84296510b/scaling_lifecycle_hook/e5d27f5c-dd76-4a61-b4bc-a67c5686719a/list';

describe('hwc-mock CLI', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves both APIs with the emulator, prints their URLs and stops on %s',
    async (signal) => {
      const cli = runCli(['--as-port', '0', '--ss-port', '0']);
      await until(() => cli.stdout().split('\n').filter(Boolean).length >= 2 || cli.child.exitCode !== null);
      const urls = urlsOf(cli.stdout());
      expect(Object.keys(urls)).toEqual(['autoscaling', 'servicestage']);
      // stdout and stderr are separate pipes: the line on stderr can arrive after the URLs.
      await until(() => /emulator engine ready/.test(cli.stderr()) || cli.child.exitCode !== null);
      expect(cli.stderr()).toMatch(/emulator engine ready/);
      // The example world: the documented group and its hooks, on the clock of the ServiceStage examples.
      const as = await fetch(`${urls.autoscaling}${EXAMPLE_HOOKS}`, { headers: token });
      expect(as.status).toBe(200);
      expect(((await as.json()) as { lifecycle_hooks: unknown[] }).lifecycle_hooks).toHaveLength(2);
      const clock = await fetch(`${urls.servicestage}/_emulator/clock`);
      expect(await clock.json()).toEqual({ now: '2021-01-11T10:26:02Z' });
      cli.child.kill(signal);
      const [code] = await once(cli.child, 'close');
      expect(code).toBe(0);
    },
  );

  it('starts blank with --empty', async () => {
    const cli = runCli(['--service', 'autoscaling', '--port', '0', '--empty']);
    await until(() => cli.stdout().includes('http://') || cli.child.exitCode !== null);
    const url = urlsOf(cli.stdout()).autoscaling;
    expect((await fetch(`${url}${EXAMPLE_HOOKS}`, { headers: token })).status).toBe(400); // AS.2007: no group
    expect(await (await fetch(`${url}/_emulator/clock`)).json()).toEqual({ now: '2026-01-01T00:00:00Z' });
    cli.child.kill('SIGTERM');
    await once(cli.child, 'close');
  });

  it('serves one service with --engine prism on --port', async () => {
    const cli = runCli(['--service', 'servicestage', '--port', '0', '--engine', 'prism']);
    await until(() => cli.stdout().includes('http://') || cli.child.exitCode !== null);
    expect(cli.stdout()).toMatch(/^servicestage {2}http:\/\/127\.0\.0\.1:\d+\n$/);
    const job = await fetch(`${urlsOf(cli.stdout()).servicestage}/v2/p/cas/jobs/JOB1`, { headers: token });
    expect(job.status).toBe(200);
    cli.child.kill('SIGTERM');
    await once(cli.child, 'close');
  });

  it('verifies signatures with --credentials and prints a log line per request with --verbose', async () => {
    const cli = runCli([
      '--service',
      'autoscaling',
      '--port',
      '0',
      '--credentials',
      'AK:secret-key',
      '--verbose',
    ]);
    await until(() => cli.stdout().includes('http://') || cli.child.exitCode !== null);
    const res = await fetch(
      `${urlsOf(cli.stdout()).autoscaling}/autoscaling-api/v1/p/scaling_lifecycle_hook/g/list`,
      {
        headers: token,
      },
    );
    expect(res.status).toBe(401);
    await until(() => cli.stderr().includes(' 401 '));
    expect(cli.stderr()).toMatch(
      /autoscaling GET \/autoscaling-api\/v1\/p\/scaling_lifecycle_hook\/g\/list 401 [0-9a-f]{32}/,
    );
    expect(cli.stderr()).not.toContain('secret-key');
    cli.child.kill('SIGTERM');
    await once(cli.child, 'close');
  });

  it('starts from a state file with --state', async () => {
    const source = await startMock({ service: 'autoscaling' });
    await source.control.POST('/_emulator/autoscaling/groups', {
      body: { project_id: 'p', scaling_group_id: 'from-file' },
    });
    const { data: state } = await source.control.GET('/_emulator/state');
    await source.close();
    const dir = mkdtempSync(join(tmpdir(), 'hwc-mock-state-'));
    const file = join(dir, 'state.json');
    writeFileSync(file, JSON.stringify(state));
    const cli = runCli(['--service', 'autoscaling', '--port', '0', '--state', file]);
    await until(() => cli.stdout().includes('http://') || cli.child.exitCode !== null);
    const res = await fetch(
      `${urlsOf(cli.stdout()).autoscaling}/autoscaling-api/v1/p/scaling_lifecycle_hook/from-file/list`,
      {
        headers: token,
      },
    );
    expect(res.status).toBe(200);
    cli.child.kill('SIGTERM');
    await once(cli.child, 'close');
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects bad options with exit code 2, never echoing a secret', async () => {
    const cases: [string[], RegExp][] = [
      [['--service', 'nope'], /--service must be one of/],
      [['--port', '1234'], /--port needs --service/],
      [['--engine', 'nope'], /--engine must be one of/],
      [['--credentials', 'no-colon-secret'], /--credentials must be AK:SK/],
      [['--state', 'x.json'], /--state needs --service/],
    ];
    for (const [args, message] of cases) {
      const cli = runCli(args);
      const [code] = await once(cli.child, 'close');
      expect(code).toBe(2);
      expect(cli.stderr()).toMatch(message);
      expect(cli.stderr()).not.toContain('no-colon-secret');
    }
  });

  it('prints help', async () => {
    const cli = runCli(['--help']);
    const [code] = await once(cli.child, 'close');
    expect(code).toBe(0);
    expect(cli.stdout()).toMatch(/Usage: hwc-mock/);
    expect(cli.stdout()).toMatch(/--credentials <AK:SK>/);
  });
});
