/** The runs of one scenario added up: one table row however many `--runs` there were. */
import { emptyOutcomes, type Outcomes } from "./outcomes.js";
import type { FailedRun, RunResult } from "./run-once.js";
import type { ReliabilityScenario } from "./scenarios.js";

export interface RunTotals {
  readonly scenario: ReliabilityScenario;
  /** Runs that finished, and the errors of those that did not. */
  runs: number;
  readonly failures: string[];
  readonly outcomes: Outcomes;
  duplicated: number;
}

function add(into: Outcomes, from: Outcomes): void {
  into.resolved += from.resolved;
  into.hung += from.hung;
  into.wrongAnswers += from.wrongAnswers;
  into.slowestRejectionMs = Math.max(into.slowestRejectionMs, from.slowestRejectionMs);
  for (const [code, n] of Object.entries(from.rejected))
    into.rejected[code] = (into.rejected[code] ?? 0) + n;
}

/** One total per scenario, in the order the scenarios first ran. */
export function totalsByScenario(results: readonly (RunResult | FailedRun)[]): RunTotals[] {
  const totals = new Map<ReliabilityScenario, RunTotals>();
  for (const result of results) {
    let total = totals.get(result.scenario);
    if (total === undefined) {
      total = {
        scenario: result.scenario,
        runs: 0,
        failures: [],
        outcomes: emptyOutcomes(),
        duplicated: 0,
      };
      totals.set(result.scenario, total);
    }
    if ("error" in result) {
      total.failures.push(result.error.split("\n")[0] ?? "");
      continue;
    }
    total.runs++;
    total.duplicated += result.duplicated;
    add(total.outcomes, result.outcomes);
  }
  return [...totals.values()];
}
