/**
 * The reliability harness (`npm run bench:reliability`): kills each broker, and the responder,
 * under load and counts how the requests ended. Prints a table and writes the latest results to
 * docs/reliability.md (between its markers) and docs/reliability.json.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { killAllChildren } from "../child-processes.js";
import { writeResults } from "./docs-section.js";
import { type HarnessOptions, parseHarnessOptions } from "./harness-options.js";
import { markdownTable, plainTable, progressLine } from "./results-table.js";
import { type FailedRun, type RunResult, runOnce } from "./run-once.js";
import { scenarios } from "./scenarios.js";

// Mosquitto saves its state on every change into a temporary directory: on tmpfs that costs no
// fsync on a shared disk (5x the run time here), and a kill -9 loses nothing the kernel holds.
if (existsSync("/dev/shm")) process.env.TMPDIR = "/dev/shm";
process.once("exit", killAllChildren);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

function parameters(options: HarnessOptions, at: string): string {
  const s = options.settings;
  return (
    `${at}, commit ${commit()}: ${s.requests} requests per run, ${s.concurrency} in flight, ` +
    `request timeout ${s.timeoutMs} ms (hung: unsettled ${s.hangMarginMs} ms after it), ` +
    `back-off after a rejection ${s.backoffMs} ms, crashed part down ${s.downtimeMs} ms, ` +
    `${options.runs} run(s) per row, added up.`
  );
}

async function main(): Promise<void> {
  const options = parseHarnessOptions(process.argv.slice(2));
  const chosen = scenarios.filter(
    (s) => options.only === undefined || s.name.includes(options.only),
  );
  const results: (RunResult | FailedRun)[] = [];
  for (const scenario of chosen) {
    for (let run = 0; run < options.runs; run++) {
      const result = await runOnce(scenario, options.settings).catch(
        (error: unknown): FailedRun => ({
          scenario,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      console.log(progressLine(result));
      results.push(result);
    }
  }
  const at = new Date().toISOString().slice(0, 16).replace("T", " ");
  const summary = parameters(options, `${at} UTC`);
  console.log(`\n${plainTable(results, options.settings.requests)}\n\n${summary}`);
  if (!options.write) return;
  writeResults(`${markdownTable(results, options.settings.requests)}\n\n${summary}`, {
    at,
    commit: commit(),
    options,
    results,
  });
  console.log("wrote docs/reliability.md (its results section) and docs/reliability.json");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
