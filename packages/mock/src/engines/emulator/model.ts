/**
 * The emulator's state: plain JSON data in the shape of the control plane's `EmulatorState` (version 1), so
 * export and import are a JSON round trip. Field names are the wire's.
 */

export type LifeCycleState =
  | 'INSERVICE'
  | 'PENDING'
  | 'REMOVING'
  | 'PENDING_WAIT'
  | 'REMOVING_WAIT'
  | 'STANDBY'
  | 'ENTERING_STANDBY';
export type HealthStatus = 'INITIALIZING' | 'NORMAL' | 'ERROR';
export const HOOK_TYPES = ['INSTANCE_LAUNCHING', 'INSTANCE_TERMINATING'] as const;
export type HookType = (typeof HOOK_TYPES)[number];
export const HOOK_RESULTS = ['ABANDON', 'CONTINUE'] as const;
export type HookResult = (typeof HOOK_RESULTS)[number];
export type HookStatus = 'HANGING' | 'CONTINUE' | 'ABANDON';

/** `ScalingGroupInstance` of the autoscaling document. */
export interface ScalingGroupInstance {
  instance_id: string;
  instance_name: string;
  scaling_group_id: string;
  scaling_group_name: string;
  life_cycle_state: LifeCycleState;
  health_status: HealthStatus;
  scaling_configuration_name: string;
  scaling_configuration_id: string;
  create_time: string;
  protect_from_scaling_down: boolean;
}

/** `LifecycleHook` of the autoscaling document. */
export interface LifecycleHook {
  lifecycle_hook_name: string;
  lifecycle_hook_type: HookType;
  default_result: HookResult;
  default_timeout: number;
  notification_topic_urn: string;
  notification_topic_name: string;
  notification_metadata: string | null;
  create_time: string;
}

/** `InstanceHangingInfo` of the autoscaling document, plus what the emulator needs to resolve the row. */
export interface HangingRow {
  lifecycle_hook_name: string;
  lifecycle_action_key: string;
  instance_id: string;
  scaling_group_id: string;
  lifecycle_hook_status: HookStatus;
  timeout: string;
  default_result: HookResult;
  lifecycle_hook_type: HookType;
  /** How many EXTENDs the row has had (for `settings.extend_limit`). */
  extends: number;
}

export interface ScalingGroup {
  scaling_group_id: string;
  scaling_group_name: string;
  /** True while any row of `hanging` is HANGING (the group's scaling activity is in progress). */
  is_scaling: boolean;
  instances: ScalingGroupInstance[];
  lifecycle_hooks: LifecycleHook[];
  /** Rows of the current activity; resolved rows stay listed until the activity ends, then the list empties. */
  hanging: HangingRow[];
}

export const INSTANCE_STATUSES = [
  'INITIALIZING',
  'UPGRADING',
  'FAILED',
  'RUNNING',
  'DOWN',
  'DELETING',
  'DELETED',
  'RESERVED',
  'STARTING',
  'STOPPING',
  'STOPPED',
  'RESTARTING',
  'PENDING',
  'UNKNOWN',
  'PARTIALLY_FAILED',
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
export type InstanceActionType = 'start' | 'stop' | 'restart' | 'scale' | 'rollback';
export type JobOutcome = 'SUCCEEDED' | 'FAILED';

/** `InstanceSnapshot` of the servicestage document. */
export interface InstanceSnapshot {
  version: string;
  description: string;
  instance_id: string;
  /** Milliseconds since the Unix epoch. */
  create_time: number;
}

export interface ServiceStageInstanceRecord {
  project_id: string;
  application_id: string;
  component_id: string;
  instance_id: string;
  instance_name: string;
  version: string;
  replica: number;
  status: InstanceStatus;
  snapshots: InstanceSnapshot[];
  last_job_id: string | null;
  last_job_status: string | null;
}

/** `TaskInfo` of the servicestage document (the fields the emulator fills). */
export interface TaskInfo {
  TASK_ID: string;
  TASK_NAME: string;
  TASK_TYPE: string;
  TASK_INDEX: number;
  TASK_STATUS: string;
  CREATED_AT: string;
  LAST_HEALTH_CHECK: string;
  MESSAGES: string;
  OWNER_ID: string;
}

/** `JobDetail` of the servicestage document. */
export interface JobDetail {
  task_count: number;
  job: {
    JOB_ID: string;
    JOB_NAME: string;
    JOB_TYPE: string;
    JOB_DESC: string;
    EXECUTION_STATUS: string;
    CREATED_BY: string;
    ORDER_ID: string;
    PROJECT_ID: string;
    SERVICE_INSTANCE_ID: string;
  };
  tasks: TaskInfo[];
}

export interface JobRecord {
  job_id: string;
  instance_id: string;
  action: InstanceActionType;
  created: string;
  /** showJobDetail calls so far. */
  polls: number;
  /** How the job ends, decided when it is created. */
  outcome: JobOutcome;
  detail: JobDetail;
}

export interface ProjectState {
  autoscaling: { groups: ScalingGroup[] };
  servicestage: { instances: ServiceStageInstanceRecord[]; jobs: JobRecord[] };
}

export type ProgressionMode = 'immediate' | 'polls' | 'time';

export interface EmulatorSettings {
  /** When a ServiceStage job ends: at once, after `polls` showJobDetail calls, or `seconds` later on the clock. */
  job_progression: { mode: ProgressionMode; polls: number; seconds: number };
  /** Launch a new instance for each one a launching hook ABANDONs. */
  replace_abandoned_instances: boolean;
  /** Most EXTENDs per held row (then AS.7042); null: no cap. */
  extend_limit: number | null;
  /** The job failure fault: this many next ServiceStage jobs end FAILED. */
  fail_next_jobs: number;
}

export interface EmulatorState {
  version: 1;
  now: string;
  settings: EmulatorSettings;
  projects: Record<string, ProjectState>;
}

export const DEFAULT_SETTINGS: Readonly<EmulatorSettings> = Object.freeze({
  job_progression: Object.freeze({ mode: 'immediate', polls: 2, seconds: 30 }),
  replace_abandoned_instances: false,
  extend_limit: null,
  fail_next_jobs: 0,
}) as EmulatorSettings;

const emptyProject = (): ProjectState => ({
  autoscaling: { groups: [] },
  servicestage: { instances: [], jobs: [] },
});

/** A project's state, or undefined; never one inherited from Object.prototype (`constructor`, `__proto__`). */
export const projectOf = (state: EmulatorState, projectId: string): ProjectState | undefined =>
  Object.hasOwn(state.projects, projectId) ? state.projects[projectId] : undefined;

export function ensureProject(state: EmulatorState, projectId: string): ProjectState {
  const existing = projectOf(state, projectId);
  if (existing) return existing;
  const created = emptyProject();
  Object.defineProperty(state.projects, projectId, {
    value: created,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return created;
}
