import assert from 'node:assert/strict';
import type { ControlClient } from '@hwc-openapi/mock';
import { type ServiceStageClient, waitForJob } from '@hwc-openapi/servicestage';
import { ok, projectId } from './setup.js';

const ids = {
  application_id: '2e3bd8a0-7d56-4b8d-a0c6-5f4d1f1cbb4b',
  component_id: '6b4fd8e1-2d92-4e4e-9c31-3f2a5b8a7c10',
  instance_id: '11eddb33-140b-4e51-b1e2-6ec265373ca3',
};

/** Rolls a component instance back to the version before the one it runs. */
export async function rollBack(servicestage: ServiceStageClient, control: ControlClient) {
  // A clean emulator, then a fixture: an instance upgraded from 1.0.0 to 1.1.0, so it has two snapshots.
  ok(await control.POST('/_emulator/reset', {}));
  const { now } = ok(await control.GET('/_emulator/clock'));
  const snapshot = (version: string, description: string, create_time: number) => ({
    version,
    description,
    instance_id: ids.instance_id,
    create_time,
  });
  ok(
    await control.PUT('/_emulator/state', {
      body: {
        version: 1,
        now,
        settings: {
          job_progression: { mode: 'polls', polls: 1 },
          replace_abandoned_instances: false,
          extend_limit: null,
        },
        projects: {
          [projectId]: {
            autoscaling: { groups: [] },
            servicestage: {
              instances: [
                {
                  project_id: projectId,
                  ...ids,
                  instance_name: 'rollback-demo',
                  version: '1.1.0',
                  replica: 2,
                  status: 'RUNNING',
                  snapshots: [
                    snapshot('1.0.0', 'First deployment', 1767139200000),
                    snapshot('1.1.0', 'Upgrade to 1.1.0', 1767225600000),
                  ],
                  last_job_id: null,
                  last_job_status: null,
                },
              ],
              jobs: [],
            },
          },
        },
      },
    }),
  );

  // Newest first: the running version, then the one to go back to.
  const list = await servicestage.listComponentInstanceSnapshots({
    ...ids,
    snapshot_order_by: 'create_time',
    order: 'desc',
  });
  assert.deepEqual(
    list.snapshots.map((s) => s.version),
    ['1.1.0', '1.0.0'],
  );
  const previous = list.snapshots[1]?.version;
  assert(previous);

  const { job_id } = await servicestage.performComponentInstanceAction({
    ...ids,
    body: { action: 'rollback', parameters: { version: previous } },
  });
  // Read the job (showJobDetail) until it has ended.
  const job = await waitForJob(servicestage, job_id, { intervalMs: 1000 });
  assert.equal(job.job.EXECUTION_STATUS, 'SUCCEEDED');

  const instance = ok(
    await control.GET('/_emulator/servicestage/instances/{instance_id}', {
      params: { path: { instance_id: ids.instance_id }, query: { project_id: projectId } },
    }),
  );
  assert.equal(instance.version, previous);
  assert.equal(instance.status, 'RUNNING');
  return { job_id, version: instance.version };
}
