/**
 * The MQTT client's packets of one event-loop turn leave in one `writev` (see
 * `../write-batching.ts`). mqtt-packet corks the socket for each packet only until the next
 * tick, and mqtt.js handles each incoming packet in a tick of its own, so a responder answering
 * a batch of requests (or a caller sending a burst) made one system call per packet.
 */
import { Socket } from "node:net";
import { batchWrites } from "../write-batching.js";

/** One holder per socket: after a reconnect mqtt.js writes to a new one. */
const holders = new WeakMap<Socket, (size: number) => void>();

/**
 * Call before each publish on mqtt.js's `client.stream`, with about the bytes it will write;
 * nothing happens for a stream that is no socket.
 */
export function holdWritesOf(stream: unknown, size: number): void {
  if (!(stream instanceof Socket)) return;
  let hold = holders.get(stream);
  if (hold === undefined) {
    hold = batchWrites(stream);
    holders.set(stream, hold);
  }
  hold(size);
}
