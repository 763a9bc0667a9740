/**
 * The part the test proxies share: a TCP server on a free loopback port that keeps track of
 * every socket it touches (accepted clients and their upstream connections), so it can cut them
 * all and stop.
 */
import { once } from "node:events";
import { createServer, type Socket } from "node:net";

export interface LoopbackProxyServer {
  readonly port: number;
  /** Open sockets, accepted and upstream. */
  readonly sockets: ReadonlySet<Socket>;
  /** Destroys every socket and stops listening. */
  stop(): Promise<void>;
}

/**
 * Listens on a free loopback port; `serve` gets each accepted client and `track` (call it on
 * every upstream socket it opens). Socket errors are swallowed: a reset is a close here.
 */
export async function listenLoopbackProxy(
  serve: (client: Socket, track: (socket: Socket) => void) => void,
): Promise<LoopbackProxyServer> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  };
  const server = createServer((client) => {
    track(client);
    serve(client, track);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    sockets,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
