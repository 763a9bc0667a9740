/**
 * The WebSocket transport: a {@link Transport} over a Parley WebSocket hub (`hub.ts`). Runs in
 * browsers (global `WebSocket`) and in Node (`node.ts` passes `ws`), so this file imports nothing
 * from Node or `ws`. Bodies travel as text when they are UTF-8, as base64 otherwise. Every subscribe,
 * unsubscribe and publish is acknowledged by the hub, except a QoS 0 publish (as on MQTT). The
 * connection, and getting it back after the hub goes away, is `client-connection.ts`'s.
 */
import { assertValidAddress, assertValidPattern } from "../address-pattern.js";
import {
  type Deliver,
  PUBLISHED,
  type PublishOptions,
  type SubscribeOptions,
  type Subscription,
  type Transport,
  type TransportStatus,
} from "../transport.js";
import { decodeBody, encodeBody } from "./body-encoding.js";
import { createClientConnection } from "./client-connection.js";
import {
  resolveWebSocketTransportOptions,
  type WebSocketTransportOptions,
} from "./client-options.js";
import type { MsgFrame, PubFrame } from "./frames.js";

interface LiveSubscription {
  readonly pattern: string;
  readonly group: string | undefined;
  readonly deliver: Deliver;
}

/** Creates a transport that talks to the hub at `options.url`. */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const resolved = resolveWebSocketTransportOptions(options);
  const listeners = new Set<(status: TransportStatus) => void>();
  const subscriptions = new Map<string, LiveSubscription>();
  let nextId = 0;

  function emit(status: TransportStatus): void {
    for (const listener of [...listeners]) listener(status);
  }

  /** Hands a message to each of the client's subscriptions it names. */
  function onMessage(frame: MsgFrame): void {
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
  }

  const sub = (id: string, pattern: string, group: string | undefined) =>
    connection.request({ type: "sub", id, pattern, ...(group === undefined ? {} : { group }) });

  const connection = createClientConnection(resolved, {
    onMessage,
    restore: () =>
      Promise.allSettled([...subscriptions].map(([id, s]) => sub(id, s.pattern, s.group))),
    emit,
  });

  const id = (prefix: string) => `${prefix}${nextId++}`;

  return {
    name: "websocket",
    get features() {
      return connection.features;
    },
    async connect(opts) {
      if (opts.will) assertValidAddress(opts.will.address);
      await connection.connect(opts);
    },
    async close() {
      subscriptions.clear();
      const wasOpen = await connection.close();
      if (wasOpen) emit({ state: "closed" });
    },
    publish(address: string, bytes: Uint8Array, publishOptions: PublishOptions = {}) {
      let frame: PubFrame;
      try {
        assertValidAddress(address);
        const { retain, expirySeconds, metadata, qos } = publishOptions;
        const body = encodeBody(bytes, connection.isUtf8);
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
          connection.send(frame);
          return PUBLISHED;
        }
      } catch (error) {
        return Promise.reject(error);
      }
      return connection.request(frame as PubFrame & { readonly id: string });
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
        await sub(subId, pattern, group);
      } catch (error) {
        subscriptions.delete(subId);
        throw error;
      }
      return {
        async unsubscribe() {
          if (!subscriptions.delete(subId) || !connection.connected) return;
          // The unsub frame carries the subscription's id: a `sub` for it still waiting (restored
          // on reconnect) is answered first, so no two waiting frames share an id.
          await connection.answered(subId);
          if (!connection.connected) return;
          await connection.request({ type: "unsub", id: subId }).catch(() => {
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
