/**
 * Every source file stays under 300 lines (DEVELOPERS.md: small files, one concept each), so a
 * file that grows past it is split by concept when it happens, not found later. Generated code
 * (src/generated/, drift-checked against codegen) is what a tool writes, and is left out.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "./api-report.js";

const ROOTS = [
  "src",
  "transports",
  "cli",
  "codegen",
  "testing",
  "test",
  "bench",
  "examples",
  "bin",
];
const GENERATED = join(repoRoot, "src", "generated");
const MAX_LINES = 300;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || path === GENERATED) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

it(`keeps every source file under ${MAX_LINES} lines`, () => {
  const files = ROOTS.flatMap((root) => sourceFiles(join(repoRoot, root)));
  expect(files.length).toBeGreaterThan(100);
  const long = files
    .map((file) => ({ file, lines: readFileSync(file, "utf8").trimEnd().split("\n").length }))
    .filter(({ lines }) => lines >= MAX_LINES)
    .map(({ file, lines }) => `${relative(repoRoot, file)}: ${lines} lines`);
  expect(long).toEqual([]);
});
