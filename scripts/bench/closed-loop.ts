// A closed-loop load generator: a fixed number of callers, each sending its next request as soon as
// the previous one is answered, as a page full of users does. Only calls that start after the warm-up
// and end within the measured window count, so the figures describe the steady state.
import { nowMs, round, summariseLatencies, type LatencySummary } from './measure';

export interface CallOutcome {
  ok: boolean;
  /** Units of work the call did (e.g. orders placed); 1 when not given and ok. */
  units?: number;
  /** Why a call that is not ok failed, counted per reason. */
  failure?: string;
}

export interface ClosedLoopOptions {
  callers: number;
  warmUpMs: number;
  measureMs: number;
  call: (caller: number) => Promise<CallOutcome>;
  clock?: () => number;
}

export interface ClosedLoopResult extends LatencySummary {
  requestsPerSecond: number;
  unitsPerSecond: number;
  calls: number;
  failures: number;
  failureReasons: Record<string, number>;
  seconds: number;
}

export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const clock = options.clock ?? nowMs;
  const measureStart = clock() + options.warmUpMs;
  const measureEnd = measureStart + options.measureMs;
  const latencies: number[] = [];
  const failureReasons: Record<string, number> = {};
  let units = 0;
  let failures = 0;
  const loop = async (caller: number) => {
    while (clock() < measureEnd) {
      const started = clock();
      const outcome = await options.call(caller);
      const finished = clock();
      if (started < measureStart || finished > measureEnd) continue;
      latencies.push(finished - started);
      if (outcome.ok) {
        units += outcome.units ?? 1;
      } else {
        failures += 1;
        const reason = outcome.failure ?? 'unknown';
        failureReasons[reason] = (failureReasons[reason] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.callers }, (_, caller) => loop(caller)));
  const seconds = options.measureMs / 1000;
  return {
    requestsPerSecond: round(latencies.length / seconds, 1),
    unitsPerSecond: round(units / seconds, 1),
    calls: latencies.length,
    failures,
    failureReasons,
    seconds,
    ...summariseLatencies(latencies),
  };
}
