/**
 * The WebSocket transport: a {@link Transport} over a Parley WebSocket hub (`hub.ts`). Runs in
 * browsers (global `WebSocket`) and in Node (`node.ts` passes `ws`), so this file imports nothing
 * from Node or `ws`. Bodies travel as text when they are UTF-8, as base64 otherwise. Every subscribe,
 * unsubscribe and publish is acknowledged by the hub, except a QoS 0 publish (as on MQTT). After
 * the hub goes away it reconnects with backoff, says hello again, restores its subscriptions and
 * reports `disconnected`, `reconnecting`, then `connected` with `resumed: true`.
 */
import { assertValidAddress, assertValidPattern } from "../address-pattern.js";
import {
  type ConnectOptions,
  type Deliver,
  PUBLISHED,
  type PublishOptions,
  type SubscribeOptions,
  type Subscription,
  type Transport,
  type TransportFeatures,
  type TransportStatus,
} from "../transport.js";
import { TransportRefusedError } from "../transport-refused-error.js";
import { decodeBody, encodeBody } from "./body-encoding.js";
import {
  reconnectDelay,
  resolveWebSocketTransportOptions,
  type WebSocketTransportOptions,
} from "./client-options.js";
import {
  ACKS_UP_TO,
  agreedFrameFormat,
  type ClientFrame,
  FRAME_FORMAT,
  frameData,
  type HelloFrame,
  HubCloseCode,
  type HubFrame,
  type PubFrame,
} from "./frames.js";
import { HubConnectionError, type HubLink, openHubLink } from "./hub-link.js";
import { createPendingAcks } from "./pending-acks.js";

/**
 * What a Parley hub offers. Reported before connect() (agents read `features` to build their
 * Last Will before connecting) and replaced by the hub's own list from `welcome`.
 */
const HUB_PROTOCOL_FEATURES: TransportFeatures = {
  retained: true,
  lastWill: true,
  groups: true,
  metadata: true,
  expiry: true,
};

/** Close codes after which reconnecting would not help. */
const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  HubCloseCode.badHello,
  HubCloseCode.unauthorized,
  HubCloseCode.takenOver,
]);

interface LiveSubscription {
  readonly pattern: string;
  readonly group: string | undefined;
  readonly deliver: Deliver;
}

const encoder = new TextEncoder();

/** Creates a transport that talks to the hub at `options.url`. */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const resolved = resolveWebSocketTransportOptions(options);
  const listeners = new Set<(status: TransportStatus) => void>();
  const subscriptions = new Map<string, LiveSubscription>();
  const pending = createPendingAcks();
  let link: HubLink | undefined;
  let connectOptions: ConnectOptions | undefined;
  let features = HUB_PROTOCOL_FEATURES;
  let maxFrameBytes = Number.POSITIVE_INFINITY;
  /** The frame format agreed with the hub in hello/welcome. */
  let frameFormat = 1;
  let closed = false;
  let failures = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 0;

  function emit(status: TransportStatus): void {
    for (const listener of [...listeners]) listener(status);
  }

  function hello(opts: ConnectOptions): HelloFrame {
    const will = opts.will;
    return {
      type: "hello",
      clientId: opts.clientId,
      frameFormat: FRAME_FORMAT,
      ...(resolved.token === undefined ? {} : { token: resolved.token }),
      ...(will === undefined
        ? {}
        : {
            will: {
              address: will.address,
              // A string: hello is all JSON, whatever the socket sends.
              ...encodeBody(will.bytes),
              retain: will.retain ?? false,
            },
          }),
    };
  }

  function onFrame(frame: HubFrame): void {
    switch (frame.type) {
      case "msg": {
        const bytes = decodeBody(frame);
        for (const id of frame.subs) {
          const sub = subscriptions.get(id);
          if (!sub) continue;
          try {
            sub.deliver({
              address: frame.address,
              bytes,
              metadata: frame.metadata,
              retained: frame.retained,
            });
          } catch {
            // Deliver must not throw; one that does must not break the connection.
          }
        }
        return;
      }
      case "ack":
        if (frameFormat >= ACKS_UP_TO) pending.ackUpTo(frame.id);
        else pending.ack(frame.id);
        return;
      case "error":
        if (frame.id === undefined) return;
        pending.refuse(frame.id, new TransportRefusedError(`websocket hub: ${frame.message}`));
        return;
      case "welcome":
        return;
      default:
        frame satisfies never;
    }
  }

  /** Sends a frame; throws when not connected or when the frame is over the hub's limit. */
  function send(frame: ClientFrame): HubLink {
    const current = link;
    if (!current || !connectOptions) throw new Error("websocket transport is not connected");
    const data = frameData(frame, frameFormat, current.isUtf8 !== undefined);
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
    return current;
  }

  /** Sends a frame with an id and resolves on the hub's ack. */
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
    emit({
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
      onFrame,
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
    // A hub that does not say format 2 reads bodies only inside the JSON frame.
    frameFormat = agreedFrameFormat(opened.welcome.frameFormat);
    failures = 0;
    if (resumed) {
      const restored = [...subscriptions].map(([id, sub]) =>
        request({
          type: "sub",
          id,
          pattern: sub.pattern,
          ...(sub.group === undefined ? {} : { group: sub.group }),
        }),
      );
      await Promise.allSettled(restored);
      if (link !== opened) return; // lost again meanwhile; onClose has scheduled the next attempt
    }
    emit({ state: "connected", resumed });
  }

  function scheduleReconnect(): void {
    if (closed || resolved.reconnectDelayMs === false) return;
    emit({ state: "reconnecting" });
    const delay = reconnectDelay(resolved, failures++);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      establish(true).catch((error: unknown) => {
        if (closed) return;
        const terminal =
          error instanceof HubConnectionError && TERMINAL_CLOSE_CODES.has(error.closeCode ?? 0);
        if (terminal) emit({ state: "disconnected", error: error as Error });
        else scheduleReconnect();
      });
    }, delay);
  }

  const id = (prefix: string) => `${prefix}${(nextId++).toString(36)}`;

  return {
    name: "websocket",
    get features() {
      return features;
    },
    async connect(opts) {
      if (closed) throw new Error("websocket transport was closed");
      if (link) throw new Error("websocket transport is already connected");
      if (opts.will) assertValidAddress(opts.will.address);
      connectOptions = opts;
      await establish(false);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(reconnectTimer);
      const current = link;
      link = undefined;
      subscriptions.clear();
      pending.failAll(new Error("websocket transport was closed"));
      if (current) {
        current.send({ type: "bye" });
        await current.close(HubCloseCode.normal, "bye", resolved.connectTimeoutMs);
      }
      emit({ state: "closed" });
    },
    publish(address: string, bytes: Uint8Array, publishOptions: PublishOptions = {}) {
      let frame: PubFrame;
      try {
        assertValidAddress(address);
        const { retain, expirySeconds, metadata, qos } = publishOptions;
        const body = encodeBody(bytes, link?.isUtf8);
        frame = {
          type: "pub",
          address,
          body: body.body,
          encoding: body.encoding,
          retain,
          expirySeconds,
          metadata,
          // QoS 0, as on MQTT: handed to the socket, not acknowledged. Otherwise the hub acks it.
          id: qos === 0 ? undefined : id("p"),
        };
        if (frame.id === undefined) {
          send(frame);
          return PUBLISHED;
        }
      } catch (error) {
        return Promise.reject(error);
      }
      return request(frame as PubFrame & { readonly id: string });
    },
    async subscribe(
      pattern: string,
      deliver: Deliver,
      subscribeOptions: SubscribeOptions = {},
    ): Promise<Subscription> {
      assertValidPattern(pattern);
      const subId = id("s");
      const group = subscribeOptions.group;
      subscriptions.set(subId, { pattern, group, deliver });
      try {
        await request({
          type: "sub",
          id: subId,
          pattern,
          ...(group === undefined ? {} : { group }),
        });
      } catch (error) {
        subscriptions.delete(subId);
        throw error;
      }
      return {
        async unsubscribe() {
          if (!subscriptions.delete(subId) || !link) return;
          // The unsub frame carries the subscription's id: a `sub` for it still waiting (restored
          // on reconnect) is answered first, so no two waiting frames share an id.
          await pending.answered(subId);
          if (!link) return;
          await request({ type: "unsub", id: subId }).catch(() => {
            // The connection went away: the hub forgot the subscription with it.
          });
        },
      };
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
