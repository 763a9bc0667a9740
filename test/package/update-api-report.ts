/** `npm run api:update`: rewrites api/*.api.txt from the entry points as they are now. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiEntries, apiReports, repoRoot } from "./api-report.js";

const entries = apiEntries();
const reports = apiReports(entries);
mkdirSync(join(repoRoot, "api"), { recursive: true });
const kept = new Set(entries.map((e) => e.reportPath.replace(/^api\//, "")));
for (const name of readdirSync(join(repoRoot, "api")))
  if (name.endsWith(".api.txt") && !kept.has(name)) rmSync(join(repoRoot, "api", name));
for (const entry of entries)
  writeFileSync(join(repoRoot, entry.reportPath), reports.get(entry.specifier) as string);
console.log(`api: ${entries.length} entry points written`);
