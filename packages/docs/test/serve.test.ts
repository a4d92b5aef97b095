// The static server (scripts/serve.mjs) and the long-running `start` script (scripts/start.mjs).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, resolveRequestPath, startServer } from '../scripts/serve.mjs';

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({ port: 0 });
});

afterAll(async () => {
  await server?.close();
});

describe('static server', () => {
  it('listens on 127.0.0.1 and serves index.html for /', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(server.url, { headers: { 'accept-encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('hwc-openapi');
  });

  it('gzips text for clients that accept it', async () => {
    const { request } = await import('node:http');
    const body = await new Promise<{ headers: Record<string, unknown>; data: Buffer }>((resolve, reject) => {
      request(`${server.url}autoscaling.zh-CN.html`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, data: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(body.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(body.data).toString('utf8')).toContain('<html lang="zh-CN">');
  });

  it('serves the OpenAPI files the pages offer for download', async () => {
    const response = await fetch(`${server.url}openapi/servicestage.zh-CN.yaml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
  });

  it('answers 404, 405, and never serves a file outside dist/', async () => {
    expect((await fetch(`${server.url}nope.html`)).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${server.url}%2e%2e/package.json`)).status).toBe(404);
    expect(resolveRequestPath(DIST, '/../package.json')).toBe(join(DIST, 'package.json'));
    expect(resolveRequestPath(DIST, '/%2e%2e%2fpackage.json')).toBeUndefined();
    expect(resolveRequestPath(DIST, '/%E0%A4%A')).toBeUndefined();
  });

  it('refuses a port that is in use, as the mock does', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      await expect(startServer({ port: taken })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      blocker.close();
    }
  });
});

/** Runs scripts/start.mjs until it prints its URL; `stop` sends a signal and resolves with the exit code. */
function startScript(port: string) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../scripts/start.mjs', import.meta.url))], {
    env: { ...process.env, PORT: port },
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
  const url = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 50);
    void exited.then(([code]) => {
      clearInterval(timer);
      reject(new Error(`exited (${code}): ${output}`));
    });
  });
  return {
    url,
    exited,
    output: () => output,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    signal: (signal: NodeJS.Signals) => child.kill(signal),
  };
}

describe('start script', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints its URL, serves until %s, then exits 0 quietly',
    async (signal) => {
      const run = startScript('0');
      try {
        const url = await run.url;
        expect((await fetch(`${url}servicestage.html`)).status).toBe(200);
        run.signal(signal);
        const [code] = await run.exited;
        expect(code).toBe(0);
        expect(run.output()).toContain(`docs: ${signal}, stopping`);
        expect(run.output()).not.toMatch(/error|failed/i);
      } finally {
        run.kill();
      }
    },
  );

  it('refuses a port in use with a message that names it and how to choose another', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = String((blocker.address() as { port: number }).port);
    const run = startScript(taken);
    try {
      await expect(run.url).rejects.toThrow(/exited \(1\)/);
      expect(run.output()).toContain(`docs: port ${taken} on 127.0.0.1 is already in use`);
      expect(run.output()).toMatch(/PORT=\d+ pnpm start/);
    } finally {
      run.kill();
      blocker.close();
    }
  });
});
