/**
 * Diagnostic, not part of `npm run bench`: the CPU each process spends per round trip, with the
 * responder and the requester in processes of their own (as in the bench) on a private broker,
 * 100 requests in flight (or IN_FLIGHT). Tells a process that is busy (its share near 1.0 of a core) from a
 * pipeline whose processes wait on each other (every share well below 1.0).
 *
 *   npx tsc -p tsconfig.bench.json
 *   node .bench-build/bench/cpu-per-process.js STACK BROKER [QOS] [IN_FLIGHT]
 *
 * STACK: parley, rawMqtt, rawNats, rawWsRelayed, moleculer. BROKER: mqtt5, mqtt3 (mosquitto),
 * nats, hub (the WebSocket hub, run by this process), relay (the minimal WebSocket relay), aedes
 * (the embedded MQTT broker, run by this process; MQTT 3.1.1).
 * Prints one JSON line: req/s, and per process CPU µs per request and the share of a core it
 * kept busy (the hub, relay or aedes as `brokerProcess`; mosquitto and nats-server are not measured).
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { startMosquitto } from "../test/harness/mosquitto.js";
import { startNatsServer } from "../test/harness/nats-server.js";
import { closedLoop } from "./measure.js";
import { type StackName, stackLoaders } from "./stacks/registry.js";
import type { StackParams } from "./stacks/stack.js";

const WARM_UP = 20_000;
const MEASURED = 60_000;
/** Requests in flight: the fifth argument, 100 by default (1 shows sequential latency). */
const IN_FLIGHT = Number(process.argv[5] ?? 100);

/** What a child reports: its CPU (µs) over the measured requests, and for the requester its load. */
interface Report {
  readonly cpuUs: number;
  readonly reqPerSec?: number;
}

async function runChild(role: string, stackName: StackName, params: StackParams): Promise<void> {
  const stack = await stackLoaders[stackName]();
  const send = (message: unknown) => process.send?.(message);
  const next = () => once(process, "message") as Promise<[string]>;
  if (role === "responder") {
    const responder = await stack.startResponder?.(params);
    send("ready");
    await next();
    const before = process.cpuUsage();
    await next();
    const cpu = process.cpuUsage(before);
    send({ cpuUs: cpu.user + cpu.system } satisfies Report);
    await responder?.close();
    return;
  }
  const requester = await stack.startRequester(params);
  await closedLoop(requester.call, IN_FLIGHT, { requests: WARM_UP });
  send("ready");
  await next();
  const before = process.cpuUsage();
  const result = await closedLoop(requester.call, IN_FLIGHT, { requests: MEASURED });
  const cpu = process.cpuUsage(before);
  send({ cpuUs: cpu.user + cpu.system, reqPerSec: result.reqPerSec } satisfies Report);
  await requester.close();
}

async function startBroker(kind: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (kind === "mqtt5" || kind === "mqtt3") {
    const broker = await startMosquitto();
    return { url: `mqtt://127.0.0.1:${broker.port}`, stop: () => broker.stop() };
  }
  if (kind === "nats") {
    const broker = await startNatsServer();
    return { url: broker.url, stop: () => broker.stop() };
  }
  if (kind === "hub") {
    const { createWebSocketHub } = await import("../transports/websocket/node.js");
    const hub = await createWebSocketHub({ port: 0, host: "127.0.0.1" });
    return { url: hub.url, stop: () => hub.close() };
  }
  if (kind === "aedes") {
    const { createEmbeddedBroker } = await import("../transports/mqtt/index.js");
    const aedes = await createEmbeddedBroker({ port: 0, host: "127.0.0.1" });
    return { url: aedes.url, stop: () => aedes.close() };
  }
  if (kind === "relay") {
    const relay = await (await import("./stacks/ws-relay.js")).startWsRelay();
    return { url: relay.url, stop: () => relay.close() };
  }
  throw new Error(`unknown broker "${kind}": mqtt5, mqtt3, nats, hub, relay or aedes`);
}

async function main(): Promise<void> {
  const [stackName = "parley", brokerKind = "mqtt5", qos = "1"] = process.argv.slice(2);
  if (!(stackName in stackLoaders)) throw new Error(`unknown stack "${stackName}"`);
  const role = process.env.CPU_PER_PROCESS_ROLE;
  const params = process.env.CPU_PER_PROCESS_PARAMS;
  if (role && params) {
    await runChild(role, stackName as StackName, JSON.parse(params) as StackParams);
    process.exit(0);
  }
  const broker = await startBroker(brokerKind);
  const inBroker = brokerKind === "hub" || brokerKind === "relay" || brokerKind === "aedes";
  const run: StackParams = {
    url: broker.url,
    runId: `cpu${process.pid}`,
    protocolVersion: brokerKind === "mqtt3" || brokerKind === "aedes" ? 4 : 5,
    qos: qos === "0" ? 0 : 1,
  };
  const child = (childRole: string) =>
    fork(fileURLToPath(import.meta.url), process.argv.slice(2), {
      env: {
        ...process.env,
        CPU_PER_PROCESS_ROLE: childRole,
        CPU_PER_PROCESS_PARAMS: JSON.stringify(run),
      },
    });
  const reply = async (proc: ReturnType<typeof fork>) => (await once(proc, "message"))[0];
  try {
    const responder = child("responder");
    await reply(responder);
    const requester = child("requester");
    await reply(requester);
    responder.send("start");
    const before = process.cpuUsage();
    requester.send("start");
    const load = (await reply(requester)) as Report;
    const own = process.cpuUsage(before);
    responder.send("stop");
    const served = (await reply(responder)) as Report;
    const rate = load.reqPerSec ?? 0;
    const perRequest = (us: number) => Number((us / MEASURED).toFixed(1));
    const share = (us: number) => Number(((us / MEASURED) * (rate / 1e6)).toFixed(2));
    const brokerUs = own.user + own.system;
    console.log(
      JSON.stringify({
        stack: stackName,
        broker: brokerKind,
        qos: run.qos,
        reqPerSec: Math.round(rate),
        requester: { cpuUsPerRequest: perRequest(load.cpuUs), coreShare: share(load.cpuUs) },
        responder: { cpuUsPerRequest: perRequest(served.cpuUs), coreShare: share(served.cpuUs) },
        ...(inBroker
          ? { brokerProcess: { cpuUsPerRequest: perRequest(brokerUs), coreShare: share(brokerUs) } }
          : {}),
      }),
    );
    await Promise.all([once(requester, "exit"), once(responder, "exit")]);
  } finally {
    await broker.stop();
  }
}

await main();
