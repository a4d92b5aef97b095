/**
 * The seed pages' own example requests, sent exactly as written, succeed with the pages' answers (prism); on the
 * emulator, once what they name is seeded, they succeed with what it stores.
 */
import { createControlClient } from '@hwc-openapi/mock';
import { describe, expect, it } from 'vitest';
import {
  asClient,
  asPaths,
  CREATE_BODY,
  INSTANCE,
  instancePath,
  mockUrl,
  PROJECT_ID,
  SCALE_BODY,
  ssClient,
  ssPaths,
} from './support/clients.js';
import { cover } from './support/coverage.js';
import { expectValidBody } from './support/schemas.js';

it('AS create: the page example returns 200 and the created hook', async () => {
  const { data, error, response } = await asClient().POST(
    '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}',
    {
      params: { path: { scaling_group_id: 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a' } },
      body: {
        lifecycle_hook_name: 'test-hook1',
        default_result: 'ABANDON',
        default_timeout: 3600,
        notification_topic_urn: 'urn:smn:regionId:b53e5554fad0494d96206fb84296510b:gsh',
        lifecycle_hook_type: 'INSTANCE_LAUNCHING',
      },
    },
  );
  expect(error).toBeUndefined();
  expect(response.status).toBe(200);
  expectValidBody('createLifecycleHook', 200, data);
  // Prism answers the spec's example, which creates test-hook3: in the example world the group has test-hook1.
  expect(data).toEqual({
    lifecycle_hook_name: 'test-hook3',
    default_result: 'ABANDON',
    default_timeout: 3600,
    notification_topic_urn: 'urn:smn:regionId:b53e5554fad0494d96206fb84296510b:gsh',
    notification_topic_name: 'gsh',
    lifecycle_hook_type: 'INSTANCE_LAUNCHING',
    notification_metadata: null,
    create_time: '2019-03-18T16:00:11Z',
  });
  cover('createLifecycleHook', 200);
});

it('AS callback: the page example returns 204 with no body', async () => {
  const { error, response } = await asClient().PUT(
    '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/callback',
    {
      params: { path: { scaling_group_id: 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a' } },
      body: {
        lifecycle_action_result: 'ABANDON',
        lifecycle_action_key: '23880867-6288-4470-98a8-f8bda096b6c4',
      },
    },
  );
  expect(error).toBeUndefined();
  expect(response.status).toBe(204);
  cover('callbackLifecycleHook', 204);
});

it('ServiceStage scale: the page example returns 200 and the job id', async () => {
  const { data, error, response } = await ssClient().POST(
    '/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/action',
    {
      params: {
        path: {
          application_id: '2e3bd8a0-7d56-4b8d-a0c6-5f4d1f1cbb4b',
          component_id: '6b4fd8e1-2d92-4e4e-9c31-3f2a5b8a7c10',
          instance_id: '11eddb33-140b-4e51-b1e2-6ec265373ca3',
        },
      },
      body: { action: 'scale', parameters: { replica: 4 } },
    },
  );
  expect(error).toBeUndefined();
  expect(response.status).toBe(200);
  expect(data).toEqual({ job_id: 'JOB66761060-f209-407c-a093-4df6f531b9dc' });
  expectValidBody('performComponentInstanceAction', 200, data);
  cover('performComponentInstanceAction', 200);
});

describe('the seed pages examples on the emulator (seeded first)', () => {
  const control = (service: 'autoscaling' | 'servicestage') =>
    createControlClient(mockUrl(service, 'emulator'));

  it('AS create: 200 and the stored hook', async () => {
    await control('autoscaling').POST('/_emulator/autoscaling/groups', {
      body: { project_id: PROJECT_ID, scaling_group_id: 'seed-group' },
    });
    const { data, error, response } = await asClient('emulator').POST(asPaths.hooks, {
      params: { path: { scaling_group_id: 'seed-group' } },
      body: CREATE_BODY,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ ...CREATE_BODY, notification_topic_name: 'gsh' });
    cover('createLifecycleHook', 200);
  });

  it('ServiceStage scale: 200 and a job id the job detail knows', async () => {
    const { data, error, response } = await ssClient('emulator').POST(ssPaths.action, {
      params: { path: instancePath },
      body: SCALE_BODY,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    const job = await ssClient('emulator').GET(ssPaths.job, {
      params: { path: { job_id: data?.job_id ?? '' }, query: { instance_id: INSTANCE } },
    });
    expect(job.response.status).toBe(200);
    cover('performComponentInstanceAction', 200);
  });
});
