#!/usr/bin/env node
// Cost per request of the AK/SK-signed @hwc-openapi/autoscaling client, against bare fetch and the official SDK core
// (@huaweicloud/huaweicloud-sdk-core, also signing with AK/SK), measured side by side in one run on a local server.
// Two calls: a GET with a JSON answer (listLifecycleHooks) and a PUT with a JSON body and a 204 (the callback).
// "signed fetch (by hand)" is the least a caller can do to send a signed request (node:crypto and fetch, no checks,
// no timeout, no retries): what signing itself costs. "bare node:http" is the transport the client uses on Node,
// unsigned: the client's own cost is its time over that one. "project client over fetch" is the client given a
// `fetch` option, which it then sends with (as it does by default where node:http is not available).
// Usage: node tools/bench-client.mjs [requests=2000] [rounds=5] [processes=3]   (needs the packages built)
// Each process measures every series; the verdict takes medians over all rounds of all processes, since a ratio
// moves by several per cent from one process to the next (JIT and heap layout), more than within one process.
// Exits 1 unless, for both calls, the client costs at most LIMIT x bare fetch and less than the official core.
import { fork } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { createAutoScalingClient } from '@hwc-openapi/autoscaling';
import { computeAuthorization } from '@hwc-openapi/core';

const require = createRequire(import.meta.url);
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js');

const N = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 5);
const PROCESSES = Number(process.argv[4] ?? 3);
const CHILD = process.env.BENCH_CLIENT_CHILD === '1';
const WARMUP = 300;
const LIMIT = 1.15;
const AK = 'HPUAEXAMPLEAK000000';
const SK = 'exampleSecretKey0000000000000000000000000';
const PROJECT = '0123456789abcdef0123456789abcdef';
const GROUP = 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a';
const LIST = '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list';
const CALLBACK = '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/callback';

const BATCH = 100;
/** Runs `n` requests of each series in interleaved batches; returns µs per request (wall clock and CPU) for each. */
async function measureRound(series, names, n, offset) {
  const wall = Object.fromEntries(names.map((name) => [name, 0n]));
  const cpu = Object.fromEntries(names.map((name) => [name, 0]));
  // Small interleaved batches: drift (GC, JIT, CPU frequency, neighbours) hits every series alike.
  for (let batch = 0; batch < n / BATCH; batch++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(batch + offset + k) % names.length];
      const fn = series[name];
      const startCpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      for (let i = 0; i < BATCH; i++) await fn();
      wall[name] += process.hrtime.bigint() - start;
      const used = process.cpuUsage(startCpu);
      cpu[name] += used.user + used.system;
    }
  }
  return Object.fromEntries(
    names.map((name) => [name, { wall: Number(wall[name]) / 1000 / n, cpu: cpu[name] / n }]),
  );
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One process's measurement: every round of every call. */
async function measure() {
  // The documented examples: the callback's request body and the hook list's answer.
  const spec = require('@hwc-openapi/spec/autoscaling.json');
  const example = (media) => media['application/json'].examples.default.value;
  const callback = example(spec.paths[CALLBACK].put.requestBody.content);
  const hooks = JSON.stringify(example(spec.paths[LIST].get.responses['200'].content));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'PUT') return res.writeHead(204).end();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(hooks) });
      res.end(hooks);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const fill = (template) =>
    baseUrl + template.replace('{project_id}', PROJECT).replace('{scaling_group_id}', GROUP);

  const credentials = { ak: AK, sk: SK, projectId: PROJECT };
  const as = createAutoScalingClient({ baseUrl, credentials });
  // The same client given `fetch`: it then sends with undici's fetch instead of node:http.
  const asOverFetch = createAutoScalingClient({ baseUrl, credentials, fetch: (request) => fetch(request) });
  const official = new ClientBuilder((client) => client)
    .withEndpoint(baseUrl)
    .withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT))
    .build();
  const officialCall = (method, url, data) =>
    official.sendRequest({
      method,
      url,
      pathParams: { project_id: PROJECT, scaling_group_id: GROUP },
      queryParams: {},
      headers: {},
      contentType: 'application/json',
      ...(data && { data }),
    });

  const sha256 = (text) => createHash('sha256').update(text).digest('hex');
  const host = new URL(baseUrl).host;
  /** Signs by hand: the canonical request of the AK/SK algorithm, hashed and HMAC-ed with node:crypto. */
  const signedHeaders = (method, path, body) => {
    const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const headers = { 'x-project-id': PROJECT, 'x-sdk-date': date };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const names = [...Object.keys(headers), 'host'].sort();
    const lines = names.map((name) => `${name}:${name === 'host' ? host : headers[name]}`);
    const canonical = [method, `${path}/`, '', ...lines, '', names.join(';'), sha256(body ?? '')].join('\n');
    const signature = createHmac('sha256', SK)
      .update(`SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`)
      .digest('hex');
    headers.authorization = `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
    return headers;
  };
  /** An unsigned request on node:http's keep-alive global agent, its body read whole. */
  const bareNode = (method, template, body) =>
    new Promise((resolve, reject) => {
      const headers = body === undefined ? {} : { 'content-type': 'application/json' };
      const req = request(fill(template), { method, headers }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const signedFetch = (method, template, body) => {
    const url = fill(template);
    return fetch(url, { method, headers: signedHeaders(method, new URL(url).pathname, body), body });
  };
  // The hand signer must agree with the project's, or it would time something else.
  {
    const body = JSON.stringify(callback);
    const url = fill(CALLBACK);
    const { authorization, ...signed } = signedHeaders('PUT', new URL(url).pathname, body);
    const expected = computeAuthorization(
      { ak: AK, sk: SK },
      { method: 'PUT', url, headers: { ...signed, host }, body },
    );
    if (authorization !== expected) throw new Error('the hand signer disagrees with computeAuthorization');
  }

  const check = (ok, name) => {
    if (!ok) throw new Error(`${name}: unexpected answer`);
  };
  const scenarios = {
    'GET listLifecycleHooks': {
      'bare fetch': async () => {
        const response = await fetch(fill(LIST));
        check(response.ok && (await response.json()).lifecycle_hooks.length === 2, 'bare fetch');
      },
      'bare node:http': async () => {
        const { status, text } = await bareNode('GET', LIST);
        check(status === 200 && JSON.parse(text).lifecycle_hooks.length === 2, 'bare node:http');
      },
      'signed fetch (by hand)': async () => {
        const response = await signedFetch('GET', LIST);
        check(response.ok && (await response.json()).lifecycle_hooks.length === 2, 'signed fetch');
      },
      'official SDK core': async () => {
        check((await officialCall('GET', LIST)).lifecycle_hooks.length === 2, 'official');
      },
      'project client': async () => {
        check(
          (await as.listLifecycleHooks({ scaling_group_id: GROUP })).lifecycle_hooks.length === 2,
          'client',
        );
      },
      'project client over fetch': async () => {
        check(
          (await asOverFetch.listLifecycleHooks({ scaling_group_id: GROUP })).lifecycle_hooks.length === 2,
          'client over fetch',
        );
      },
    },
    'PUT callbackLifecycleHook': {
      'bare fetch': async () => {
        const response = await fetch(fill(CALLBACK), {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(callback),
        });
        check(response.status === 204, 'bare fetch');
        await response.arrayBuffer();
      },
      'bare node:http': async () => {
        check((await bareNode('PUT', CALLBACK, JSON.stringify(callback))).status === 204, 'bare node:http');
      },
      'signed fetch (by hand)': async () => {
        const response = await signedFetch('PUT', CALLBACK, JSON.stringify(callback));
        check(response.status === 204, 'signed fetch');
        await response.arrayBuffer();
      },
      'official SDK core': async () => {
        check((await officialCall('PUT', CALLBACK, callback)).httpStatusCode === 204, 'official');
      },
      'project client': async () => {
        check(
          (await as.callbackLifecycleHook({ scaling_group_id: GROUP, body: callback })) === undefined,
          'client',
        );
      },
      'project client over fetch': async () => {
        check(
          (await asOverFetch.callbackLifecycleHook({ scaling_group_id: GROUP, body: callback })) ===
            undefined,
          'client over fetch',
        );
      },
    },
  };

  const results = {};
  try {
    for (const [call, series] of Object.entries(scenarios)) {
      const names = Object.keys(series);
      for (const name of names) for (let i = 0; i < WARMUP; i++) await series[name]();
      results[call] = [];
      for (let round = 0; round < ROUNDS; round++)
        results[call].push(await measureRound(series, names, N, round));
    }
  } finally {
    server.close();
  }
  return results;
}

if (CHILD) {
  process.send(await measure());
} else {
  console.log(
    `${N} sequential requests per series and round, in interleaved batches of ${BATCH}; ${ROUNDS} rounds after ${WARMUP} warm-up, in each of ${PROCESSES} processes; node ${process.version}`,
  );
  console.log(
    'Wall clock decides. CPU time (the measuring process: client and server) is shown as a check on a busy machine.',
  );
  const perProcess = [];
  for (let p = 0; p < PROCESSES; p++) {
    const child = fork(import.meta.filename, process.argv.slice(2), {
      env: { ...process.env, BENCH_CLIENT_CHILD: '1' },
    });
    const results = await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`measuring process ${p + 1} exited with ${code}`)));
    });
    child.kill();
    perProcess.push(results);
  }
  console.log('| call | client | µs/request | vs bare fetch | CPU µs/request | CPU vs bare fetch |');
  console.log('|---|---|---|---|---|---|');
  let failed = false;
  for (const call of Object.keys(perProcess[0])) {
    const names = Object.keys(perProcess[0][call][0]);
    const rounds = perProcess.flatMap((results) => results[call]);
    // Medians over rounds, of the figures and of each round's ratios (batches run side by side).
    const ratio = (name, key, base = 'bare fetch', of = rounds) =>
      median(of.map((r) => r[name][key] / r[base][key]));
    const typical = (name, key) => median(rounds.map((r) => r[name][key]));
    for (const name of names) {
      const cells = [typical(name, 'wall').toFixed(1), `${ratio(name, 'wall').toFixed(3)}x`];
      cells.push(typical(name, 'cpu').toFixed(1), `${ratio(name, 'cpu').toFixed(3)}x`);
      console.log(`| ${call} | ${name} | ${cells.join(' | ')} |`);
    }
    const vsBare = ratio('project client', 'wall');
    const vsOfficial = ratio('project client', 'wall', 'official SDK core');
    const vsHand = ratio('project client', 'wall', 'signed fetch (by hand)');
    const vsNode = ratio('project client', 'wall', 'bare node:http');
    const byProcess = perProcess.map((results) =>
      ratio('project client', 'wall', 'bare fetch', results[call]).toFixed(3),
    );
    const verdict = vsBare <= LIMIT && vsOfficial < 1;
    console.log(
      `${call}: project client / bare fetch ${vsBare.toFixed(3)} (limit ${LIMIT}; by process ${byProcess.join(', ')}), / signed fetch by hand ${vsHand.toFixed(3)}, / bare node:http ${vsNode.toFixed(3)}, / official SDK core ${vsOfficial.toFixed(3)} (limit 1): ${verdict ? 'ok' : 'FAIL'}`,
    );
    console.log(
      `${call}: project client over fetch / bare fetch ${ratio('project client over fetch', 'wall').toFixed(3)}, / signed fetch by hand ${ratio('project client over fetch', 'wall', 'signed fetch (by hand)').toFixed(3)}`,
    );
    if (!verdict) failed = true;
  }
  if (failed) process.exitCode = 1;
}
