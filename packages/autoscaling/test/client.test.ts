import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { autoScalingService } from '@hwc-openapi/core';
import { describe, expect, it } from 'vitest';
import { createAutoScalingClient, HwcApiError, listHeldInstances } from '../src/index.js';

const credentials = {
  ak: 'HPUAEXAMPLEAK000000',
  sk: 'exampleSecretKey0000000000000000000000000',
  projectId: '0123456789abcdef0123456789abcdef',
};
const GROUP = 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a';

/** A fetch that records requests and answers from a queue. */
function fakeFetch(...answers: Response[]) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return answers.shift() ?? new Response(null, { status: 204 });
  };
  return { fetch, requests };
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('createAutoScalingClient', () => {
  it('calls the regional host with project_id filled in, signed with AK/SK', async () => {
    const { fetch, requests } = fakeFetch();
    const as = createAutoScalingClient({ region: 'cn-north-4', credentials, fetch });
    const { error, response } = await as.PUT(
      '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/callback',
      {
        params: { path: { scaling_group_id: GROUP } },
        body: {
          lifecycle_action_result: 'ABANDON',
          lifecycle_action_key: '23880867-6288-4470-98a8-f8bda096b6c4',
        },
      },
    );
    expect(error).toBeUndefined();
    expect(response.status).toBe(204);
    const [request] = requests;
    expect(request?.url).toBe(
      `https://as.cn-north-4.myhuaweicloud.com/autoscaling-api/v1/${credentials.projectId}/scaling_instance_hook/${GROUP}/callback`,
    );
    expect(request?.headers.get('x-project-id')).toBe(credentials.projectId);
    expect(request?.headers.get('x-sdk-date')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request?.headers.get('authorization')).toMatch(
      /^SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK000000, SignedHeaders=[a-z;-]*x-sdk-date[a-z;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(await request?.text()).toBe(
      '{"lifecycle_action_result":"ABANDON","lifecycle_action_key":"23880867-6288-4470-98a8-f8bda096b6c4"}',
    );
  });

  it('resolves the ap-southeast-1 exception, Open Telekom Cloud and a baseUrl override', async () => {
    const hosts: string[] = [];
    const fetch = async (r: Request) => {
      hosts.push(new URL(r.url).origin);
      return json({ lifecycle_hooks: [] });
    };
    const path = '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list' as const;
    const init = { params: { path: { scaling_group_id: GROUP } } };
    await createAutoScalingClient({ region: 'ap-southeast-1', credentials, fetch }).GET(path, init);
    await createAutoScalingClient({ region: 'eu-de', cloud: 'otc', credentials, fetch }).GET(path, init);
    await createAutoScalingClient({ baseUrl: 'http://127.0.0.1:4010', credentials, fetch }).GET(path, init);
    expect(hosts).toEqual([
      'https://as.ap-southeast-1.myhwclouds.com',
      'https://as.eu-de.otc.t-systems.com',
      'http://127.0.0.1:4010',
    ]);
  });

  it('turns an AS error body into an HwcApiError with status, code, message and request id', async () => {
    const { fetch } = fakeFetch(
      json({ error: { code: 'AS.7031', message: 'Invalid lifecycle hook name.' } }, 400, {
        'X-Request-Id': 'req-123',
      }),
    );
    const as = createAutoScalingClient({ region: 'cn-north-4', credentials, fetch });
    const { data, error } = await as.POST(
      '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}',
      {
        params: { path: { scaling_group_id: GROUP } },
        body: {
          lifecycle_hook_name: 'bad name',
          lifecycle_hook_type: 'INSTANCE_TERMINATING',
          notification_topic_urn: 'urn:smn:x:y:z',
        },
      },
    );
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(HwcApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'AS.7031',
      message: expect.stringContaining('Invalid lifecycle hook name.'),
      requestId: 'req-123',
    });
    expect(String(error)).not.toContain(credentials.sk);
  });

  it('sends an IAM token instead of a signature', async () => {
    const { fetch, requests } = fakeFetch(json({ lifecycle_hooks: [] }));
    const as = createAutoScalingClient({
      region: 'cn-north-4',
      credentials: { token: 'iam-token', projectId: 'p1' },
      fetch,
    });
    await as.GET('/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list', {
      params: { path: { scaling_group_id: GROUP } },
    });
    expect(requests[0]?.headers.get('x-auth-token')).toBe('iam-token');
    expect(requests[0]?.headers.get('authorization')).toBeNull();
    expect(new URL(requests[0]?.url ?? '').pathname).toBe(
      `/autoscaling-api/v1/p1/scaling_lifecycle_hook/${GROUP}/list`,
    );
  });
});

describe('listHeldInstances', () => {
  const info = (status: string, key: string) => ({
    instance_id: `i-${key}`,
    scaling_group_id: GROUP,
    lifecycle_hook_name: 'drain',
    lifecycle_action_key: key,
    default_result: 'ABANDON',
    timeout: '2016-11-15T06:43:41Z',
    lifecycle_hook_status: status,
  });

  it('keeps only the HANGING instances, with their action keys, and filters by instance', async () => {
    const { fetch, requests } = fakeFetch(
      json({ instance_hanging_info: [info('HANGING', 'k1'), info('CONTINUE', 'k2'), info('HANGING', 'k3')] }),
    );
    const as = createAutoScalingClient({ region: 'cn-north-4', credentials, fetch });
    const held = await listHeldInstances(as, GROUP, { instanceId: 'i-k1' });
    expect(held.map((h) => h.lifecycle_action_key)).toEqual(['k1', 'k3']);
    expect(new URL(requests[0]?.url ?? '').searchParams.get('instance_id')).toBe('i-k1');
  });

  it('rejects with the API error', async () => {
    const { fetch } = fakeFetch(
      json({ error: { code: 'AS.2007', message: 'The AS group does not exist.' } }, 400),
    );
    const as = createAutoScalingClient({ region: 'cn-north-4', credentials, fetch, retry: false });
    await expect(listHeldInstances(as, GROUP)).rejects.toMatchObject({ code: 'AS.2007', status: 400 });
  });
});

describe('endpoints', () => {
  it('match the servers of the spec, so the two cannot drift', () => {
    const require = createRequire(import.meta.url);
    const spec = JSON.parse(readFileSync(require.resolve('@hwc-openapi/spec/autoscaling.json'), 'utf8'));
    const [huawei, hongKong, otc] = spec.servers;
    const hw = autoScalingService.clouds.huaweicloud;
    expect(`https://${hw?.host}`).toBe(huawei.url);
    expect([...(hw?.regions ?? [])].filter((r) => !hw?.exceptions?.[r]).sort()).toEqual(
      [...huawei.variables.region.enum].sort(),
    );
    expect(`https://${hw?.exceptions?.['ap-southeast-1']}`).toBe(hongKong.url);
    expect(`https://${autoScalingService.clouds.otc?.host}`).toBe(otc.url);
    expect([...(autoScalingService.clouds.otc?.regions ?? [])].sort()).toEqual(otc.variables.region.enum);
  });
});
