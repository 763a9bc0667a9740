/**
 * A private mosquitto on a free loopback port, configured by a generated file in a temporary
 * directory that is removed when the broker stops.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrokerProcess, startBrokerProcess } from "./broker-process.js";
import { freePort, waitForPort } from "./free-port.js";

/** Options for {@link startMosquitto}. */
export interface MosquittoOptions {
  /** Keep retained messages and persistent sessions in the temp dir across `restart()`. @default false */
  readonly persistence?: boolean;
  /** Extra configuration lines appended to the generated file. */
  readonly config?: readonly string[];
  /** `set_tcp_nodelay`; false is mosquitto 2's own default (Nagle's algorithm on). @default true */
  readonly tcpNoDelay?: boolean;
}

/** Starts mosquitto; `stop()` kills it and removes its directory. */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<BrokerProcess> {
  const dir = await mkdtemp(join(tmpdir(), "parley-mosquitto-"));
  try {
    // Started as root, mosquitto drops to user "mosquitto" before it writes its persistence file.
    await chmod(dir, 0o777);
    const port = await freePort();
    const configFile = join(dir, "mosquitto.conf");
    const lines = [
      `listener ${port} 127.0.0.1`,
      "allow_anonymous true",
      `set_tcp_nodelay ${options.tcpNoDelay ?? true}`,
      ...(options.persistence
        ? ["persistence true", `persistence_location ${dir}/`, "autosave_interval 1"]
        : []),
      ...(options.config ?? []),
    ];
    await writeFile(configFile, `${lines.join("\n")}\n`);
    const broker = await startBrokerProcess({
      binary: "/usr/sbin/mosquitto",
      debianPackage: "mosquitto",
      args: ["-c", configFile],
      port,
    });
    return {
      ...broker,
      async stop() {
        await broker.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A mosquitto with a second listener, for MQTT over WebSockets at `ws://127.0.0.1:{wsPort}`. */
export async function startMosquittoWithWebSockets(
  options: MosquittoOptions = {},
): Promise<BrokerProcess & { readonly wsPort: number }> {
  const wsPort = await freePort();
  const broker = await startMosquitto({
    ...options,
    config: [
      `listener ${wsPort} 127.0.0.1`,
      "protocol websockets",
      // Without it mosquitto 2.0's websockets library listens on every interface (IPv6 any).
      "socket_domain ipv4",
      ...(options.config ?? []),
    ],
  });
  try {
    await waitForPort(wsPort);
  } catch (error) {
    await broker.stop();
    throw error;
  }
  return {
    ...broker,
    wsPort,
    // The process answers on its TCP port a moment before the websockets listener is up.
    async restart() {
      await broker.restart();
      await waitForPort(wsPort);
    },
  };
}
