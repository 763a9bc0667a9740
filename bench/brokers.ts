/**
 * The brokers of one benchmark run, each a process of its own on a free loopback port:
 * mosquitto (with `set_tcp_nodelay true`, and a stock one without), nats-server, started by the test harness, and the
 * embedded aedes broker, the WebSocket hub and a minimal raw ws relay, each in a forked child.
 */
import { startMosquitto } from "../test/harness/mosquitto.js";
import { startNatsServer } from "../test/harness/nats-server.js";
import { forkChild } from "./child-processes.js";
import type { BrokerName } from "./scenarios.js";

export interface Brokers {
  readonly urls: Readonly<Record<BrokerName, string>>;
  stop(): Promise<void>;
}

const STARTUP_MS = 30_000;

async function nodeBroker(kind: "aedes" | "hub" | "relay") {
  const child = forkChild(kind);
  try {
    const { url } = await child.expect("ready", STARTUP_MS);
    if (url === undefined) throw new Error(`${kind} broker sent no url`);
    return { url, stop: child.stop };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

export async function startBrokers(): Promise<Brokers> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    await Promise.allSettled(stops.map((s) => s()));
  };
  try {
    const mosquitto = await startMosquitto();
    stops.push(mosquitto.stop);
    const stockMosquitto = await startMosquitto({ tcpNoDelay: false });
    stops.push(stockMosquitto.stop);
    const nats = await startNatsServer();
    stops.push(nats.stop);
    const [aedes, hub, relay] = await Promise.all([
      nodeBroker("aedes"),
      nodeBroker("hub"),
      nodeBroker("relay"),
    ]);
    stops.push(aedes.stop, hub.stop, relay.stop);
    return {
      urls: {
        mosquitto: `mqtt://127.0.0.1:${mosquitto.port}`,
        mosquittoStock: `mqtt://127.0.0.1:${stockMosquitto.port}`,
        nats: nats.url,
        aedes: aedes.url,
        hub: hub.url,
        relay: relay.url,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
