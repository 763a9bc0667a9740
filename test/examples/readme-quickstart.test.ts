/** The README's quick start, pasted as a newcomer would, runs against the built package. */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { runInsidePackage } from "../harness/inside-package.js";
import { repoPath } from "../harness/seed-python.js";

it("runs the README quick start and prints what it promises", () => {
  const readme = readFileSync(repoPath("README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Quick start"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code).toBeDefined();
  expect((code as string).split("\n").length).toBeLessThanOrEqual(25);
  expect(code).toContain('from "parley-a2a"');
  const run = runInsidePackage("quickstart.mts", code as string, ["--import", "tsx"]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("online: worker [ 'math' ]");
  expect(run.stdout).toContain("boss asked me to double 21");
  expect(run.stdout).toContain("{ y: 42 }");
  expect(run.stdout).toContain("update from boss { details: 'new model deployed' }");
}, 60_000);
