/** Prints the figures the last fuzz run recorded (`npm run reliability` runs the tests first). */
import { readdirSync, readFileSync } from "node:fs";
import type { FuzzFigures } from "./fuzz-report.js";

const dir = new URL("./.results/", import.meta.url);
const rows = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")) as FuzzFigures);
console.table(rows);
const total = rows.reduce((sum, r) => sum + r.cases, 0);
const lost = rows.reduce((sum, r) => sum + r.lostValidRequests, 0);
console.log(
  `${total} hostile cases, ${lost} valid requests lost (an uncaught exception or a hang fails the run)`,
);
