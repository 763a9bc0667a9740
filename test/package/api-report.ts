/**
 * The API report: each entry point of the package's exports map and the names it exports, values
 * and types, read from the sources with the TypeScript compiler. `api/*.api.txt` holds the
 * reviewed version; `npm run api:update` rewrites it, and a test fails when they differ, so a
 * change to the public API is always a deliberate, visible diff.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** One entry point: the specifier users import, its source, and where its report lives. */
export interface ApiEntry {
  readonly specifier: string;
  readonly source: string;
  readonly reportPath: string;
}

/** The entry points of package.json's exports map (dist/x.d.ts -> x.ts). */
export function apiEntries(): ApiEntry[] {
  const { name, exports } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  const entries: ApiEntry[] = [];
  for (const [sub, entry] of Object.entries<string | { types: string }>(exports)) {
    if (typeof entry === "string") continue;
    const specifier = sub === "." ? name : `${name}${sub.slice(1)}`;
    entries.push({
      specifier,
      source: entry.types.replace(/^\.\/dist\//, "").replace(/\.d\.ts$/, ".ts"),
      reportPath: join("api", `${specifier.replaceAll("/", ".")}.api.txt`),
    });
  }
  return entries;
}

/** True when the export is `export type { X }` (a type-only name, even of a class). */
function typeOnly(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some(
    (d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly),
  );
}

/** Each entry's report text, by entry specifier. */
export function apiReports(entries: readonly ApiEntry[] = apiEntries()): Map<string, string> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, "tsconfig.build.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error("tsconfig.build.json could not be read");
  const program = ts.createProgram(
    entries.map((e) => join(repoRoot, e.source)),
    { ...config.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const reports = new Map<string, string>();
  for (const entry of entries) {
    const file = program.getSourceFile(join(repoRoot, entry.source));
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`${entry.source} is not a module`);
    const values: string[] = [];
    const types: string[] = [];
    for (const symbol of checker.getExportsOfModule(module)) {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const isValue = !typeOnly(symbol) && (target.flags & ts.SymbolFlags.Value) !== 0;
      (isValue ? values : types).push(symbol.name);
    }
    const lines = [
      `# ${entry.specifier} (${entry.source}): its exported names. Rewritten by \`npm run api:update\`.`,
      ...values.sort().map((n) => `value ${n}`),
      ...types.sort().map((n) => `type ${n}`),
    ];
    reports.set(entry.specifier, `${lines.join("\n")}\n`);
  }
  return reports;
}
