/**
 * docs/performance.md is what bench/performance-page.ts makes of docs/bench-report.json: a page
 * edited by hand, or a report refreshed without the page, fails here (`npm run docs:performance`
 * writes it again).
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { type BenchReport, performancePage } from "../../bench/performance-page.js";
import { repoPath } from "../harness/seed-python.js";

const report = JSON.parse(readFileSync(repoPath("docs/bench-report.json"), "utf8")) as BenchReport;

it("is generated from the latest bench report", () => {
  expect(readFileSync(repoPath("docs/performance.md"), "utf8")).toBe(performancePage(report));
});

it("shows the report's own figures, and no other run's", () => {
  const page = performancePage(report);
  const first = report.rows.find((r) => r.inFlight === 1);
  expect(first?.reqPerSec).toBeTypeOf("number");
  expect(page).toContain(
    `| ${first?.scenario} | ${first?.transport} | ${first?.reqPerSec?.toLocaleString("en-US")} |`,
  );
  expect(page).toContain(report.date.slice(0, 10));
  expect(page).not.toMatch(/earlier machine|run before|the one before/i);
});
