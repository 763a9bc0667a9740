/**
 * One client connection as the hub sees it, and the hub's backpressure policy for it.
 *
 * Backpressure: before each `msg` frame the hub looks at the socket's `bufferedAmount` (bytes
 * accepted by `send()` but not yet handed to the kernel). If something is queued already and the
 * frame would take the queue past `maxBufferedBytes`, the message is DROPPED for this client and
 * counted (`dropped` here and in the hub's stats); other clients are unaffected. So the hub never
 * holds more than `maxBufferedBytes` plus one frame per client. Control frames (`welcome`, `ack`,
 * `error`) are never dropped: a client so far behind that even the answers to its own requests
 * do not fit is cut instead (counted as `slowDisconnects`, its Last Will is published). A client
 * that stops reading altogether also stops answering pings and is cut by the keepalive.
 */
import type { WebSocket } from "ws";
import { frameData } from "./frame-serializer.js";
import type { HubFrame, WillFrame } from "./frames.js";
import { AS_TEXT } from "./ws-message-bytes.js";

/** Hub-wide counters, readable through `hub.stats()`. */
export interface HubCounters {
  /** Messages not delivered because the client's queue was full. */
  dropped: number;
  /** Clients cut because even control frames did not fit their queue. */
  slowDisconnects: number;
  /** Clients cut because they missed a ping. */
  pingTimeouts: number;
  /** Frames answered with an `error` frame. */
  badFrames: number;
  /** Connections closed at once because the hub had `maxConnections` open. */
  refusedConnections: number;
}

/** One connection. */
export interface HubSession {
  readonly socket: WebSocket;
  /** Set by `hello`. */
  clientId: string | undefined;
  will: WillFrame | undefined;
  /** True once the connection ended cleanly (bye, takeover, hub shutdown): no Last Will. */
  clean: boolean;
  /** Answered the last ping (or sent something since). */
  alive: boolean;
  /** Messages dropped for this client. */
  dropped: number;
  send(frame: HubFrame): void;
  /**
   * Acknowledges the client's frame `id`, with one ack for all the frames handled in this turn
   * (the frames of one read), sent once the turn's work is done: an ack answers every earlier
   * frame still waiting too.
   */
  ack(id: string): void;
  /** Sends an ack that is due now (before the socket is closed). */
  sendDueAck(): void;
  /** Cuts the socket without a closing handshake. */
  cut(): void;
}

/** Wraps a freshly accepted socket. */
export function createHubSession(
  socket: WebSocket,
  maxBufferedBytes: number,
  counters: HubCounters,
  /** Called before each frame is written, with its length (see `../write-batching.ts`). */
  holdWrites: (size: number) => void = () => {},
): HubSession {
  /** The last frame to acknowledge in this turn, until the ack goes out. */
  let ackDue: string | undefined;
  const sendDueAck = (): void => {
    const id = ackDue;
    ackDue = undefined;
    if (id !== undefined) session.send({ type: "ack", id });
  };
  const session: HubSession = {
    socket,
    clientId: undefined,
    will: undefined,
    clean: false,
    alive: true,
    dropped: 0,
    send(frame) {
      if (socket.readyState !== socket.OPEN) return;
      const data = frameData(frame, true);
      const size = typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
      const queued = socket.bufferedAmount;
      if (queued > 0 && queued + size > maxBufferedBytes) {
        if (frame.type === "msg") {
          session.dropped++;
          counters.dropped++;
          return;
        }
        counters.slowDisconnects++;
        session.cut();
        return;
      }
      holdWrites(size);
      socket.send(data, AS_TEXT);
    },
    ack(id) {
      if (ackDue === undefined) queueMicrotask(sendDueAck);
      ackDue = id;
    },
    sendDueAck,
    cut() {
      socket.terminate();
    },
  };
  return session;
}
