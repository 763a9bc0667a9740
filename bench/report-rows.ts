/**
 * The report's rows: per scenario and in-flight level, the median over rounds of req/s, p50 and
 * p99, and Parley's (and Moleculer's) ratios to the raw client and to Moleculer at that level.
 */
import { type LoadResult, median } from "./measure.js";
import type { Family, Scenario } from "./scenarios.js";

export interface ReportRow {
  readonly scenario: string;
  readonly transport: string;
  readonly family: Family;
  readonly inFlight: number;
  readonly reqPerSec: number | null;
  readonly p50Us: number | null;
  readonly p99Us: number | null;
  /** req/s over the raw client's of the same transport at the same level. */
  readonly ratioToRaw: number | null;
  /** req/s over Moleculer's on the same broker at the same level. */
  readonly ratioToMoleculer: number | null;
  /** req/s over the same Parley scenario's without what this one adds (`baselinePeer`). */
  readonly ratioToBaseline: number | null;
  /** p50 minus the raw client's p50 at the same level, in µs. */
  readonly p50MinusRawUs: number | null;
  /** Rounds that produced a figure (a failed round is left out of the median). */
  readonly rounds: number;
}

function medianOf(runs: readonly LoadResult[], pick: (r: LoadResult) => number): number | null {
  return runs.length === 0 ? null : Math.round(median(runs.map(pick)));
}

function ratio(value: number | null, base: number | null): number | null {
  return value === null || base === null || base === 0 ? null : Number((value / base).toFixed(2));
}

/** `runs.get(id)` holds, per completed round, one result per level, in `levels` order. */
export function reportRows(
  scenarios: readonly Scenario[],
  levels: readonly number[],
  runs: ReadonlyMap<string, readonly LoadResult[][]>,
): ReportRow[] {
  const resultsAt = (id: string | undefined, level: number): LoadResult[] =>
    id === undefined ? [] : (runs.get(id) ?? []).map((round) => round[level] as LoadResult);
  return scenarios.flatMap((scenario) =>
    levels.map((inFlight, level) => {
      const own = resultsAt(scenario.id, level);
      const raw = resultsAt(scenario.rawPeer, level);
      const value = medianOf(own, (r) => r.reqPerSec);
      const p50Us = medianOf(own, (r) => r.p50Us);
      const rawP50Us = medianOf(raw, (r) => r.p50Us);
      return {
        scenario: scenario.label,
        transport: scenario.transport,
        family: scenario.family,
        inFlight,
        reqPerSec: value,
        p50Us,
        p99Us: medianOf(own, (r) => r.p99Us),
        ratioToRaw: ratio(
          value,
          medianOf(raw, (r) => r.reqPerSec),
        ),
        ratioToMoleculer: ratio(
          value,
          medianOf(resultsAt(scenario.moleculerPeer, level), (r) => r.reqPerSec),
        ),
        ratioToBaseline: ratio(
          value,
          medianOf(resultsAt(scenario.baselinePeer, level), (r) => r.reqPerSec),
        ),
        p50MinusRawUs: p50Us === null || rawP50Us === null ? null : p50Us - rawP50Us,
        rounds: own.length,
      };
    }),
  );
}
