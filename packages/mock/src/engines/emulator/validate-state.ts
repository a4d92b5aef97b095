/**
 * Checks an imported `EmulatorState` (and the settings the engine is given) before the engine trusts it: the
 * shape, then what the shape cannot say (unique ids, rows that name real instances, `is_scaling` matching the
 * rows). A failure names the field: `projects.p1.autoscaling.groups[0].hanging[1].timeout: not a date-time`.
 */

import {
  ACTIONS,
  DEFAULT_SETTINGS,
  type EmulatorSettings,
  type EmulatorState,
  HEALTH_STATUSES,
  HOOK_RESULTS,
  HOOK_STATUSES,
  HOOK_TYPES,
  INSTANCE_STATUSES,
  JOB_OUTCOMES,
  LIFE_CYCLE_STATES,
  PROGRESSION_MODES,
  type ProjectState,
  type ScalingGroup,
} from './model.js';

export class InvalidState extends Error {}

type Check = (value: unknown, path: string) => void;

const at = (path: string, key: string): string => (path ? `${path}.${key}` : key);

const fail = (path: string, message: string): never => {
  throw new InvalidState(`${path || 'state'}: ${message}`);
};

const string: Check = (value, path) => {
  if (typeof value !== 'string' || value === '') fail(path, 'must be a non-empty string');
};
const text: Check = (value, path) => {
  if (typeof value !== 'string') fail(path, 'must be a string');
};
const boolean: Check = (value, path) => {
  if (typeof value !== 'boolean') fail(path, 'must be a boolean');
};
const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      fail(path, `must be an integer from ${min} to ${max}`);
  };
const oneOf =
  (values: readonly string[]): Check =>
  (value, path) => {
    if (!values.includes(value as string)) fail(path, `must be one of ${values.join(', ')}`);
  };
const nullable =
  (check: Check): Check =>
  (value, path) => {
    if (value !== null) check(value, path);
  };
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const dateTime: Check = (value, path) => {
  if (typeof value !== 'string' || !RFC3339.test(value) || !Number.isFinite(Date.parse(value)))
    fail(path, 'must be an RFC 3339 date-time');
};
const array =
  (item: Check, max = Number.MAX_SAFE_INTEGER): Check =>
  (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'must be an array');
    if (value.length > max) fail(path, `must have at most ${max} items`);
    value.forEach((entry, i) => {
      item(entry, `${path}[${i}]`);
    });
  };
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** An object with these required and optional properties and no others. */
const object =
  (required: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (value, path) => {
    if (!isObject(value)) return fail(path, 'must be an object');
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(value, key)) fail(path, `${key} is required`);
      check(value[key], at(path, key));
    }
    for (const [key, entry] of Object.entries(value)) {
      if (Object.hasOwn(required, key)) continue;
      const check = Object.hasOwn(optional, key) ? optional[key] : undefined;
      if (!check) fail(path, `unknown property ${key}`);
      else check(entry, at(path, key));
    }
  };
const map =
  (item: Check): Check =>
  (value, path) => {
    if (!isObject(value)) return fail(path, 'must be an object');
    for (const [key, entry] of Object.entries(value)) item(entry, at(path, key));
  };

/** Every field optional: the same check serves a PATCH, the engine's options and an import. */
const settingsShape = object(
  {},
  {
    job_progression: object(
      {},
      { mode: oneOf(PROGRESSION_MODES), polls: integer(1, 100), seconds: integer(1, 86400) },
    ),
    replace_abandoned_instances: boolean,
    extend_limit: nullable(integer(0, 1000)),
    fail_next_jobs: integer(0, 1000),
  },
);

const instance = object({
  instance_id: string,
  instance_name: text,
  scaling_group_id: string,
  scaling_group_name: text,
  life_cycle_state: oneOf(LIFE_CYCLE_STATES),
  health_status: oneOf(HEALTH_STATUSES),
  scaling_configuration_name: text,
  scaling_configuration_id: text,
  create_time: dateTime,
  protect_from_scaling_down: boolean,
});
const hook = object({
  lifecycle_hook_name: (value, path) => {
    if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(value))
      fail(path, 'must be 1 to 32 letters, digits, _ or -');
  },
  lifecycle_hook_type: oneOf(HOOK_TYPES),
  default_result: oneOf(HOOK_RESULTS),
  default_timeout: integer(60, 86400),
  notification_topic_urn: text,
  notification_topic_name: text,
  notification_metadata: nullable(text),
  create_time: dateTime,
});
const row = object({
  lifecycle_hook_name: string,
  lifecycle_action_key: string,
  instance_id: string,
  scaling_group_id: string,
  lifecycle_hook_status: oneOf(HOOK_STATUSES),
  timeout: dateTime,
  default_result: oneOf(HOOK_RESULTS),
  lifecycle_hook_type: oneOf(HOOK_TYPES),
  extends: integer(0),
});
const group = object({
  scaling_group_id: string,
  scaling_group_name: text,
  is_scaling: boolean,
  instances: array(instance),
  lifecycle_hooks: array(hook, 5),
  hanging: array(row),
});
const snapshot = object({ version: string, description: text, instance_id: string, create_time: integer(0) });
const record = object({
  project_id: string,
  application_id: string,
  component_id: string,
  instance_id: string,
  instance_name: text,
  version: string,
  replica: integer(0, 200),
  status: oneOf(INSTANCE_STATUSES),
  snapshots: array(snapshot),
  last_job_id: nullable(string),
  last_job_status: nullable(string),
});
const EXECUTION_STATUSES = [
  'SUBMITTED',
  'SCHEDULED',
  'RUNNING',
  'FAILED',
  'SUCCEEDED',
  'CANCELLED',
  'PARTIALLY_FAILED',
  'ROLLBACKING',
  'ROLLBACKED',
  'UNKNOWN',
];
const task = object(
  { TASK_ID: string, TASK_STATUS: oneOf([...EXECUTION_STATUSES, 'SKIPPED']) },
  {
    TASK_NAME: text,
    TASK_TYPE: text,
    TASK_INDEX: integer(0),
    CREATED_AT: text,
    LAST_HEALTH_CHECK: text,
    MESSAGES: text,
    OWNER_ID: text,
  },
);
const jobInfo = object(
  { JOB_ID: string, EXECUTION_STATUS: oneOf(EXECUTION_STATUSES) },
  Object.fromEntries(
    ['JOB_NAME', 'JOB_TYPE', 'JOB_DESC', 'CREATED_BY', 'ORDER_ID', 'PROJECT_ID', 'SERVICE_INSTANCE_ID'].map(
      (key) => [key, text],
    ),
  ),
);
const job = object({
  job_id: string,
  instance_id: string,
  action: oneOf(ACTIONS),
  created: dateTime,
  polls: integer(0),
  outcome: oneOf(JOB_OUTCOMES),
  detail: object({ task_count: integer(0), job: jobInfo, tasks: array(task) }),
});
const project = object({
  autoscaling: object({ groups: array(group) }),
  servicestage: object({ instances: array(record), jobs: array(job) }),
});
const stateShape = object({
  version: (value, path) => {
    if (value !== 1) fail(path, 'must be 1');
  },
  now: dateTime,
  settings: settingsShape,
  projects: map(project),
});

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
      fail(`${path}.instances[${i}].scaling_group_id`, 'must be the group id');
  });
  const held = new Set<string>();
  value.hanging.forEach((entry, i) => {
    const where = `${path}.hanging[${i}]`;
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
    if (waiting && !holds) fail(`${path}.instances[${i}]`, `${entry.life_cycle_state} without a HANGING row`);
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
    checkGroup(entry, `${path}.autoscaling.groups[${i}]`);
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
      fail(`${path}.servicestage.instances[${i}].project_id`, 'must be the project id');
  });
  jobs.forEach((entry, i) => {
    if (!instances.some((candidate) => candidate.instance_id === entry.instance_id))
      fail(`${path}.servicestage.jobs[${i}].instance_id`, 'names no instance of the project');
  });
}

/** Settings with every field filled: `patch` over `base`. Throws InvalidState when the patch is not valid. */
export function mergeSettings(base: EmulatorSettings, patch: unknown, path = 'settings'): EmulatorSettings {
  settingsShape(patch, path);
  const given = patch as Partial<EmulatorSettings> & {
    job_progression?: Partial<EmulatorSettings['job_progression']>;
  };
  return {
    job_progression: { ...base.job_progression, ...given.job_progression },
    replace_abandoned_instances: given.replace_abandoned_instances ?? base.replace_abandoned_instances,
    extend_limit: given.extend_limit === undefined ? base.extend_limit : given.extend_limit,
    fail_next_jobs: given.fail_next_jobs ?? base.fail_next_jobs,
  };
}

/** A checked, private copy of an imported state (projects in an object without a prototype). */
export function parseState(value: unknown): EmulatorState {
  const copy = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  stateShape(copy, '');
  const state = copy as EmulatorState;
  const projects = Object.create(null) as Record<string, ProjectState>;
  for (const [id, entry] of Object.entries(state.projects)) {
    checkProject(id, entry);
    projects[id] = entry;
  }
  return { ...state, settings: mergeSettings(DEFAULT_SETTINGS, state.settings), projects };
}
