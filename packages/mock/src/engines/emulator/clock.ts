/**
 * The emulator's only time source. It is frozen: it moves only when the control plane advances or sets it, so
 * a test decides exactly when a hook times out or a timed job ends. Whole seconds, as the APIs print them.
 */
export interface EmulatorClock {
  /** Milliseconds since the Unix epoch (always a whole second). */
  now(): number;
  set(epochMs: number): void;
}

/** Where a clock starts unless told otherwise. */
export const DEFAULT_START = '2026-01-01T00:00:00Z';

export function createFrozenClock(start: string | number = DEFAULT_START): EmulatorClock {
  const initial = typeof start === 'number' ? start : Date.parse(start);
  if (!Number.isFinite(initial)) throw new TypeError(`Not a date-time: ${String(start)}`);
  let now = wholeSecond(initial);
  return {
    now: () => now,
    set: (epochMs) => {
      now = wholeSecond(epochMs);
    },
  };
}

export const wholeSecond = (epochMs: number): number => Math.floor(epochMs / 1000) * 1000;

/** RFC 3339, UTC, seconds precision: `2026-01-01T00:00:00Z` (the APIs' `YYYY-MM-DDThh:mm:ssZ`). */
export const rfc3339 = (epochMs: number): string => `${new Date(epochMs).toISOString().slice(0, 19)}Z`;

/** ServiceStage's task time format: `2021-01-11 10:25:30`. */
export const taskTime = (epochMs: number): string =>
  new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
