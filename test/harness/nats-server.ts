/**
 * A private nats-server on a free loopback port, optionally with JetStream (in a temporary store
 * directory, removed at stop) and user/password or token authentication.
 */
import { mkdtemp, rm } from "node:fs/promises";
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
}

/** A running nats-server. */
export interface NatsServer extends BrokerProcess {
  /** `nats://127.0.0.1:PORT` */
  readonly url: string;
  /** JetStream's temporary store directory (removed by `stop()`), when JetStream is on. */
  readonly storeDir: string | undefined;
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
  args.push(...(options.extraArgs ?? []));

  const removeStore = async (): Promise<void> => {
    if (storeDir) await rm(storeDir, { recursive: true, force: true });
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
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    storeDir,
    output: broker.output,
    kill: broker.kill,
    restart: broker.restart,
    async stop() {
      await broker.stop();
      await removeStore();
    },
  };
}
