/**
 * The public API is what api/*.api.txt says, entry point by entry point: a name added to or
 * removed from an entry fails here until `npm run api:update` records it (and review sees it).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { apiEntries, apiReports, repoRoot } from "./api-report.js";

const entries = apiEntries();
const reports = apiReports(entries);

it.each(entries)("$specifier exports what its API report lists", (entry) => {
  const path = join(repoRoot, entry.reportPath);
  expect(existsSync(path), `${entry.reportPath} is missing: run npm run api:update`).toBe(true);
  expect(reports.get(entry.specifier), "the API changed: run npm run api:update").toBe(
    readFileSync(path, "utf8"),
  );
});

it("keeps a report for every entry point and no other", () => {
  const reported = readdirSync(join(repoRoot, "api")).filter((n) => n.endsWith(".api.txt"));
  expect(reported.sort()).toEqual(entries.map((e) => e.reportPath.slice("api/".length)).sort());
});
