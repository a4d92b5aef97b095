// Type-level tests: `pnpm typecheck` compiles this file, so each @ts-expect-error must stay an error.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AutoScalingClient,
  createAutoScalingClient,
  type LifecycleHook,
  type LifecycleHookCallback,
} from '../src/index.js';

const as: AutoScalingClient = createAutoScalingClient({
  baseUrl: 'http://127.0.0.1:1',
  credentials: { ak: 'a', sk: 's', projectId: 'p' },
  fetch: async () => new Response(null, { status: 204 }),
});
const path = { scaling_group_id: 'g' };

async function compileOnly() {
  // @ts-expect-error unknown path
  await as.GET('/autoscaling-api/v1/{project_id}/scaling_lifecycle_hooks/{scaling_group_id}', {
    params: { path },
  });
  await as.GET('/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list', {
    // @ts-expect-error scaling_group_id is required
    params: { path: {} },
  });
  await as.POST('/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}', {
    params: { path },
    // @ts-expect-error lifecycle_hook_type must be one of the two hook types
    body: { lifecycle_hook_name: 'h', lifecycle_hook_type: 'INSTANCE_STOPPING', notification_topic_urn: 'u' },
  });
  await as.PUT('/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/callback', {
    params: { path },
    // @ts-expect-error a callback needs the key, or the instance ID and the hook name
    body: { lifecycle_action_result: 'CONTINUE', instance_id: 'i' },
  });
  // @ts-expect-error DELETE is not an operation of the list path
  await as.DELETE('/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list', {
    params: { path },
  });
}

describe('types', () => {
  it('exports the schemas by name and types the results', async () => {
    expectTypeOf<LifecycleHook['lifecycle_hook_type']>().toEqualTypeOf<
      'INSTANCE_TERMINATING' | 'INSTANCE_LAUNCHING'
    >();
    expectTypeOf<LifecycleHookCallback['lifecycle_action_result']>().toEqualTypeOf<
      'ABANDON' | 'CONTINUE' | 'EXTEND'
    >();
    const { data } = await as.GET(
      '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name}',
      {
        params: { path: { ...path, lifecycle_hook_name: 'drain' } },
      },
    );
    expectTypeOf(data).toEqualTypeOf<LifecycleHook | undefined>();
    expectTypeOf(compileOnly).toBeFunction();
  });
});

async function methodsCompileOnly() {
  const hook = await as.createLifecycleHook({
    scaling_group_id: 'g',
    body: {
      lifecycle_hook_name: 'h',
      lifecycle_hook_type: 'INSTANCE_LAUNCHING',
      notification_topic_urn: 'u',
    },
  });
  expectTypeOf(hook).toEqualTypeOf<LifecycleHook>();
  expectTypeOf(
    await as.deleteLifecycleHook({ scaling_group_id: 'g', lifecycle_hook_name: 'h' }),
  ).toEqualTypeOf<undefined>();
  await as.listInstanceHangingInfo(
    { scaling_group_id: 'g', instance_id: 'i' },
    { timeoutMs: 1, retry: true },
  );
  // @ts-expect-error project_id comes from the credentials
  await as.listLifecycleHooks({ scaling_group_id: 'g', project_id: 'p' });
  const withProject = { scaling_group_id: 'g', project_id: 'p' };
  // @ts-expect-error also from a variable, where no excess-property check applies
  await as.listLifecycleHooks(withProject);
  // @ts-expect-error scaling_group_id is required
  await as.listLifecycleHooks({});
  // @ts-expect-error the body is required
  await as.createLifecycleHook({ scaling_group_id: 'g' });
  // @ts-expect-error a path parameter of another operation
  await as.listLifecycleHooks({ scaling_group_id: 'g', lifecycle_hook_name: 'h' });
  await as.GET('/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list', {
    // @ts-expect-error project_id may not be passed to the path-based calls either, even from a variable
    params: { path: withProject },
  });
}

it('types the operation methods', () => {
  expectTypeOf(methodsCompileOnly).toBeFunction();
});
