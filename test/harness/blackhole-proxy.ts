/**
 * A TCP proxy that can go silent: after `blackhole()` it forwards nothing either way and closes
 * nothing, as a dead network path looks to both ends (no FIN, no RST: only keepalives notice).
 */
import { connect } from "node:net";
import { listenLoopbackProxy } from "./loopback-proxy-server.js";

export interface BlackholeProxy {
  readonly port: number;
  /** From now on, drop every byte in both directions and keep the sockets open. */
  blackhole(): void;
  stop(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `127.0.0.1:targetPort`. */
export async function startBlackholeProxy(targetPort: number): Promise<BlackholeProxy> {
  let silent = false;
  const proxy = await listenLoopbackProxy((client, track) => {
    const upstream = connect(targetPort, "127.0.0.1");
    track(upstream);
    client.on("data", (chunk) => silent || upstream.write(chunk));
    upstream.on("data", (chunk) => silent || client.write(chunk));
    client.on("close", () => silent || upstream.destroy());
    upstream.on("close", () => silent || client.destroy());
  });
  return {
    port: proxy.port,
    blackhole() {
      silent = true;
    },
    stop: () => proxy.stop(),
  };
}
