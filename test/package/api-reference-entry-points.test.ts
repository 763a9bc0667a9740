/**
 * `npm run docs` documents exactly what the package exports: TypeDoc's entry points are the
 * sources of the exports map, each named in the reference by the specifier users import.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";

const readJson = (path: string) => JSON.parse(readFileSync(repoPath(path), "utf8"));

/** Import specifier -> source file, from the exports map's `types` (dist/x.d.ts -> x.ts). */
function exportedSources(): Map<string, string> {
  const { name, exports } = readJson("package.json");
  const sources = new Map<string, string>();
  for (const [sub, entry] of Object.entries<string | { types: string }>(exports)) {
    if (typeof entry === "string") continue;
    const source = entry.types.replace(/^\.\/dist\//, "").replace(/\.d\.ts$/, ".ts");
    sources.set(sub === "." ? name : `${name}${sub.slice(1)}`, source);
  }
  return sources;
}

it("takes every entry point of the exports map, and nothing else", () => {
  const sources = exportedSources();
  expect(sources.size).toBeGreaterThan(5);
  expect([...readJson("typedoc.json").entryPoints].sort()).toEqual([...sources.values()].sort());
});

it("names each entry point's page by the specifier users import", () => {
  for (const [specifier, source] of exportedSources()) {
    expect(readFileSync(repoPath(source), "utf8"), source).toMatch(
      new RegExp(`^ \\* @module ${specifier.replaceAll("/", "\\/")}$`, "m"),
    );
  }
});
