// The example world as the emulator's state (lib/example-world.js `emulatorState`), which the build writes to
// dist/<api>.example-world.json: a valid EmulatorState, and every example that cannot be placed is named.
import { describe, expect, it } from 'vitest';
import { emulatorState } from '../lib/example-world.js';
import { type Json, loadBundle, validator } from './bundle.js';

const emulator = loadBundle('emulator');
const validState = validator(emulator)('#/components/schemas/EmulatorState');
const clone = (doc: Json): Json => structuredClone(doc);
const PROJECT = 'b53e5554fad0494d96206fb84296510b';

describe.each(['autoscaling', 'servicestage'] as const)('the %s example world', (api) => {
  const { state, problems }: Json = emulatorState(loadBundle(api), emulator);

  it('places every example, in the format of GET /_emulator/state', () => {
    expect(problems).toEqual([]);
    expect(validState(state)).toBe(true);
    expect(Object.keys(state.projects)).toEqual([PROJECT]);
  });
});

describe('the autoscaling example world', () => {
  const as = loadBundle('autoscaling');
  const { state }: Json = emulatorState(as, emulator);
  const groups = state.projects[PROJECT].autoscaling.groups;
  const group = (id: string) => groups.find((g: Json) => g.scaling_group_id === id);

  it('holds the held instances in a scaling group, and the hooks that change in another', () => {
    const scaling = group('e5d27f5c-dd76-4a61-b4bc-a67c5686719a');
    expect(scaling.is_scaling).toBe(true);
    expect(
      scaling.hanging.map((row: Json) => [row.instance_id.slice(0, 8), row.lifecycle_hook_type]),
    ).toEqual([
      ['b25c1589', 'INSTANCE_LAUNCHING'],
      ['5d4c7e2a', 'INSTANCE_TERMINATING'],
    ]);
    const idle = group('9f1e6a3c-52b7-4d08-8e4a-7b3c2d1f0e96');
    expect(idle.is_scaling).toBe(false);
    expect(idle.lifecycle_hooks.map((hook: Json) => hook.lifecycle_hook_name)).toEqual(['test-hook1']);
  });

  it('sets the clock where every held instance still waits', () => {
    expect(state.now).toBe('2019-03-18T16:43:41Z');
    for (const row of group('e5d27f5c-dd76-4a61-b4bc-a67c5686719a').hanging)
      expect(Date.parse(row.timeout)).toBeGreaterThan(Date.parse(state.now));
  });

  const paths = {
    create: '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}',
    hook: '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name}',
  };

  it('names a create of a hook that the world already has', () => {
    const doc = clone(as);
    const examples = doc.paths[paths.create].post.requestBody.content['application/json'].examples;
    examples.drainOnTerminate.value.lifecycle_hook_name = 'test-hook1';
    const { state: none, problems } = emulatorState(doc, emulator);
    expect(none).toBeUndefined();
    expect(problems).toEqual([
      expect.stringMatching(
        /^createLifecycleHook request drainOnTerminate creates hook test-hook1, .*AS\.7041/,
      ),
    ]);
  });

  it('names a hook change in a group that is scaling', () => {
    const doc = clone(as);
    doc.paths[paths.hook].parameters = doc.paths[paths.hook].parameters.map((p: Json) =>
      p.$ref?.endsWith('/IdleScalingGroupId') ? { $ref: '#/components/parameters/ScalingGroupId' } : p,
    );
    const { problems } = emulatorState(doc, emulator);
    expect(problems).toContainEqual(
      expect.stringMatching(/^deleteLifecycleHook changes a hook of group e5d27f5c-.*AS\.2033$/),
    );
  });
});

describe('the servicestage example world', () => {
  const ss = loadBundle('servicestage');

  it('runs the newest snapshot, so that the rollback example has a version to go back to', () => {
    const { state }: Json = emulatorState(ss, emulator);
    const [instance] = state.projects[PROJECT].servicestage.instances;
    expect(instance).toMatchObject({ version: '1.0.1', status: 'RUNNING', last_job_status: 'SUCCEEDED' });
    expect(state.now).toBe('2021-01-11T10:26:02Z');
  });

  it('names a rollback to the current version', () => {
    const doc = clone(ss);
    const path = Object.keys(doc.paths).find((p) => p.endsWith('/snapshots')) as string;
    const list = doc.paths[path].get.responses['200'].content['application/json'].examples.default.value;
    list.snapshots = list.snapshots.filter((s: Json) => s.version === '1.0.0');
    expect(emulatorState(doc, emulator).problems).toEqual([
      expect.stringContaining(
        'request rollback rolls instance 11eddb33-140b-4e51-b1e2-6ec265373ca3 back to 1.0.0',
      ),
    ]);
  });
});
