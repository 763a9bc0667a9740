/**
 * mqtt.js's stream when it is a TCP or TLS socket (Node, `mqtt://` and `mqtts://`), told apart
 * by what it can do rather than `instanceof net.Socket`: importing `node:net` would keep the
 * transport out of browsers, where the stream wraps a WebSocket (as it does for `ws://` in Node).
 */
import type { Corkable } from "../write-batching.js";

/** The parts of `net.Socket` the transport tunes. */
export interface TcpSocket extends Corkable {
  setNoDelay(noDelay: boolean): unknown;
}

/** The stream as a TCP socket, or undefined for any other stream (a WebSocket's, say). */
export function tcpSocketOf(stream: unknown): TcpSocket | undefined {
  if (typeof stream !== "object" || stream === null) return undefined;
  const socket = stream as Partial<TcpSocket>;
  return typeof socket.setNoDelay === "function" && typeof socket.cork === "function"
    ? (socket as TcpSocket)
    : undefined;
}
