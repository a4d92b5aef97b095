export type { Engine, EngineAnswer, OperationRequest } from './engines/engine.js';
export type {
  components as ControlComponents,
  EmulatorState,
  paths as ControlPaths,
} from './generated/emulator.js';
// Public types come from modules whose declarations need no @types/node, so a consumer's strict program without
// it still type-checks (the pipeline's own modules use node:http and Buffer).
export type { Fault, FaultRequest } from './pipeline/faults.js';
export type { JournalEntry } from './pipeline/journal.js';
export { exampleWorld } from './spec.js';
export { createControlClient, DEFAULT_PORTS, SERVICES, startMock } from './start-mock.js';
export type { AkSk, ControlClient, EngineName, MockServer, ServiceName, StartMockOptions } from './types.js';
