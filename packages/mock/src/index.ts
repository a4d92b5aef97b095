export { DEFAULT_PORTS, SERVICES, startMock } from './start-mock.js';
export type { EngineName, MockServer, ServiceName, StartMockOptions } from './types.js';
