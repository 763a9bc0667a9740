/**
 * The NATS transport, on nats.js v3 (`@nats-io/nats-core`); the runtime's {@link NatsConnector}
 * opens the connection (TCP or WebSocket in Node, WebSocket in browsers).
 *
 * - Addresses map to subjects level by level, escaping what NATS reserves (see nats-subject.ts).
 * - Metadata travels as NATS headers (when the server supports them).
 * - `subscribe(..., { group })` is a NATS queue group: each message goes to one member.
 * - NATS core keeps no messages and has no Last Will, so `retained` and `lastWill` are false
 *   (agents fall back to heartbeats and explicit goodbyes) and a publish asking for `retain`
 *   is refused rather than silently sent unretained. `expirySeconds` is ignored: NATS core never
 *   holds a message long enough for it to matter.
 * - QoS: NATS core is at-most-once. `publish` resolves once nats.js has taken the message; with
 *   `qos >= 1` it also waits for a ping round trip (`flush`), so it resolves only after the
 *   server has processed the message and rejects if the connection dies first. The publishes of
 *   one tick share one flush: the server answers pings in order, so one confirms them all.
 * - nats.js reconnects and restores subscriptions itself; but it drops what was published while
 *   disconnected, so `publish` rejects until the connection is back instead of losing it silently.
 * - TCP no-delay: nats.js's Node transport already sets it on every socket it dials.
 */
import type {
  Msg,
  MsgHdrs,
  NatsConnection,
  Subscription as NatsSubscription,
} from "@nats-io/nats-core";
import { assertValidAddress, assertValidPattern } from "../address-pattern.js";
import {
  type ConnectOptions,
  type Deliver,
  type InboundMessage,
  PUBLISHED,
  type PublishOptions,
  type SubscribeOptions,
  type Subscription,
  type Transport,
  type TransportFeatures,
  type TransportState,
  type TransportStatus,
} from "../transport.js";
import type { NatsConnector } from "./nats-connector.js";
import { connectError, publishError } from "./nats-errors.js";
import { headersToMetadata, metadataToHeaders } from "./nats-metadata.js";
import { watchNatsStatus } from "./nats-status.js";
import {
  addressToSubject,
  encodeLevel,
  patternToSubjects,
  subjectToAddress,
} from "./nats-subject.js";
import {
  type NatsTransportOptions,
  resolveNatsTransportOptions,
} from "./nats-transport-options.js";

/** A {@link Transport} over NATS, with access to the nats.js connection underneath. */
export interface NatsTransport extends Transport {
  /**
   * The nats.js connection while connected (undefined before `connect()` and after `close()`),
   * for what Parley does not cover (JetStream, statistics). Close the transport, not this.
   */
  readonly connection: NatsConnection | undefined;
}

/** What NATS core offers; `metadata` is settled by the server's INFO at connect. */
const NATS_FEATURES: TransportFeatures = {
  retained: false,
  lastWill: false,
  groups: true,
  metadata: true,
  expiry: false,
};

/**
 * Creates a NATS transport that connects with `connector`; nothing connects until `connect()`.
 * Throws a TypeError on bad options or servers the connector cannot reach.
 */
export function createNatsTransportWith(
  connector: NatsConnector,
  options: NatsTransportOptions = {},
): NatsTransport {
  const resolved = resolveNatsTransportOptions(options);
  if (!resolved.websocket && !connector.tcp) {
    throw new TypeError(
      "nats transport: this runtime reaches NATS over WebSocket only; give ws:// or wss:// servers",
    );
  }
  const listeners = new Set<(status: TransportStatus) => void>();
  let nc: NatsConnection | undefined;
  /** nats.js's `headers()`, from the first `connect()` on (nats.js is imported then). */
  let newHeaders: (() => MsgHdrs) | undefined;
  let features = NATS_FEATURES;
  let state: TransportState | "idle" | "connecting" = "idle";
  /** Set by the first `close()`; later calls wait for the same close. */
  let closing: Promise<void> | undefined;

  function emit(status: TransportStatus): void {
    if (state === "closed") return;
    state = status.state;
    if (status.state === "closed") nc = undefined;
    for (const listener of [...listeners]) listener(status);
  }

  function requireConnection(): NatsConnection {
    if (state === "closed") throw new Error("nats transport was closed");
    if (!nc) throw new Error("nats transport is not connected");
    return nc;
  }

  /** The flush the publishes of this tick wait for; sent after them, once they are all queued. */
  let sharedFlush: Promise<void> | undefined;
  function flushAfterThisTick(conn: NatsConnection): Promise<void> {
    if (sharedFlush) return sharedFlush;
    sharedFlush = Promise.resolve().then(() => {
      sharedFlush = undefined;
      return conn.flush();
    });
    // Its publish may still be refused after joining: then no caller waits for this flush.
    sharedFlush.catch(() => {});
    return sharedFlush;
  }

  function onMessage(msg: Msg, deliver: Deliver): void {
    const address = subjectToAddress(msg.subject);
    // Someone outside Parley published on a subject no logical address maps to.
    if (address === undefined) return;
    // No copy: nats.js hands out a view into the socket chunk (or WebSocket frame) the message
    // came in (or into a buffer of its own for a message split over chunks), and never writes
    // into either again. A plain Uint8Array view, as from every transport, not Node's Buffer.
    const data = msg.data;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const message: InboundMessage = {
      address,
      bytes,
      metadata: headersToMetadata(msg.headers),
      retained: false,
    };
    try {
      deliver(message);
    } catch (err) {
      // A throw inside nats.js's callback would stop its reader; surface it outside instead.
      queueMicrotask(() => {
        throw err;
      });
    }
  }

  async function closeConnection(conn: NatsConnection): Promise<void> {
    if (state === "connected") {
      // Let deliveries already on the wire finish, but never wait for a server that is gone.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, resolved.drainTimeoutMs);
      });
      await Promise.race([conn.drain().catch(() => {}), timeout]);
      clearTimeout(timer);
    }
    await conn.close();
  }

  return {
    name: "nats",
    get features() {
      return features;
    },
    get connection() {
      return nc;
    },
    async connect(connectOptions: ConnectOptions) {
      if (state === "closed") throw new Error("nats transport was closed");
      if (state !== "idle") throw new Error("nats transport is already connected");
      state = "connecting";
      let conn: NatsConnection;
      try {
        const dialer = await connector.load();
        newHeaders = dialer.headers;
        conn = await dialer.connect(
          { ...resolved.connection, name: resolved.name ?? connectOptions.clientId },
          resolved.websocket,
        );
      } catch (err) {
        state = "idle";
        throw connectError(resolved.servers, err, resolved.connection.timeout ?? 0);
      }
      if (state !== "connecting") {
        await conn.close();
        throw new Error("nats transport was closed while connecting");
      }
      nc = conn;
      features = { ...NATS_FEATURES, metadata: conn.info?.headers === true };
      watchNatsStatus(
        conn,
        resolved.connection.reconnect !== false,
        () => closing !== undefined,
        emit,
      );
      emit({ state: "connected", resumed: false });
    },
    close() {
      closing ??= (async () => {
        const conn = nc;
        if (conn && state !== "closed") await closeConnection(conn);
        emit({ state: "closed" });
      })();
      return closing;
    },
    publish(address: string, bytes: Uint8Array, publishOptions: PublishOptions = {}) {
      let conn: NatsConnection;
      let confirmation: Promise<void> | undefined;
      try {
        assertValidAddress(address);
        conn = requireConnection();
        if (publishOptions.retain) {
          throw new Error(
            `nats transport cannot retain messages (features.retained is false): "${address}" not sent`,
          );
        }
        if (
          publishOptions.metadata &&
          Object.keys(publishOptions.metadata).length > 0 &&
          !features.metadata
        ) {
          throw new Error(
            `nats transport: this server does not support headers, so metadata cannot be sent to "${address}"`,
          );
        }
        if (state !== "connected") {
          throw new Error(`nats transport is ${state}: message to "${address}" not sent`);
        }
        const headers = metadataToHeaders(publishOptions.metadata, newHeaders!);
        // Joined before nats.js takes the message: the flush then runs before nats.js's own
        // write of this tick, and its PING leaves in the same write as the messages it confirms.
        if ((publishOptions.qos ?? 0) >= 1) confirmation = flushAfterThisTick(conn);
        try {
          conn.publish(addressToSubject(address), bytes, headers ? { headers } : undefined);
        } catch (err) {
          throw publishError(address, bytes.byteLength, conn.info?.max_payload, err);
        }
      } catch (error) {
        return Promise.reject(error);
      }
      // QoS 0: in nats.js's outbound buffer, nothing to wait for (as raw nats.js and Moleculer).
      if (confirmation === undefined) return PUBLISHED;
      return confirmation.catch((err: unknown) => {
        throw new Error(
          `nats transport: message to "${address}" not confirmed by the server (connection lost)`,
          { cause: err },
        );
      });
    },
    async subscribe(
      pattern: string,
      deliver: Deliver,
      subscribeOptions: SubscribeOptions = {},
    ): Promise<Subscription> {
      assertValidPattern(pattern);
      const conn = requireConnection();
      const { group } = subscribeOptions;
      if (group === "")
        throw new TypeError("nats transport: a subscription group name may not be empty");
      const subs: NatsSubscription[] = patternToSubjects(pattern).map((subject) =>
        conn.subscribe(subject, {
          ...(group === undefined ? {} : { queue: encodeLevel(group) }),
          // An error here is a permissions violation; nats.js then ends the subscription.
          callback: (err, msg) => {
            if (!err) onMessage(msg, deliver);
          },
        }),
      );
      if (state === "connected") {
        // Resolve once the server has the subscription, so a publish right after is seen.
        // If the connection drops meanwhile, nats.js re-sends it on reconnect.
        await conn.flush().catch(() => {
          if (conn.isClosed())
            throw new Error(`nats transport closed while subscribing to "${pattern}"`);
        });
      }
      return {
        async unsubscribe() {
          for (const sub of subs) if (!sub.isClosed()) sub.unsubscribe();
        },
      };
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
