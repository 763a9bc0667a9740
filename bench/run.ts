/**
 * `npm run bench [-- --quick] [-- --write-docs] [-- --only TEXT] [-- --rounds N]`: Parley, the raw clients and Moleculer over every
 * transport, each scenario a responder and a requester process against brokers in processes of
 * their own; the scenarios compared with each other take turns in short windows at each level
 * (bench/run-group.ts), 3 rounds, ratios taken within each round, medians. Then
 * the in-process measurements, codegen time, and presence traffic for 10 / 100 / 1,000 agents. Prints a table; writes bench/results/report.json,
 * summary.md and bench-chart.svg, and with --write-docs also docs/bench-report.json,
 * docs/bench-chart.svg and docs/performance.md (bench/performance-page.ts). `--only TEXT` runs just the scenarios whose id contains TEXT (or any of `A,B`), and those their ratios divide by (e.g. `ws`,
 * `nats`, `mqtt5`; `presence` for the presence measurement alone). Compare ratios, not absolute figures, across machines.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { type Brokers, startBrokers } from "./brokers.js";
import { chartSvg } from "./chart-svg.js";
import { killAllChildren } from "./child-processes.js";
import { pinningUsed } from "./cpu-pinning.js";
import { directoryHeapMb, pendingRequestsHeapMb } from "./extra-measurements.js";
import type { LoadResult } from "./measure.js";
import { performancePage } from "./performance-page.js";
import { presenceLine, presenceScaling, presenceTable } from "./presence.js";
import { reportRows } from "./report-rows.js";
import type { LoadPlan } from "./role-protocol.js";
import { comparedGroups, runGroup } from "./run-group.js";
import { scenarios as allScenarios } from "./scenarios.js";
import { summaryTable } from "./summary-table.js";
import { validationCost } from "./validation-cost.js";

/** The checkout's root, whether this runs from bench/ (tsx) or from .bench-build/bench/ (tsc). */
const REPO = new URL(
  import.meta.url.includes("/.bench-build/") ? "../../" : "../",
  import.meta.url,
);
const quick = process.argv.includes("--quick");
const writeDocs = process.argv.includes("--write-docs");
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt < 0 ? undefined : process.argv[onlyAt + 1];
// `--only a,b`: the scenarios whose id contains any of them.
const onlyParts = only?.split(",").filter((part) => part !== "");
const chosen = allScenarios.filter(
  (s) => onlyParts === undefined || onlyParts.some((part) => s.id.includes(part)),
);
// A chosen scenario's ratios need its peers measured in the same run: they run too.
const withPeers = new Set(
  chosen.flatMap((s) => [s.id, s.rawPeer, s.moleculerPeer, s.baselinePeer, s.floorPeer]),
);
const scenarios = allScenarios.filter((s) => withPeers.has(s.id));
const roundsAt = process.argv.indexOf("--rounds");
const roundsArg = roundsAt < 0 ? undefined : Number(process.argv[roundsAt + 1]);
if (roundsArg !== undefined && !(Number.isInteger(roundsArg) && roundsArg >= 1)) {
  console.error(`--rounds wants a whole number from 1 up, not "${process.argv[roundsAt + 1]}"`);
  process.exit(1);
}
// More rounds make the medians steadier against a noisy machine (a comparison of two commits).
const rounds = roundsArg ?? (quick ? 1 : 3);
const levels = [1, 10, 100, 1000];
const plan: LoadPlan = quick
  ? { levels, warmupMs: 150, durationMs: 200, slices: 1 }
  : // A long warm-up: Parley runs more code per message than a raw client, and on a loaded
    // 2-core machine V8 takes longer to optimise it all; a short one measures warm-up, not Parley.
    { levels, warmupMs: 3000, durationMs: 1500, slices: 3 };
const CHART_IN_FLIGHT = 100;

let brokers: Brokers | undefined;
process.once("exit", killAllChildren);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping brokers and children`);
    void (brokers?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

/**
 * Every group of compared scenarios once per round, in the same order (bench/run-group.ts: its
 * scenarios take turns window by window). `runs.get(id)[round - 1]` holds that round's results,
 * one per level; a round in which the scenario failed is left empty, and reported.
 */
async function measureScenarios(running: Brokers): Promise<Map<string, LoadResult[][]>> {
  const runs = new Map<string, LoadResult[][]>(scenarios.map((s) => [s.id, []]));
  const groups = comparedGroups(scenarios);
  for (let round = 1; round <= rounds; round++) {
    for (const group of groups) {
      const started = Date.now();
      const results = await runGroup(group, running, plan, (scenario, error) => {
        const message = `${scenario.id} (round ${round}): ${error.message}`;
        failures.push(message);
        console.error(`FAILED ${message}`);
      });
      for (const [id, levels] of results) {
        const perRound = runs.get(id);
        if (perRound) perRound[round - 1] = levels;
      }
      const ids = group.map((s) => s.id).join(", ");
      console.log(`round ${round}/${rounds}  ${ids}  ${Date.now() - started} ms`);
    }
  }
  return runs;
}

async function extraMeasurements() {
  return {
    validation: await validationCost(quick),
    pendingRequests10kHeapMb: Number((await pendingRequestsHeapMb(10_000)).toFixed(1)),
    directory10kAgentsHeapMb: Number((await directoryHeapMb(10_000)).toFixed(1)),
    // Loading the generator alone takes seconds; --quick leaves it to the full run.
    codegen200Contracts: quick
      ? null
      : await (await import("./codegen-scale.js")).codegenScale(200),
  };
}

function write(path: URL, contents: string): void {
  mkdirSync(new URL(".", path), { recursive: true });
  writeFileSync(path, contents);
  console.log(`wrote ${path.pathname}`);
}

const failures: string[] = [];
const startedAt = Date.now();
try {
  brokers = await startBrokers();
  const runs = await measureScenarios(brokers);
  await brokers.stop();
  const extra = await extraMeasurements();
  console.log("presence traffic and directory convergence (bench/presence.ts)");
  // With --only, presence runs only when asked for by name (`--only presence`).
  const presence =
    only === undefined || only === "presence"
      ? await presenceScaling({
          quick,
          onRow: (row) => console.log(`measured: ${presenceLine(row)}`),
        })
      : { rows: [], notes: ["not run (--only)"] };
  const rows = reportRows(scenarios, levels, runs);
  const report = {
    date: new Date().toISOString(),
    quick,
    rounds,
    plan,
    node: process.version,
    seconds: Math.round((Date.now() - startedAt) / 1000),
    pinning: pinningUsed(),
    rows,
    extra,
    presence,
    failures,
  };
  console.log(`\n${summaryTable(rows, levels, "text")}\n`);
  for (const row of rows)
    if (row.ratioToBaseline !== null)
      console.log(
        `${row.scenario} (${row.transport}), ${row.inFlight} in flight: ${row.ratioToBaseline} of the req/s without it`,
      );
  console.table(extra);
  console.log(`CPUs: ${report.pinning}`);
  console.log(`\n${presenceTable(presence)}\n`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const title = `Parley vs raw clients vs Moleculer: req/s at ${CHART_IN_FLIGHT} in flight, separate processes, loopback (median of ${rounds})`;
  const svg = chartSvg(
    rows.filter((r) => !r.transport.startsWith("memory")),
    CHART_IN_FLIGHT,
    title,
  );
  write(new URL("bench/results/report.json", REPO), json);
  write(new URL("bench/results/summary.md", REPO), `${summaryTable(rows, levels, "markdown")}\n`);
  write(new URL("bench/results/bench-chart.svg", REPO), svg);
  if (writeDocs) {
    write(new URL("docs/bench-report.json", REPO), json);
    write(new URL("docs/bench-chart.svg", REPO), svg);
    write(new URL("docs/performance.md", REPO), performancePage(report));
  }
  if (failures.length > 0) {
    console.error(`${failures.length} failed run(s):\n${failures.join("\n")}`);
    process.exitCode = 1;
  }
} finally {
  await brokers?.stop();
}
