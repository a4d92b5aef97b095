// Type-level tests: checked by `tsc --noEmit` (pnpm typecheck); vitest runs the calls against a fake fetch.
import { describe, expectTypeOf, it } from 'vitest';
import {
  autoScalingService,
  createHwcClient,
  type HwcApiError,
  type WithoutProjectId,
} from '../src/index.js';
import type { LifecycleHook, paths } from './as-paths.js';
import { fakeFetch } from './helpers.js';

const { fetch } = fakeFetch();
const as = createHwcClient<paths>(autoScalingService, {
  region: 'cn-north-4',
  credentials: { ak: 'AK', sk: 'SK', projectId: 'p' },
  fetch,
});
const hook = '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}' as const;

describe('types', () => {
  it('removes project_id from path parameters and keeps the rest', () => {
    type Path = WithoutProjectId<paths>[typeof hook]['post']['parameters']['path'];
    expectTypeOf<Path>().toEqualTypeOf<{ scaling_group_id: string } & { project_id?: never }>();
    type Item = WithoutProjectId<paths>[typeof hook]['parameters']['path'];
    expectTypeOf<Item>().toEqualTypeOf<{ scaling_group_id: string } & { project_id?: never }>();
    // An operation whose only path parameter was project_id needs no params at all.
    type Quotas = WithoutProjectId<paths>['/v1/{project_id}/quotas']['get']['parameters'];
    expectTypeOf<Quotas['path']>().toEqualTypeOf<undefined>();
  });

  it('accepts the documented calls without project_id', async () => {
    const created = await as.POST(hook, {
      params: { path: { scaling_group_id: 'g' } },
      body: {
        lifecycle_hook_name: 'drain',
        lifecycle_hook_type: 'INSTANCE_TERMINATING',
        notification_topic_urn: 'urn',
      },
    });
    if (created.error) {
      expectTypeOf(created.error).toEqualTypeOf<
        HwcApiError<
          | { error: { code: string; message: string } }
          | { error_code: string; error_msg: string; request_id?: string }
        >
      >();
      expectTypeOf(created.error.code).toEqualTypeOf<string | undefined>();
    } else {
      expectTypeOf(created.data).toEqualTypeOf<LifecycleHook>();
    }
    const list = await as.GET(
      '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/list',
      {
        params: { path: { scaling_group_id: 'g' }, query: { instance_id: 'i' } },
        timeoutMs: 5000,
        retry: false,
      },
    );
    expectTypeOf(list.data).toEqualTypeOf<
      { instance_hanging_info?: { instance_id?: string }[] } | undefined
    >();
    await as.GET('/v1/{project_id}/quotas');
    await as.DELETE(
      '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name}',
      {
        params: { path: { scaling_group_id: 'g', lifecycle_hook_name: 'drain' } },
      },
    );
  });

  it('still rejects wrong paths, methods, params and bodies', () => {
    // Type-only: the calls are never made.
    const never = false as boolean;
    if (never) {
      // @ts-expect-error unknown path
      void as.GET('/autoscaling-api/v1/{project_id}/nope', {});
      // @ts-expect-error POST is not defined on the list path
      void as.POST('/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/list', {
        params: { path: { scaling_group_id: 'g' } },
      });
      // @ts-expect-error project_id may not be passed
      void as.GET('/v1/{project_id}/quotas', { params: { path: { project_id: 'p' } } });
      void as.POST(hook, {
        // @ts-expect-error project_id may not be passed here either
        params: { path: { project_id: 'p', scaling_group_id: 'g' } },
        body: {
          lifecycle_hook_name: 'x',
          lifecycle_hook_type: 'INSTANCE_LAUNCHING',
          notification_topic_urn: 'u',
        },
      });
      void as.POST(hook, {
        // @ts-expect-error scaling_group_id is still required
        params: { path: {} },
        body: {
          lifecycle_hook_name: 'x',
          lifecycle_hook_type: 'INSTANCE_LAUNCHING',
          notification_topic_urn: 'u',
        },
      });
      void as.POST(hook, {
        params: { path: { scaling_group_id: 'g' } },
        // @ts-expect-error bad enum value
        body: { lifecycle_hook_name: 'x', lifecycle_hook_type: 'SOMETIMES', notification_topic_urn: 'u' },
      });
      // @ts-expect-error body is required
      void as.POST(hook, { params: { path: { scaling_group_id: 'g' } } });
      // @ts-expect-error init (with path params) is required
      void as.DELETE(
        '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name}',
      );
      // @ts-expect-error timeoutMs must be a number
      void as.GET('/v1/{project_id}/quotas', { timeoutMs: '5s' });
    }
  });
});
