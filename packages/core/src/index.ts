export { type Credentials, createAuthMiddleware, type TokenCredentials, type TokenProvider } from './auth.js';
export {
  type CallOptions,
  type ClientOptions,
  createHwcClient,
  type HwcClient,
  type HwcFetchResponse,
  type OperationArgs,
  type OperationData,
  type OperationMethod,
  type OperationMethods,
  type OperationOptions,
  type OperationRoutes,
  type RetryOptions,
  sleep,
  type WithoutProjectId,
} from './client.js';
export {
  autoScalingService,
  type Cloud,
  type CloudEndpoints,
  type EndpointOptions,
  resolveEndpoint,
  type ServiceDescriptor,
  serviceStageService,
} from './endpoints.js';
export { HwcApiError, HwcNetworkError, HwcTimeoutError } from './errors.js';
export {
  type AkSkCredentials,
  computeAuthorization,
  createSigner,
  type Signer,
  type SigningInput,
} from './signer.js';
