/**
 * Node only: holds a socket's writes until the current burst of work is done, so the frames sent
 * while handling one incoming chunk (a hub fanning out, an agent answering a batch of requests)
 * leave in one `writev` instead of one system call each. `ws` writes every frame at once; corking
 * its socket (Node counts nested corks) is the batching it leaves to the caller.
 *
 * The writes are released on `process.nextTick`, which runs once the code that made them and the
 * promise jobs it queued have finished: a lone message waits microseconds, never a timer.
 */

/** What corking needs of a socket: `net.Socket` and `tls.TLSSocket` have it. */
export interface Corkable {
  cork(): void;
  uncork(): void;
  readonly destroyed: boolean;
  /** Bytes written but not yet handed to the kernel (held ones included). */
  readonly writableLength: number;
}

/** The most a burst holds back before it is handed to the kernel anyway. */
export const DEFAULT_FLUSH_AT_BYTES = 64 * 1024;

/**
 * Returns `hold()`: call it before each write; the first of a burst corks, the tick's end
 * uncorks. A burst is let out early once `flushAtBytes` are held, so what waits in user space
 * never looks like a slow reader to a check of the socket's buffered bytes (the hub's
 * backpressure), however large the burst (the retained messages sent on a subscribe, say).
 */
export function holdWritesThisTick(
  socket: Corkable,
  flushAtBytes = DEFAULT_FLUSH_AT_BYTES,
): () => void {
  let held = false;
  const release = (): void => {
    held = false;
    if (!socket.destroyed) socket.uncork();
  };
  return () => {
    if (socket.destroyed) return;
    if (held) {
      if (socket.writableLength >= flushAtBytes) {
        socket.uncork();
        socket.cork();
      }
      return;
    }
    held = true;
    socket.cork();
    process.nextTick(release);
  };
}
