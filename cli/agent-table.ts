/** The live directory for people (an aligned table) and for scripts (JSON). */
import type { AgentInfo } from "../src/index.js";

/** "now", "5s ago", "3m ago", "2h ago", "4d ago". */
export function formatAgo(sinceMs: number): string {
  const seconds = Math.max(0, Math.round(sinceMs / 1000));
  if (seconds < 1) return "now";
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

function list(values: readonly string[]): string {
  return values.length > 0 ? values.join(",") : "-";
}

/** `translate@2.1.0` for a request type served under a contract of that version, else the type. */
function requestTypes(agent: AgentInfo): string {
  return list(
    agent.requestTypes.map((type) => {
      const version = agent.contractVersions[type];
      return version === undefined ? type : `${type}@${version}`;
    }),
  );
}

const HEADER = ["ID", "NAME", "CAPABILITIES", "REQUEST TYPES", "STATUS", "LAST SEEN", "LOAD"];

/** One row per agent under a header, columns padded to their widest cell. */
export function formatAgentTable(agents: readonly AgentInfo[], now: number): string {
  if (agents.length === 0) return "no agents found";
  const rows = agents.map((a) => [
    a.id,
    a.name,
    list(a.capabilities),
    requestTypes(a),
    a.status === "offline" && a.offlineReason ? `offline (${a.offlineReason})` : a.status,
    formatAgo(now - a.lastSeen),
    a.load === undefined ? "-" : a.load.toFixed(2),
  ]);
  const table = [HEADER, ...rows];
  const widths = HEADER.map((_, column) =>
    Math.max(...table.map((row) => row[column]?.length ?? 0)),
  );
  return table
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The agents as JSON, every field present (`null` where unknown), for `--json`. */
export function formatAgentJson(agents: readonly AgentInfo[]): string {
  return JSON.stringify(agents, (_key, value: unknown) => (value === undefined ? null : value), 2);
}
