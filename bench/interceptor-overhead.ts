/**
 * Diagnostic, not part of `npm run bench`: what the interceptor path costs. Three setups of the
 * memory echo (validation on, both agents in this process): plain, an empty pass-through
 * interceptor on both agents, and OpenTelemetry instrumented with no SDK registered. They run
 * interleaved over rounds in this one process; CPU time per request holds steadier than req/s on
 * a shared machine. Prints one JSON line per round, then the medians and their ratios to plain.
 *
 *   node --import tsx bench/interceptor-overhead.ts [rounds] [requests]
 */
import { type Agent, createAgent, type Interceptor } from "../src/index.js";
import { openTelemetry } from "../src/opentelemetry/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../transports/memory/index.js";
import { BODY, ECHO, echoContracts } from "./echo-contract.js";
import { closedLoop, median } from "./measure.js";

const SETUPS = ["plain", "empty", "otel"] as const;
type Setup = (typeof SETUPS)[number];
const LEVELS = [1, 100] as const;

const empty: Interceptor = {
  name: "empty",
  outbound: (_call, next) => next(),
  inbound: (_call, next) => next(),
};

async function agentsFor(setup: Setup): Promise<{ client: Agent; close(): Promise<void> }> {
  const network = createMemoryNetwork();
  const make = async (id: string): Promise<Agent> => {
    const agent = createAgent({
      id,
      transport: createMemoryTransport({ network }),
      concurrency: 2000,
      maxQueue: 100_000,
      contracts: echoContracts,
      ...(setup === "empty" ? { interceptors: [empty] } : {}),
    });
    if (setup === "otel") (await openTelemetry()).instrument(agent);
    await agent.connect();
    return agent;
  };
  const server = await make("server");
  server.handle(ECHO, (payload) => payload);
  const client = await make("client");
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** CPU µs per request of `setup` at `inFlight`, after a warm-up pass. */
async function cpuPerRequest(setup: Setup, inFlight: number, requests: number): Promise<number> {
  const { client, close } = await agentsFor(setup);
  const call = () => client.request("server", ECHO, BODY);
  try {
    await closedLoop(call, inFlight, { requests: Math.min(requests, 5000) });
    const before = process.cpuUsage();
    await closedLoop(call, inFlight, { requests });
    const cpu = process.cpuUsage(before);
    return (cpu.user + cpu.system) / requests;
  } finally {
    await close();
  }
}

async function main(): Promise<void> {
  const [roundsArg = "7", requestsArg = "20000"] = process.argv.slice(2);
  const rounds = Number(roundsArg);
  const requests = Number(requestsArg);
  const samples = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    const line: Record<string, number> = { round };
    // Rotate the order each round so no setup always runs first (or right after a GC-heavy one).
    const order = SETUPS.map((_, i) => SETUPS[(i + round) % SETUPS.length] as Setup);
    for (const inFlight of LEVELS)
      for (const setup of order) {
        const us = await cpuPerRequest(setup, inFlight, requests);
        const key = `${setup}@${inFlight}`;
        line[key] = Number(us.toFixed(2));
        samples.set(key, [...(samples.get(key) ?? []), us]);
      }
    console.log(JSON.stringify(line));
  }
  for (const inFlight of LEVELS) {
    const plain = median(samples.get(`plain@${inFlight}`) ?? []);
    const summary: Record<string, number | string> = { inFlight, plainCpuUs: plain.toFixed(2) };
    for (const setup of SETUPS) {
      const us = median(samples.get(`${setup}@${inFlight}`) ?? []);
      summary[`${setup}CpuUs`] = us.toFixed(2);
      summary[`${setup}/plain`] = (us / plain).toFixed(3);
    }
    console.log(JSON.stringify(summary));
  }
}

await main();
