/**
 * Runs a vitest of its own on a configuration (as a user's project would run its tests) and reads
 * back its JSON report, for tests about what a test suite reports.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoPath } from "./seed-python.js";

/** One test of the run, as vitest's JSON reporter gives it. */
export interface VitestTestResult {
  readonly fullName: string;
  readonly title: string;
  readonly status: string;
  readonly failureMessages: readonly string[];
}

/** How the run ended and every test's result, in order. */
export interface VitestRun {
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly results: VitestTestResult[];
}

/** `vitest run --config <config>` from the repository root (a path relative to it). */
export async function runVitest(config: string): Promise<VitestRun> {
  const dir = mkdtempSync(join(tmpdir(), "parley-vitest-run-"));
  try {
    const report = join(dir, "report.json");
    const child = spawn(
      process.execPath,
      [
        repoPath("node_modules/vitest/vitest.mjs"),
        "run",
        "--root",
        repoPath("."),
        "--config",
        repoPath(config),
        "--reporter=json",
        `--outputFile=${report}`,
      ],
      { cwd: repoPath("."), stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exitCode = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const { testResults } = JSON.parse(readFileSync(report, "utf8")) as {
      testResults: { assertionResults: VitestTestResult[] }[];
    };
    return { exitCode, stderr, results: testResults.flatMap((file) => file.assertionResults) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
