/**
 * The engine's part of the control plane (`/_emulator/...`): reset, the clock, settings and state. Faults and
 * the request journal belong to the pipeline.
 */

import { autoscalingControl, autoscalingDeadlines } from './autoscaling.js';
import { rfc3339, wholeSecond } from './clock.js';
import {
  bodyOf,
  controlError,
  type Deadline,
  type EmulatorContext,
  type Handler,
  optionalString,
} from './context.js';
import { type EmulatorSettings, type EmulatorState, projectOf } from './model.js';
import { servicestageControl, servicestageDeadlines } from './servicestage.js';
import { InvalidState, mergeSettings, ownState, parseState } from './validate-state.js';

/** The most one advance may move the clock: a year. */
const MAX_ADVANCE_SECONDS = 31_536_000;
/**
 * The most deadlines one move of the clock fires. Only a loop can reach it (an instance abandoned and replaced
 * every minute for months); the move is then refused as a whole, so the mock keeps answering.
 */
const MAX_FIRED = 100_000;

class TooManyDeadlines extends Error {}

/**
 * Moves the clock to `target`, firing every deadline that falls due on the way, earliest first (ties in state
 * order), each at its own instant; a deadline a fired one creates fires too if it is due by `target`. Without a
 * move (`target` is now) only the deadlines already there can fire: those it creates lie in the future.
 */
export function settle(context: EmulatorContext, target: number, limit = Number.POSITIVE_INFINITY): void {
  for (let fired = 0; ; fired++) {
    if (fired === limit) throw new TooManyDeadlines();
    let next: Deadline | undefined;
    for (const deadline of [...autoscalingDeadlines(context), ...servicestageDeadlines(context)]) {
      if (deadline.at <= target && (next === undefined || deadline.at < next.at)) next = deadline;
    }
    if (!next) break;
    if (next.at > context.clock.now()) context.clock.set(next.at);
    next.fire();
  }
  if (target > context.clock.now()) context.clock.set(target);
}

export const emptyState = (settings: EmulatorSettings, now: number): EmulatorState => ({
  version: 1,
  now: rfc3339(now),
  settings: structuredClone(settings),
  projects: Object.create(null),
});

const clockAnswer = (context: EmulatorContext) => ({
  status: 200,
  body: { now: rfc3339(context.clock.now()) },
});

/** Handlers of the engine's control operations; `initial` is where a full reset returns to, with no state. */
export function controlHandlers(initial: {
  readonly now: number;
  readonly settings: EmulatorSettings;
}): Readonly<Record<string, Handler>> {
  const resetEmulator: Handler = (context, request) => {
    const projectId = optionalString(bodyOf(request), 'project_id');
    if (projectId === undefined) {
      context.state = emptyState(initial.settings, initial.now);
      context.clock.set(initial.now);
    } else if (projectOf(context.state, projectId)) {
      delete context.state.projects[projectId];
    }
    return { status: 204 };
  };

  const showClock: Handler = (context) => clockAnswer(context);

  const advanceClock: Handler = (context, request) => {
    const seconds = bodyOf(request).seconds;
    if (
      typeof seconds !== 'number' ||
      !Number.isInteger(seconds) ||
      seconds < 0 ||
      seconds > MAX_ADVANCE_SECONDS
    )
      throw controlError('EMULATOR.0400', `seconds must be an integer from 0 to ${MAX_ADVANCE_SECONDS}`);
    moveClock(context, context.clock.now() + seconds * 1000);
    return clockAnswer(context);
  };

  const setClock: Handler = (context, request) => {
    const value = bodyOf(request).now;
    const target = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(target)) throw controlError('EMULATOR.0400', 'now must be an RFC 3339 date-time');
    if (wholeSecond(target) < context.clock.now())
      throw controlError(
        'EMULATOR.0409',
        `The clock does not go backwards from ${rfc3339(context.clock.now())}`,
      );
    moveClock(context, wholeSecond(target));
    return clockAnswer(context);
  };

  const showSettings: Handler = (context) => ({ status: 200, body: structuredClone(context.state.settings) });

  /** A changed progression can make running jobs due: they end at once. */
  const updateSettings: Handler = (context, request) => {
    context.state.settings = checked(() => mergeSettings(context.state.settings, request.body ?? {}));
    settle(context, context.clock.now());
    return showSettings(context, request);
  };

  const showState: Handler = (context) => ({
    status: 200,
    body: JSON.parse(JSON.stringify({ ...context.state, now: rfc3339(context.clock.now()) })),
  });

  /** The clock takes the state's `now` (it may go back: a fixture is a fresh start); due deadlines then fire. */
  const replaceState: Handler = (context, request) => {
    const state = checked(() => parseState(request.body));
    context.state = state;
    context.clock.set(Date.parse(state.now));
    settle(context, context.clock.now());
    return { status: 204 };
  };

  return {
    resetEmulator,
    showClock,
    advanceClock,
    setClock,
    showSettings,
    updateSettings,
    showState,
    replaceState,
    ...autoscalingControl,
    ...servicestageControl,
  };
}

/** Settles up to `target`, or changes nothing (400) when that would fire more than MAX_FIRED deadlines. */
function moveClock(context: EmulatorContext, target: number): void {
  const before = { state: JSON.stringify(context.state), now: context.clock.now() };
  try {
    settle(context, target, MAX_FIRED);
  } catch (error) {
    if (!(error instanceof TooManyDeadlines)) throw error;
    context.state = ownState(JSON.parse(before.state)); // as it was: no need to check it again
    context.clock.set(before.now);
    throw controlError(
      'EMULATOR.0400',
      `Moving the clock to ${rfc3339(target)} would fire more than ${MAX_FIRED} deadlines; move it in smaller steps`,
    );
  }
}

function checked<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InvalidState) throw controlError('EMULATOR.0400', error.message);
    throw error;
  }
}
