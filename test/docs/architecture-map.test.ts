/**
 * docs/architecture.md names the code as it is: every path it quotes exists, every file its module
 * map lists is in the folder of its row, and every folder of src/ has a row. A file moved or
 * renamed without the page following fails here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";

const page = readFileSync(repoPath("docs/architecture.md"), "utf8");
const ROOTS = /^(src|transports|testing|test|cli|codegen|schemas|docs|bench|examples)\//;

/** The code spans of `text`, as written. */
function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string);
}

/** Names of every file and folder (folders with a trailing slash) below `dir`, at any depth. */
function namesBelow(dir: string): Set<string> {
  const names = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) names.add(name);
    else {
      names.add(`${name}/`);
      for (const below of namesBelow(path)) names.add(below);
    }
  }
  return names;
}

/** The module map's rows: the folder of each (its first cell's path) and its description. */
function moduleMapRows(): { folder: string; description: string }[] {
  const section = page.split(/^## Module map$/m)[1]?.split(/^## /m)[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const [, first = "", description = ""] = line.split("|");
      return { folder: codeSpans(first)[0] ?? "", description };
    });
}

it("quotes only repository paths that exist", () => {
  const paths = codeSpans(page).filter((span) => ROOTS.test(span) && !/[<>*\s]/.test(span));
  expect(paths.length).toBeGreaterThan(5);
  expect(paths.filter((path) => !existsSync(repoPath(path)))).toEqual([]);
});

it("lists in each module map row only files and folders that are in that row's folder", () => {
  const rows = moduleMapRows();
  expect(rows.length).toBeGreaterThan(10);
  const missing = rows.flatMap(({ folder, description }) => {
    const present = namesBelow(repoPath(folder));
    return codeSpans(description)
      .filter((span) => /^[\w.-]+(\.ts|\/)$/.test(span) && !ROOTS.test(span))
      .filter((name) => !present.has(name))
      .map((name) => `${folder}: ${name}`);
  });
  expect(missing).toEqual([]);
});

it("has a module map row for every folder of src/", () => {
  const rows = new Set(moduleMapRows().map((row) => row.folder));
  const folders = readdirSync(repoPath("src"))
    .filter((name) => statSync(repoPath("src", name)).isDirectory())
    .map((name) => `src/${name}/`);
  expect(folders.filter((folder) => !rows.has(folder))).toEqual([]);
});
