/**
 * The CLI side of `parley codegen --breaking-against`: reads both sets, prints one line per change
 * and one per failure, and returns the exit code (1 when a breaking change lacks a major bump).
 */
import { type BreakingReport, compareContractSets } from "./breaking-changes.js";
import type { CliIo } from "./cli-io.js";
import { CodegenError, formatProblem } from "./codegen-error.js";
import { readEarlierContracts } from "./earlier-contracts.js";
import { readContracts } from "./generate.js";
import type { SchemaInput } from "./load-contracts.js";

/** Runs the check of `current` (read from `schemasDir`) against `against`; resolves to the exit code. */
export async function runBreakingCheck(
  current: readonly SchemaInput[],
  schemasDir: string,
  against: string,
  io: CliIo,
): Promise<number> {
  const earlier = await readEarlierContracts(against, io.cwd, schemasDir);
  try {
    readContracts(earlier.inputs);
  } catch (error) {
    if (!(error instanceof CodegenError)) throw error;
    const problems = error.problems.map((p) => formatProblem(p)).join("; ");
    throw new Error(`the contracts in ${earlier.source} are not valid: ${problems}`);
  }
  const report = compareContractSets(earlier.inputs, current);
  for (const line of formatChanges(report)) io.out(line);
  const breaking = report.changes.filter((c) => c.breaking).length;
  io.out(
    report.changes.length === 0
      ? `no changes to the contracts since ${earlier.source}`
      : `${report.changes.length} change(s) since ${earlier.source}, ${breaking} breaking`,
  );
  for (const failure of report.failures) io.err(`fail: ${failure.file}: ${failure.message}`);
  if (report.failures.length === 0) return 0;
  io.err(
    `parley codegen --breaking-against: ${report.failures.length} contract(s) break old users without a major version bump`,
  );
  return 1;
}

/** `breaking  requests/x.json#/request/required: new required field "to" (why)`, one per change. */
export function formatChanges(report: BreakingReport): string[] {
  return report.changes.map(
    (c) => `${c.breaking ? "breaking" : "ok      "}  ${c.file}#${c.path}: ${c.what} (${c.reason})`,
  );
}
