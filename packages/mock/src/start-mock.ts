import { ENGINE_NAMES, engines } from './engines/index.js';
import { waitUntilAnswers } from './net.js';
import { ServiceErrors } from './service-errors.js';
import { loadBundledSpec } from './spec.js';
import type { EngineName, MockServer, ServiceName, StartMockOptions } from './types.js';

/** The services the mock can serve. */
export const SERVICES: readonly ServiceName[] = ['autoscaling', 'servicestage'];

/** The ports the CLI uses when none is given. */
export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = { autoscaling: 4010, servicestage: 4011 };

const DEFAULT_SEED = 'hwc-mock';

/**
 * Starts a mock of one service and resolves once it answers.
 *
 * ```ts
 * const mock = await startMock({ service: 'autoscaling', port: 0 });
 * const as = createAutoScalingClient({ baseUrl: mock.url, credentials: { ak, sk, projectId } });
 * // ...
 * await mock.close();
 * ```
 */
export async function startMock(options: StartMockOptions): Promise<MockServer> {
  const {
    service,
    port = 0,
    host = '127.0.0.1',
    verbose = false,
    dynamic = false,
    seed = DEFAULT_SEED,
  } = options;
  const engineName: EngineName = options.engine ?? 'prism';
  if (!SERVICES.includes(service)) {
    throw new TypeError(`Unknown service "${String(service)}"; expected one of ${SERVICES.join(', ')}`);
  }
  const engine = engines[engineName];
  if (!engine) {
    throw new TypeError(`Unknown engine "${String(engineName)}"; expected one of ${ENGINE_NAMES.join(', ')}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`Invalid port: ${port}`);

  const spec = loadBundledSpec(service);
  const running = await engine.start({
    service,
    specPath: spec.path,
    document: spec.document,
    errors: new ServiceErrors(spec.document),
    host,
    port,
    verbose,
    dynamic,
    seed,
  });
  try {
    await waitUntilAnswers(`${running.url}/`);
  } catch (error) {
    await running.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    service,
    engine: engineName,
    url: running.url,
    port: running.port,
    close: () => {
      closing ??= running.close();
      return closing;
    },
  };
}
