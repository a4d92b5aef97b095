/**
 * The emulator engine: answers the Auto Scaling lifecycle-hook and ServiceStage instance APIs from state it keeps
 * per project_id, on a frozen clock that only the control plane moves. Requests reach it matched, authenticated
 * and validated by the pipeline; it answers by operationId. What it emulates and what it invents (ServiceStage
 * task names, the codes the services do not document) is listed in `packages/mock/EMULATOR.md`.
 */

import { randomUUID } from 'node:crypto';
import type { ServiceErrors } from '../../service-errors.js';
import type { ServiceName } from '../../types.js';
import type { Engine, EngineAnswer, OperationRequest } from '../engine.js';
import { autoscalingHandlers } from './autoscaling.js';
import { createFrozenClock, type EmulatorClock } from './clock.js';
import { controlError, type EmulatorContext, type Handler, Refusal } from './context.js';
import { controlHandlers, emptyState, settle } from './control.js';
import { DEFAULT_SETTINGS, type EmulatorState } from './model.js';
import { servicestageHandlers } from './servicestage.js';
import { InvalidState, mergeSettings, parseState } from './validate-state.js';

export { createFrozenClock, DEFAULT_START, type EmulatorClock } from './clock.js';
export type { EmulatorSettings, EmulatorState } from './model.js';

/** The API handlers of each service, by operationId. */
export const API_HANDLERS: Readonly<Record<ServiceName, Readonly<Record<string, Handler>>>> = {
  autoscaling: autoscalingHandlers,
  servicestage: servicestageHandlers,
};

/** The control operations the engine answers (the pipeline answers faults and the journal itself). */
export const CONTROL_OPERATIONS: readonly string[] = Object.keys(
  controlHandlers({ now: 0, settings: DEFAULT_SETTINGS }),
);

export interface EmulatorEngineOptions {
  readonly service: ServiceName;
  /** The service's error rules (`ServiceErrors` of its bundled document). */
  readonly errors: ServiceErrors;
  /** Default: a frozen clock at `DEFAULT_START` (2026-01-01T00:00:00Z), or at `state.now` when a state is given. */
  readonly clock?: EmulatorClock;
  /** Settings over the defaults (immediate jobs, no replacement of abandoned launches, no EXTEND cap). */
  readonly settings?: unknown;
  /**
   * A state to start from (as `GET /_emulator/state` exports it); checked like an import. A full reset still gives
   * a blank emulator, at the clock's start.
   */
  readonly state?: unknown;
  /** `state` was already checked against the `EmulatorState` schema: only what a schema cannot say is checked. */
  readonly stateShapeChecked?: boolean;
}

export interface EmulatorEngine extends Engine {
  answer(request: OperationRequest): EngineAnswer;
  control(request: OperationRequest): EngineAnswer;
}

/** Creates the emulator engine of one service. Throws a TypeError naming the field for invalid settings or state. */
export function createEmulatorEngine(options: EmulatorEngineOptions): EmulatorEngine {
  const clock = options.clock ?? createFrozenClock();
  // Where a full reset returns to: no state, the clock where it started before a state moved it.
  const blankStart = clock.now();
  let state: EmulatorState;
  try {
    state =
      options.state === undefined
        ? emptyState(DEFAULT_SETTINGS, clock.now())
        : parseState(options.state, { shapeChecked: options.stateShapeChecked === true });
    if (options.settings !== undefined) state.settings = mergeSettings(state.settings, options.settings);
  } catch (error) {
    if (error instanceof InvalidState) throw new TypeError(`Invalid emulator ${error.message}`);
    throw error;
  }
  if (options.state !== undefined) clock.set(Date.parse(state.now));
  const context: EmulatorContext = { state, clock, errors: options.errors, newId: randomUUID };
  settle(context, clock.now());

  const api = API_HANDLERS[options.service];
  const control = controlHandlers({ now: blankStart, settings: structuredClone(state.settings) });
  const run = (handler: Handler, request: OperationRequest): EngineAnswer => {
    try {
      return handler(context, request);
    } catch (error) {
      if (error instanceof Refusal) return error.answer;
      throw error;
    }
  };

  return {
    answer(request) {
      const handler = Object.hasOwn(api, request.operationId) ? api[request.operationId] : undefined;
      if (handler) return run(handler, request);
      const { status, body } = options.errors.unknownApi();
      return { status, body };
    },
    control(request) {
      const handler = Object.hasOwn(control, request.operationId) ? control[request.operationId] : undefined;
      if (handler) return run(handler, request);
      return controlError('EMULATOR.0404', `The engine has no control operation ${request.operationId}`)
        .answer;
    },
  };
}
