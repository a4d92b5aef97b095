// Type-level tests: `pnpm typecheck` compiles this file, so each @ts-expect-error must stay an error.
import { describe, expectTypeOf, it } from 'vitest';
import { createServiceStageClient, type InstanceAction, type JobDetail, waitForJob } from '../src/index.js';

const ss = createServiceStageClient({
  baseUrl: 'http://127.0.0.1:1',
  credentials: { token: 't', projectId: 'p' },
});
const ACTION =
  '/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/action';
const path = { application_id: 'a', component_id: 'c', instance_id: 'i' };

async function compileOnly() {
  const { job_id } = await ss.performComponentInstanceAction({
    ...path,
    body: { action: 'scale', parameters: { replica: 2 } },
  });
  expectTypeOf(await ss.showJobDetail({ job_id })).toEqualTypeOf<JobDetail>();
  // @ts-expect-error scale needs parameters.replica
  await ss.performComponentInstanceAction({ ...path, body: { action: 'scale', parameters: {} } });
  // @ts-expect-error project_id comes from the credentials
  await ss.showJobDetail({ job_id, project_id: 'p' });
  // @ts-expect-error the wait's own signal is the only one; it also aborts each poll
  await waitForJob(ss, job_id, {}, { signal: AbortSignal.timeout(1) });
  // @ts-expect-error scale needs parameters.replica
  await ss.POST(ACTION, { params: { path }, body: { action: 'scale', parameters: {} } });
  // @ts-expect-error rollback needs parameters.version
  await ss.POST(ACTION, { params: { path }, body: { action: 'rollback' } });
  // @ts-expect-error unknown action
  await ss.POST(ACTION, { params: { path }, body: { action: 'explode' } });
  await ss.GET('/v2/{project_id}/cas/jobs/{job_id}', {
    // @ts-expect-error desc is the string 'true' or 'false' on the wire
    params: { path: { job_id: 'j' }, query: { desc: true } },
  });
}

describe('types', () => {
  it('types actions and job details', async () => {
    expectTypeOf<InstanceAction['action']>().toEqualTypeOf<
      'start' | 'stop' | 'restart' | 'scale' | 'rollback'
    >();
    const { data } = await ss.GET('/v2/{project_id}/cas/jobs/{job_id}', {
      params: { path: { job_id: 'j' } },
      fetch: async () => new Response('{}'),
    });
    expectTypeOf(data).toEqualTypeOf<JobDetail | undefined>();
    expectTypeOf(compileOnly).toBeFunction();
  });
});
