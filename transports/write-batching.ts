/**
 * Node only: the writes of one event-loop turn leave a socket in one `writev` instead of one
 * system call each (a hub fanning out, an agent answering a batch of requests). The first write
 * of a turn goes at once, as without batching: a lone message waits for nothing, and the process
 * at the other end can start on it. The writes after it in the same turn are held on the corked
 * socket until `setImmediate`, after the turn's I/O callbacks, and let out early whenever what is
 * held would reach `flushAt` bytes: a whole burst held until the end of the turn would make the
 * processes of a pipeline take turns (each waiting for the other's whole batch) instead of
 * working at once, and would look like a slow reader to a check of the socket's buffered bytes.
 */

/** What batching needs of a socket: `net.Socket` and `tls.TLSSocket` have it. */
export interface Corkable {
  cork(): void;
  uncork(): void;
  readonly destroyed: boolean;
  /** Bytes written but not yet handed to the kernel (held ones included). */
  readonly writableLength: number;
  readonly writableHighWaterMark: number;
}

/**
 * Returns `hold(size, ack)`: call it before each write of `size` bytes. `flushAt` defaults to
 * half the socket's high-water mark (8 KB on Node 20), at least 1 KB: past the mark `write`
 * answers false, and a writer that then waits for `drain` (mqtt.js does, before settling a
 * publish) would wait on bytes held back here. An `ack` (an MQTT PUBACK: nobody waits on it)
 * never takes the turn's first write for itself: it is held until the turn's first message, which
 * takes it along in one system call, or until the turn ends (a requester acknowledging a response
 * and sending its next request made two calls, the request waiting behind the ack's).
 */
export function batchWrites(
  socket: Corkable,
  flushAt = Math.max(1024, Math.floor(socket.writableHighWaterMark / 2)),
): (size: number, ack?: boolean) => void {
  const limit = flushAt;
  /** The turn's first message was written (at once); `corked` while writes are held. */
  let busy = false;
  let corked = false;
  /** An end-of-turn release is scheduled. */
  let scheduled = false;
  const release = (): void => {
    if (!corked) return;
    corked = false;
    if (!socket.destroyed) socket.uncork();
  };
  const endOfTurn = (): void => {
    scheduled = false;
    busy = false;
    release();
  };
  const hold = (): void => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(endOfTurn);
    }
    if (!corked) {
      corked = true;
      socket.cork();
    }
  };
  return (size, ack = false) => {
    if (socket.destroyed) return;
    if (!busy && !ack) {
      busy = true;
      if (corked) {
        // Acks are held: this message joins them, and all leave once it is written.
        process.nextTick(release);
      } else if (!scheduled) {
        scheduled = true;
        setImmediate(endOfTurn);
      }
      return;
    }
    if (socket.writableLength + size >= limit) {
      // Too much to hold with this one: let what is held out, and this write after it.
      release();
      return;
    }
    hold();
  };
}
