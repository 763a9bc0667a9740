/**
 * One line per scenario: req/s at each in-flight level, sequential p50/p99, and the ratios at
 * 100 in flight; as aligned text for the terminal or as a Markdown table for docs/performance.md.
 */
import type { ReportRow } from "./report-rows.js";

const RATIO_LEVEL = 100;

function figure(value: number | null): string {
  return value === null ? "—" : value.toLocaleString("en-US");
}

function ratioText(value: number | null): string {
  return value === null ? "" : `${value.toFixed(2)}x`;
}

function signed(value: number | null): string {
  return value === null ? "" : `${value > 0 ? "+" : ""}${value}`;
}

function summaryCells(rows: readonly ReportRow[], levels: readonly number[]): string[][] {
  const header = [
    "scenario",
    "transport",
    ...levels.map((l) => `req/s @${l}`),
    "p50 µs @1",
    "p99 µs @1",
    "p50 − raw µs",
    `x raw @${RATIO_LEVEL}`,
    `x Moleculer @${RATIO_LEVEL}`,
    `x floor @${RATIO_LEVEL}`,
  ];
  const lines: string[][] = [];
  for (let i = 0; i < rows.length; i += levels.length) {
    const group = rows.slice(i, i + levels.length);
    const first = group[0];
    if (first === undefined) continue;
    const atRatio = group.find((r) => r.inFlight === RATIO_LEVEL);
    const sequential = group.find((r) => r.inFlight === 1);
    lines.push([
      first.scenario,
      first.transport,
      ...group.map((r) => figure(r.reqPerSec)),
      figure(sequential?.p50Us ?? null),
      figure(sequential?.p99Us ?? null),
      signed(sequential?.p50MinusRawUs ?? null),
      ratioText(atRatio?.ratioToRaw ?? null),
      ratioText(atRatio?.ratioToMoleculer ?? null),
      ratioText(atRatio?.ratioToFloor ?? null),
    ]);
  }
  return [header, ...lines];
}

/** `rows` as produced by `reportRows`: each scenario's levels next to each other. */
export function summaryTable(
  rows: readonly ReportRow[],
  levels: readonly number[],
  format: "text" | "markdown",
): string {
  const table = summaryCells(rows, levels);
  if (format === "markdown") {
    const [header = [], ...body] = table;
    const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...body.map(line)].join("\n");
  }
  const widths = table[0]?.map((_, c) => Math.max(...table.map((r) => (r[c] ?? "").length))) ?? [];
  return table
    .map((cells) => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  "))
    .join("\n");
}
