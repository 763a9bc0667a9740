/**
 * The broker of one run, each on a free loopback port, which the harness can kill -9 and start
 * again on the same port: mosquitto and nats-server through the test harness, the embedded aedes
 * broker and the WebSocket hub (alone, or bridged to a mosquitto) in a forked child. Mosquitto
 * keeps its state on disk across the kill (saved on every change); the others have no
 * persistence and start empty.
 */

import { freePort } from "../../test/harness/free-port.js";
import { startMosquitto } from "../../test/harness/mosquitto.js";
import { startNatsServer } from "../../test/harness/nats-server.js";
import { type Child, forkEntry, siblingModule } from "../child-processes.js";
import type { ReliabilityMessage } from "./protocol.js";

/** The brokers the harness knows how to run. */
export type BrokerKind = "mosquitto" | "nats" | "aedes" | "hub" | "bridgedHub";

/** A running broker the harness can crash. */
export interface KillableBroker {
  /** Where the requester connects (for the bridged hub: the hub). */
  readonly url: string;
  /** Where the responder connects (for the bridged hub: the mosquitto behind it). */
  readonly responderUrl: string;
  /** SIGKILL: no goodbye to anyone. */
  kill(): Promise<void>;
  /** Kills it if it still runs, then starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const STARTUP_MS = 30_000;

async function nodeBroker(kind: "aedes" | "hub", bridgeUrl?: string): Promise<KillableBroker> {
  const port = await freePort();
  const args = [kind, String(port), ...(bridgeUrl === undefined ? [] : [bridgeUrl])];
  let child: Child<ReliabilityMessage, never> | undefined;
  const start = async (): Promise<string> => {
    const started = forkEntry<ReliabilityMessage, never>(
      siblingModule(import.meta.url, "child"),
      args,
      `${kind} broker`,
    );
    child = started;
    const { url } = await started.expect("ready", STARTUP_MS);
    if (url === undefined) throw new Error(`${kind} broker sent no url`);
    return url;
  };
  const url = await start();
  const kill = async () => child?.stop();
  const restart = async (): Promise<void> => {
    await kill();
    await start();
  };
  return { url, responderUrl: url, kill, restart, stop: kill };
}

async function mosquitto(): Promise<KillableBroker> {
  const broker = await startMosquitto({
    persistence: true,
    config: ["autosave_on_changes true", "autosave_interval 1"],
  });
  const url = `mqtt://127.0.0.1:${broker.port}`;
  return { url, responderUrl: url, kill: broker.kill, restart: broker.restart, stop: broker.stop };
}

async function bridgedHub(): Promise<KillableBroker> {
  const behind = await startMosquitto();
  try {
    const hub = await nodeBroker("hub", `mqtt://127.0.0.1:${behind.port}`);
    return {
      ...hub,
      responderUrl: `mqtt://127.0.0.1:${behind.port}`,
      async stop() {
        await hub.stop();
        await behind.stop();
      },
    };
  } catch (error) {
    await behind.stop();
    throw error;
  }
}

export async function startKillableBroker(kind: BrokerKind): Promise<KillableBroker> {
  switch (kind) {
    case "mosquitto":
      return mosquitto();
    case "nats": {
      const nats = await startNatsServer();
      return { ...nats, responderUrl: nats.url, stop: nats.stop };
    }
    case "aedes":
    case "hub":
      return nodeBroker(kind);
    case "bridgedHub":
      return bridgedHub();
  }
}
