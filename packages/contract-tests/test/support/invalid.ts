import { expect } from 'vitest';
import type { CallResult, EngineName } from './clients.js';
import { cover } from './coverage.js';
import { expectValidBody } from './schemas.js';
import { messageOf } from './spec.js';

export interface InvalidCase {
  /** What the request breaks. */
  readonly name: string;
  readonly operationId: string;
  /** The error code the spec's x-hwc-error-code rules give for it. */
  readonly code: string;
  readonly send: (engine: EngineName) => Promise<CallResult>;
}

/** Sends the invalid request and asserts the service's answer: 400, the exact code, the spec's message. */
export async function expectRejected(
  { operationId, code, send }: InvalidCase,
  engine: EngineName,
): Promise<void> {
  const { error, response } = await send(engine);
  expect(response.status).toBe(400);
  expect(error?.status).toBe(400);
  expect(error?.code).toBe(code);
  expectValidBody(operationId, 400, error?.body);
  const message = messageOf(code);
  const body = error?.body as { error?: { message?: string }; error_msg?: string };
  const received = body.error?.message ?? body.error_msg;
  if (message === undefined) expect(received).toMatch(/\S/);
  else expect(received).toBe(message);
  cover(operationId, 400);
}
