import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort, waitUntilAnswers } from '../../net.js';

const require = createRequire(import.meta.url);

/** Absolute path of the Prism CLI entry point (the `prism` bin of `@stoplight/prism-cli`). */
function prismBin(): string {
  const manifestPath = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.prism;
  if (!bin) throw new Error('@stoplight/prism-cli declares no prism bin');
  return join(dirname(manifestPath), bin);
}

/**
 * Preloaded into the Prism child (`node --import`): the parent holds the write end of the child's stdin, so
 * stdin ends when the parent goes away, however it went (even SIGKILL). Prism then exits instead of lingering.
 */
const WATCHDOG = `data:text/javascript,${encodeURIComponent(
  "process.stdin.on('end',()=>process.exit(0));process.stdin.on('error',()=>process.exit(0));process.stdin.resume();",
)}`;
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const MAX_RESTARTS = 5;
const OUTPUT_TAIL = 4_000;

export interface PrismProcessOptions {
  readonly specPath: string;
  readonly verbose: boolean;
  readonly dynamic: boolean;
  readonly seed: string;
}

export interface PrismProcess {
  /** Where Prism listens (always 127.0.0.1, on a port of its own). */
  readonly url: string;
  readonly pid: () => number | undefined;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Runs the Prism CLI as a child process on a free port and waits until it answers. Quiet unless `verbose`;
 * restarted if it dies unexpectedly; stopped (and killed if need be) by `stop()` or when this process exits.
 */
export async function startPrismProcess(options: PrismProcessOptions): Promise<PrismProcess> {
  const bin = prismBin();
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let port = 0;

  const killOnExit = () => {
    if (child && !exited(child)) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const launch = async (): Promise<void> => {
    let output = '';
    const args = [
      '--import',
      WATCHDOG,
      bin,
      'mock',
      options.specPath,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--errors',
      'false',
      '--verboseLevel',
      options.verbose ? 'info' : 'silent',
      // Seeded even in static mode, so that `Prefer: dynamic=true` answers are deterministic too.
      '--seed',
      options.seed,
      ...(options.dynamic ? ['--dynamic'] : []),
    ];
    const spawned = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child = spawned;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
      if (options.verbose) process.stderr.write(chunk);
    };
    spawned.stdout?.on('data', keep);
    spawned.stderr?.on('data', keep);
    spawned.once('exit', (code, signal) => {
      if (stopping || child !== spawned) return;
      if (restarts >= MAX_RESTARTS) {
        process.stderr.write(
          `hwc-mock: Prism exited (${signal ?? code}) and was restarted too often; giving up\n`,
        );
        return;
      }
      restarts++;
      process.stderr.write(
        `hwc-mock: Prism exited unexpectedly (${signal ?? code}); restarting\n${output}\n`,
      );
      launch().catch((error: unknown) =>
        process.stderr.write(`hwc-mock: restart failed: ${String(error)}\n`),
      );
    });
    await waitUntilAnswers(`http://127.0.0.1:${port}/`, {
      timeoutMs: STARTUP_TIMEOUT_MS,
      abort: () =>
        exited(spawned)
          ? new Error(`Prism exited before answering (${spawned.exitCode ?? spawned.signalCode}):\n${output}`)
          : undefined,
    });
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    process.removeListener('exit', killOnExit);
    const running = child;
    if (!running || exited(running)) return;
    running.kill('SIGTERM');
    if (!(await waitForExit(running, STOP_TIMEOUT_MS))) {
      running.kill('SIGKILL');
      await waitForExit(running, STOP_TIMEOUT_MS);
    }
  };

  // The free port is only reserved until Prism binds it; on a lost race, try another one.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      if (child && !exited(child)) {
        stopping = true;
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
        stopping = false;
      }
      if (attempt >= 3) {
        process.removeListener('exit', killOnExit);
        throw error;
      }
    }
  }
  return { url: `http://127.0.0.1:${port}`, pid: () => child?.pid, stop };
}
