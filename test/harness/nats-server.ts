/**
 * A private nats-server on a free loopback port, optionally with JetStream (in a temporary store
 * directory, removed at stop), user/password or token authentication, and a WebSocket listener.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrokerProcess, startBrokerProcess } from "./broker-process.js";
import { freePort, waitForPort } from "./free-port.js";

/** Where Debian installs nats-server. */
export const NATS_SERVER_BINARY = "/usr/sbin/nats-server";

/** Options for {@link startNatsServer}. */
export interface NatsServerOptions {
  /** Enable JetStream with a temporary store directory. @default false */
  readonly jetstream?: boolean;
  /** Require this user name (with `pass`). */
  readonly user?: string;
  readonly pass?: string;
  /** Require this token. */
  readonly token?: string;
  /** Extra command-line arguments (cluster options, a server name). */
  readonly extraArgs?: readonly string[];
  /** Port to listen on. @default a free port */
  readonly port?: number;
  /**
   * Also listen for NATS over WebSocket (plain `ws://`) on another free loopback port; the
   * server then reads a temporary config file, so `extraArgs` may not hold another `-c`.
   * @default false
   */
  readonly websocket?: boolean;
}

/** A running nats-server. */
export interface NatsServer extends BrokerProcess {
  /** `nats://127.0.0.1:PORT` */
  readonly url: string;
  /** JetStream's temporary store directory (removed by `stop()`), when JetStream is on. */
  readonly storeDir: string | undefined;
  /** `ws://127.0.0.1:PORT` of the WebSocket listener, when `websocket` is on. */
  readonly wsUrl: string | undefined;
}

/** True when something accepts connections on 127.0.0.1:port (one attempt). */
async function isListening(port: number): Promise<boolean> {
  return waitForPort(port, "127.0.0.1", 0).then(
    () => true,
    () => false,
  );
}

/** Starts a private nats-server and resolves once it accepts connections. */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  const port = options.port ?? (await freePort());
  // Otherwise the new server fails to bind while the old one answers the readiness check.
  if (options.port !== undefined && (await isListening(port))) {
    throw new Error(`cannot start nats-server: port ${port} on 127.0.0.1 is already in use`);
  }
  const args = ["-a", "127.0.0.1", "-p", String(port)];
  let storeDir: string | undefined;
  if (options.jetstream) {
    storeDir = await mkdtemp(join(tmpdir(), "parley-nats-js-"));
    args.push("-js", "-sd", storeDir);
  }
  if (options.user !== undefined) args.push("--user", options.user, "--pass", options.pass ?? "");
  if (options.token !== undefined) args.push("--auth", options.token);
  let configDir: string | undefined;
  let wsPort: number | undefined;
  if (options.websocket) {
    wsPort = await freePort();
    configDir = await mkdtemp(join(tmpdir(), "parley-nats-ws-"));
    const config = join(configDir, "websocket.conf");
    await writeFile(config, `websocket {\n  listen: "127.0.0.1:${wsPort}"\n  no_tls: true\n}\n`);
    args.push("-c", config);
  }
  args.push(...(options.extraArgs ?? []));

  const removeStore = async (): Promise<void> => {
    if (storeDir) await rm(storeDir, { recursive: true, force: true });
    if (configDir) await rm(configDir, { recursive: true, force: true });
  };
  let broker: BrokerProcess;
  try {
    broker = await startBrokerProcess({
      binary: NATS_SERVER_BINARY,
      debianPackage: "nats-server",
      args,
      port,
    });
  } catch (err) {
    await removeStore();
    throw err;
  }
  // The client port answers first; the WebSocket listener opens right after it.
  if (wsPort !== undefined) {
    await waitForPort(wsPort, "127.0.0.1").catch(async (err: unknown) => {
      await broker.stop();
      await removeStore();
      throw err;
    });
  }
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    storeDir,
    wsUrl: wsPort === undefined ? undefined : `ws://127.0.0.1:${wsPort}`,
    output: broker.output,
    kill: broker.kill,
    restart: broker.restart,
    async stop() {
      await broker.stop();
      await removeStore();
    },
  };
}
