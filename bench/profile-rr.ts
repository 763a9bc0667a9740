/**
 * Profiling aid, not part of `npm run bench`: Parley request/response with client and responder
 * in this one process, at 1 and 100 in flight (after a warm-up pass), over memory (validation
 * on), MQTT 5 or NATS on a private broker. Prints one JSON line per level, with the CPU time this
 * process spent per request (steadier than req/s on a shared machine).
 *
 *   node --cpu-prof --import tsx bench/profile-rr.ts memory|mqtt|mqtt3|nats|websocket [total] [qos]
 *
 * (`websocket` runs the hub in this process too: its share shows in the profile.)
 */
import { createAgent } from "../src/index.js";
import type { Transport } from "../src/transport.js";
import { startMosquitto } from "../test/harness/mosquitto.js";
import { startNatsServer } from "../test/harness/nats-server.js";
import { createMemoryNetwork, createMemoryTransport } from "../transports/memory/index.js";
import { createMqttTransport } from "../transports/mqtt/index.js";
import { createNatsTransport } from "../transports/nats/index.js";
import { createWebSocketHub, createWebSocketTransport } from "../transports/websocket/node.js";
import { BODY, echoContracts } from "./echo-contract.js";
import { closedLoop, type LoadResult } from "./measure.js";

/** The first pass warms the JIT up and is not reported. */
const LEVELS = [1, 100, 1, 100];

interface Measured extends LoadResult {
  readonly cpuUsPerRequest: number;
}

async function measured(run: () => Promise<LoadResult>): Promise<Measured> {
  const before = process.cpuUsage();
  const result = await run();
  const cpu = process.cpuUsage(before);
  return { ...result, cpuUsPerRequest: (cpu.user + cpu.system) / result.requests };
}

async function overBroker(
  makeTransport: () => Transport,
  total: number,
  qos: 0 | 1,
  validate = false,
): Promise<Measured[]> {
  const common = {
    heartbeatIntervalMs: 0,
    qos: { request: qos, response: qos },
    ...(validate ? { contracts: echoContracts } : {}),
  } as const;
  const server = createAgent({
    ...common,
    id: "prof-server",
    transport: makeTransport(),
    concurrency: 2000,
  });
  const client = createAgent({ ...common, id: "prof-client", transport: makeTransport() });
  server.handle("echo", (payload) => payload);
  await server.connect();
  await client.connect();
  const results: Measured[] = [];
  for (const inFlight of LEVELS)
    results.push(
      await measured(() =>
        closedLoop(() => client.request("prof-server", "echo", BODY), inFlight, {
          requests: total,
        }),
      ),
    );
  await client.close();
  await server.close();
  return results;
}

async function main(): Promise<void> {
  const [mode = "memory", totalArg, qosArg] = process.argv.slice(2);
  const total = Number(totalArg ?? 20_000);
  const qos = qosArg === "1" ? 1 : 0;
  let results: Measured[];
  if (mode === "memory") {
    const network = createMemoryNetwork();
    results = await overBroker(() => createMemoryTransport({ network }), total, qos, true);
  } else if (mode === "mqtt" || mode === "mqtt3") {
    const broker = await startMosquitto();
    const url = `mqtt://127.0.0.1:${broker.port}`;
    try {
      const protocolVersion = mode === "mqtt3" ? 4 : 5;
      results = await overBroker(() => createMqttTransport({ url, protocolVersion }), total, qos);
    } finally {
      await broker.stop();
    }
  } else if (mode === "nats") {
    const broker = await startNatsServer();
    try {
      results = await overBroker(() => createNatsTransport({ servers: broker.url }), total, qos);
    } finally {
      await broker.stop();
    }
  } else if (mode === "websocket") {
    const hub = await createWebSocketHub({ port: 0, host: "127.0.0.1" });
    try {
      results = await overBroker(() => createWebSocketTransport({ url: hub.url }), total, qos);
    } finally {
      await hub.close();
    }
  } else {
    throw new Error(`unknown mode "${mode}": memory, mqtt, mqtt3 (MQTT 3.1.1), nats or websocket`);
  }
  for (const r of results.slice(2))
    console.log(
      JSON.stringify({
        mode,
        qos,
        inFlight: r.inFlight,
        reqPerSec: Math.round(r.reqPerSec),
        p50Us: Math.round(r.p50Us),
        cpuUs: Number(r.cpuUsPerRequest.toFixed(1)),
      }),
    );
}

await main();
