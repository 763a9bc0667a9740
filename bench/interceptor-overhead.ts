/**
 * Diagnostic, not part of `npm run bench`: what the interceptor path costs. Three setups of the
 * memory echo (validation on, both agents in this process): plain, an empty pass-through
 * interceptor on both agents, and OpenTelemetry instrumented with no SDK registered. All three
 * stay up and take turns in slices of 1,000 requests, in this one process; CPU time per request
 * holds steadier than req/s on a shared machine. Prints one JSON line per round (CPU µs per
 * request and the ratio to plain), then the medians.
 *
 *   npx tsc -p tsconfig.bench.json && node .bench-build/bench/interceptor-overhead.js [rounds] [requests]
 *
 * (Compiled as `npm run bench` is: under tsx every named closure also costs an `__name` call.)
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

/** Requests per slice: setups take turns slice by slice, so a load change elsewhere hits all. */
const SLICE = 1000;

async function cpuOfSlice(call: () => Promise<unknown>, inFlight: number): Promise<number> {
  const before = process.cpuUsage();
  await closedLoop(call, inFlight, { requests: SLICE });
  const cpu = process.cpuUsage(before);
  return cpu.user + cpu.system;
}

async function main(): Promise<void> {
  const [roundsArg = "5", requestsArg = "20000"] = process.argv.slice(2);
  const rounds = Number(roundsArg);
  const slices = Math.max(1, Math.round(Number(requestsArg) / SLICE));
  const running = await Promise.all(SETUPS.map(agentsFor));
  const calls = running.map(
    ({ client }) =>
      () =>
        client.request("server", ECHO, BODY),
  );
  for (const call of calls) await closedLoop(call, 100, { requests: 10_000 });
  const ratios = new Map<string, number[]>();
  const cpus = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    const line: Record<string, number> = { round };
    for (const inFlight of LEVELS) {
      const total = SETUPS.map(() => 0);
      for (let slice = 0; slice < slices; slice++)
        // Rotate the order each slice so no setup always runs first.
        for (let k = 0; k < SETUPS.length; k++) {
          const i = (k + slice) % SETUPS.length;
          total[i] =
            (total[i] as number) + (await cpuOfSlice(calls[i] as () => Promise<unknown>, inFlight));
        }
      SETUPS.forEach((setup, i) => {
        const us = (total[i] as number) / (slices * SLICE);
        const ratio = us / ((total[0] as number) / (slices * SLICE));
        const key = `${setup}@${inFlight}`;
        line[`${key} µs`] = Number(us.toFixed(2));
        if (i > 0) line[`${key} ratio`] = Number(ratio.toFixed(3));
        ratios.set(key, [...(ratios.get(key) ?? []), ratio]);
        cpus.set(key, [...(cpus.get(key) ?? []), us]);
      });
    }
    console.log(JSON.stringify(line));
  }
  for (const inFlight of LEVELS) {
    const summary: Record<string, number | string> = { inFlight };
    for (const setup of SETUPS) {
      const key = `${setup}@${inFlight}`;
      summary[`${setup} µs`] = median(cpus.get(key) ?? []).toFixed(2);
      summary[`${setup}/plain`] = median(ratios.get(key) ?? []).toFixed(3);
    }
    console.log(JSON.stringify(summary));
  }
  for (const { close } of running) await close();
}

await main();
