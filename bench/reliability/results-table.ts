/**
 * The results of a harness run, one row per scenario (its runs added up), printed as a plain
 * table and written as Markdown.
 */
import type { FailedRun, RunResult } from "./run-once.js";
import { type RunTotals, totalsByScenario } from "./run-totals.js";

const HEADERS = [
  "run",
  "crashed",
  "runs",
  "requests",
  "resolved",
  "rejected (by code)",
  "hung",
  "duplicated",
  "wrong answer",
  "slowest rejection",
];

/** `timeout 71, unavailable 3`, or `0`. */
function rejectedText(rejected: Record<string, number>): string {
  const parts = Object.entries(rejected)
    .sort(([, a], [, b]) => b - a)
    .map(([code, n]) => `${code} ${n}`);
  return parts.length === 0 ? "0" : parts.join(", ");
}

function cells(total: RunTotals, requests: number): string[] {
  const { scenario, outcomes, failures } = total;
  const slowest =
    Object.keys(outcomes.rejected).length === 0
      ? "-"
      : `${(outcomes.slowestRejectionMs / 1000).toFixed(1)} s`;
  const failed = failures.length === 0 ? "" : ` (+${failures.length} failed: ${failures[0]})`;
  return [
    scenario.name,
    scenario.fault === "broker" ? "broker (kill -9)" : "responder (kill -9)",
    `${total.runs}${failed}`,
    String(total.runs * requests),
    String(outcomes.resolved),
    rejectedText(outcomes.rejected),
    String(outcomes.hung),
    String(total.duplicated),
    String(outcomes.wrongAnswers),
    slowest,
  ];
}

/** Fixed-width columns for the terminal. */
export function plainTable(results: readonly (RunResult | FailedRun)[], requests: number): string {
  const rows = [HEADERS, ...totalsByScenario(results).map((t) => cells(t, requests))];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}

export function markdownTable(
  results: readonly (RunResult | FailedRun)[],
  requests: number,
): string {
  const line = (row: readonly string[]) => `| ${row.join(" | ")} |`;
  return [
    line(HEADERS),
    line(HEADERS.map(() => "---")),
    ...totalsByScenario(results).map((t) => line(cells(t, requests))),
  ].join("\n");
}

/** One line per finished run, printed as the harness goes. */
export function progressLine(result: RunResult | FailedRun): string {
  const head = `${result.scenario.name}, ${result.scenario.fault} killed`;
  if ("error" in result) return `${head}: run failed: ${result.error}`;
  const { outcomes, duplicated, timings } = result;
  return (
    `${head}: ${outcomes.resolved} resolved, rejected ${rejectedText(outcomes.rejected)}, ` +
    `${outcomes.hung} hung, ${duplicated} duplicated (start-up ${timings.startupMs} ms, ` +
    `to halfway ${timings.halfwayMs} ms, after the restart ${timings.afterFaultMs} ms)`
  );
}
