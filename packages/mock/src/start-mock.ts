import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { createEngine, DEFAULT_ENGINE, ENGINE_NAMES } from './engines/index.js';
import type { paths as ControlPaths } from './generated/emulator.js';
import { createPipeline } from './pipeline/index.js';
import { createMockServer } from './pipeline/server.js';
import { exampleWorld, loadDocument } from './spec.js';
import type { ControlClient, EngineName, MockServer, ServiceName, StartMockOptions } from './types.js';

/** The services the mock can serve. */
export const SERVICES: readonly ServiceName[] = ['autoscaling', 'servicestage'];

/** The ports the CLI uses when none is given. */
export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = { autoscaling: 4010, servicestage: 4011 };

const DEFAULT_SEED = 'hwc-mock';

/** A typed client of a mock's control plane (`/_emulator/*`), for a mock started elsewhere (the CLI). */
export function createControlClient(baseUrl: string): ControlClient {
  return createClient<ControlPaths>({ baseUrl });
}

function checkCredentials(credentials: StartMockOptions['credentials']): void {
  if (credentials === undefined) return;
  if (!Array.isArray(credentials) || credentials.length === 0) {
    throw new TypeError('credentials must be a non-empty array of { ak, sk }');
  }
  for (const pair of credentials) {
    if (
      typeof pair?.ak !== 'string' ||
      !/^[\x21-\x7e]+$/.test(pair.ak) ||
      typeof pair.sk !== 'string' ||
      pair.sk === ''
    ) {
      // Names the fields, never the values.
      throw new TypeError('each credential needs an ak of visible ASCII characters and a non-empty sk');
    }
  }
}

/**
 * The emulator's starting state for the `state` option: the example world unless told otherwise. The example world
 * is the spec's build output, checked against the schema by the tests: not at each start.
 */
function initialState(
  service: ServiceName,
  state: StartMockOptions['state'],
): { state?: unknown; stateShapeChecked?: boolean } {
  if (state === undefined) return { state: exampleWorld(service), stateShapeChecked: true };
  if (state === 'empty') return {};
  if (typeof state !== 'string') return { state };
  try {
    return { state: JSON.parse(readFileSync(state, 'utf8')) };
  } catch (error) {
    throw new TypeError(
      `Cannot read the state file ${state}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Starts a mock of one service in this process and resolves once it listens.
 *
 * ```ts
 * const mock = await startMock({ service: 'autoscaling' }); // the example world: the documented samples work
 * const as = createAutoScalingClient({ baseUrl: mock.url, credentials: { ak, sk, projectId } });
 * await mock.control.POST('/_emulator/autoscaling/groups', { body: { project_id: projectId, instances: 2 } });
 * // ...
 * await mock.close();
 * ```
 */
export async function startMock(options: StartMockOptions): Promise<MockServer> {
  const {
    service,
    port = 0,
    host = '127.0.0.1',
    dynamic = false,
    seed = DEFAULT_SEED,
    credentials,
  } = options;
  const engineName: EngineName = options.engine ?? DEFAULT_ENGINE;
  if (!SERVICES.includes(service)) {
    throw new TypeError(`Unknown service "${String(service)}"; expected one of ${SERVICES.join(', ')}`);
  }
  if (!ENGINE_NAMES.includes(engineName)) {
    throw new TypeError(`Unknown engine "${String(engineName)}"; expected one of ${ENGINE_NAMES.join(', ')}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`Invalid port: ${port}`);
  checkCredentials(credentials);

  const { document, errors } = loadDocument(service);
  const engine = await createEngine(engineName, {
    service,
    document,
    errors,
    ...(engineName === 'emulator' && initialState(service, options.state)),
    settings: options.settings,
    dynamic,
    seed,
  });
  const pipeline = createPipeline({
    service,
    errors,
    controlErrors: loadDocument('emulator').errors,
    engine,
    credentials,
    log: options.log,
  });
  const server = createMockServer(pipeline);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await engine.close?.();
    throw error;
  }
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;

  let control: ControlClient | undefined;
  let closing: Promise<void> | undefined;
  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await engine.close?.();
  };
  return {
    service,
    engine: engineName,
    url,
    port: bound,
    // Made on first use: the client touches fetch's globals, which Node loads lazily and slowly.
    get control() {
      control ??= createControlClient(url);
      return control;
    },
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
