/**
 * The README's quick start, pasted as a newcomer would, runs against the built package, which it
 * imports by its published name (`parley-a2a`) from a node_modules that links to this checkout.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";

it("runs the README quick start and prints what it promises", () => {
  const readme = readFileSync(repoPath("README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Quick start"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code).toBeDefined();
  expect((code as string).split("\n").length).toBeLessThanOrEqual(25);
  expect(code).toContain('from "parley-a2a"');
  const dir = mkdtempSync(join(repoPath("test"), ".quickstart-"));
  try {
    // As after `npm install parley-a2a`: the name resolves through the package's exports map.
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(repoPath(), join(dir, "node_modules", "parley-a2a"), "dir");
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
