/**
 * The gateway's authentication: an IAM token (`X-Auth-Token`) or an AK/SK signature (`Authorization:
 * SDK-HMAC-SHA256 ...` with `X-Sdk-Date`). Signatures are verified with @hwc-openapi/core's own signer when the
 * mock is given credentials; the date is always compared with the WALL clock, never the emulator's clock.
 */
import { timingSafeEqual } from 'node:crypto';
import { computeAuthorization } from '@hwc-openapi/core';
import type { AkSk } from '../types.js';
import { GATEWAY, type GatewayError } from './gateway.js';

/** How far `X-Sdk-Date` may be from the wall clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION =
  /^SDK-HMAC-SHA256[ \t]+Access=([^, \t]+),[ \t]*SignedHeaders=([a-z0-9!#$%&'*+.^_`|~-]+(?:;[a-z0-9!#$%&'*+.^_`|~-]+)*),[ \t]*Signature=([0-9a-f]{64})[ \t]*$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export interface AuthInput {
  readonly method: string;
  /** The raw request target, path and query (origin form). */
  readonly target: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer | undefined;
}

/** Checks a request's credentials: undefined when they pass, else the gateway error (401). */
export type Authenticate = (input: AuthInput) => GatewayError | undefined;

function sdkDateMs(value: string): number | undefined {
  const m = SDK_DATE.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(
    +(m[1] as string),
    +(m[2] as string) - 1,
    +(m[3] as string),
    +(m[4] as string),
    +(m[5] as string),
    +(m[6] as string),
  );
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Without `credentials`, any non-empty token and any well-formed, current signature is accepted. With them, a
 * signature must verify with one of the pairs, and tokens are refused (the mock cannot check an IAM token).
 */
export function createAuthenticator(
  credentials: readonly AkSk[] | undefined,
  now: () => number = Date.now,
): Authenticate {
  const secrets = credentials && new Map(credentials.map(({ ak, sk }) => [ak, sk]));
  return ({ method, target, headers, body }) => {
    const authorization = headers.authorization;
    if (authorization === undefined) {
      const token = headers['x-auth-token'];
      if (typeof token === 'string' && token.trim() !== '' && !secrets) return undefined;
      return GATEWAY.authFailed;
    }
    const parsed = typeof authorization === 'string' ? AUTHORIZATION.exec(authorization) : null;
    if (!parsed) return GATEWAY.authFailed;
    const [, ak = '', signedList = '', signature = ''] = parsed;
    const signedNames = signedList.split(';');
    const date = headers['x-sdk-date'];
    const dateMs =
      typeof date === 'string' && signedNames.includes('x-sdk-date') ? sdkDateMs(date) : undefined;
    if (dateMs === undefined || Math.abs(now() - dateMs) > MAX_CLOCK_SKEW_MS) return GATEWAY.signatureExpired;
    if (!secrets) return undefined;
    const sk = secrets.get(ak);
    if (sk === undefined) return GATEWAY.authFailed;
    const signed: Record<string, string> = {};
    for (const name of signedNames) {
      const value = headers[name];
      if (typeof value !== 'string') return GATEWAY.authFailed;
      signed[name] = value;
    }
    let expected: string;
    try {
      expected = computeAuthorization(
        { ak, sk },
        { method, url: `http://mock.invalid${target}`, headers: signed, ...(body && { body }) },
      );
    } catch {
      return GATEWAY.authFailed;
    }
    const received = /Signature=([0-9a-f]{64})/.exec(expected)?.[1] ?? '';
    return received.length === signature.length &&
      timingSafeEqual(Buffer.from(received), Buffer.from(signature))
      ? undefined
      : GATEWAY.authFailed;
  };
}
