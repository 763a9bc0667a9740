/**
 * A TCP proxy that can go silent: after `blackhole()` it forwards nothing either way and closes
 * nothing, as a dead network path looks to both ends (no FIN, no RST: only keepalives notice).
 */
import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";

export interface BlackholeProxy {
  readonly port: number;
  /** From now on, drop every byte in both directions and keep the sockets open. */
  blackhole(): void;
  stop(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `127.0.0.1:targetPort`. */
export async function startBlackholeProxy(targetPort: number): Promise<BlackholeProxy> {
  const sockets = new Set<Socket>();
  let silent = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    track(client);
    track(upstream);
    client.on("data", (chunk) => silent || upstream.write(chunk));
    upstream.on("data", (chunk) => silent || client.write(chunk));
    client.on("close", () => silent || upstream.destroy());
    upstream.on("close", () => silent || client.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    blackhole() {
      silent = true;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
