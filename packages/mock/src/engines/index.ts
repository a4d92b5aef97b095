import type { ServiceErrors } from '../service-errors.js';
import type { OpenApiDocument } from '../spec.js';
import type { EngineName, ServiceName } from '../types.js';
// The default engine is small and loaded with the package; Prism is large and loaded only when chosen.
import { createEmulatorEngine } from './emulator/index.js';
import type { Engine } from './engine.js';

/** What the launcher hands an engine factory. */
export interface EngineContext {
  readonly service: ServiceName;
  readonly document: OpenApiDocument;
  /** The spec's error rules: the code and body the service answers for a code. */
  readonly errors: ServiceErrors;
  readonly state?: unknown;
  /** `state` is the spec's example world, already checked against the `EmulatorState` schema. */
  readonly stateShapeChecked?: boolean;
  readonly settings?: unknown;
  readonly dynamic: boolean;
  readonly seed: string;
}

/** The engines by name; Prism's module is loaded only when it is chosen. */
const factories: Readonly<Record<EngineName, (context: EngineContext) => Promise<Engine>>> = {
  emulator: async ({ service, errors, state, stateShapeChecked, settings }) =>
    createEmulatorEngine({
      service,
      errors,
      ...(state !== undefined && { state }),
      ...(stateShapeChecked && { stateShapeChecked }),
      ...(settings !== undefined && { settings }),
    }),
  prism: async ({ document, errors, dynamic, seed }) => {
    const { createPrismEngine } = await import('./prism/index.js');
    return createPrismEngine({ document, errors, dynamic, seed });
  },
};

export const ENGINE_NAMES = Object.keys(factories) as EngineName[];
export const DEFAULT_ENGINE: EngineName = 'emulator';

/** `name` is checked by startMock, the one caller. */
export function createEngine(name: EngineName, context: EngineContext): Promise<Engine> {
  return factories[name](context);
}
