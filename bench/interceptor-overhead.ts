/**
 * Diagnostic, not part of `npm run bench`: what the interceptor path costs. Three setups of the
 * memory echo (validation on, both agents in this process): plain, an empty pass-through
 * interceptor on both agents, and OpenTelemetry instrumented with no SDK registered. All three
 * stay up and take turns in slices of 1,000 requests, in this one process; CPU time per request
 * holds steadier than req/s on a shared machine. Prints, per level, the median CPU µs per request
 * of each and the median over slices of its ratio to plain's slice beside it.
 *
 *   npx tsc -p tsconfig.bench.json && node .bench-build/bench/interceptor-overhead.js [rounds] [requests]
 *
 * (Compiled as `npm run bench` is: under tsx every named closure also costs an `__name` call.)
 */
import { type Agent, createAgent } from "../src/index.js";
import type { Interceptor } from "../src/interceptors.js";
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
  /** Per setup and level: CPU µs per request of each slice, and its ratio to plain's beside it. */
  const cpus = new Map<string, number[]>();
  const ratios = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, value: number) => {
    map.set(key, [...(map.get(key) ?? []), value]);
  };
  for (let round = 0; round < rounds; round++) {
    for (const inFlight of LEVELS)
      for (let slice = 0; slice < slices; slice++) {
        const us = SETUPS.map(() => 0);
        // Rotate the order each slice so no setup always runs first.
        for (let k = 0; k < SETUPS.length; k++) {
          const i = (k + slice + round) % SETUPS.length;
          us[i] = (await cpuOfSlice(calls[i] as () => Promise<unknown>, inFlight)) / SLICE;
        }
        SETUPS.forEach((setup, i) => {
          add(cpus, `${setup}@${inFlight}`, us[i] as number);
          add(ratios, `${setup}@${inFlight}`, (us[i] as number) / (us[0] as number));
        });
      }
    console.log(JSON.stringify({ round, done: true }));
  }
  for (const inFlight of LEVELS) {
    const summary: Record<string, number | string> = { inFlight, slices: rounds * slices };
    for (const setup of SETUPS) {
      const key = `${setup}@${inFlight}`;
      summary[`${setup} µs`] = median(cpus.get(key) ?? []).toFixed(2);
      if (setup !== "plain") summary[`${setup}/plain`] = median(ratios.get(key) ?? []).toFixed(3);
    }
    console.log(JSON.stringify(summary));
  }
  for (const { close } of running) await close();
}

await main();
