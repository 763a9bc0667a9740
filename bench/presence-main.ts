/**
 * `node --import tsx bench/presence-main.ts [--quick]`: presence traffic and directory convergence
 * for 10, 100 and 1,000 agents (quick: 10 and 100) on one mosquitto, in both presence modes.
 */
import { type Deliveries, type PresenceScalingRow, presenceScaling } from "./presence.js";

const quick = process.argv.includes("--quick");

const count = (n: number) => n.toLocaleString("en");
const byKind = (d: Deliveries) =>
  `${count(d.total)} (hb ${count(d.heartbeats)}, cards ${count(d.cards)}, bc ${count(d.broadcasts)}, direct ${count(d.direct)})`;
const line = (r: PresenceScalingRow) =>
  `| ${count(r.agents)} | ${r.mode} | ${r.heartbeatIntervalMs} ms | ${byKind(r.perInterval)} | ${byKind(r.startup)} | ${r.convergenceMs} ms | ${r.bringUpMs} ms |`;

const { rows, notes } = await presenceScaling({
  quick,
  onRow: (row) => console.error(`measured: ${line(row)}`),
});
console.log(
  "| agents | presence | interval | delivered per interval | delivered at start-up | convergence after last connect | bring-up |",
);
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) console.log(line(r));
console.log();
for (const note of notes) console.log(`- ${note}`);
