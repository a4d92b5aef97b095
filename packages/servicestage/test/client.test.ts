import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serviceStageService } from '@hwc-openapi/core';
import { describe, expect, it } from 'vitest';
import { createServiceStageClient, HwcApiError, HwcTimeoutError, waitForJob } from '../src/index.js';

const credentials = { ak: 'AK', sk: 'not-a-real-secret', projectId: 'b53e5554fad0494d96206fb84296510b' };
const JOB = 'JOB66761060-f209-407c-a093-4df6f531b9dc';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const job = (status: string) => ({
  task_count: 0,
  job: { JOB_ID: JOB, EXECUTION_STATUS: status },
  tasks: [],
});

describe('createServiceStageClient', () => {
  it('posts an action to the regional host and gets the job id', async () => {
    const requests: Request[] = [];
    const fetch = async (r: Request) => {
      requests.push(r);
      return json({ job_id: JOB });
    };
    const ss = createServiceStageClient({ region: 'cn-north-4', credentials, fetch });
    const { data } = await ss.POST(
      '/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/action',
      {
        params: { path: { application_id: 'a', component_id: 'c', instance_id: 'i' } },
        body: { action: 'scale', parameters: { replica: 4 } },
      },
    );
    expect(data).toEqual({ job_id: JOB });
    expect(requests[0]?.url).toBe(
      `https://servicestage.cn-north-4.myhuaweicloud.com/v2/${credentials.projectId}/cas/applications/a/components/c/instances/i/action`,
    );
    expect(requests[0]?.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 Access=AK, /);
  });

  it('reads ServiceStage error bodies into HwcApiError', async () => {
    const ss = createServiceStageClient({
      region: 'cn-north-4',
      credentials,
      fetch: async () =>
        json({ error_code: 'SVCSTG.00100418', error_msg: 'component instance action not defined' }, 400),
    });
    const { error } = await ss.GET('/v2/{project_id}/cas/jobs/{job_id}', {
      params: { path: { job_id: JOB } },
    });
    expect(error).toBeInstanceOf(HwcApiError);
    expect(error).toMatchObject({ status: 400, code: 'SVCSTG.00100418' });
  });

  it('is not offered on Open Telekom Cloud', () => {
    expect(() => createServiceStageClient({ region: 'eu-de', cloud: 'otc', credentials })).toThrow(
      /Open Telekom Cloud/,
    );
  });

  it('uses the hosts and regions of the spec, so the two cannot drift', () => {
    const require = createRequire(import.meta.url);
    const spec = JSON.parse(readFileSync(require.resolve('@hwc-openapi/spec/servicestage.json'), 'utf8'));
    const hw = serviceStageService.clouds.huaweicloud;
    expect(spec.servers).toHaveLength(1);
    expect(`https://${hw?.host}`).toBe(spec.servers[0].url);
    expect([...(hw?.regions ?? [])].sort()).toEqual([...spec.servers[0].variables.region.enum].sort());
    expect(serviceStageService.clouds.otc).toBeUndefined();
  });
});

describe('waitForJob', () => {
  function polling(...statuses: string[]) {
    const seen: string[] = [];
    const fetch = async (r: Request) => {
      seen.push(new URL(r.url).pathname);
      return json(job(statuses.shift() ?? 'SUCCEEDED'));
    };
    return { client: createServiceStageClient({ region: 'cn-north-4', credentials, fetch }), seen };
  }

  it('polls with doubling pauses until the job is terminal, and returns it', async () => {
    const { client, seen } = polling('SUBMITTED', 'RUNNING', 'RUNNING', 'FAILED');
    const pauses: number[] = [];
    const detail = await waitForJob(client, JOB, {
      intervalMs: 1000,
      maxIntervalMs: 3000,
      sleep: async (ms) => void pauses.push(ms),
    });
    expect(detail.job.EXECUTION_STATUS).toBe('FAILED');
    expect(pauses).toEqual([1000, 2000, 3000]);
    expect(seen).toHaveLength(4);
    expect(seen[0]).toBe(`/v2/${credentials.projectId}/cas/jobs/${JOB}`);
  });

  it('gives up with HwcTimeoutError after timeoutMs', async () => {
    const { client } = polling(...Array(50).fill('RUNNING'));
    let clock = 0;
    const sleep = async (ms: number) => {
      clock += ms;
    };
    await expect(
      waitForJob(client, JOB, { timeoutMs: 5000, intervalMs: 1000, sleep, now: () => clock }),
    ).rejects.toBeInstanceOf(HwcTimeoutError);
    expect(clock).toBe(5000);
  });

  it('rejects with the API error', async () => {
    const client = createServiceStageClient({
      region: 'cn-north-4',
      credentials,
      retry: false,
      fetch: async () => json({ error_code: 'SVCSTG.00100429', error_msg: 'job not found' }, 404),
    });
    await expect(waitForJob(client, JOB)).rejects.toMatchObject({ code: 'SVCSTG.00100429', status: 404 });
  });

  it('stops when the signal aborts', async () => {
    const { client } = polling(...Array(50).fill('RUNNING'));
    const controller = new AbortController();
    const sleep = async () => controller.abort(new Error('stop'));
    await expect(waitForJob(client, JOB, { signal: controller.signal, sleep })).rejects.toThrow('stop');
  });

  it('passes per-call options to every poll', async () => {
    const headers: (string | null)[] = [];
    const client = createServiceStageClient({
      region: 'cn-north-4',
      credentials,
      fetch: async (r: Request) => {
        headers.push(r.headers.get('x-trace'));
        return json(job(headers.length < 2 ? 'RUNNING' : 'SUCCEEDED'));
      },
    });
    const detail = await waitForJob(
      client,
      JOB,
      { sleep: async () => {} },
      { headers: { 'X-Trace': 't1' }, retry: false },
    );
    expect(detail.job.EXECUTION_STATUS).toBe('SUCCEEDED');
    expect(headers).toEqual(['t1', 't1']);
  });
});

describe('operation methods', () => {
  it('exist for every operation of the spec, and take flat parameters with the body under body', async () => {
    const require = createRequire(import.meta.url);
    const spec = JSON.parse(readFileSync(require.resolve('@hwc-openapi/spec/servicestage.json'), 'utf8'));
    const requests: Request[] = [];
    const ss = createServiceStageClient({
      baseUrl: 'https://ss.example',
      credentials,
      fetch: async (r: Request) => {
        requests.push(r);
        return json(r.url.includes('/jobs/') ? job('SUCCEEDED') : { job_id: JOB });
      },
    });
    for (const item of Object.values(
      spec.paths as Record<string, Record<string, { operationId?: string }>>,
    )) {
      for (const op of Object.values(item)) {
        if (op?.operationId)
          expect(typeof (ss as unknown as Record<string, unknown>)[op.operationId]).toBe('function');
      }
    }
    const ids = { application_id: 'a', component_id: 'c', instance_id: 'i' };
    const { job_id } = await ss.performComponentInstanceAction({ ...ids, body: { action: 'restart' } });
    const detail = await ss.showJobDetail({ job_id });
    expect(detail.job.EXECUTION_STATUS).toBe('SUCCEEDED');
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `POST /v2/${credentials.projectId}/cas/applications/a/components/c/instances/i/action`,
      `GET /v2/${credentials.projectId}/cas/jobs/${JOB}`,
    ]);
    expect(await requests[0]?.json()).toEqual({ action: 'restart' });
  });
});
