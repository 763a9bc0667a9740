/**
 * The MQTT client's packets of one event-loop turn leave in one `writev`. mqtt-packet corks the
 * socket for each packet only until the next tick, and mqtt.js handles each incoming packet in a
 * tick of its own, so a responder answering a batch of requests (or a caller sending a burst)
 * made one system call per packet. Here the first packet of an event-loop turn goes at once, as
 * before (a lone message waits for nothing), and the ones after it in the same turn are held on
 * the corked socket until `setImmediate`, after the turn's I/O callbacks: one `writev` for them.
 */
import { Socket } from "node:net";

/** One holder per socket: after a reconnect mqtt.js writes to a new one. */
const holders = new WeakMap<Socket, () => void>();

function holderFor(socket: Socket): () => void {
  // Let a burst out before the socket's buffer reaches its high-water mark: past it, `write`
  // answers false and mqtt.js waits for `drain` before each further packet.
  const flushAt = Math.max(1024, Math.floor(socket.writableHighWaterMark / 2));
  /** A publish was made this turn; `corked` once a second one was (and the socket holds them). */
  let busy = false;
  let corked = false;
  const endOfTurn = (): void => {
    busy = false;
    if (!corked) return;
    corked = false;
    if (!socket.destroyed) socket.uncork();
  };
  return () => {
    if (socket.destroyed) return;
    if (!busy) {
      // The first packet of a turn goes as mqtt.js sends it: a lone message waits for nothing.
      busy = true;
      setImmediate(endOfTurn);
      return;
    }
    if (!corked) {
      corked = true;
      socket.cork();
    } else if (socket.writableLength >= flushAt) {
      socket.uncork();
      socket.cork();
    }
  };
}

/** Call before each publish on mqtt.js's `client.stream`; nothing for a stream that is no socket. */
export function holdWritesOf(stream: unknown): void {
  if (!(stream instanceof Socket)) return;
  let hold = holders.get(stream);
  if (hold === undefined) {
    hold = holderFor(stream);
    holders.set(stream, hold);
  }
  hold();
}
