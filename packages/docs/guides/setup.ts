// The clients the guides use, on local emulators: start one per service with startMock (in your process, on a free
// port), point the typed client at it, and drive the emulator through `mock.control`.
import { type AutoScalingClient, createAutoScalingClient } from '@hwc-openapi/autoscaling';
import { type ControlClient, startMock } from '@hwc-openapi/mock';
import { createServiceStageClient, type ServiceStageClient } from '@hwc-openapi/servicestage';

export const projectId = 'b53e5554fad0494d96206fb84296510b';
/** Started without credentials, the emulator accepts any well-formed AK/SK signature. */
const credentials = { ak: 'EMULATORACCESSKEY', sk: 'emulator-secret-key', projectId };

export interface Guide<Client> {
  /** The typed client of the API, signing with AK/SK. */
  readonly client: Client;
  /** The typed client of the emulator's control plane. */
  readonly control: ControlClient;
  readonly close: () => Promise<void>;
}

export async function autoScalingOnEmulator(): Promise<Guide<AutoScalingClient>> {
  const mock = await startMock({ service: 'autoscaling' });
  const client = createAutoScalingClient({ baseUrl: mock.url, credentials });
  return { client, control: mock.control, close: mock.close };
}

export async function serviceStageOnEmulator(): Promise<Guide<ServiceStageClient>> {
  const mock = await startMock({ service: 'servicestage' });
  const client = createServiceStageClient({ baseUrl: mock.url, credentials });
  return { client, control: mock.control, close: mock.close };
}

/** The data of a control-plane call (openapi-fetch's `{ data, error }`), or its error body thrown. */
export function ok<T>(result: { data?: T; error?: unknown }): T {
  if (result.error !== undefined) {
    throw new Error(`control plane: ${JSON.stringify(result.error)}`);
  }
  return result.data as T;
}
