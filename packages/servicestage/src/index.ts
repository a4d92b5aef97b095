import {
  type ClientOptions,
  createHwcClient,
  sleep as defaultSleep,
  type HwcClient,
  HwcTimeoutError,
  type OperationMethods,
  type OperationOptions,
  serviceStageService,
} from '@hwc-openapi/core';
import { routes } from './generated/routes.js';
import type { JobDetail, JobExecutionStatus, operations, paths } from './generated/schema.js';

export {
  type ClientOptions,
  type Credentials,
  HwcApiError,
  HwcNetworkError,
  HwcTimeoutError,
  type OperationOptions,
  type RetryOptions,
} from '@hwc-openapi/core';
export type * from './generated/schema.js';

/**
 * A typed client for the ServiceStage component-instance API: one method per operation, named by its operationId
 * (`performComponentInstanceAction`, `showJobDetail`...), plus the path-based low-level calls (`GET`, `POST`...).
 * `project_id` comes from the credentials.
 */
export type ServiceStageClient = HwcClient<paths> & OperationMethods<operations>;

/** Creates a client for ServiceStage on a Huawei Cloud `region`, or on `baseUrl`. */
export function createServiceStageClient(options: ClientOptions): ServiceStageClient {
  return createHwcClient<paths, operations>(serviceStageService, options, routes);
}

/** Job statuses after which the job no longer changes. */
export const TERMINAL_JOB_STATUSES = [
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'PARTIALLY_FAILED',
  'ROLLBACKED',
] as const satisfies readonly JobExecutionStatus[];

export interface WaitForJobOptions {
  /** Gives up after this long, in ms. Default 10 minutes. */
  timeoutMs?: number;
  /** First pause between polls, in ms; it doubles up to `maxIntervalMs`. Default 2000. */
  intervalMs?: number;
  /** Longest pause between polls, in ms. Default 30000. */
  maxIntervalMs?: number;
  signal?: AbortSignal;
  /** Waits between polls (inject a fake in tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Current time in ms (inject a fake in tests). */
  now?: () => number;
}

/**
 * Polls a job (for example the `job_id` of a component instance action) until its `EXECUTION_STATUS` is
 * terminal, and resolves with the last job detail: check `job.EXECUTION_STATUS` for the outcome. Rejects with
 * the call's `HwcApiError`, with `HwcTimeoutError` after `timeoutMs`, or with the signal's reason.
 * `callOptions` apply to each poll (per-request `timeoutMs`, `retry`, `headers`); the wait's `signal` also aborts a poll.
 */
export async function waitForJob(
  client: ServiceStageClient,
  jobId: string,
  options: WaitForJobOptions = {},
  callOptions: Omit<OperationOptions, 'signal'> = {},
): Promise<JobDetail> {
  const {
    timeoutMs = 600_000,
    intervalMs = 2000,
    maxIntervalMs = 30_000,
    signal,
    sleep = defaultSleep,
    now = Date.now,
  } = options;
  const deadline = now() + timeoutMs;
  for (let wait = intervalMs; ; wait = Math.min(wait * 2, maxIntervalMs)) {
    const data = await client.showJobDetail({ job_id: jobId }, { ...callOptions, ...(signal && { signal }) });
    if ((TERMINAL_JOB_STATUSES as readonly string[]).includes(data.job.EXECUTION_STATUS)) return data;
    const left = deadline - now();
    if (left <= 0) {
      throw new HwcTimeoutError(
        `@hwc-openapi/servicestage: job ${jobId} still ${data.job.EXECUTION_STATUS} after ${timeoutMs} ms`,
        timeoutMs,
      );
    }
    await sleep(Math.min(wait, left), signal);
  }
}
