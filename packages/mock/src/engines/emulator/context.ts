import type { ServiceErrors } from '../../service-errors.js';
import type { EngineAnswer, OperationRequest } from '../engine.js';
import type { EmulatorClock } from './clock.js';
import type { EmulatorState } from './model.js';

/** What every handler works on. `state` is replaced whole by an import or a reset. */
export interface EmulatorContext {
  state: EmulatorState;
  readonly clock: EmulatorClock;
  /** The service's error rules: `forCode` gives the spec's own body for a code. */
  readonly errors: ServiceErrors;
  readonly newId: () => string;
}

export type Handler = (context: EmulatorContext, request: OperationRequest) => EngineAnswer;

/** A deadline on the emulator clock and what happens when it falls due. */
export interface Deadline {
  readonly at: number;
  fire(): void;
}

/** Thrown by a handler to answer with an error; the engine turns it into the answer. */
export class Refusal extends Error {
  constructor(readonly answer: EngineAnswer) {
    super(`refused with ${answer.status}`);
  }
}

/** The service's own error body for a code, from the spec's examples. */
export function serviceError(context: EmulatorContext, code: string, status = 400): Refusal {
  const { body } = context.errors.forCode(code, status);
  return new Refusal({ status, body });
}

export type ControlErrorCode = 'EMULATOR.0400' | 'EMULATOR.0404' | 'EMULATOR.0409';

const CONTROL_STATUS: Record<ControlErrorCode, number> = {
  'EMULATOR.0400': 400,
  'EMULATOR.0404': 404,
  'EMULATOR.0409': 409,
};

/** The control plane's error (`EmulatorError`). */
export function controlError(code: ControlErrorCode, message: string): Refusal {
  return new Refusal({ status: CONTROL_STATUS[code], body: { error_code: code, error_msg: message } });
}

/** One value of a query parameter (the first when it was repeated). */
export function queryValue(request: OperationRequest, name: string): string | undefined {
  const value = request.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** An integer query parameter (already validated by the pipeline), or the fallback. */
export function queryInteger(request: OperationRequest, name: string, fallback: number): number {
  const value = Number(queryValue(request, name));
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}

/** A JSON object, or an empty one for anything else. */
export const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The request body as an object, whatever was sent. */
export const bodyOf = (request: OperationRequest): Record<string, unknown> => asObject(request.body);

export const pathParam = (request: OperationRequest, name: string): string => request.pathParams[name] ?? '';

/** A required non-empty string of a control body (the pipeline validated it; direct callers may not have). */
export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw controlError('EMULATOR.0400', `${name} is required`);
  return value;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw controlError('EMULATOR.0400', `${name} must be a non-empty string`);
  return value;
}

export function optionalInteger(
  body: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw controlError('EMULATOR.0400', `${name} must be an integer from ${min} to ${max}`);
  return value;
}
