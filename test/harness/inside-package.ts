/** Runs a program as a user of the package would, by package name, from inside this package. */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoPath } from "./seed-python.js";

/**
 * Writes `source` as `fileName` in a temporary folder under test/ (inside the package folder, so
 * "parley-a2a/..." resolves to this package through its exports map), runs it with node and
 * `nodeArgs`, and removes the folder.
 */
export function runInsidePackage(
  fileName: string,
  source: string,
  nodeArgs: readonly string[] = [],
): SpawnSyncReturns<string> {
  const dir = mkdtempSync(join(repoPath("test"), ".inside-package-"));
  try {
    const file = join(dir, fileName);
    writeFileSync(file, source);
    return spawnSync(process.execPath, [...nodeArgs, file], { encoding: "utf8", timeout: 30_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
