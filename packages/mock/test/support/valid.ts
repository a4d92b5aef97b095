import type { EngineName, MockServer } from '../../src/index.js';

const PROJECT = 'b53e5554fad0494d96206fb84296510b';
const headers = { 'x-auth-token': 'test', 'content-type': 'application/json' };

/** A valid read of the mock's service, after seeding what the emulator needs for it to be found: its response. */
export async function seedValidCall(mock: MockServer, engine: EngineName): Promise<Response> {
  if (mock.service === 'autoscaling') {
    if (engine === 'emulator') {
      const { response } = await mock.control.POST('/_emulator/autoscaling/groups', {
        body: { project_id: PROJECT, scaling_group_id: 'valid-group' },
      });
      if (response.status !== 201) throw new Error(`seeding a group: ${response.status}`);
    }
    return fetch(`${mock.url}/autoscaling-api/v1/${PROJECT}/scaling_lifecycle_hook/valid-group/list`, {
      headers,
    });
  }
  if (engine === 'emulator') {
    const { response } = await mock.control.POST('/_emulator/servicestage/instances', {
      body: { project_id: PROJECT, application_id: 'a', component_id: 'c', instance_id: 'valid-instance' },
    });
    if (response.status !== 201) throw new Error(`seeding an instance: ${response.status}`);
  }
  return fetch(
    `${mock.url}/v2/${PROJECT}/cas/applications/a/components/c/instances/valid-instance/snapshots`,
    {
      headers,
    },
  );
}
