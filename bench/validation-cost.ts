/**
 * What contract validation costs, with the validators `parley codegen` generates for a typical
 * contract (`knowledge_search`): nanoseconds per request and per response check, and a
 * request/response round trip over the memory transport with validation on and off (same
 * process, short bursts taking turns so drift hits both alike). `npm run bench` reports it among the
 * extra measurements; `node --import tsx bench/validation-cost.ts [--quick]` runs just this.
 */
import { pathToFileURL } from "node:url";
import { contracts } from "../src/generated/contracts.js";
import type { KnowledgeSearchRequest, KnowledgeSearchResponse } from "../src/generated/types.js";
import { createAgent } from "../src/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../transports/memory/index.js";

const CONTRACT = "knowledge_search";
const REQUEST: KnowledgeSearchRequest = { query: "data retention policy for agent logs" };
const RESPONSE: KnowledgeSearchResponse = {
  status: "completed",
  result: { matches: ["retention.md", "logging.md"], total: 2 },
  agent_id: "vc-server",
};

export interface ValidationCost {
  readonly contract: string;
  /** One `validateRequest` of a valid request (ns). */
  readonly requestNs: number;
  /** One `validateResponse` of a valid response (ns). */
  readonly responseNs: number;
  /** Round trips per second over the memory transport, sequential, contracts on both agents. */
  readonly roundTripsPerSecValidateOn: number;
  readonly roundTripsPerSecValidateOff: number;
  /** On / off (median over interleaved bursts): what validation leaves of the throughput. */
  readonly roundTripRatio: number;
}

function nsPerCall(check: () => unknown, iterations: number): number {
  for (let i = 0; i < iterations / 10; i++) check();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) check();
  return Number(process.hrtime.bigint() - t0) / iterations;
}

/** Two agents on their own memory network, contracts on both, validating or not. */
async function createPair(validate: boolean) {
  const network = createMemoryNetwork();
  const options = { contracts, validate, heartbeatIntervalMs: 0 };
  const server = createAgent({
    id: "vc-server",
    transport: createMemoryTransport({ network }),
    ...options,
  });
  const client = createAgent({
    id: "vc-client",
    transport: createMemoryTransport({ network }),
    ...options,
  });
  server.handle(CONTRACT, () => RESPONSE);
  await server.connect();
  await client.connect();
  const payload = { ...REQUEST };
  return {
    /** Round trips per second during `ms`, one request at a time. */
    async rate(ms: number): Promise<number> {
      let count = 0;
      const start = performance.now();
      const end = start + ms;
      while (performance.now() < end) {
        await client.request("vc-server", CONTRACT, payload);
        count++;
      }
      return count / ((performance.now() - start) / 1000);
    },
    close: () => Promise.all([client.close(), server.close()]),
  };
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Measures all of it in this process; `quick` shortens every part. */
export async function validationCost(quick = false): Promise<ValidationCost> {
  const contract = contracts.requests[CONTRACT];
  if (!contract) throw new Error(`no generated contract "${CONTRACT}"`);
  if (contract.validateRequest(REQUEST).length + contract.validateResponse(RESPONSE).length > 0)
    throw new Error("the benchmark's payloads break their own contract");
  const iterations = quick ? 100_000 : 1_000_000;
  const requestNs = nsPerCall(() => contract.validateRequest(REQUEST), iterations);
  const responseNs = nsPerCall(() => contract.validateResponse(RESPONSE), iterations);
  // Short bursts, on and off taking turns, so load from elsewhere on the machine hits both alike;
  // the ratio is the median of each turn's on/off ratio.
  const bursts = quick ? 4 : 15;
  const burstMs = quick ? 150 : 300;
  const pairs = { on: await createPair(true), off: await createPair(false) };
  const on: number[] = [];
  const off: number[] = [];
  try {
    await pairs.on.rate(burstMs);
    await pairs.off.rate(burstMs);
    for (let i = 0; i < bursts; i++) {
      // Each goes first every other turn: the first of a turn can inherit the other's garbage.
      if (i % 2 === 0) {
        on.push(await pairs.on.rate(burstMs));
        off.push(await pairs.off.rate(burstMs));
      } else {
        off.push(await pairs.off.rate(burstMs));
        on.push(await pairs.on.rate(burstMs));
      }
    }
  } finally {
    await pairs.on.close();
    await pairs.off.close();
  }
  const ratio = median(on.map((rate, i) => rate / (off[i] as number)));
  return {
    contract: CONTRACT,
    requestNs: Math.round(requestNs),
    responseNs: Math.round(responseNs),
    roundTripsPerSecValidateOn: Math.round(median(on)),
    roundTripsPerSecValidateOff: Math.round(median(off)),
    roundTripRatio: Number(ratio.toFixed(3)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await validationCost(process.argv.includes("--quick")));
}
