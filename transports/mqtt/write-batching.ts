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
const holders = new WeakMap<Socket, (size: number) => void>();

function holderFor(socket: Socket): (size: number) => void {
  // What is held stays below half the socket's high-water mark, the packet about to be written
  // included: past the mark `write` answers false and mqtt.js waits for `drain` before it settles
  // the publish (forever, if the connection drops first).
  const flushAt = Math.max(1024, Math.floor(socket.writableHighWaterMark / 2));
  /** A publish was made this turn; `corked` once a later one was held. */
  let busy = false;
  let corked = false;
  const release = (): void => {
    if (!corked) return;
    corked = false;
    if (!socket.destroyed) socket.uncork();
  };
  const endOfTurn = (): void => {
    busy = false;
    release();
  };
  return (size) => {
    if (socket.destroyed) return;
    if (!busy) {
      // The first packet of a turn goes as mqtt.js sends it: a lone message waits for nothing.
      busy = true;
      setImmediate(endOfTurn);
      return;
    }
    if (socket.writableLength + size >= flushAt) {
      // Too much to hold with this one: let what is held out, and this packet after it.
      release();
      return;
    }
    if (!corked) {
      corked = true;
      socket.cork();
    }
  };
}

/**
 * Call before each publish on mqtt.js's `client.stream`, with about the bytes it will write;
 * nothing happens for a stream that is no socket.
 */
export function holdWritesOf(stream: unknown, size: number): void {
  if (!(stream instanceof Socket)) return;
  let hold = holders.get(stream);
  if (hold === undefined) {
    hold = holderFor(stream);
    holders.set(stream, hold);
  }
  hold(size);
}
