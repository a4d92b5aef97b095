/**
 * ServiceStage: component instances seeded through the control plane, actions that run as jobs, and the jobs'
 * detail as real clients poll it.
 *
 * An action fits the instance's status or is refused with 400 SVCSTG.00100400 (the emulator's choice: the
 * service documents no code for it): `start` needs STOPPED; `stop`, `restart`, `scale` and `rollback` need
 * RUNNING or a not-ready status (FAILED, PARTIALLY_FAILED, DOWN). While its job runs the instance is STARTING,
 * STOPPING, RESTARTING or UPGRADING (scale and rollback), so a second action is refused until the job ends. Scale
 * and rollback record the desired `replica` / `version` when the job starts; a rollback needs a version from the
 * snapshots (404 SVCSTG.00100436) other than the current one (400 SVCSTG.00100400), and a successful one adds a
 * snapshot. At the end the instance is RUNNING (STOPPED after `stop`), or FAILED when the job failed.
 *
 * Job detail: from the first poll the task list is non-empty and its last task reads RUNNING until the job ends,
 * then SUCCEEDED or FAILED, which is what the Terraform provider reads. The two tasks per job and their names
 * (`check-instance-status`, then `<action>-instance`) are synthetic: the service documents none. A job ends at
 * once (`job_progression.mode: immediate`, the default), after `polls` showJobDetail calls, or `seconds` later on
 * the emulator clock. It ends with its record's `outcome`: SUCCEEDED, unless the `fail_next_jobs` setting or an
 * imported state says FAILED; then its last task reads FAILED and the instance is FAILED.
 */

import type { OperationRequest } from '../engine.js';
import { rfc3339, taskTime } from './clock.js';
import {
  asObject,
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
  type EmulatorSettings,
  ensureProject,
  INSTANCE_STATUSES,
  type InstanceActionType,
  type InstanceStatus,
  type JobDetail,
  type JobRecord,
  type ProjectState,
  projectOf,
  type ServiceStageInstanceRecord,
  type TaskInfo,
} from './model.js';

const NOT_READY: readonly InstanceStatus[] = ['FAILED', 'PARTIALLY_FAILED', 'DOWN'];
const READY_OR_NOT: readonly InstanceStatus[] = ['RUNNING', ...NOT_READY];

interface ActionRule {
  /** Statuses the action fits. */
  readonly from: readonly InstanceStatus[];
  /** Status while its job runs. */
  readonly during: InstanceStatus;
  /** Status after a successful job. */
  readonly after: InstanceStatus;
  /** JOB_DESC. */
  readonly description: string;
}

const ACTION_RULES: Readonly<Record<InstanceActionType, ActionRule>> = {
  start: { from: ['STOPPED'], during: 'STARTING', after: 'RUNNING', description: 'Start component instance' },
  stop: { from: READY_OR_NOT, during: 'STOPPING', after: 'STOPPED', description: 'Stop component instance' },
  restart: {
    from: READY_OR_NOT,
    during: 'RESTARTING',
    after: 'RUNNING',
    description: 'Restart component instance',
  },
  scale: {
    from: READY_OR_NOT,
    during: 'UPGRADING',
    after: 'RUNNING',
    description: 'Scale component instance',
  },
  rollback: {
    from: READY_OR_NOT,
    during: 'UPGRADING',
    after: 'RUNNING',
    description: 'Roll back component instance',
  },
};

/** The most replicas the emulator keeps (the control plane's bound). */
const MAX_REPLICA = 200;
/** Without `limit`, the snapshot list is not paged and holds at most 1000 records. */
const UNPAGED_SNAPSHOTS = 1000;

/** The instance a path names: application, then component, then instance, each with the spec's 404 code. */
function instanceOf(context: EmulatorContext, request: OperationRequest): ServiceStageInstanceRecord {
  const instances = projectOf(context.state, pathParam(request, 'project_id'))?.servicestage.instances ?? [];
  const applicationId = pathParam(request, 'application_id');
  const componentId = pathParam(request, 'component_id');
  const instanceId = pathParam(request, 'instance_id');
  const inApplication = instances.filter((instance) => instance.application_id === applicationId);
  if (inApplication.length === 0) throw serviceError(context, 'SVCSTG.00100403', 404);
  const inComponent = inApplication.filter((instance) => instance.component_id === componentId);
  if (inComponent.length === 0) throw serviceError(context, 'SVCSTG.00100404', 404);
  const instance = inComponent.find((candidate) => candidate.instance_id === instanceId);
  if (!instance) throw serviceError(context, 'SVCSTG.00100412', 404);
  return instance;
}

const performComponentInstanceAction: Handler = (context, request) => {
  const instance = instanceOf(context, request);
  const body = bodyOf(request);
  const action = body.action as InstanceActionType;
  if (typeof action !== 'string' || !Object.hasOwn(ACTION_RULES, action))
    throw serviceError(context, 'SVCSTG.00100418');
  if (!ACTION_RULES[action].from.includes(instance.status)) throw serviceError(context, 'SVCSTG.00100400');
  const parameters = asObject(body.parameters);
  if (action === 'scale') {
    const replica = parameters.replica;
    if (typeof replica !== 'number' || !Number.isInteger(replica) || replica < 0 || replica > MAX_REPLICA)
      throw serviceError(context, 'SVCSTG.00100400');
    instance.replica = replica;
  } else if (action === 'rollback') {
    const version = parameters.version;
    if (!instance.snapshots.some((snapshot) => snapshot.version === version))
      throw serviceError(context, 'SVCSTG.00100436', 404);
    if (version === instance.version) throw serviceError(context, 'SVCSTG.00100400');
    instance.version = String(version);
  }
  const job = startJob(context, pathParam(request, 'project_id'), instance, action);
  return { status: 200, body: { job_id: job.job_id } };
};

function startJob(
  context: EmulatorContext,
  projectId: string,
  instance: ServiceStageInstanceRecord,
  action: InstanceActionType,
): JobRecord {
  const now = context.clock.now();
  const jobId = `JOB${context.newId()}`;
  const task = (index: number, name: string, status: string, message: string): TaskInfo => ({
    TASK_ID: context.newId(),
    TASK_NAME: name,
    TASK_TYPE: 'DAILY_OPERATION',
    TASK_INDEX: index,
    TASK_STATUS: status,
    CREATED_AT: taskTime(now),
    LAST_HEALTH_CHECK: taskTime(now),
    MESSAGES: message,
    OWNER_ID: projectId,
  });
  const tasks = [
    task(1, 'check-instance-status', 'SUCCEEDED', 'instance status checked'),
    task(2, `${action}-instance`, 'RUNNING', `${action} running`),
  ];
  const detail: JobDetail = {
    task_count: tasks.length,
    job: {
      JOB_ID: jobId,
      JOB_NAME: `${action}-instance`,
      JOB_TYPE: 'DAILY_OPERATION',
      JOB_DESC: ACTION_RULES[action].description,
      EXECUTION_STATUS: 'RUNNING',
      CREATED_BY: 'emulator',
      ORDER_ID: '',
      PROJECT_ID: projectId,
      SERVICE_INSTANCE_ID: instance.instance_id,
    },
    tasks,
  };
  const job: JobRecord = {
    job_id: jobId,
    instance_id: instance.instance_id,
    action,
    created: rfc3339(now),
    polls: 0,
    outcome: takeJobFailure(context.state.settings) ? 'FAILED' : 'SUCCEEDED',
    detail,
  };
  instance.status = ACTION_RULES[action].during;
  instance.last_job_id = jobId;
  instance.last_job_status = 'RUNNING';
  ensureProject(context.state, projectId).servicestage.jobs.push(job);
  if (context.state.settings.job_progression.mode === 'immediate') finishJob(context, projectId, job);
  return job;
}

/** Counts one job down from the `fail_next_jobs` setting; true when this job is to fail. */
function takeJobFailure(settings: EmulatorSettings): boolean {
  if (settings.fail_next_jobs <= 0) return false;
  settings.fail_next_jobs -= 1;
  return true;
}

const isRunning = (job: JobRecord): boolean => job.detail.job.EXECUTION_STATUS === 'RUNNING';

/** The job ends with its outcome; the instance follows it if this is still its last job. */
function finishJob(context: EmulatorContext, projectId: string, job: JobRecord): void {
  if (!isRunning(job)) return;
  const now = context.clock.now();
  const { detail, outcome, action } = job;
  detail.job.EXECUTION_STATUS = outcome;
  const last = detail.tasks[detail.tasks.length - 1];
  if (last) {
    last.TASK_STATUS = outcome;
    last.MESSAGES = outcome === 'SUCCEEDED' ? `${action} succeeded` : `${action} failed (emulated failure)`;
  }
  for (const task of detail.tasks) task.LAST_HEALTH_CHECK = taskTime(now);
  const project = projectOf(context.state, projectId);
  const instance = project?.servicestage.instances.find(
    (candidate) => candidate.instance_id === job.instance_id,
  );
  if (!instance || instance.last_job_id !== job.job_id) return;
  instance.last_job_status = outcome;
  if (outcome === 'FAILED') {
    instance.status = 'FAILED';
    return;
  }
  instance.status = ACTION_RULES[action].after;
  if (action === 'rollback') {
    instance.snapshots.push({
      version: instance.version,
      description: JSON.stringify({ action: `Rollback to Version: ${instance.version}` }),
      instance_id: instance.instance_id,
      create_time: now,
    });
  }
}

/** When a running job ends on its own: now (immediate), on the clock (time), or never (polls). */
function jobDeadline(context: EmulatorContext, job: JobRecord): number | undefined {
  const progression = context.state.settings.job_progression;
  if (progression.mode === 'immediate') return Date.parse(job.created);
  if (progression.mode === 'time') return Date.parse(job.created) + progression.seconds * 1000;
  return undefined;
}

const showJobDetail: Handler = (context, request) => {
  const projectId = pathParam(request, 'project_id');
  const jobId = pathParam(request, 'job_id');
  const job = projectOf(context.state, projectId)?.servicestage.jobs.find(
    (candidate) => candidate.job_id === jobId,
  );
  if (!job) throw serviceError(context, 'SVCSTG.00100429', 404);
  job.polls++;
  if (isRunning(job)) {
    const progression = context.state.settings.job_progression;
    const deadline = jobDeadline(context, job);
    const due =
      progression.mode === 'polls'
        ? job.polls > progression.polls
        : deadline !== undefined && deadline <= context.clock.now();
    if (due) finishJob(context, projectId, job);
  }
  const instanceId = queryValue(request, 'instance_id');
  let tasks = job.detail.tasks;
  if (instanceId !== undefined && instanceId !== job.instance_id) tasks = [];
  if (queryValue(request, 'desc') === 'true') tasks = [...tasks].reverse();
  const offset = queryInteger(request, 'offset', 0);
  const limit = queryInteger(request, 'limit', tasks.length);
  return {
    status: 200,
    body: {
      task_count: tasks.length,
      job: { ...job.detail.job },
      tasks: tasks.slice(offset, offset + limit).map((task) => ({ ...task })),
    },
  };
};

const listComponentInstanceSnapshots: Handler = (context, request) => {
  const instance = instanceOf(context, request);
  const byVersion = queryValue(request, 'snapshot_order_by') === 'version';
  const ascending = queryValue(request, 'order') === 'asc';
  const sorted = [...instance.snapshots].sort((a, b) => {
    const order = byVersion
      ? a.version.localeCompare(b.version, 'en', { numeric: true })
      : a.create_time - b.create_time;
    return ascending ? order : -order;
  });
  const offset = queryInteger(request, 'offset', 0);
  const limit = queryInteger(request, 'limit', UNPAGED_SNAPSHOTS);
  return {
    status: 200,
    body: {
      count: sorted.length,
      snapshots: sorted.slice(offset, offset + limit).map((snapshot) => ({ ...snapshot })),
    },
  };
};

export const servicestageHandlers: Readonly<Record<string, Handler>> = {
  performComponentInstanceAction,
  listComponentInstanceSnapshots,
  showJobDetail,
};

/** Every running job that ends on the clock. */
export function servicestageDeadlines(context: EmulatorContext): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const [projectId, project] of Object.entries(context.state.projects)) {
    for (const job of project.servicestage.jobs) {
      if (!isRunning(job)) continue;
      const at = jobDeadline(context, job);
      if (at !== undefined) deadlines.push({ at, fire: () => finishJob(context, projectId, job) });
    }
  }
  return deadlines;
}

// --- control plane -----------------------------------------------------------------------------------------

const recordAnswer = (record: ServiceStageInstanceRecord): ServiceStageInstanceRecord => ({
  ...record,
  snapshots: record.snapshots.map((snapshot) => ({ ...snapshot })),
});

const createServiceStageInstance: Handler = (context, request) => {
  const body = bodyOf(request);
  const projectId = requiredString(body, 'project_id');
  const instanceId = optionalString(body, 'instance_id') ?? context.newId();
  const version = optionalString(body, 'version') ?? '1.0.0';
  const status = body.status ?? 'RUNNING';
  if (!INSTANCE_STATUSES.includes(status as InstanceStatus))
    throw controlError('EMULATOR.0400', `status must be one of ${INSTANCE_STATUSES.join(', ')}`);
  const record: ServiceStageInstanceRecord = {
    project_id: projectId,
    application_id: optionalString(body, 'application_id') ?? context.newId(),
    component_id: optionalString(body, 'component_id') ?? context.newId(),
    instance_id: instanceId,
    instance_name: optionalString(body, 'instance_name') ?? `instance-${instanceId.slice(0, 8)}`,
    version,
    replica: optionalInteger(body, 'replica', 0, MAX_REPLICA) ?? 1,
    status: status as InstanceStatus,
    snapshots: [
      {
        version,
        description: JSON.stringify({ action: `New Version: ${version}` }),
        instance_id: instanceId,
        create_time: context.clock.now(),
      },
    ],
    last_job_id: null,
    last_job_status: null,
  };
  const project: ProjectState = ensureProject(context.state, projectId);
  if (project.servicestage.instances.some((instance) => instance.instance_id === instanceId))
    throw controlError('EMULATOR.0409', `Instance ${instanceId} already exists in project ${projectId}`);
  project.servicestage.instances.push(record);
  return { status: 201, body: recordAnswer(record) };
};

const listServiceStageInstances: Handler = (context, request) => {
  const projectId = queryValue(request, 'project_id');
  const projects =
    projectId === undefined ? Object.values(context.state.projects) : [projectOf(context.state, projectId)];
  const instances = projects.flatMap((project) => project?.servicestage.instances.map(recordAnswer) ?? []);
  return { status: 200, body: { instances } };
};

const showServiceStageInstance: Handler = (context, request) => {
  const projectId = queryValue(request, 'project_id') ?? '';
  const instanceId = pathParam(request, 'instance_id');
  const record = projectOf(context.state, projectId)?.servicestage.instances.find(
    (instance) => instance.instance_id === instanceId,
  );
  if (!record) throw controlError('EMULATOR.0404', `No instance ${instanceId} in project ${projectId}`);
  return { status: 200, body: recordAnswer(record) };
};

export const servicestageControl: Readonly<Record<string, Handler>> = {
  createServiceStageInstance,
  listServiceStageInstances,
  showServiceStageInstance,
};
