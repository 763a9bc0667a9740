/**
 * One client connection to the hub: opens the socket, says hello, waits for welcome, then passes
 * checked frames on. Browser-safe: the socket comes from the constructor it is given.
 */
import type { WebSocketConstructor, WebSocketLike } from "./client-options.js";
import {
  agreedFrameFormat,
  type ClientFrame,
  FrameError,
  type HelloFrame,
  type HubFrame,
  parseHubFrame,
  type WelcomeFrame,
} from "./frames.js";

/** The hub refused or dropped the connection before welcome. `closeCode` is the socket's, if any. */
export class HubConnectionError extends Error {
  override readonly name = "HubConnectionError";
  readonly closeCode: number | undefined;
  constructor(message: string, closeCode?: number) {
    super(message);
    this.closeCode = closeCode;
  }
}

/** A welcomed connection. */
export interface HubLink {
  readonly welcome: WelcomeFrame;
  send(frame: ClientFrame): void;
  /** Sends a frame the caller has serialised already (to measure its size first). */
  sendText(text: string): void;
  /** Closes the socket; resolves when it is closed (or after `timeoutMs`). */
  close(code: number, reason: string, timeoutMs: number): Promise<void>;
}

/** Options of {@link openHubLink}. */
export interface HubLinkOptions {
  readonly WebSocket: WebSocketConstructor;
  readonly url: string;
  readonly hello: HelloFrame;
  readonly timeoutMs: number;
  /** Every valid frame after welcome. */
  readonly onFrame: (frame: HubFrame) => void;
  /** A frame from the hub that breaks the protocol (ignored otherwise). */
  readonly onBadFrame: (error: FrameError) => void;
  /** The socket closed after welcome. */
  readonly onClose: (code: number, reason: string) => void;
}

/** Opens a connection; rejects with {@link HubConnectionError} when no welcome comes. */
export function openHubLink(options: HubLinkOptions): Promise<HubLink> {
  return new Promise((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = new options.WebSocket(options.url);
    } catch (error) {
      reject(
        new HubConnectionError(
          `cannot open a WebSocket to ${options.url}: ${(error as Error).message}`,
        ),
      );
      return;
    }
    let welcomed = false;
    let welcome: WelcomeFrame | undefined;
    let hubError: string | undefined;
    let onClosed: (() => void) | undefined;
    const timer = setTimeout(() => {
      socket.close();
      reject(
        new HubConnectionError(
          `websocket hub at ${options.url} did not welcome us within ${options.timeoutMs} ms`,
        ),
      );
    }, options.timeoutMs);

    const link: HubLink = {
      get welcome(): WelcomeFrame {
        if (!welcome) throw new Error("not welcomed yet");
        return welcome;
      },
      send: (frame) => socket.send(JSON.stringify(frame)),
      sendText: (text) => socket.send(text),
      close: (code, reason, timeoutMs) =>
        new Promise<void>((done) => {
          const fallback = setTimeout(done, timeoutMs);
          onClosed = () => {
            clearTimeout(fallback);
            done();
          };
          socket.close(code, reason);
        }),
    };

    socket.onopen = () => socket.send(JSON.stringify(options.hello));
    socket.onmessage = (event) => {
      if (typeof event.data !== "string")
        return options.onBadFrame(new FrameError("binary frame from hub"));
      let frame: HubFrame;
      try {
        frame = parseHubFrame(event.data, agreedFrameFormat(welcome?.frameFormat));
      } catch (error) {
        if (error instanceof FrameError) return options.onBadFrame(error);
        throw error;
      }
      if (welcomed) return options.onFrame(frame);
      if (frame.type === "welcome") {
        welcomed = true;
        welcome = frame;
        clearTimeout(timer);
        resolve(link);
      } else if (frame.type === "error") hubError = frame.message;
    };
    socket.onerror = () => {
      // "close" follows with the code; nothing to add here.
    };
    socket.onclose = (event) => {
      clearTimeout(timer);
      onClosed?.();
      if (welcomed) return options.onClose(event.code, event.reason);
      const why = hubError ?? (event.reason || "connection failed");
      reject(
        new HubConnectionError(
          `websocket hub at ${options.url} refused the connection: ${why} (close code ${event.code})`,
          event.code,
        ),
      );
    };
  });
}
