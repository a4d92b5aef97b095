/**
 * Auto Scaling: lifecycle hooks on stored groups, and the instances they hold.
 *
 * An instance added to a group passes PENDING -> (PENDING_WAIT while launching hooks hold it) -> INSERVICE; one
 * removed passes REMOVING -> (REMOVING_WAIT while terminating hooks hold it) -> gone. PENDING and REMOVING take
 * no time on the emulator clock. Each (instance, hook) pair gets one row with its own `lifecycle_action_key`,
 * `timeout = start + default_timeout` and the hook's `default_result`, applied when the timeout falls due.
 *
 * A group's scaling activity lasts while any row is HANGING (`is_scaling`); hooks cannot be created, changed
 * or deleted meanwhile (AS.2033, the emulator's choice: the service documents the rule, not the code), and the
 * control plane cannot start another scaling. Resolved rows stay listed until the activity ends; then the list
 * empties, as the service lists only instances that a hook holds.
 */

import { createHash } from 'node:crypto';
import type { OperationRequest } from '../engine.js';
import { rfc3339 } from './clock.js';
import {
  bodyOf,
  controlError,
  type Deadline,
  type EmulatorContext,
  type Handler,
  optionalInteger,
  optionalString,
  pathParam,
  queryInteger,
  queryValue,
  requiredString,
  serviceError,
} from './context.js';
import {
  ensureProject,
  type HangingRow,
  HOOK_RESULTS,
  HOOK_TYPES,
  type HookResult,
  type HookType,
  type LifecycleHook,
  projectOf,
  type ScalingGroup,
  type ScalingGroupInstance,
} from './model.js';

/** "Up to five" hooks per group. */
const MAX_HOOKS = 5;
/** Each EXTEND keeps the instance waiting one more hour. */
const EXTEND_MS = 3600_000;
const DEFAULT_TIMEOUT = 3600;
/** Bounds of the control plane's scale requests. */
const MAX_BATCH = 100;

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  values.includes(value as T);

function groupOf(context: EmulatorContext, request: OperationRequest): ScalingGroup {
  const project = projectOf(context.state, pathParam(request, 'project_id'));
  const id = pathParam(request, 'scaling_group_id');
  const group = project?.autoscaling.groups.find((candidate) => candidate.scaling_group_id === id);
  if (!group) throw serviceError(context, 'AS.2007');
  return group;
}

/** An unknown hook is 404 (the Terraform provider relies on it), with the spec's "lifecycle hook is null" body. */
function hookOf(context: EmulatorContext, group: ScalingGroup, request: OperationRequest): LifecycleHook {
  const name = pathParam(request, 'lifecycle_hook_name');
  const hook = group.lifecycle_hooks.find((candidate) => candidate.lifecycle_hook_name === name);
  if (!hook) throw serviceError(context, 'AS.7036', 404);
  return hook;
}

function refuseWhileScaling(context: EmulatorContext, group: ScalingGroup): void {
  if (group.is_scaling) throw serviceError(context, 'AS.2033');
}

/** The topic name is the URN's last segment (`urn:smn:region:project:name`). */
const topicName = (urn: string): string => urn.slice(urn.lastIndexOf(':') + 1);

const createLifecycleHook: Handler = (context, request) => {
  const group = groupOf(context, request);
  refuseWhileScaling(context, group);
  const body = bodyOf(request);
  const name = String(body.lifecycle_hook_name);
  if (group.lifecycle_hooks.some((hook) => hook.lifecycle_hook_name === name))
    throw serviceError(context, 'AS.7041');
  if (group.lifecycle_hooks.length >= MAX_HOOKS) throw serviceError(context, 'AS.7038');
  const urn = String(body.notification_topic_urn);
  const hook: LifecycleHook = {
    lifecycle_hook_name: name,
    lifecycle_hook_type: isOneOf(HOOK_TYPES, body.lifecycle_hook_type)
      ? body.lifecycle_hook_type
      : 'INSTANCE_LAUNCHING',
    default_result: isOneOf(HOOK_RESULTS, body.default_result) ? body.default_result : 'ABANDON',
    default_timeout: typeof body.default_timeout === 'number' ? body.default_timeout : DEFAULT_TIMEOUT,
    notification_topic_urn: urn,
    notification_topic_name: topicName(urn),
    notification_metadata: typeof body.notification_metadata === 'string' ? body.notification_metadata : null,
    create_time: rfc3339(context.clock.now()),
  };
  group.lifecycle_hooks.push(hook);
  return { status: 200, body: { ...hook } };
};

const listLifecycleHooks: Handler = (context, request) => {
  const group = groupOf(context, request);
  return { status: 200, body: { lifecycle_hooks: group.lifecycle_hooks.map((hook) => ({ ...hook })) } };
};

const showLifecycleHook: Handler = (context, request) => {
  const hook = hookOf(context, groupOf(context, request), request);
  return { status: 200, body: { ...hook } };
};

const updateLifecycleHook: Handler = (context, request) => {
  const group = groupOf(context, request);
  const hook = hookOf(context, group, request);
  refuseWhileScaling(context, group);
  const body = bodyOf(request);
  if (isOneOf(HOOK_TYPES, body.lifecycle_hook_type)) hook.lifecycle_hook_type = body.lifecycle_hook_type;
  if (isOneOf(HOOK_RESULTS, body.default_result)) hook.default_result = body.default_result;
  if (typeof body.default_timeout === 'number') hook.default_timeout = body.default_timeout;
  if (typeof body.notification_topic_urn === 'string') {
    hook.notification_topic_urn = body.notification_topic_urn;
    hook.notification_topic_name = topicName(body.notification_topic_urn);
  }
  if (typeof body.notification_metadata === 'string') hook.notification_metadata = body.notification_metadata;
  return { status: 200, body: { ...hook } };
};

const deleteLifecycleHook: Handler = (context, request) => {
  const group = groupOf(context, request);
  const hook = hookOf(context, group, request);
  refuseWhileScaling(context, group);
  group.lifecycle_hooks.splice(group.lifecycle_hooks.indexOf(hook), 1);
  return { status: 204 };
};

/**
 * By key, or by instance id and hook name; the key wins when both are sent. Only a HANGING row can be called
 * back: an unknown key or pair, or a resolved row, is AS.7042, as is an EXTEND beyond `settings.extend_limit`.
 */
const callbackLifecycleHook: Handler = (context, request) => {
  const group = groupOf(context, request);
  const body = bodyOf(request);
  const key = body.lifecycle_action_key;
  const row =
    typeof key === 'string'
      ? group.hanging.find((candidate) => candidate.lifecycle_action_key === key)
      : group.hanging.find(
          (candidate) =>
            candidate.instance_id === body.instance_id &&
            candidate.lifecycle_hook_name === body.lifecycle_hook_name &&
            candidate.lifecycle_hook_status === 'HANGING',
        );
  if (row?.lifecycle_hook_status !== 'HANGING') throw serviceError(context, 'AS.7042');
  const result = body.lifecycle_action_result;
  if (result === 'EXTEND') {
    const limit = context.state.settings.extend_limit;
    if (limit !== null && row.extends >= limit) throw serviceError(context, 'AS.7042');
    row.timeout = rfc3339(Date.parse(row.timeout) + EXTEND_MS);
    row.extends++;
  } else {
    resolveRow(context, group, row, result === 'ABANDON' ? 'ABANDON' : 'CONTINUE');
  }
  return { status: 204 };
};

const hangingAnswer = (row: HangingRow) => ({
  lifecycle_hook_name: row.lifecycle_hook_name,
  lifecycle_action_key: row.lifecycle_action_key,
  instance_id: row.instance_id,
  scaling_group_id: row.scaling_group_id,
  lifecycle_hook_status: row.lifecycle_hook_status,
  timeout: row.timeout,
  default_result: row.default_result,
});

const listInstanceHangingInfo: Handler = (context, request) => {
  const group = groupOf(context, request);
  const instanceId = queryValue(request, 'instance_id');
  const rows =
    instanceId === undefined ? group.hanging : group.hanging.filter((row) => row.instance_id === instanceId);
  return { status: 200, body: { instance_hanging_info: rows.map(hangingAnswer) } };
};

const DEFAULT_PAGE = 20;

const listScalingInstances: Handler = (context, request) => {
  const group = groupOf(context, request);
  const state = queryValue(request, 'life_cycle_state');
  const health = queryValue(request, 'health_status');
  const protect = queryValue(request, 'protect_from_scaling_down');
  const start = queryInteger(request, 'start_number', 0);
  const limit = queryInteger(request, 'limit', DEFAULT_PAGE);
  const matching = group.instances.filter(
    (instance) =>
      (state === undefined || instance.life_cycle_state === state) &&
      (health === undefined || instance.health_status === health) &&
      (protect === undefined || String(instance.protect_from_scaling_down) === protect),
  );
  return {
    status: 200,
    body: {
      total_number: matching.length,
      start_number: start,
      limit,
      scaling_group_instances: matching.slice(start, start + limit).map((instance) => ({ ...instance })),
    },
  };
};

export const autoscalingHandlers: Readonly<Record<string, Handler>> = {
  createLifecycleHook,
  listLifecycleHooks,
  showLifecycleHook,
  updateLifecycleHook,
  deleteLifecycleHook,
  callbackLifecycleHook,
  listInstanceHangingInfo,
  listScalingInstances,
};

// --- lifecycle -------------------------------------------------------------------------------------------

/** Holds an instance in every hook of the activity's type: one HANGING row each. */
function hold(
  context: EmulatorContext,
  group: ScalingGroup,
  instanceId: string,
  hooks: LifecycleHook[],
): void {
  const now = context.clock.now();
  for (const hook of hooks) {
    group.hanging.push({
      lifecycle_hook_name: hook.lifecycle_hook_name,
      lifecycle_action_key: context.newId(),
      instance_id: instanceId,
      scaling_group_id: group.scaling_group_id,
      lifecycle_hook_status: 'HANGING',
      timeout: rfc3339(now + hook.default_timeout * 1000),
      default_result: hook.default_result,
      lifecycle_hook_type: hook.lifecycle_hook_type,
      extends: 0,
    });
  }
  if (hooks.length > 0) group.is_scaling = true;
}

const hooksOfType = (group: ScalingGroup, type: HookType) =>
  group.lifecycle_hooks.filter((hook) => hook.lifecycle_hook_type === type);

/** A stable, UUID-shaped id of the group's (synthetic) scaling configuration. */
function configurationId(groupId: string): string {
  const hex = createHash('sha1').update(`configuration:${groupId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Adds instances: INSERVICE at once, or PENDING_WAIT while launching hooks hold them. */
function launch(context: EmulatorContext, group: ScalingGroup, count: number): string[] {
  const hooks = hooksOfType(group, 'INSTANCE_LAUNCHING');
  const created = rfc3339(context.clock.now());
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = context.newId();
    const instance: ScalingGroupInstance = {
      instance_id: id,
      instance_name: `${group.scaling_group_name}-${id.slice(0, 8)}`,
      scaling_group_id: group.scaling_group_id,
      scaling_group_name: group.scaling_group_name,
      life_cycle_state: hooks.length > 0 ? 'PENDING_WAIT' : 'INSERVICE',
      health_status: hooks.length > 0 ? 'INITIALIZING' : 'NORMAL',
      scaling_configuration_name: `as-config-${group.scaling_group_id.slice(0, 8)}`,
      scaling_configuration_id: configurationId(group.scaling_group_id),
      create_time: created,
      protect_from_scaling_down: false,
    };
    group.instances.push(instance);
    hold(context, group, id, hooks);
    ids.push(id);
  }
  return ids;
}

/** Removes INSERVICE instances: gone at once, or REMOVING_WAIT while terminating hooks hold them. */
function terminate(context: EmulatorContext, group: ScalingGroup, ids: readonly string[]): void {
  const hooks = hooksOfType(group, 'INSTANCE_TERMINATING');
  for (const id of ids) {
    if (hooks.length === 0) {
      dropInstance(group, id);
      continue;
    }
    const instance = group.instances.find((candidate) => candidate.instance_id === id);
    if (instance) instance.life_cycle_state = 'REMOVING_WAIT';
    hold(context, group, id, hooks);
  }
}

function dropInstance(group: ScalingGroup, instanceId: string): void {
  const index = group.instances.findIndex((instance) => instance.instance_id === instanceId);
  if (index >= 0) group.instances.splice(index, 1);
}

/**
 * A row is resolved (by a callback or its timeout). Launching: any ABANDON terminates the instance (its other
 * rows are abandoned with it) and, with `replace_abandoned_instances`, launches a replacement in its place; all
 * CONTINUE puts it in service. Terminating: ABANDON resolves the instance's remaining rows; once none hangs it is removed.
 */
function resolveRow(
  context: EmulatorContext,
  group: ScalingGroup,
  row: HangingRow,
  result: HookResult,
): void {
  row.lifecycle_hook_status = result;
  const rowsOfInstance = group.hanging.filter((candidate) => candidate.instance_id === row.instance_id);
  if (result === 'ABANDON') {
    for (const other of rowsOfInstance)
      if (other.lifecycle_hook_status === 'HANGING') other.lifecycle_hook_status = 'ABANDON';
  }
  if (!rowsOfInstance.some((candidate) => candidate.lifecycle_hook_status === 'HANGING')) {
    if (row.lifecycle_hook_type === 'INSTANCE_TERMINATING') {
      dropInstance(group, row.instance_id);
    } else if (rowsOfInstance.some((candidate) => candidate.lifecycle_hook_status === 'ABANDON')) {
      dropInstance(group, row.instance_id);
      if (context.state.settings.replace_abandoned_instances) {
        // The replacement supersedes the failed launch: its rows go, so a launch abandoned over and over (a
        // short ABANDON timeout and a long clock advance) cannot grow the list without bound.
        group.hanging = group.hanging.filter((candidate) => candidate.instance_id !== row.instance_id);
        launch(context, group, 1);
      }
    } else {
      const instance = group.instances.find((candidate) => candidate.instance_id === row.instance_id);
      if (instance) {
        instance.life_cycle_state = 'INSERVICE';
        instance.health_status = 'NORMAL';
      }
    }
  }
  if (!group.hanging.some((candidate) => candidate.lifecycle_hook_status === 'HANGING')) {
    group.is_scaling = false;
    group.hanging = [];
  }
}

/** Every HANGING row's timeout: when it falls due, the row's `default_result` applies. */
export function autoscalingDeadlines(context: EmulatorContext): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const project of Object.values(context.state.projects)) {
    for (const group of project.autoscaling.groups) {
      for (const row of group.hanging) {
        if (row.lifecycle_hook_status !== 'HANGING') continue;
        deadlines.push({
          at: Date.parse(row.timeout),
          fire: () => resolveRow(context, group, row, row.default_result),
        });
      }
    }
  }
  return deadlines;
}

// --- control plane -----------------------------------------------------------------------------------------

const createScalingGroup: Handler = (context, request) => {
  const body = bodyOf(request);
  const projectId = requiredString(body, 'project_id');
  const id = optionalString(body, 'scaling_group_id') ?? context.newId();
  const name = optionalString(body, 'scaling_group_name') ?? `as-group-${id.slice(0, 8)}`;
  const count = optionalInteger(body, 'instances', 0, MAX_BATCH) ?? 0;
  const project = ensureProject(context.state, projectId);
  if (project.autoscaling.groups.some((group) => group.scaling_group_id === id))
    throw controlError('EMULATOR.0409', `Scaling group ${id} already exists in project ${projectId}`);
  const group: ScalingGroup = {
    scaling_group_id: id,
    scaling_group_name: name,
    is_scaling: false,
    instances: [],
    lifecycle_hooks: [],
    hanging: [],
  };
  project.autoscaling.groups.push(group);
  return { status: 201, body: { scaling_group_id: id, instance_ids: launch(context, group, count) } };
};

/**
 * Starts a scaling activity: `add` instances and/or `remove` INSERVICE ones; the hooks then apply. Refused
 * (409) while the group is scaling, as the service refuses to add or remove instances then.
 */
const scaleScalingGroup: Handler = (context, request) => {
  const body = bodyOf(request);
  const projectId = requiredString(body, 'project_id');
  const add = optionalInteger(body, 'add', 1, MAX_BATCH) ?? 0;
  const remove = removeList(body);
  if (add === 0 && remove.length === 0) throw controlError('EMULATOR.0400', 'Give add, remove or both');
  const id = pathParam(request, 'scaling_group_id');
  const group = projectOf(context.state, projectId)?.autoscaling.groups.find(
    (candidate) => candidate.scaling_group_id === id,
  );
  if (!group) throw controlError('EMULATOR.0404', `No scaling group ${id} in project ${projectId}`);
  if (group.is_scaling)
    throw controlError('EMULATOR.0409', `Scaling group ${id} is scaling: resolve its held instances first`);
  for (const instanceId of remove) {
    const instance = group.instances.find((candidate) => candidate.instance_id === instanceId);
    if (!instance) throw controlError('EMULATOR.0404', `No instance ${instanceId} in scaling group ${id}`);
    if (instance.life_cycle_state !== 'INSERVICE')
      throw controlError(
        'EMULATOR.0409',
        `Instance ${instanceId} is ${instance.life_cycle_state}, not INSERVICE`,
      );
  }
  const added = launch(context, group, add);
  terminate(context, group, remove);
  return { status: 202, body: { instance_ids: [...added, ...remove] } };
};

function removeList(body: Record<string, unknown>): string[] {
  const value = body.remove;
  if (value === undefined) return [];
  const valid =
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= MAX_BATCH &&
    value.every((item) => typeof item === 'string') &&
    new Set(value).size === value.length;
  if (!valid) throw controlError('EMULATOR.0400', `remove must list 1 to ${MAX_BATCH} distinct instance ids`);
  return value as string[];
}

export const autoscalingControl: Readonly<Record<string, Handler>> = {
  createScalingGroup,
  scaleScalingGroup,
};
