/**
 * The report's rows: per scenario and in-flight level, the median over rounds of req/s, p50 and
 * p99, and of Parley's (and Moleculer's) ratios to the raw client and to Moleculer at that level,
 * each ratio taken within a round.
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
  /** req/s over the floor of the seed's wire format on the same transport (`floorPeer`). */
  readonly ratioToFloor: number | null;
  /** p50 minus the raw client's p50 at the same level, in µs. */
  readonly p50MinusRawUs: number | null;
  /** Rounds that produced a figure (a failed round is left out of the median). */
  readonly rounds: number;
}

function medianOf(runs: readonly LoadResult[], pick: (r: LoadResult) => number): number | null {
  return runs.length === 0 ? null : Math.round(median(runs.map(pick)));
}

/**
 * The median over rounds of `measure(own, peer)`, each taken within one round (both measured in the
 * same interleaved windows): a slow round moves both sides, not the figure.
 */
function medianWithin(
  own: readonly (LoadResult | undefined)[],
  peer: readonly (LoadResult | undefined)[],
  measure: (own: LoadResult, peer: LoadResult) => number,
): number[] {
  const values: number[] = [];
  own.forEach((mine, round) => {
    const theirs = peer[round];
    if (mine !== undefined && theirs !== undefined) values.push(measure(mine, theirs));
  });
  return values;
}

function ratioWithin(
  own: readonly (LoadResult | undefined)[],
  peer: readonly (LoadResult | undefined)[],
): number | null {
  const ratios = medianWithin(own, peer, (a, b) =>
    b.reqPerSec > 0 ? a.reqPerSec / b.reqPerSec : 0,
  );
  return ratios.length === 0 ? null : Number(median(ratios).toFixed(2));
}

/**
 * `runs.get(id)[round]` holds one result per level, in `levels` order (an empty slot: the
 * scenario failed that round).
 */
export function reportRows(
  scenarios: readonly Scenario[],
  levels: readonly number[],
  runs: ReadonlyMap<string, readonly (LoadResult[] | undefined)[]>,
): ReportRow[] {
  const roundsAt = (id: string | undefined, level: number): (LoadResult | undefined)[] =>
    id === undefined ? [] : Array.from(runs.get(id) ?? [], (round) => round?.[level]);
  const done = (results: readonly (LoadResult | undefined)[]): LoadResult[] =>
    results.filter((r): r is LoadResult => r !== undefined);
  return scenarios.flatMap((scenario) =>
    levels.map((inFlight, level) => {
      const own = roundsAt(scenario.id, level);
      const raw = roundsAt(scenario.rawPeer, level);
      const p50Gaps = medianWithin(own, raw, (a, b) => a.p50Us - b.p50Us);
      return {
        scenario: scenario.label,
        transport: scenario.transport,
        family: scenario.family,
        inFlight,
        reqPerSec: medianOf(done(own), (r) => r.reqPerSec),
        p50Us: medianOf(done(own), (r) => r.p50Us),
        p99Us: medianOf(done(own), (r) => r.p99Us),
        ratioToRaw: ratioWithin(own, raw),
        ratioToMoleculer: ratioWithin(own, roundsAt(scenario.moleculerPeer, level)),
        ratioToBaseline: ratioWithin(own, roundsAt(scenario.baselinePeer, level)),
        ratioToFloor: ratioWithin(own, roundsAt(scenario.floorPeer, level)),
        p50MinusRawUs: p50Gaps.length === 0 ? null : Math.round(median(p50Gaps)),
        rounds: done(own).length,
      };
    }),
  );
}
