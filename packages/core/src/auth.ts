import type { Middleware } from 'openapi-fetch';
import { type AkSkCredentials, assertHeaderSafe, createSigner } from './signer.js';

/** Returns an IAM token (cache it: tokens live 24 h). Called once per request attempt. */
export type TokenProvider = () => string | Promise<string>;

/** IAM token credentials, sent as `X-Auth-Token`. */
export interface TokenCredentials {
  token: string | TokenProvider;
  /** Fills `{project_id}`; must be the project the token is scoped to. */
  projectId?: string;
  ak?: never;
  sk?: never;
}

export type Credentials = AkSkCredentials | TokenCredentials;

/** Adds authentication to a request; may return a new Request (when the body had to be read). */
export type Authorizer = (request: Request) => Promise<Request>;

/** Builds the authorizer for `credentials`, validating them first. Messages name fields, never values. */
export function createAuthorizer(credentials: Credentials): Authorizer {
  if (credentials === null || typeof credentials !== 'object') {
    throw new TypeError(
      '@hwc-openapi/core: credentials ({ ak, sk, projectId } or { token, projectId }) are required',
    );
  }
  if (!('token' in credentials) || credentials.token === undefined) {
    return createSigner(credentials as AkSkCredentials);
  }
  const { token } = credentials;
  if (typeof token !== 'function') assertHeaderSafe(token, 'credentials.token');
  return async (request) => {
    const value = typeof token === 'function' ? await token() : token;
    assertHeaderSafe(value, 'the token returned by credentials.token()');
    request.headers.set('X-Auth-Token', value);
    return request;
  };
}

/**
 * openapi-fetch middleware that authenticates every request with AK/SK signing or an IAM token.
 * Register it last, so that no later middleware changes a signed request.
 */
export function createAuthMiddleware(credentials: Credentials): Middleware {
  const authorize = createAuthorizer(credentials);
  return { onRequest: ({ request }) => authorize(request) };
}
