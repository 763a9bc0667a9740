/**
 * No import cycles in src/, transports/, testing/, cli/ or codegen/, type-only imports and
 * re-exports included: a cycle makes load order matter and hides which part depends on which.
 * Each cycle found is named, module by module.
 */
import { relative } from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { repoRoot } from "./api-report.js";
import { importCycles, importGraph } from "./import-graph.js";

it("has no import cycle in src/, transports/, testing/, cli/ or codegen/", () => {
  const roots = ["src", "transports", "testing", "cli", "codegen"];
  const cycles = importCycles(importGraph(roots)).map((cycle) =>
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
  const source = [
    'import type { X } from "./x.js";',
    'export type { Y } from "./y.js";',
    'export * from "./z.js";',
    'await import("./w.js");',
  ].join("\n");
  const { importedFiles } = ts.preProcessFile(source, true, true);
  expect(importedFiles.map((f) => f.fileName)).toEqual(["./x.js", "./y.js", "./z.js", "./w.js"]);
});
