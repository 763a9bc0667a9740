/**
 * Counts what the property-based tests tried, and writes it to `test/fuzz/.results/` so the
 * figures of docs/reliability.md can be reproduced (`npm run reliability` runs the tests and
 * prints them with `print-figures.ts`).
 */
import { mkdirSync, writeFileSync } from "node:fs";

export interface FuzzFigures {
  readonly suite: string;
  readonly cases: number;
  readonly rejected: number;
  readonly lostValidRequests: number;
}

export function recordFuzzFigures(figures: FuzzFigures): void {
  const dir = new URL("./.results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    new URL(`${figures.suite.replace(/\W+/g, "-")}.json`, dir),
    `${JSON.stringify(figures, null, 2)}\n`,
  );
}
