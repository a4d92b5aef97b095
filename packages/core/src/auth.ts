import type { Middleware } from 'openapi-fetch';
import {
  type AkSkCredentials,
  type Authenticate,
  assertHeaderSafe,
  createSigningAuthenticator,
  requestAuthenticator,
} from './signer.js';

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

/** Builds the authentication step for `credentials`, validating them first. Messages name fields, never values. */
export function createAuthenticator(credentials: Credentials): Authenticate {
  if (credentials === null || typeof credentials !== 'object') {
    throw new TypeError(
      '@hwc-openapi/core: credentials ({ ak, sk, projectId } or { token, projectId }) are required',
    );
  }
  if (!('token' in credentials) || credentials.token === undefined) {
    return createSigningAuthenticator(credentials as AkSkCredentials);
  }
  const { token } = credentials;
  if (typeof token !== 'function') {
    assertHeaderSafe(token, 'credentials.token');
    return (request) => {
      request.headers['x-auth-token'] = token;
    };
  }
  return async (request) => {
    const value = await token();
    assertHeaderSafe(value, 'the token returned by credentials.token()');
    request.headers['x-auth-token'] = value;
  };
}

/**
 * openapi-fetch middleware that authenticates every request with AK/SK signing or an IAM token.
 * Register it last, so that no later middleware changes a signed request.
 */
export function createAuthMiddleware(credentials: Credentials): Middleware {
  const authorize = requestAuthenticator(createAuthenticator(credentials));
  return { onRequest: ({ request }) => authorize(request) };
}
