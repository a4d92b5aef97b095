/**
 * Checks an imported `EmulatorState` (and the settings the engine is given) before the engine trusts it: the shape
 * with the control plane's own validators (the schemas `replaceState` and `updateSettings` take over HTTP), then
 * what a schema cannot say (unique ids, rows that name real instances, `is_scaling` matching the rows). A failure
 * names the field: `projects.p1.autoscaling.groups.0.hanging.0.timeout: must match format "date-time".`
 */

import { loadDocument } from '../../spec.js';
import {
  DEFAULT_SETTINGS,
  type EmulatorSettings,
  type EmulatorState,
  type ProjectState,
  type ScalingGroup,
} from './model.js';

export class InvalidState extends Error {}

const fail = (path: string, message: string): never => {
  throw new InvalidState(`${path || 'state'}: ${message}`);
};

/** Checks `value` against the request body schema of a control-plane operation, as the HTTP pipeline does. */
function checkShape(method: string, path: string, value: unknown, where: string): void {
  const answer = loadDocument('emulator').errors.validateBody(method, path, value);
  if (!answer) return;
  // The validators name the whole value `body`, and a field by its path inside it.
  const message = answer.message.startsWith('body: ') ? answer.message.slice('body: '.length) : undefined;
  if (message !== undefined) fail(where, message);
  throw new InvalidState(where ? `${where}.${answer.message}` : answer.message);
}

function unique(values: readonly string[], path: string, what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) fail(path, `duplicate ${what} ${value}`);
    seen.add(value);
  }
}

const WAIT_STATE = { INSTANCE_LAUNCHING: 'PENDING_WAIT', INSTANCE_TERMINATING: 'REMOVING_WAIT' } as const;

function checkGroup(value: ScalingGroup, path: string): void {
  unique(
    value.instances.map((entry) => entry.instance_id),
    `${path}.instances`,
    'instance_id',
  );
  unique(
    value.lifecycle_hooks.map((entry) => entry.lifecycle_hook_name),
    `${path}.lifecycle_hooks`,
    'hook name',
  );
  unique(
    value.hanging.map((entry) => entry.lifecycle_action_key),
    `${path}.hanging`,
    'lifecycle_action_key',
  );
  value.instances.forEach((entry, i) => {
    if (entry.scaling_group_id !== value.scaling_group_id)
      fail(`${path}.instances.${i}.scaling_group_id`, 'must be the group id');
  });
  const held = new Set<string>();
  value.hanging.forEach((entry, i) => {
    const where = `${path}.hanging.${i}`;
    if (entry.scaling_group_id !== value.scaling_group_id)
      fail(`${where}.scaling_group_id`, 'must be the group id');
    if (entry.lifecycle_hook_status !== 'HANGING') return;
    const pair = `${entry.instance_id} ${entry.lifecycle_hook_name}`;
    if (held.has(pair)) fail(where, `a second HANGING row for instance and hook ${pair}`);
    held.add(pair);
    const instance = value.instances.find((candidate) => candidate.instance_id === entry.instance_id);
    const expected = WAIT_STATE[entry.lifecycle_hook_type];
    if (instance?.life_cycle_state !== expected)
      fail(where, `a HANGING row needs its instance in the group, in ${expected}`);
  });
  value.instances.forEach((entry, i) => {
    const waiting = entry.life_cycle_state === 'PENDING_WAIT' || entry.life_cycle_state === 'REMOVING_WAIT';
    const holds = value.hanging.some(
      (candidate) =>
        candidate.instance_id === entry.instance_id && candidate.lifecycle_hook_status === 'HANGING',
    );
    if (waiting && !holds) fail(`${path}.instances.${i}`, `${entry.life_cycle_state} without a HANGING row`);
  });
  const scaling = value.hanging.some((entry) => entry.lifecycle_hook_status === 'HANGING');
  if (value.is_scaling !== scaling)
    fail(`${path}.is_scaling`, `must be ${scaling}: it says whether a row is HANGING`);
}

function checkProject(id: string, value: ProjectState): void {
  const path = `projects.${id}`;
  const { groups } = value.autoscaling;
  unique(
    groups.map((entry) => entry.scaling_group_id),
    `${path}.autoscaling.groups`,
    'scaling_group_id',
  );
  groups.forEach((entry, i) => {
    checkGroup(entry, `${path}.autoscaling.groups.${i}`);
  });
  const { instances, jobs } = value.servicestage;
  unique(
    instances.map((entry) => entry.instance_id),
    `${path}.servicestage.instances`,
    'instance_id',
  );
  unique(
    jobs.map((entry) => entry.job_id),
    `${path}.servicestage.jobs`,
    'job_id',
  );
  instances.forEach((entry, i) => {
    if (entry.project_id !== id)
      fail(`${path}.servicestage.instances.${i}.project_id`, 'must be the project id');
  });
  jobs.forEach((entry, i) => {
    if (!instances.some((candidate) => candidate.instance_id === entry.instance_id))
      fail(`${path}.servicestage.jobs.${i}.instance_id`, 'names no instance of the project');
  });
}

type SettingsPatch = Partial<EmulatorSettings> & {
  job_progression?: Partial<EmulatorSettings['job_progression']>;
};

/** Settings with every field filled: `patch` over `base`, unchecked. */
function merge(base: EmulatorSettings, patch: SettingsPatch): EmulatorSettings {
  return {
    job_progression: { ...base.job_progression, ...patch.job_progression },
    replace_abandoned_instances: patch.replace_abandoned_instances ?? base.replace_abandoned_instances,
    extend_limit: patch.extend_limit === undefined ? base.extend_limit : patch.extend_limit,
    fail_next_jobs: patch.fail_next_jobs ?? base.fail_next_jobs,
  };
}

/** Settings with every field filled: `patch` over `base`. Throws InvalidState when the patch is not valid. */
export function mergeSettings(base: EmulatorSettings, patch: unknown, path = 'settings'): EmulatorSettings {
  checkShape('PATCH', '/_emulator/settings', patch, path);
  return merge(base, patch as SettingsPatch);
}

/** The engine's own state, from a fresh copy of JSON: projects without a prototype, settings filled in. */
export function ownState(copy: EmulatorState): EmulatorState {
  const projects = Object.create(null) as Record<string, ProjectState>;
  for (const [id, entry] of Object.entries(copy.projects)) projects[id] = entry;
  return { ...copy, settings: merge(DEFAULT_SETTINGS, copy.settings), projects };
}

/**
 * A checked, private copy of an imported state. `shapeChecked`: the value was already checked against the
 * `EmulatorState` schema (the spec's example world, checked by the tests), so only what a schema cannot say is:
 * compiling that schema's validator costs about 30 ms.
 */
export function parseState(value: unknown, { shapeChecked = false } = {}): EmulatorState {
  const copy = JSON.parse(JSON.stringify(value ?? null));
  if (!shapeChecked) checkShape('PUT', '/_emulator/state', copy, '');
  const state = ownState(copy as EmulatorState);
  for (const id in state.projects) checkProject(id, state.projects[id] as ProjectState);
  return state;
}
