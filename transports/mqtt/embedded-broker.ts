/**
 * A zero-setup MQTT broker in this process: aedes 1.2 over plain TCP. It speaks MQTT 3.1.1 only
 * and has no shared subscriptions; the MQTT transport notices and adapts its `features`.
 */
import { createServer, type Socket } from "node:net";
import { importOptional } from "../../src/util/optional-package.js";

/** Options for {@link createEmbeddedBroker}. */
export interface EmbeddedBrokerOptions {
  /** TCP port to listen on; 0 picks a free one. @default 1883 */
  readonly port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  readonly host?: string;
}

/** A running embedded broker. */
export interface EmbeddedBroker {
  /** `mqtt://host:port`, ready for `createMqttTransport({ url })`. */
  readonly url: string;
  readonly host: string;
  /** The port it listens on (the chosen one when `port` was 0). */
  readonly port: number;
  /** Stops listening and drops every connection. Idempotent. */
  close(): Promise<void>;
}

/** Default port of the embedded broker: the standard MQTT port. */
export const DEFAULT_EMBEDDED_BROKER_PORT = 1883;
/** Default interface of the embedded broker: loopback only. */
export const DEFAULT_EMBEDDED_BROKER_HOST = "127.0.0.1";

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === "EADDRINUSE")
    return new Error(`port ${port} is in use: ${error.message}`, { cause: error });
  if (error.code === "EACCES")
    return new Error(`port ${port} needs privileges: ${error.message}`, { cause: error });
  return new Error(`cannot listen on ${host}:${port}: ${error.message}`, { cause: error });
}

/** Starts an embedded broker; rejects with a one-line error when the port is taken. */
export async function createEmbeddedBroker(
  options: EmbeddedBrokerOptions = {},
): Promise<EmbeddedBroker> {
  const host = options.host ?? DEFAULT_EMBEDDED_BROKER_HOST;
  const requestedPort = options.port ?? DEFAULT_EMBEDDED_BROKER_PORT;
  const { Aedes } = await importOptional(
    ["aedes"],
    "the embedded MQTT broker (parley-a2a/transports/mqtt)",
    () => import("aedes"),
  );
  const aedes = await Aedes.createBroker();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    // Small MQTT packets must not wait for Nagle's algorithm (~40 ms with delayed ACKs).
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    aedes.handle(socket);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(requestedPort, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    throw listenError(error as NodeJS.ErrnoException, host, requestedPort);
  }
  const address = server.address();
  const port = address !== null && typeof address === "object" ? address.port : requestedPort;
  let closing: Promise<void> | undefined;
  return {
    url: `mqtt://${host.includes(":") ? `[${host}]` : host}:${port}`,
    host,
    port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await new Promise<void>((resolve) => aedes.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await stopped;
      })();
      return closing;
    },
  };
}
