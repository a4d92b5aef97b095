export type { Engine, EngineAnswer, OperationRequest } from './engines/engine.js';
export type {
  components as ControlComponents,
  EmulatorState,
  paths as ControlPaths,
} from './generated/emulator.js';
export type { AkSk, Fault, FaultRequest, JournalEntry } from './pipeline/index.js';
export { exampleWorld } from './spec.js';
export { createControlClient, DEFAULT_PORTS, SERVICES, startMock } from './start-mock.js';
export type { ControlClient, EngineName, MockServer, ServiceName, StartMockOptions } from './types.js';
