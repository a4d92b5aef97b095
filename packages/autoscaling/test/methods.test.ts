// Operation methods: generated from the spec at build time, named by operationId.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createAutoScalingClient, HwcApiError, HwcNetworkError, listHeldInstances } from '../src/index.js';

const credentials = { ak: 'AK', sk: 'not-a-real-secret', projectId: 'p1' };
const GROUP = 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function recording(...answers: (Response | Error)[]) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const answer = answers.shift() ?? new Response(null, { status: 204 });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { as: createAutoScalingClient({ baseUrl: 'https://as.example', credentials, fetch }), requests };
}

describe('operation methods', () => {
  it('exist for every operation of the spec', () => {
    const require = createRequire(import.meta.url);
    const spec = JSON.parse(readFileSync(require.resolve('@hwc-openapi/spec/autoscaling.json'), 'utf8'));
    const ids = Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (item) => Object.values(item).flatMap((op) => (op?.operationId ? [op.operationId] : [])),
    );
    expect(ids.length).toBeGreaterThanOrEqual(7);
    const { as } = recording();
    for (const id of ids) expect(typeof (as as unknown as Record<string, unknown>)[id], id).toBe('function');
  });

  it('createLifecycleHook: path parameters flat, body under body, resolves to the data', async () => {
    const hook = { lifecycle_hook_name: 'drain', default_timeout: 3600 };
    const { as, requests } = recording(json(hook));
    const body = {
      lifecycle_hook_name: 'drain',
      lifecycle_hook_type: 'INSTANCE_TERMINATING',
      notification_topic_urn: 'urn:smn:cn-north-4:p1:t',
    } as const;
    expect(await as.createLifecycleHook({ scaling_group_id: GROUP, body })).toEqual(hook);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`https://as.example/autoscaling-api/v1/p1/scaling_lifecycle_hook/${GROUP}`);
    expect(await request?.json()).toEqual(body);
  });

  it('puts the other parameters in the query, and resolves to undefined without a body', async () => {
    const { as, requests } = recording(json({ instance_hanging_info: [] }));
    await as.listInstanceHangingInfo({ scaling_group_id: GROUP, instance_id: 'i-1' });
    expect(requests[0]?.url).toBe(
      `https://as.example/autoscaling-api/v1/p1/scaling_instance_hook/${GROUP}/list?instance_id=i-1`,
    );
    expect(
      await as.deleteLifecycleHook({ scaling_group_id: GROUP, lifecycle_hook_name: 'drain' }),
    ).toBeUndefined();
    expect(requests[1]?.method).toBe('DELETE');
  });

  it('rejects with HwcApiError or HwcNetworkError', async () => {
    const { as } = recording(
      json({ error: { code: 'AS.2007', message: 'The AS group does not exist.' } }, 400),
      new TypeError('fetch failed'),
    );
    const apiError = await as
      .showLifecycleHook({ scaling_group_id: GROUP, lifecycle_hook_name: 'x' })
      .catch((e) => e);
    expect(apiError).toBeInstanceOf(HwcApiError);
    expect(apiError).toMatchObject({ status: 400, code: 'AS.2007' });
    const network = await as
      .callbackLifecycleHook({
        scaling_group_id: GROUP,
        body: { lifecycle_action_result: 'CONTINUE', lifecycle_action_key: 'k' },
      })
      .catch((e) => e);
    expect(network).toBeInstanceOf(HwcNetworkError);
  });

  it('takes per-call options: headers (signed), retry, timeoutMs and signal', async () => {
    const { as, requests } = recording(json({}, 503), json({ lifecycle_hooks: [] }));
    const call = as.listLifecycleHooks(
      { scaling_group_id: GROUP },
      { headers: { 'X-Language': 'zh-cn' }, retry: false, timeoutMs: 1000 },
    );
    await expect(call).rejects.toMatchObject({ status: 503 });
    expect(requests).toHaveLength(1); // retry: false
    expect(requests[0]?.headers.get('x-language')).toBe('zh-cn');
    expect(requests[0]?.headers.get('authorization')).toContain(';x-language;');
    const aborted = as.listLifecycleHooks(
      { scaling_group_id: GROUP },
      { signal: AbortSignal.abort(new Error('stop')) },
    );
    await expect(aborted).rejects.toThrow('stop');
  });

  it('listHeldInstances passes per-call options through', async () => {
    const { as, requests } = recording(json({ instance_hanging_info: [] }));
    await listHeldInstances(as, GROUP, { instanceId: 'i-1', headers: { 'X-Trace': 't1' } });
    expect(requests[0]?.headers.get('x-trace')).toBe('t1');
    expect(new URL(requests[0]?.url ?? '').searchParams.get('instance_id')).toBe('i-1');
  });
});
