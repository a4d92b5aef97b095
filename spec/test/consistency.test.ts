// The examples of one API describe one consistent world: the same name or ID means the same object everywhere,
// and every object an example refers to is described by another (test/consistency-world.js).
import { describe, expect, it } from 'vitest';
import { exampleWorld } from '../lib/example-world.js';
import { type Json, loadBundle } from './bundle.js';

const clone = (doc: Json): Json => structuredClone(doc);

describe.each(['autoscaling', 'servicestage'] as const)('%s examples', (api) => {
  const doc = loadBundle(api);
  const { world, problems, now } = exampleWorld(doc);

  it('agree with each other and refer only to objects that other examples describe', () => {
    expect(problems).toEqual([]);
  });

  // Only AS examples hold instances, whose waits bound the moment from above.
  if (api === 'autoscaling') {
    it('leave a moment at which every object exists and every held instance still waits', () => {
      expect(Date.parse(String(now?.before))).toBeGreaterThan(Date.parse(String(now?.after)));
    });
  }

  it('describe a world to check (so that the test cannot pass on an empty one)', () => {
    const kinds =
      api === 'autoscaling'
        ? ['project', 'group', 'hook', 'held']
        : ['project', 'instance', 'snapshot', 'job'];
    for (const kind of kinds) expect(Object.keys(world[kind] ?? {}), kind).not.toEqual([]);
  });
});

describe('the check', () => {
  const as = loadBundle('autoscaling');
  const hookPath =
    '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name}';
  const heldPath = '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/list';
  const example = (doc: Json, path: string, method: string, status: string) =>
    doc.paths[path][method].responses[status].content['application/json'].examples.default;

  it('reports a hook that one example shows with another default_result (the same name, another object)', () => {
    const doc = clone(as);
    // Show the hook of the listed group (its own example names another group), with another default_result.
    doc.paths[hookPath].parameters = doc.paths[hookPath].parameters.map((p: Json) =>
      p.$ref?.endsWith('/IdleScalingGroupId') ? { $ref: '#/components/parameters/ScalingGroupId' } : p,
    );
    example(doc, hookPath, 'get', '200').value.default_result = 'CONTINUE';
    expect(exampleWorld(doc).problems).toContainEqual(
      expect.stringMatching(
        /^hook .*\/test-hook1: default_result is "ABANDON" in listLifecycleHooks 200 default but "CONTINUE" in showLifecycleHook 200 default$/,
      ),
    );
  });

  it('reports a held instance whose hook no example describes', () => {
    const doc = clone(as);
    example(doc, heldPath, 'get', '200').value.instance_hanging_info[0].lifecycle_hook_name = 'hook-test';
    expect(exampleWorld(doc).problems).toContainEqual(
      expect.stringContaining(
        'names hook e5d27f5c-dd76-4a61-b4bc-a67c5686719a/hook-test, which no example describes',
      ),
    );
  });

  it('reports a held instance whose wait began before its hook existed', () => {
    const doc = clone(as);
    example(doc, heldPath, 'get', '200').value.instance_hanging_info[0].timeout = '2016-11-15T06:43:41Z';
    expect(exampleWorld(doc).problems).toContainEqual(
      expect.stringMatching(
        /^held instance b25c1589-.*: its wait \(until 2016-11-15T06:43:41Z, 3600 s\) began before its hook test-hook1 was created/,
      ),
    );
  });

  it('reports a held instance that the instance list shows in service', () => {
    const doc = clone(as);
    const path = Object.keys(doc.paths).find((p) => p.includes('/scaling_group_instance/')) as string;
    const page = doc.paths[path].get.responses['200'].content['application/json'].examples.default.value;
    page.scaling_group_instances[1].life_cycle_state = 'INSERVICE';
    expect(exampleWorld(doc).problems).toContainEqual(
      expect.stringMatching(
        /^instance b25c1589-.*: life_cycle_state INSERVICE, but the INSTANCE_LAUNCHING hook test-hook1 holds it/,
      ),
    );
  });

  it('reports an update answer that is not the hook with the request applied', () => {
    const doc = clone(as);
    example(doc, hookPath, 'put', '200').value.default_timeout = 7200;
    expect(exampleWorld(doc).problems).toContainEqual(
      expect.stringMatching(/^updateLifecycleHook 200 default: default_timeout is 7200/),
    );
  });

  it('reports a rollback to a version with no snapshot', () => {
    const doc = clone(loadBundle('servicestage'));
    const path = Object.keys(doc.paths).find((p) => p.endsWith('/action')) as string;
    doc.paths[path].post.requestBody.content['application/json'].examples.rollback.value.parameters.version =
      '9.9.9';
    expect(exampleWorld(doc).problems).toContainEqual(
      expect.stringContaining('performComponentInstanceAction request rollback names snapshot'),
    );
  });
});
