/** The README's quick start, pasted as a newcomer would, runs against the built package. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";

it("runs the README quick start and prints what it promises", () => {
  const readme = readFileSync(repoPath("README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Quick start"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code).toBeDefined();
  expect((code as string).split("\n").length).toBeLessThanOrEqual(25);
  // Inside the package folder, so "parley-a2a" resolves to this package through its exports map.
  const dir = mkdtempSync(join(repoPath("test"), ".quickstart-"));
  try {
    const file = join(dir, "quickstart.mts");
    writeFileSync(file, code as string);
    const run = spawnSync(process.execPath, ["--import", "tsx", file], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("online: worker [ 'math' ]");
    expect(run.stdout).toContain("boss asked me to double 21");
    expect(run.stdout).toContain("{ y: 42 }");
    expect(run.stdout).toContain("update from boss { details: 'new model deployed' }");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
