/**
 * `require("parley-a2a")` from CommonJS (Node >= 20.19 loads ES modules through require when the
 * exports map offers them under `default` and no module in the graph uses top-level await).
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { runInsidePackage } from "../harness/inside-package.js";
import { repoPath } from "../harness/seed-python.js";

/** Requires and imports every entry point; prints what each gave, as JSON. */
const program = `
const entries = Object.keys(require("parley-a2a/package.json").exports)
  .filter((sub) => sub !== "./package.json")
  .map((sub) => "parley-a2a" + sub.slice(1));
(async () => {
  const seen = {};
  for (const name of entries) {
    seen[name] = {
      required: Object.keys(require(name)).sort(),
      imported: Object.keys(await import(name)).sort(),
    };
  }
  console.log(JSON.stringify(seen));
})();
`;

it("requires every entry point from a .cjs file and gets what import gives", () => {
  const exports = JSON.parse(readFileSync(repoPath("package.json"), "utf8")).exports;
  const run = runInsidePackage("require-parley.cjs", program);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const seen: Record<string, { required: string[]; imported: string[] }> = JSON.parse(run.stdout);
  const names = Object.keys(exports)
    .filter((sub) => sub !== "./package.json")
    .map((sub) => `parley-a2a${sub.slice(1)}`);
  expect(Object.keys(seen)).toEqual(names);
  for (const name of names) {
    expect(seen[name]?.required.length, name).toBeGreaterThan(0);
    expect(seen[name]?.required, name).toEqual(seen[name]?.imported);
  }
  expect(seen["parley-a2a"]?.required).toContain("createAgent");
}, 60_000);
