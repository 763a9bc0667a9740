/**
 * Diagnostic, not part of `npm run bench`: CPU per round trip of Parley and of its raw baseline,
 * each with requester and responder in this one process on one private broker, interleaved over
 * rounds. CPU time per request (this process only; the broker is another process) holds steadier
 * than req/s on a shared machine, and the ratio to the raw client of the same round steadier still.
 *
 *   node --import tsx bench/cpu-ratio.ts mqtt3|mqtt5|hub [qos] [rounds] [requests] [inFlight]
 *
 * (`hub` runs the hub in this process, so its CPU counts; its raw baseline runs the relay here.)
 * Prints one JSON line per round, then the medians.
 */
import { startMosquitto } from "../test/harness/mosquitto.js";
import { closedLoop } from "./measure.js";
import { type StackName, stackLoaders } from "./stacks/registry.js";
import type { StackParams } from "./stacks/stack.js";

async function cpuPerRequest(
  stackName: StackName,
  params: StackParams,
  requests: number,
  inFlight: number,
): Promise<number> {
  const stack = await stackLoaders[stackName]();
  const responder = await stack.startResponder?.(params);
  const requester = await stack.startRequester(
    responder?.endpoint ? { ...params, url: responder.endpoint } : params,
  );
  try {
    await closedLoop(requester.call, inFlight, { requests: WARM_UP });
    const before = process.cpuUsage();
    await closedLoop(requester.call, inFlight, { requests });
    const cpu = process.cpuUsage(before);
    return (cpu.user + cpu.system) / requests;
  } finally {
    await requester.close();
    await responder?.close();
  }
}

/** Requests before measuring (JIT warm-up); CPU_RATIO_WARM_UP changes it (fewer under valgrind). */
const WARM_UP = Number(process.env.CPU_RATIO_WARM_UP ?? 20_000);
/** CPU_RATIO_ONLY=parley or =raw runs that one alone (for instruction counts under callgrind). */
const ONLY = process.env.CPU_RATIO_ONLY;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

async function main(): Promise<void> {
  const [
    mode = "mqtt3",
    qosArg = "0",
    roundsArg = "5",
    requestsArg = "30000",
    inFlightArg = "100",
  ] = process.argv.slice(2);
  const qos = qosArg === "1" ? 1 : 0;
  const rounds = Number(roundsArg);
  const requests = Number(requestsArg);
  const inFlight = Number(inFlightArg);
  let url: string;
  let stop: () => Promise<void>;
  let raw: StackName = "rawMqtt";
  if (mode === "hub") {
    const { createWebSocketHub } = await import("../transports/websocket/node.js");
    const { startWsRelay } = await import("./stacks/ws-relay.js");
    const hub = await createWebSocketHub({ port: 0, host: "127.0.0.1" });
    const relay = await startWsRelay();
    url = hub.url;
    stop = async () => {
      await hub.close();
      await relay.close();
    };
    raw = "rawWsRelayed";
    process.env.CPU_RATIO_RELAY_URL = relay.url;
  } else {
    const broker = await startMosquitto();
    url = `mqtt://127.0.0.1:${broker.port}`;
    stop = broker.stop;
  }
  const protocolVersion = mode === "mqtt5" ? 5 : 4;
  const parleyUs: number[] = [];
  const rawUs: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const params = (name: string, at: string): StackParams => ({
        url: at,
        runId: `cpu${process.pid}r${round}${name}`,
        protocolVersion,
        qos,
      });
      const rawUrl = mode === "hub" ? (process.env.CPU_RATIO_RELAY_URL as string) : url;
      const r =
        ONLY === "parley"
          ? Number.NaN
          : await cpuPerRequest(raw, params("raw", rawUrl), requests, inFlight);
      const p =
        ONLY === "raw"
          ? Number.NaN
          : await cpuPerRequest("parley", params("parley", url), requests, inFlight);
      rawUs.push(r);
      parleyUs.push(p);
      console.log(
        JSON.stringify({
          round,
          rawUs: r.toFixed(1),
          parleyUs: p.toFixed(1),
          ratio: (r / p).toFixed(3),
        }),
      );
    }
  } finally {
    await stop();
  }
  const ratios = rawUs.map((r, i) => r / (parleyUs[i] as number));
  console.log(
    JSON.stringify({
      mode,
      qos,
      inFlight,
      rawUsMedian: median(rawUs).toFixed(1),
      parleyUsMedian: median(parleyUs).toFixed(1),
      rawOverParleyMedian: median(ratios).toFixed(3),
    }),
  );
}

await main();
