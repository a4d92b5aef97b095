import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alive, childPids } from './processes.js';

// The CLI is tested as built (`dist/cli.js`): turbo runs `build` before `test`.
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function runCli(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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

describe('hwc-mock CLI', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves both APIs, prints their URLs and stops on %s',
    async (signal) => {
      const cli = runCli(['--as-port', '0', '--ss-port', '0']);
      await until(() => cli.stdout().split('\n').filter(Boolean).length >= 2 || cli.child.exitCode !== null);
      const urls = Object.fromEntries(
        cli
          .stdout()
          .trim()
          .split('\n')
          .map((line) => line.split(/\s+/) as [string, string]),
      );
      expect(Object.keys(urls)).toEqual(['autoscaling', 'servicestage']);
      const as = await fetch(`${urls.autoscaling}/autoscaling-api/v1/p/scaling_lifecycle_hook/g/list`);
      expect(as.status).toBe(200);
      const ss = await fetch(`${urls.servicestage}/v2/p/cas/jobs/JOB1`);
      expect(ss.status).toBe(200);

      const prisms = childPids(cli.child.pid);
      expect(prisms).toHaveLength(2);
      cli.child.kill(signal);
      const [code] = await once(cli.child, 'exit');
      expect(code).toBe(0);
      expect(prisms.filter(alive)).toEqual([]);
    },
  );

  it('leaves no Prism behind even when it is killed with SIGKILL', async () => {
    const cli = runCli(['--service', 'autoscaling', '--port', '0']);
    await until(() => cli.stdout().includes('http://') || cli.child.exitCode !== null);
    const prisms = childPids(cli.child.pid);
    expect(prisms).toHaveLength(1);
    cli.child.kill('SIGKILL');
    await once(cli.child, 'exit');
    await until(() => prisms.filter(alive).length === 0, 10_000);
  });

  it('serves one service on --port', async () => {
    const cli = runCli(['--service', 'servicestage', '--port', '0']);
    await until(() => cli.stdout().includes('http://') || cli.child.exitCode !== null);
    expect(cli.stdout()).toMatch(/^servicestage {2}http:\/\/127\.0\.0\.1:\d+\n$/);
    const prisms = childPids(cli.child.pid);
    cli.child.kill('SIGTERM');
    await once(cli.child, 'exit');
    expect(prisms.filter(alive)).toEqual([]);
  });

  it('rejects bad options with exit code 2', async () => {
    const cli = runCli(['--service', 'nope']);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(2);
    expect(cli.stderr()).toMatch(/--service must be one of/);
    const both = runCli(['--port', '1234']);
    expect((await once(both.child, 'exit'))[0]).toBe(2);
  });

  it('prints help', async () => {
    const cli = runCli(['--help']);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(0);
    expect(cli.stdout()).toMatch(/Usage: hwc-mock/);
  });
});
