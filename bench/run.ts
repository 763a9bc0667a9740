/**
 * `npm run bench [-- --quick]`: runs every scenario in one go, prints a table and writes
 * bench/results/report.json. Figures are medians of repeated runs in the same process, so machine
 * drift hits all scenarios alike; compare ratios, not absolute numbers, across machines.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import {
  directoryHeapMb,
  jsonFloor,
  memoryRequestResponse,
  pendingRequestsHeapMb,
  validationCostNs,
} from "./in-process.js";
import { type LoadResult, median } from "./measure.js";

interface Row {
  scenario: string;
  transport: string;
  inFlight: number;
  reqPerSec: number;
  p50Us: number;
  p99Us: number;
}

const quick = process.argv.includes("--quick");
const repeats = quick ? 1 : 3;
const total = quick ? 5_000 : 30_000;
const levels = [1, 10, 100, 1000];

function medianRow(scenario: string, transport: string, runs: LoadResult[][], index: number): Row {
  const at = runs.map((r) => r[index] as LoadResult);
  return {
    scenario,
    transport,
    inFlight: at[0]?.inFlight ?? 0,
    reqPerSec: Math.round(median(at.map((r) => r.reqPerSec))),
    p50Us: Math.round(median(at.map((r) => r.p50Us))),
    p99Us: Math.round(median(at.map((r) => r.p99Us))),
  };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const withValidation: LoadResult[][] = [];
  const withoutValidation: LoadResult[][] = [];
  const floor: LoadResult[][] = [];
  for (let i = 0; i < repeats; i++) {
    withValidation.push(await memoryRequestResponse(levels, total, true));
    withoutValidation.push(await memoryRequestResponse(levels, total, false));
    floor.push([await jsonFloor(total * 5)]);
  }
  levels.forEach((_, i) => {
    rows.push(medianRow("parley request/response, validation on", "memory", withValidation, i));
    rows.push(medianRow("parley request/response, validation off", "memory", withoutValidation, i));
  });
  rows.push(medianRow("JSON stringify+parse only (floor)", "none", floor, 0));
  const extra = {
    validationNsPerMessage: Math.round(validationCostNs(quick ? 100_000 : 1_000_000)),
    pendingRequests10kHeapMb: Number((await pendingRequestsHeapMb(10_000)).toFixed(1)),
    directory10kAgentsHeapMb: Number((await directoryHeapMb(10_000)).toFixed(1)),
  };
  console.table(rows);
  console.table(extra);
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    quick,
    repeats,
    node: process.version,
    rows,
    extra,
  };
  writeFileSync(
    new URL("./results/report.json", import.meta.url),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  console.log("wrote bench/results/report.json");
}

await main();
