import assert from 'node:assert/strict';
import type { ControlClient } from '@hwc-openapi/mock';
import { type ServiceStageClient, waitForJob } from '@hwc-openapi/servicestage';
import { ok, projectId } from './setup.js';

/** Scales a component instance and waits for the job; then the instance has its new replica count. */
export async function scaleAndWait(servicestage: ServiceStageClient, control: ControlClient, replica = 3) {
  // A clean emulator whose jobs read RUNNING once before they end, and a running instance with one replica.
  ok(await control.POST('/_emulator/reset', {}));
  ok(await control.PATCH('/_emulator/settings', { body: { job_progression: { mode: 'polls', polls: 1 } } }));
  const instance = ok(
    await control.POST('/_emulator/servicestage/instances', {
      body: { project_id: projectId, instance_name: 'scale-demo', replica: 1 },
    }),
  );
  const { application_id, component_id, instance_id } = instance;

  // The scale action answers at once, with the job's ID.
  const { job_id } = await servicestage.performComponentInstanceAction({
    application_id,
    component_id,
    instance_id,
    body: { action: 'scale', parameters: { replica } },
  });

  // Read the job (showJobDetail) until it has ended.
  const job = await waitForJob(servicestage, job_id, { intervalMs: 1000 });
  assert.equal(job.job.EXECUTION_STATUS, 'SUCCEEDED');

  const scaled = ok(
    await control.GET('/_emulator/servicestage/instances/{instance_id}', {
      params: { path: { instance_id }, query: { project_id: projectId } },
    }),
  );
  assert.equal(scaled.replica, replica);
  assert.equal(scaled.status, 'RUNNING');
  assert.equal(scaled.last_job_id, job_id);
  return { instance_id, job_id, replica: scaled.replica };
}
