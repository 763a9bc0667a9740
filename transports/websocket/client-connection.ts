/**
 * The client's side of its connection to the hub, kept up: opens it (hello, welcome), sends
 * frames within the hub's frame limit, settles requests on the hub's `ack` or `error`, and after
 * the hub goes away reconnects with backoff, lets the transport restore its subscriptions and
 * reports `disconnected`, `reconnecting`, then `connected` with `resumed: true`. Browser-safe.
 */
import type { ConnectOptions, TransportFeatures, TransportStatus } from "../transport.js";
import { TransportRefusedError } from "../transport-refused-error.js";
import { encodeBody } from "./body-encoding.js";
import { type ResolvedWebSocketTransportOptions, reconnectDelay } from "./client-options.js";
import { frameData } from "./frame-serializer.js";
import {
  type ClientFrame,
  FRAME_FORMAT,
  type HelloFrame,
  HUB_FEATURES,
  HubCloseCode,
  type MsgFrame,
} from "./frames.js";
import { HubConnectionError, type HubLink, openHubLink, TERMINAL_CLOSE_CODES } from "./hub-link.js";
import { createPendingAcks } from "./pending-acks.js";

/** What the connection needs from the transport. */
export interface ClientConnectionHooks {
  /** A message from the hub. */
  readonly onMessage: (frame: MsgFrame) => void;
  /** After a reconnect: send the subscriptions again; resolves once the hub answered them. */
  readonly restore: () => Promise<unknown>;
  readonly emit: (status: TransportStatus) => void;
}

/** See {@link createClientConnection}. */
export interface ClientConnection {
  /** The hub's features once welcomed; before, what every Parley hub offers. */
  readonly features: TransportFeatures;
  /** Set while connected when the socket sends bytes as text (Node): bodies may stay bytes. */
  readonly isUtf8: ((bytes: Uint8Array) => boolean) | undefined;
  readonly connected: boolean;
  connect(opts: ConnectOptions): Promise<void>;
  /** Sends a frame; throws when not connected or when the frame is over the hub's limit. */
  send(frame: ClientFrame): void;
  /** Sends a frame with an id and resolves on the hub's ack (rejects on its error). */
  request(frame: ClientFrame & { readonly id: string }): Promise<void>;
  /** Resolves once the frame `id` has its answer, either way. */
  answered(id: string): Promise<void>;
  /** Says bye and closes; no reconnecting after it. False when it was closed already. */
  close(): Promise<boolean>;
}

const encoder = new TextEncoder();

/** Creates the connection (not opened until `connect`). */
export function createClientConnection(
  resolved: ResolvedWebSocketTransportOptions,
  hooks: ClientConnectionHooks,
): ClientConnection {
  const pending = createPendingAcks();
  let link: HubLink | undefined;
  let connectOptions: ConnectOptions | undefined;
  let features = HUB_FEATURES;
  let maxFrameBytes = Number.POSITIVE_INFINITY;
  let closed = false;
  let failures = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  function hello(opts: ConnectOptions): HelloFrame {
    const will = opts.will;
    return {
      type: "hello",
      clientId: opts.clientId,
      frameFormat: FRAME_FORMAT,
      ...(resolved.token === undefined ? {} : { token: resolved.token }),
      // The will's body is a string: hello is all JSON, whatever the socket sends.
      ...(will === undefined
        ? {}
        : {
            will: {
              address: will.address,
              ...encodeBody(will.bytes),
              retain: will.retain ?? false,
            },
          }),
    };
  }

  function send(frame: ClientFrame): void {
    const current = link;
    if (!current) throw new Error("websocket transport is not connected");
    const data = frameData(frame, current.isUtf8 !== undefined);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only a long text needs counting.
    const size =
      typeof data !== "string"
        ? data.byteLength
        : data.length * 3 <= maxFrameBytes
          ? 0
          : encoder.encode(data).byteLength;
    if (size > maxFrameBytes) {
      throw new Error(
        `websocket transport: frame of ${size} bytes exceeds the hub's limit of ${maxFrameBytes}`,
      );
    }
    current.sendText(data);
  }

  function request(frame: ClientFrame & { readonly id: string }): Promise<void> {
    let acked: Promise<void>;
    try {
      acked = pending.wait(frame.id);
    } catch (error) {
      return Promise.reject(error);
    }
    try {
      send(frame);
    } catch (error) {
      pending.refuse(frame.id, error as Error);
    }
    return acked;
  }

  function onClose(code: number, reason: string): void {
    link = undefined;
    pending.failAll(new Error("websocket transport: connection to the hub was lost"));
    if (closed) return;
    const detail = reason ? `: ${reason}` : "";
    hooks.emit({
      state: "disconnected",
      error: new Error(`websocket hub connection closed (code ${code}${detail})`),
    });
    if (!TERMINAL_CLOSE_CODES.has(code)) scheduleReconnect();
  }

  async function establish(resumed: boolean): Promise<void> {
    const opts = connectOptions;
    if (!opts) throw new Error("websocket transport: connect() first");
    const opened = await openHubLink({
      WebSocket: resolved.WebSocket,
      url: resolved.url,
      hello: hello(opts),
      timeoutMs: resolved.connectTimeoutMs,
      onFrame(frame) {
        if (frame.type === "msg") hooks.onMessage(frame);
        else if (frame.type === "ack") pending.ackUpTo(frame.id);
        else if (frame.type === "error" && frame.id !== undefined)
          pending.refuse(frame.id, new TransportRefusedError(`websocket hub: ${frame.message}`));
      },
      onBadFrame: () => {},
      onClose,
    });
    if (closed) {
      await opened.close(HubCloseCode.normal, "closed", resolved.connectTimeoutMs);
      return;
    }
    link = opened;
    features = opened.welcome.features;
    maxFrameBytes = opened.welcome.maxFrameBytes;
    failures = 0;
    if (resumed) {
      await hooks.restore();
      if (link !== opened) return; // lost again meanwhile; onClose has scheduled the next attempt
    }
    hooks.emit({ state: "connected", resumed });
  }

  function scheduleReconnect(): void {
    if (closed || resolved.reconnectDelayMs === false) return;
    hooks.emit({ state: "reconnecting" });
    const delay = reconnectDelay(resolved, failures++);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      establish(true).catch((error: unknown) => {
        if (closed) return;
        if (error instanceof HubConnectionError && error.final)
          hooks.emit({ state: "disconnected", error });
        else scheduleReconnect();
      });
    }, delay);
  }

  return {
    get features() {
      return features;
    },
    get isUtf8() {
      return link?.isUtf8;
    },
    get connected() {
      return link !== undefined;
    },
    async connect(opts) {
      if (closed) throw new Error("websocket transport was closed");
      if (link) throw new Error("websocket transport is already connected");
      connectOptions = opts;
      await establish(false);
    },
    send,
    request,
    answered: (id) => pending.answered(id),
    async close() {
      if (closed) return false;
      closed = true;
      clearTimeout(reconnectTimer);
      const current = link;
      link = undefined;
      pending.failAll(new Error("websocket transport was closed"));
      if (current) {
        current.send({ type: "bye" });
        await current.close(HubCloseCode.normal, "bye", resolved.connectTimeoutMs);
      }
      return true;
    },
  };
}
