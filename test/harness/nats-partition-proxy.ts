/**
 * A TCP proxy in front of one nats-server that can cut single clients off, as a crash or a broken
 * network would look to the broker: `partition(name, outageMs)` resets the connections of the
 * client whose NATS connection name is `name` (no goodbye, nothing flushed) and turns its
 * reconnect attempts away for `outageMs`, after which it may come back.
 *
 * The proxy learns each client's name from the first line the client sends, its `CONNECT {json}`.
 */
import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";

/** A running proxy. */
export interface NatsPartitionProxy {
  /** `nats://127.0.0.1:PORT` of the proxy; give it to clients instead of the server's. */
  readonly url: string;
  /** Cuts the named client off for `outageMs` and resolves once its connections are closed. */
  partition(name: string, outageMs: number): Promise<void>;
  /** Closes every connection and the listener. Idempotent. */
  stop(): Promise<void>;
}

/** The connection name in a NATS `CONNECT {json}` line, if any. */
function connectName(line: string): string | undefined {
  if (!line.startsWith("CONNECT ")) return undefined;
  try {
    const name = (JSON.parse(line.slice("CONNECT ".length)) as { name?: unknown }).name;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a proxy on a free loopback port forwarding to the nats-server on `serverPort`. */
export async function startNatsPartitionProxy(serverPort: number): Promise<NatsPartitionProxy> {
  const clientsByName = new Map<string, Set<Socket>>();
  const blockedUntil = new Map<string, number>();
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(serverPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      for (const named of clientsByName.values()) named.delete(client);
    };
    for (const socket of [client, upstream]) {
      socket.on("error", end);
      socket.on("close", end);
    }
    upstream.pipe(client);

    let head = Buffer.alloc(0);
    const readConnect = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const eol = head.indexOf("\r\n");
      if (eol < 0) return;
      client.off("data", readConnect);
      const name = connectName(head.subarray(0, eol).toString());
      if (name !== undefined && (blockedUntil.get(name) ?? 0) > Date.now()) {
        client.resetAndDestroy();
        return;
      }
      if (name !== undefined) {
        const named = clientsByName.get(name) ?? new Set<Socket>();
        named.add(client);
        clientsByName.set(name, named);
      }
      upstream.write(head);
      client.pipe(upstream);
    };
    client.on("data", readConnect);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };

  return {
    url: `nats://127.0.0.1:${port}`,
    async partition(name, outageMs) {
      blockedUntil.set(name, Date.now() + outageMs);
      const victims = [...(clientsByName.get(name) ?? [])];
      await Promise.all(
        victims.map((socket) => {
          const closed = once(socket, "close");
          socket.resetAndDestroy();
          return closed;
        }),
      );
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}
