/**
 * `node --import tsx bench/presence-main.ts [--quick]`: presence traffic and directory convergence
 * for 10, 100 and 1,000 agents (quick: 10 and 100) on one mosquitto, in both presence modes.
 * `npm run bench` runs the same as part of the whole.
 */
import { presenceLine, presenceScaling, presenceTable } from "./presence.js";

const result = await presenceScaling({
  quick: process.argv.includes("--quick"),
  onRow: (row) => console.error(`measured: ${presenceLine(row)}`),
});
console.log(presenceTable(result));
