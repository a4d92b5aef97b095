// The repository's `pnpm start` (scripts/start.mjs): it serves the docs and both mocks, says where, and Ctrl+C (a
// SIGINT to its whole process group, as a terminal sends it) ends it quietly with exit 0.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    cwd: root,
    detached: true,
    env: { ...process.env, PORT: '0', AS_PORT: '0', SS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const until = async (pattern: RegExp) => {
    const deadline = Date.now() + 60_000;
    while (!pattern.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern}: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    child,
    exited,
    until,
    output: () => output,
    cleanup: () => {
      if (child.exitCode === null && child.signalCode === null)
        process.kill(-(child.pid as number), 'SIGKILL');
    },
  };
}

it('serves the docs and both mocks, and Ctrl+C stops them all with exit 0 and no failure message', {
  timeout: 90_000,
}, async () => {
  const run = start({});
  try {
    await run.until(/docs: serving .* at http/);
    await run.until(/ready;.*Ctrl\+C stops/);
    const docs = /serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(run.output())?.[1] as string;
    const as = /autoscaling\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(run.output())?.[1] as string;
    expect((await fetch(`${docs}index.html`)).status).toBe(200);
    expect((await fetch(`${as}/autoscaling-api/v1/p/scaling_lifecycle_hook/g/list`)).status).toBeLessThan(
      500,
    );
    const before = run.output().length;
    process.kill(-(run.child.pid as number), 'SIGINT');
    const [code] = await run.exited;
    expect(code).toBe(0);
    const after = run.output().slice(before);
    expect(after).toContain('start: stopped');
    expect(after).not.toMatch(/ELIFECYCLE|failed|error/i);
  } finally {
    run.cleanup();
  }
});

it('stops everything and fails when the docs port is taken, naming the port', {
  timeout: 60_000,
}, async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const taken = String((blocker.address() as { port: number }).port);
  const run = start({ PORT: taken });
  try {
    const [code] = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toContain(`docs: port ${taken} on 127.0.0.1 is already in use`);
  } finally {
    run.cleanup();
    blocker.close();
  }
});
