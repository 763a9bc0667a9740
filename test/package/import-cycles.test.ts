/**
 * No import cycles in src/, transports/, testing/ or cli/, type-only imports included: a cycle makes load
 * order matter and hides which part depends on which. Each cycle found is named, module by module.
 */
import { relative } from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { repoRoot } from "./api-report.js";
import { importCycles, importGraph } from "./import-graph.js";

it("has no import cycle in src/, transports/, testing/ or cli/", () => {
  const cycles = importCycles(importGraph(["src", "transports", "testing", "cli"])).map((cycle) =>
    cycle.map((file) => relative(repoRoot, file)).join(" -> "),
  );
  expect(cycles).toEqual([]);
});

it("finds a cycle, type-only imports included, and names it", () => {
  const graph = new Map([
    ["a.ts", ["b.ts"]],
    ["b.ts", ["c.ts"]],
    ["c.ts", ["a.ts"]],
    ["d.ts", ["a.ts"]],
  ]);
  expect(importCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
  const { importedFiles } = ts.preProcessFile('import type { X } from "./x.js";', true, true);
  expect(importedFiles.map((f) => f.fileName)).toEqual(["./x.js"]);
});
