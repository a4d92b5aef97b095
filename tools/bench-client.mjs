#!/usr/bin/env node
// Overhead of an AK/SK-signed @hwc-openapi/core client over bare fetch, against a local HTTP server.
// Usage: node tools/bench-client.mjs [requests=2000] [rounds=7]   (needs packages/core/dist: build core first)
// Exits 1 if the client's median cost per request exceeds LIMIT x bare fetch's.
// Also times plain openapi-fetch (core's own copy, unsigned) for reference: it is the floor for any client
// built on it, and is not part of the verdict.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createHwcClient } from '@hwc-openapi/core';

const N = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 7);
const WARMUP = 200;
const LIMIT = 1.15;
const PROJECT = '0123456789abcdef0123456789abcdef';
const PATH = '/autoscaling-api/v1/{project_id}/quotas';

const payload = JSON.stringify({
  quotas: { resources: [{ type: 'scaling_Group', used: 2, quota: 25, max: 50 }] },
});
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

const client = createHwcClient(
  { name: 'Bench', clouds: {} },
  {
    baseUrl,
    credentials: {
      ak: 'HPUAEXAMPLEAK000000',
      sk: 'exampleSecretKey0000000000000000000000000',
      projectId: PROJECT,
    },
  },
);
const coreRequire = createRequire(createRequire(import.meta.url).resolve('@hwc-openapi/core/package.json'));
const openapiFetch = await import(coreRequire.resolve('openapi-fetch'));
const plain = (openapiFetch.default.default ?? openapiFetch.default)({ baseUrl });

const series = {
  bare: async () => {
    const response = await fetch(`${baseUrl}/autoscaling-api/v1/${PROJECT}/quotas`);
    if (!response.ok) throw new Error(`bare fetch: HTTP ${response.status}`);
    return response.json();
  },
  'openapi-fetch': async () => {
    const { data, error } = await plain.GET(PATH, { params: { path: { project_id: PROJECT } } });
    if (error !== undefined) throw new Error('openapi-fetch: error');
    return data;
  },
  core: async () => {
    const { data, error } = await client.GET(PATH);
    if (error) throw error;
    return data;
  },
};
const names = Object.keys(series);

/** Microseconds per request over `n` sequential requests. */
async function measure(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  for (const name of names) await measure(series[name], WARMUP);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order, so that drift (GC, JIT, CPU frequency, neighbours) hits every series alike.
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      times[name].push(await measure(series[name], N));
    }
  }
  // Each round's ratio compares runs made seconds apart; the verdict uses the median of those ratios.
  const ratio = (name) => median(times[name].map((t, i) => t / times.bare[i]));
  const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(' ');
  console.log(`${N} sequential GETs x ${ROUNDS} rounds (after ${WARMUP} warm-up), node ${process.version}`);
  for (const name of names) {
    const r = name === 'bare' ? '' : `  ratio ${ratio(name).toFixed(3)}`;
    console.log(
      `${name.padEnd(14)} ${median(times[name]).toFixed(1).padStart(7)} µs/request${r}  (rounds: ${fmt(times[name])})`,
    );
  }
  const verdict = ratio('core');
  console.log(`core client (AK/SK-signed) / bare fetch: ${verdict.toFixed(3)} (limit ${LIMIT})`);
  if (verdict > LIMIT) {
    console.error(`FAIL: the core client costs more than ${LIMIT}x bare fetch`);
    process.exitCode = 1;
  }
} finally {
  server.close();
}
