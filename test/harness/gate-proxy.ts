/**
 * A TCP proxy with a gate, to decide WHEN a client gets through to a server: while shut, it
 * resets every connection it holds and every new one at once (a client sees its server gone and
 * retries on its own schedule), and connects nothing; open, it forwards both ways. Lets a test
 * order reconnects (e.g. one agent back on a restarted hub before another) without timing.
 */
import { connect } from "node:net";
import { listenLoopbackProxy } from "./loopback-proxy-server.js";

export interface GateProxy {
  readonly port: number;
  /** Resets every proxied connection and refuses new ones until {@link open}. */
  shut(): void;
  open(): void;
  stop(): Promise<void>;
}

/** Starts an open proxy on a free loopback port in front of `127.0.0.1:targetPort`. */
export async function startGateProxy(targetPort: number): Promise<GateProxy> {
  let shut = false;
  const proxy = await listenLoopbackProxy((client, track) => {
    if (shut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, "127.0.0.1");
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  return {
    port: proxy.port,
    shut() {
      shut = true;
      for (const socket of proxy.sockets) socket.resetAndDestroy();
    },
    open() {
      shut = false;
    },
    stop: () => proxy.stop(),
  };
}
