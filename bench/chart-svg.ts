/**
 * The chart of docs/performance.md, drawn as plain SVG: for each transport, a horizontal bar per stack with its
 * req/s at one in-flight level, coloured by family (Parley, raw client, Moleculer).
 */
import type { ReportRow } from "./report-rows.js";
import type { Family } from "./scenarios.js";

const COLOURS: Record<Family, string> = {
  parley: "#2563eb",
  raw: "#9ca3af",
  moleculer: "#f59e0b",
  floor: "#d1d5db",
};
const WIDTH = 960;
const LABEL_WIDTH = 420;
const BAR_HEIGHT = 16;
const BAR_GAP = 4;
const GROUP_GAP = 14;
const TOP = 56;

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Bars of `rows` at `inFlight`, grouped by transport in first-seen order. */
export function chartSvg(rows: readonly ReportRow[], inFlight: number, title: string): string {
  const bars = rows.filter((r) => r.inFlight === inFlight && r.reqPerSec !== null);
  const groups = [...new Set(bars.map((r) => r.transport))];
  const max = Math.max(1, ...bars.map((r) => r.reqPerSec ?? 0));
  const scale = (WIDTH - LABEL_WIDTH - 90) / max;
  const parts: string[] = [];
  let y = TOP;
  for (const transport of groups) {
    parts.push(`<text x="8" y="${y + 12}" font-weight="bold">${escapeXml(transport)}</text>`);
    y += BAR_HEIGHT + BAR_GAP;
    for (const row of bars.filter((r) => r.transport === transport)) {
      const value = row.reqPerSec ?? 0;
      const width = Math.max(1, Math.round(value * scale));
      parts.push(
        `<text x="${LABEL_WIDTH - 8}" y="${y + 12}" text-anchor="end">${escapeXml(row.scenario)}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="${COLOURS[row.family]}"/>`,
        `<text x="${LABEL_WIDTH + width + 6}" y="${y + 12}">${value.toLocaleString("en-US")}</text>`,
      );
      y += BAR_HEIGHT + BAR_GAP;
    }
    y += GROUP_GAP;
  }
  const legend = (["parley", "raw", "moleculer"] as const).map(
    (family, i) =>
      `<rect x="${8 + i * 130}" y="30" width="12" height="12" fill="${COLOURS[family]}"/>` +
      `<text x="${26 + i * 130}" y="40">${family === "raw" ? "raw client" : family}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y + 8}" viewBox="0 0 ${WIDTH} ${y + 8}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...legend,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}
