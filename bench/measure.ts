/** Timing helpers for the benchmarks: percentiles and closed-loop load at a fixed concurrency. */

export interface LoadResult {
  readonly inFlight: number;
  readonly requests: number;
  /** How long the run took, the last calls' completion included. */
  readonly seconds: number;
  readonly reqPerSec: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

/** When a closed loop stops starting calls: after a number of calls, or after a time. */
export type LoadLimit = { readonly requests: number } | { readonly durationMs: number };

export function percentile(sortedUs: readonly number[], p: number): number {
  if (sortedUs.length === 0) return Number.NaN;
  const index = Math.min(sortedUs.length - 1, Math.floor((p / 100) * sortedUs.length));
  return sortedUs[index] as number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return percentile(sorted, 50);
}

/**
 * Runs `call` with `inFlight` calls outstanding at all times until the limit is reached;
 * latency is per call, throughput over the whole run.
 */
export async function closedLoop(
  call: () => Promise<unknown>,
  inFlight: number,
  limit: LoadLimit,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let started = 0;
  const begin = process.hrtime.bigint();
  const deadline = "durationMs" in limit ? begin + BigInt(limit.durationMs * 1e6) : undefined;
  const more = (): boolean =>
    deadline === undefined
      ? started < (limit as { requests: number }).requests
      : process.hrtime.bigint() < deadline;
  async function worker(): Promise<void> {
    while (more()) {
      started++;
      const t0 = process.hrtime.bigint();
      await call();
      latencies.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  const workers = "requests" in limit ? Math.min(inFlight, limit.requests) : inFlight;
  await Promise.all(Array.from({ length: workers }, worker));
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    inFlight,
    requests: latencies.length,
    seconds,
    reqPerSec: latencies.length / seconds,
    p50Us: percentile(latencies, 50),
    p99Us: percentile(latencies, 99),
  };
}
