/**
 * One client connection to the hub: opens the socket, says hello, waits for welcome, then passes
 * checked frames on. Browser-safe: the socket comes from the constructor it is given.
 */
import type { Utf8Check } from "./body-encoding.js";
import {
  movesTextAsBytes,
  type WebSocketConstructor,
  type WebSocketLike,
} from "./client-options.js";
import { parseHubFrame } from "./frame-parser.js";
import {
  type ClientFrame,
  FrameError,
  frameFormatMismatch,
  type HelloFrame,
  HubCloseCode,
  type HubFrame,
  type PubFrame,
  type WelcomeFrame,
} from "./frames.js";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Close codes after which reconnecting would not help. */
export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  HubCloseCode.badHello,
  HubCloseCode.unauthorized,
  HubCloseCode.takenOver,
]);

/** The hub refused or dropped the connection before welcome. `closeCode` is the socket's, if any. */
export class HubConnectionError extends Error {
  override readonly name = "HubConnectionError";
  readonly closeCode: number | undefined;
  /** True when trying again would fail the same way (token refused, another frame format). */
  readonly final: boolean;
  constructor(
    message: string,
    closeCode?: number,
    final = TERMINAL_CLOSE_CODES.has(closeCode ?? 0),
  ) {
    super(message);
    this.closeCode = closeCode;
    this.final = final;
  }
}

/** A welcomed connection. */
export interface HubLink {
  readonly welcome: WelcomeFrame;
  /** Sends a frame without a body (a body may be bytes, which JSON would not keep). */
  send(frame: Exclude<ClientFrame, PubFrame | HelloFrame>): void;
  /** Sends a frame the caller has serialised already (to measure its size first). */
  sendText(data: string | Uint8Array): void;
  /** Set when the socket sends bytes as text (Node): frames may then be bytes. */
  readonly isUtf8: Utf8Check | undefined;
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
    const bytesSocket = movesTextAsBytes(socket) ? socket : undefined;
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
      sendText: bytesSocket
        ? (data) => bytesSocket.sendText(data)
        : (data) => socket.send(typeof data === "string" ? data : decoder.decode(data)),
      isUtf8: bytesSocket ? (bytes) => bytesSocket.isUtf8(bytes) : undefined,
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

    /** A hub of another frame format: leave (no Last Will) and say which side to upgrade. */
    const refuseHub = (why: string) => {
      clearTimeout(timer);
      socket.send(JSON.stringify({ type: "bye" }));
      socket.close(HubCloseCode.normal, "bye");
      const message = `websocket hub at ${options.url} cannot be used: ${why}`;
      reject(new HubConnectionError(message, undefined, true));
    };
    socket.onopen = () => socket.send(JSON.stringify(options.hello));
    /** One message from the hub: its text or bytes, undefined for a binary message. */
    const onData = (data: string | Uint8Array | undefined) => {
      if (data === undefined) return options.onBadFrame(new FrameError("binary frame from hub"));
      let frame: HubFrame;
      try {
        frame = parseHubFrame(data);
      } catch (error) {
        if (error instanceof FrameError) return options.onBadFrame(error);
        throw error;
      }
      if (welcomed) return options.onFrame(frame);
      if (frame.type === "welcome") {
        const mismatch = frameFormatMismatch(frame.frameFormat, "client");
        if (mismatch !== undefined) return refuseHub(mismatch);
        welcomed = true;
        welcome = frame;
        clearTimeout(timer);
        resolve(link);
      } else if (frame.type === "error") hubError = frame.message;
    };
    if (bytesSocket) bytesSocket.onbytes = (bytes, binary) => onData(binary ? undefined : bytes);
    else
      socket.onmessage = (event) => onData(typeof event.data === "string" ? event.data : undefined);
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
