/**
 * Throws at least 1,000 hostile requests per service at each engine, then proves that a valid request still
 * works. Asserts: no 5xx, every error body JSON, every request answered (except by clients that hang up on
 * purpose), an X-Request-Id on every answer, and memory that stays bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineName, type MockServer, type ServiceName, startMock } from '../src/index.js';
import { hostileRequest, oversizedRequest, random, type Target } from './support/hostile.js';
import { type RawOutcome, type RawRequest, rawExchange } from './support/raw-http.js';
import { seedValidCall } from './support/valid.js';

const REQUESTS = 1_000;
const CONCURRENCY = 8;
/**
 * Growth of the retained heap across the whole run (bodies of up to 13 MiB included) that still counts as bounded:
 * the journal and the state hold about 8 MiB after it.
 */
const MAX_HEAP_GROWTH = 32 * 1024 * 1024;

/** The heap in use once garbage is collected (vitest.config.ts starts the workers with --expose-gc). */
function heapAfterGc(): number {
  const { gc } = globalThis as { gc?: () => void };
  if (!gc) throw new Error('the fuzz suite weighs the heap: run it with node --expose-gc');
  gc();
  return process.memoryUsage().heapUsed;
}

const TARGETS: Readonly<Record<ServiceName, Target>> = {
  autoscaling: {
    operations: [
      { method: 'POST', path: '/autoscaling-api/v1/p/scaling_lifecycle_hook/g', takesBody: true },
      { method: 'GET', path: '/autoscaling-api/v1/p/scaling_lifecycle_hook/g/list', takesBody: false },
      { method: 'GET', path: '/autoscaling-api/v1/p/scaling_lifecycle_hook/g/h', takesBody: false },
      { method: 'PUT', path: '/autoscaling-api/v1/p/scaling_lifecycle_hook/g/h', takesBody: true },
      { method: 'DELETE', path: '/autoscaling-api/v1/p/scaling_lifecycle_hook/g/h', takesBody: false },
      { method: 'PUT', path: '/autoscaling-api/v1/p/scaling_instance_hook/g/callback', takesBody: true },
      { method: 'GET', path: '/autoscaling-api/v1/p/scaling_instance_hook/g/list', takesBody: false },
      { method: 'POST', path: '/_emulator/faults', takesBody: true },
    ],
  },
  servicestage: {
    operations: [
      { method: 'POST', path: '/v2/p/cas/applications/a/components/c/instances/i/action', takesBody: true },
      {
        method: 'GET',
        path: '/v2/p/cas/applications/a/components/c/instances/i/snapshots',
        takesBody: false,
      },
      { method: 'GET', path: '/v2/p/cas/jobs/j', takesBody: false },
      { method: 'GET', path: '/_emulator/requests', takesBody: false },
    ],
  },
};

interface Tally {
  sent: number;
  answered: number;
  hungUp: number;
  serverErrors: string[];
  nonJson: string[];
  unanswered: string[];
  noRequestId: number;
  statuses: Map<number, number>;
}

function check(tally: Tally, request: RawRequest, outcome: RawOutcome): void {
  const what = String(request.chunks[0]).slice(0, 80).replace(/\r\n/g, ' ');
  if (outcome.kind === 'hung-up') {
    tally.hungUp++;
    return;
  }
  if (outcome.kind !== 'answered') {
    tally.unanswered.push(`${outcome.kind}: ${what}`);
    return;
  }
  const { status, headers, body } = outcome.answer;
  tally.answered++;
  tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
  if (!headers['x-request-id']) tally.noRequestId++;
  if (status >= 500 || !(status >= 200)) tally.serverErrors.push(`${status}: ${what}`);
  if (status >= 400 && !request.head) {
    let json = headers['content-type'] === 'application/json';
    try {
      JSON.parse(body);
    } catch {
      json = false;
    }
    if (!json) tally.nonJson.push(`${status} ${headers['content-type']} ${body.slice(0, 60)}: ${what}`);
  }
}

async function run(port: number, requests: readonly RawRequest[], tally: Tally): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++] as RawRequest;
      tally.sent++;
      check(tally, request, await rawExchange(port, request));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Gives the emulator the group, hook and instance the hostile requests name, so that they reach its handlers. */
async function seedTargets(mock: MockServer): Promise<void> {
  const seeded =
    mock.service === 'autoscaling'
      ? await mock.control.POST('/_emulator/autoscaling/groups', {
          body: { project_id: 'p', scaling_group_id: 'g', instances: 3 },
        })
      : await mock.control.POST('/_emulator/servicestage/instances', {
          body: { project_id: 'p', application_id: 'a', component_id: 'c', instance_id: 'i' },
        });
  expect(seeded.response.status).toBe(201);
  if (mock.service === 'autoscaling') {
    const hook = await fetch(`${mock.url}/autoscaling-api/v1/p/scaling_lifecycle_hook/g`, {
      method: 'POST',
      headers: { 'x-auth-token': 'fuzz', 'content-type': 'application/json' },
      body: JSON.stringify({
        lifecycle_hook_name: 'h',
        lifecycle_hook_type: 'INSTANCE_LAUNCHING',
        notification_topic_urn: 'u',
      }),
    });
    expect(hook.status).toBe(200);
  }
}

describe.each(['emulator', 'prism'] as EngineName[])('fuzz: %s engine', (engine) => {
  describe.each(['autoscaling', 'servicestage'] as ServiceName[])('%s', (service) => {
    let mock: MockServer;
    beforeAll(async () => {
      mock = await startMock({ service, engine });
      if (engine === 'emulator') await seedTargets(mock);
    });
    afterAll(() => mock?.close());

    it(`answers ${REQUESTS} hostile requests with documented 4xx JSON errors, then a valid request`, async () => {
      const rand = random(service === 'autoscaling' ? 8 : 88);
      const requests = Array.from({ length: REQUESTS }, () => hostileRequest(TARGETS[service], rand));
      const tally: Tally = {
        sent: 0,
        answered: 0,
        hungUp: 0,
        serverErrors: [],
        nonJson: [],
        unanswered: [],
        noRequestId: 0,
        statuses: new Map(),
      };
      const heapBefore = heapAfterGc();
      await run(mock.port, requests, tally);
      // Bodies above 12 MiB, declared and streamed, one at a time.
      for (const chunked of [false, true]) {
        const request = oversizedRequest(TARGETS[service], chunked);
        tally.sent++;
        const outcome = await rawExchange(mock.port, request, 60_000);
        check(tally, request, outcome);
        expect(outcome.kind === 'answered' && outcome.answer.status).toBe(400);
      }
      const heapGrowth = heapAfterGc() - heapBefore;

      expect(tally.unanswered).toEqual([]);
      expect(tally.serverErrors).toEqual([]);
      expect(tally.nonJson).toEqual([]);
      expect(tally.noRequestId).toBe(0);
      // Only the requests the client itself abandons go unanswered: most hostile requests get their 4xx.
      expect(tally.answered).toBeGreaterThan(tally.sent * 0.8);
      expect(heapGrowth).toBeLessThan(MAX_HEAP_GROWTH);
      console.log(
        `fuzz ${engine}/${service}: ${tally.sent} sent, ${tally.answered} answered, ${tally.hungUp} hung up by the client, ` +
          `statuses ${JSON.stringify(Object.fromEntries([...tally.statuses].sort((a, b) => a[0] - b[0])))}, ` +
          `heap ${(heapGrowth / 1024 / 1024).toFixed(1)} MiB`,
      );

      const valid = await seedValidCall(mock, engine);
      expect(valid.status).toBe(200);
    });
  });
});
