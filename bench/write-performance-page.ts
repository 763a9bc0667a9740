/**
 * `npm run docs:performance`: writes docs/performance.md from docs/bench-report.json, without
 * running the bench (`npm run bench -- --write-docs` does the same at the end of a run).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { type BenchReport, performancePage } from "./performance-page.js";

const report = new URL("../docs/bench-report.json", import.meta.url);
const page = new URL("../docs/performance.md", import.meta.url);
writeFileSync(page, performancePage(JSON.parse(readFileSync(report, "utf8")) as BenchReport));
console.log(`wrote ${page.pathname}`);
