/** File-system edge of the CLI: reading schema directories and comparing output directories. */
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { SchemaInput } from "./load-contracts.js";
import { isObject } from "./schema-walk.js";
import { GENERATED_HEADER } from "./source-file.js";

/** Every `.json` file below `dir`, with `/`-separated paths relative to it, sorted. */
export async function readSchemaDir(dir: string): Promise<SchemaInput[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((e) => e.isFile() && e.name.endsWith(".json"))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
  return Promise.all(
    paths.map(async (path) => ({ path, contents: await readFile(join(dir, path), "utf8") })),
  );
}

/** The generated files (those under the header) directly in `dir`; none when it is missing. */
export async function listGeneratedFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const generated: string[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith(".ts")) continue;
    const text = await readFile(join(dir, name), "utf8");
    if (text.startsWith(GENERATED_HEADER)) generated.push(name);
  }
  return generated;
}

/** The file's text, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Codegen settings a project keeps in its package.json, under `"parley": { "codegen": {...} }`. */
export interface PackageConfig {
  /** A module specifier, or null for self-contained output; undefined when not set. */
  readonly runtimeImport?: string | null;
  /** See `GenerateOptions.envelopeDateTimeModule`; undefined when not set. */
  readonly envelopeDateTimeModule?: string;
}

/** Reads `parley.codegen` from `<dir>/package.json`; empty when there is none. */
export async function readPackageConfig(dir: string): Promise<PackageConfig> {
  const text = await readIfExists(join(dir, "package.json"));
  if (text === undefined) return {};
  const parsed: unknown = JSON.parse(text);
  const parley = isObject(parsed) ? parsed.parley : undefined;
  const codegen = isObject(parley) ? parley.codegen : undefined;
  if (!isObject(codegen)) return {};
  const value = codegen.runtimeImport;
  if (value !== undefined && value !== null && typeof value !== "string")
    throw new Error('package.json "parley.codegen.runtimeImport" must be a string or null');
  const envelope = codegen.envelopeDateTimeModule;
  if (envelope !== undefined && typeof envelope !== "string")
    throw new Error('package.json "parley.codegen.envelopeDateTimeModule" must be a string');
  return {
    ...(value === undefined ? {} : { runtimeImport: value }),
    ...(envelope === undefined ? {} : { envelopeDateTimeModule: envelope }),
  };
}
