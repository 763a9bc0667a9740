/**
 * docs/performance.md from a bench report (docs/bench-report.json): the method and the latest
 * run's tables, nothing else. Generated so that the page can never disagree with the report or
 * keep figures from older runs; test/docs/performance-page.test.ts checks it is up to date.
 */
import type { CodegenScale } from "./codegen-scale.js";
import { METHOD, NAGLE, PRESENCE, RUNNING } from "./performance-method.js";
import type { PresenceScalingResult, PresenceScalingRow } from "./presence.js";
import type { ReportRow } from "./report-rows.js";
import type { LoadPlan } from "./role-protocol.js";
import { summaryTable } from "./summary-table.js";
import type { ValidationCost } from "./validation-cost.js";

/** What bench/run.ts writes to docs/bench-report.json (the parts this page reads). */
export interface BenchReport {
  readonly date: string;
  readonly quick: boolean;
  readonly rounds: number;
  readonly plan: LoadPlan;
  readonly node: string;
  readonly seconds: number;
  readonly rows: readonly ReportRow[];
  readonly extra: {
    readonly validation: ValidationCost;
    readonly pendingRequests10kHeapMb: number;
    readonly directory10kAgentsHeapMb: number;
    readonly codegen200Contracts: CodegenScale | null;
  };
  readonly presence: PresenceScalingResult;
  readonly failures: readonly string[];
}

const count = (n: number) => n.toLocaleString("en-US");
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

function runLine(report: BenchReport): string {
  const { plan } = report;
  const kind = report.quick ? "a `--quick` run" : "a full run";
  return [
    `From ${kind} on ${report.date.slice(0, 10)} (\`docs/bench-report.json\`): Node ${report.node.replace(/^v/, "")},`,
    `${report.rounds} round${report.rounds === 1 ? "" : "s"} (median), ${seconds(plan.warmupMs)} of warm-up`,
    `and ${seconds(plan.durationMs)} at each level, ${Math.round(report.seconds / 60)} min in all.`,
    "p50/p99 are sequential (1 in flight); the ratios are taken at 100 in flight.",
  ].join(" ");
}

function extraTable({ extra }: BenchReport): string {
  const v = extra.validation;
  const codegen = extra.codegen200Contracts;
  const lines = [
    "| also measured (same run) | figure |",
    "| --- | --- |",
    `| contract validation, the generated \`${v.contract}\` validators, per check | ${Math.round(v.requestNs)} ns (request), ${Math.round(v.responseNs)} ns (response) |`,
    `| round trip over the memory transport, contracts on both agents, validation on / off | ${count(v.roundTripsPerSecValidateOn)} / ${count(v.roundTripsPerSecValidateOff)} req/s (median ratio of interleaved bursts ${v.roundTripRatio.toFixed(2)}) |`,
    `| heap for 10,000 pending requests | ${extra.pendingRequests10kHeapMb} MB |`,
    `| heap for a directory of 10,000 agents | ${extra.directory10kAgentsHeapMb} MB |`,
    codegen === null
      ? "| `parley codegen` for 200 contracts | not measured (`--quick`) |"
      : `| \`parley codegen\` for ${codegen.contracts} contracts (${codegen.files} files, ${(codegen.kib / 1024).toFixed(1)} MB of TypeScript) | ${seconds(codegen.ms)} |`,
  ];
  const perRoundTripUs = (2 * (v.requestNs + v.responseNs)) / 1000;
  return `${lines.join("\n")}\n\nA round trip validates four times (request and response, each at both ends): ${perRoundTripUs.toFixed(1)} µs here.`;
}

function nagle(rows: readonly ReportRow[]): string {
  const p50 = (family: string) =>
    rows.find((r) => r.transport.includes("Nagle on") && r.family === family && r.inFlight === 1)
      ?.p50Us;
  const parley = p50("parley");
  const raw = p50("raw");
  if (parley == null || raw == null) return NAGLE;
  const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;
  return `${NAGLE}\n\nIn this run, sequential p50 at QoS 1 on the stock mosquitto: Parley ${ms(parley)}, mqtt.js with its defaults ${ms(raw)}.`;
}

/** The rows measured against the same Parley scenario without one thing (`baselinePeer`). */
function baselineSection(rows: readonly ReportRow[]): string {
  const measured = rows.filter((r) => r.ratioToBaseline != null);
  if (measured.length === 0) return "Not measured in this run.";
  return [
    "Each row against the same scenario without OpenTelemetry, in the same run (req/s over req/s).",
    "",
    "| scenario | transport | in flight | req/s | of the req/s without it |",
    "| --- | --- | --- | --- | --- |",
    ...measured.map(
      (r) =>
        `| ${r.scenario} | ${r.transport} | ${r.inFlight} | ${count(r.reqPerSec ?? 0)} | ${r.ratioToBaseline} |`,
    ),
  ].join("\n");
}

function presenceRow(r: PresenceScalingRow): string {
  const mode = r.mode === "cards" ? "`cards` (default)" : "`heartbeats` (the seed's design)";
  const perInterval = r.perInterval.total === 0 ? "**0**" : count(r.perInterval.total);
  return `| ${count(r.agents)} | ${mode} | ${perInterval} | ${count(r.startup.total)} | ${count(r.convergenceMs)} ms |`;
}

function presenceSection({ presence }: BenchReport): string {
  if (presence.rows.length === 0) return "Not measured in this run.";
  return [
    "All agents in one process, one MQTT 5 connection each, one private mosquitto; deliveries counted at the agents.",
    "",
    "| agents | presence | delivered per heartbeat interval | delivered during start-up | directory converged after the last `connect()` |",
    "| --- | --- | --- | --- | --- |",
    ...presence.rows.map(presenceRow),
    "",
    ...presence.notes.map((note) => `- ${note}`),
    "",
    PRESENCE,
  ].join("\n");
}

function failures({ failures }: BenchReport): string[] {
  if (failures.length === 0) return [];
  return ["Runs that failed (left out of the medians):", "", ...failures.map((f) => `- ${f}`), ""];
}

/** The whole of docs/performance.md for `report`. */
export function performancePage(report: BenchReport): string {
  return [
    "# Performance",
    "",
    "<!-- Generated by `npm run docs:performance` (bench/performance-page.ts) from docs/bench-report.json: edit those, not this page. -->",
    "",
    "## Running the bench",
    "",
    RUNNING,
    "",
    "## Method",
    "",
    METHOD,
    "",
    "## The latest run",
    "",
    runLine(report),
    "",
    "![req/s at 100 in flight: Parley, the raw clients and Moleculer](bench-chart.svg)",
    "",
    summaryTable(report.rows, report.plan.levels, "markdown"),
    "",
    ...failures(report),
    "## Also measured",
    "",
    extraTable(report),
    "",
    "## Nagle on a stock mosquitto",
    "",
    nagle(report.rows),
    "",
    "## OpenTelemetry without an SDK",
    "",
    baselineSection(report.rows),
    "",
    "## Presence traffic",
    "",
    presenceSection(report),
    "",
  ].join("\n");
}
