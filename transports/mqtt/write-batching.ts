/**
 * The MQTT client's packets of one event-loop turn leave in one `writev` (see
 * `../write-batching.ts`). mqtt-packet corks the socket for each packet only until the next
 * tick, and mqtt.js handles each incoming packet in a tick of its own, so a responder answering
 * a batch of requests (or a caller sending a burst) made one system call per packet.
 */
import { batchWrites } from "../write-batching.js";
import { type TcpSocket, tcpSocketOf } from "./tcp-socket.js";

type Hold = (size: number, ack?: boolean) => void;
/** One holder per socket: after a reconnect mqtt.js writes to a new one. */
const holders = new WeakMap<TcpSocket, Hold>();
const holdNothing = (): void => {};
/** The stream of the last call and its holder (most calls are for the same one; a closed one stays referenced until the next call). */
let lastStream: unknown;
let lastHold: Hold = holdNothing;

/**
 * Call before each publish on mqtt.js's `client.stream`, with about the bytes it will write, and
 * with `ack` before mqtt.js acknowledges a received QoS 1 or 2 message; nothing happens for a
 * stream that is no TCP socket (a WebSocket's).
 */
export function holdWritesOf(stream: unknown, size: number, ack = false): void {
  if (stream !== lastStream) {
    lastStream = stream;
    lastHold = holderOf(stream);
  }
  lastHold(size, ack);
}

function holderOf(stream: unknown): Hold {
  const socket = tcpSocketOf(stream);
  if (socket === undefined) return holdNothing;
  let hold = holders.get(socket);
  if (hold === undefined) {
    hold = batchWrites(socket);
    holders.set(socket, hold);
  }
  return hold;
}
