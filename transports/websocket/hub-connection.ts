/**
 * Serves one accepted WebSocket: reads its frames, checks each (untrusted input), and hands
 * valid ones to the hub core. A bad frame is answered with an `error` frame; the connection and
 * the hub carry on.
 */
import type { WebSocket } from "ws";
import { parseClientFrame } from "./frame-parser.js";
import {
  type ClientFrame,
  FRAME_FORMAT,
  FrameError,
  frameFormatMismatch,
  HubCloseCode,
} from "./frames.js";
import type { HubCore } from "./hub-core.js";
import type { ResolvedHubOptions } from "./hub-options.js";
import { createHubSession, type HubCounters, type HubSession } from "./hub-session.js";
import { messageBytes } from "./ws-message-bytes.js";

function authorized(options: ResolvedHubOptions, token: string | undefined): boolean {
  try {
    return options.authorize(token) === true;
  } catch {
    return false;
  }
}

/** Starts serving `socket`; returns its session. */
export function serveConnection(
  socket: WebSocket,
  core: HubCore,
  options: ResolvedHubOptions,
  counters: HubCounters,
  holdWrites: (size: number) => void = () => {},
): HubSession {
  const session = createHubSession(socket, options.maxBufferedBytes, counters, holdWrites);
  const helloTimer = setTimeout(() => {
    refuse(`no hello within ${options.helloTimeoutMs} ms`);
    socket.close(HubCloseCode.badHello, "expected a valid hello");
  }, options.helloTimeoutMs);

  function refuse(message: string, id?: string): void {
    counters.badFrames++;
    session.send(id === undefined ? { type: "error", message } : { type: "error", message, id });
  }

  /**
   * A client of another frame format would misread every frame: it is told which side to
   * upgrade and closed as for a bad hello, a code on which clients of every format stop retrying.
   */
  function refusedFormat(announced: number | undefined): boolean {
    const mismatch = frameFormatMismatch(announced, "hub");
    if (mismatch === undefined) return false;
    refuse(mismatch);
    socket.close(HubCloseCode.badHello, `hub speaks frame format ${FRAME_FORMAT}`);
    return true;
  }

  function dispatch(frame: ClientFrame): void {
    if (session.clientId === undefined && frame.type !== "hello") {
      refuse(`"${frame.type}" before "hello": say hello first`);
      socket.close(HubCloseCode.badHello, "expected a valid hello");
      return;
    }
    switch (frame.type) {
      case "hello":
        if (session.clientId !== undefined) throw new FrameError("hello was already sent");
        if (refusedFormat(frame.frameFormat)) return;
        if (!authorized(options, frame.token)) {
          session.clean = true;
          session.send({ type: "error", message: "unauthorized: missing or refused token" });
          socket.close(HubCloseCode.unauthorized, "unauthorized");
          return;
        }
        clearTimeout(helloTimer);
        core.attach(session, frame);
        return;
      case "sub":
        core.subscribe(session, frame);
        return;
      case "unsub":
        core.unsubscribe(session, frame.id);
        return;
      case "pub":
        core.publish(
          {
            address: frame.address,
            body: frame.body,
            encoding: frame.encoding,
            metadata: frame.metadata ?? {},
            retain: frame.retain ?? false,
            expirySeconds: frame.expirySeconds,
          },
          "client",
          frame.id !== undefined,
        );
        if (frame.id !== undefined) session.ack(frame.id);
        return;
      case "bye":
        session.clean = true;
        // The frames before it in the same read are answered before the socket closes.
        session.sendDueAck();
        socket.close(HubCloseCode.normal, "bye");
        return;
      default:
        frame satisfies never;
    }
  }

  socket.on("message", (data, isBinary) => {
    session.alive = true;
    if (isBinary) {
      refuse("binary frames are not supported: send JSON text frames");
      return;
    }
    let frame: ClientFrame;
    try {
      frame = parseClientFrame(messageBytes(data));
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      refuse(error.message, error.id);
      // Without a valid hello there is no session to keep; the client cannot fix it by waiting.
      if (session.clientId === undefined)
        socket.close(HubCloseCode.badHello, "expected a valid hello");
      return;
    }
    try {
      dispatch(frame);
    } catch (error) {
      const id = "id" in frame ? frame.id : undefined;
      refuse(
        error instanceof Error ? error.message : String(error),
        error instanceof FrameError ? (error.id ?? id) : id,
      );
    }
  });
  socket.on("pong", () => {
    session.alive = true;
  });
  // Socket errors (bad UTF-8, oversized frames, resets) are followed by "close"; nothing to add.
  socket.on("error", () => {});
  socket.on("close", () => {
    clearTimeout(helloTimer);
    core.detach(session);
  });
  return session;
}
