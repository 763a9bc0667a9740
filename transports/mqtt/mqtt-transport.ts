/**
 * The MQTT transport (mqtt.js v5): logical addresses are MQTT topics as they are. MQTT 5 by
 * default, MQTT 3.1.1 when the broker only speaks that; `features` says what the broker supports.
 * mqtt.js reconnects by itself; the transport then restores the subscriptions and reports it.
 */
import type { IClientPublishOptions, IConnackPacket, MqttClient } from "mqtt";
import { assertValidAddress, assertValidPattern } from "../address-pattern.js";
import type {
  QoS,
  Subscription,
  Transport,
  TransportFeatures,
  TransportStatus,
} from "../transport.js";
import {
  type BrokerCapabilities,
  detectCapabilities,
  sessionPersists,
} from "./broker-capabilities.js";
import { subscriptionIds, toBuffer, toInboundMessage, toPublishOptions } from "./mqtt-message.js";
import {
  type MqttTransportOptions,
  resolveMqttTransportOptions,
} from "./mqtt-transport-options.js";
import { openConnection, type ReceivedPublish } from "./open-connection.js";
import { publishPacket } from "./publish-packet.js";
import { createSessionBacklog } from "./session-backlog.js";
import { type BrokerSubscription, createSubscriptionTable } from "./subscription-table.js";
import { holdWritesOf } from "./write-batching.js";

/** The most a PUBACK or PUBREC takes (MQTT 5: with a reason code). */
const ACK_BYTES = 8;

/** A {@link Transport} over MQTT, with a view of the connection underneath. */
export interface MqttTransport extends Transport {
  /** The mqtt.js client from `connect()` until `close()`, for diagnostics and tests only. */
  readonly client: MqttClient | undefined;
  /** The MQTT version in use once connected: 5 (MQTT 5.0) or 4 (MQTT 3.1.1). */
  readonly protocolVersion: 5 | 4 | undefined;
}

interface Connection {
  readonly client: MqttClient;
  readonly protocolVersion: 5 | 4;
  readonly capabilities: BrokerCapabilities;
}

const GROUP_NAME = /^[^/+#]+$/;

/** Creates an MQTT transport; nothing touches the network before `connect()`. */
export function createMqttTransport(options: MqttTransportOptions): MqttTransport {
  const resolved = resolveMqttTransportOptions(options);
  const where = resolved.displayUrl;
  const pinned4 = resolved.protocolVersion === 4;
  const assumedFeatures: TransportFeatures = {
    retained: true,
    lastWill: true,
    groups: resolved.sharedSubscriptions !== false && !pinned4,
    metadata: !pinned4,
    expiry: !pinned4,
    ...(sessionPersists(resolved, resolved.protocolVersion) ? { persistentSession: true } : {}),
  };
  const listeners = new Set<(status: TransportStatus) => void>();
  const table = createSubscriptionTable();
  // Broker subscriptions asked for while offline, or whose SUBSCRIBE was lost with the connection.
  const pending = new Set<BrokerSubscription>();
  // Only a persistent session can bring messages nobody has subscribed to yet.
  const backlog = resolved.clean ? undefined : createSessionBacklog();
  let phase: "idle" | "connecting" | "open" | "closed" = "idle";
  let connection: Connection | undefined;
  let online = false;

  function emit(status: TransportStatus): void {
    for (const listener of [...listeners]) listener(status);
  }

  function requireOpen(): Connection {
    if (phase === "closed") throw new Error("mqtt transport was closed");
    if (!connection) throw new Error("mqtt transport is not connected: call connect() first");
    return connection;
  }

  async function sendSubscribe(conn: Connection, entry: BrokerSubscription): Promise<void> {
    const properties = conn.capabilities.subscriptionIdentifiers
      ? { subscriptionIdentifier: entry.id }
      : undefined;
    pending.add(entry);
    const granted = await conn.client.subscribeAsync(entry.filter, {
      qos: entry.qos,
      ...(properties ? { properties } : {}),
    });
    if (granted.some((grant) => grant.qos === 128)) {
      throw new Error(`mqtt: the broker at ${where} refused the subscription to "${entry.filter}"`);
    }
    pending.delete(entry);
  }

  async function restore(conn: Connection, connack: IConnackPacket): Promise<void> {
    online = true;
    const resumed = !resolved.clean && connack.sessionPresent;
    if (!resumed) table.newSession();
    const entries = resumed ? [...pending] : table.entries();
    try {
      await Promise.all(entries.map((entry) => sendSubscribe(conn, entry)));
      emit({ state: "connected", resumed: true });
    } catch (cause) {
      if (!conn.client.connected) return; // lost again: "close" reports it
      const error = new Error(`mqtt: could not restore subscriptions on ${where}`, { cause });
      emit({ state: "connected", resumed: false, error });
    }
  }

  function watch(conn: Connection, early: readonly ReceivedPublish[]): void {
    const { client } = conn;
    const ids = conn.capabilities.subscriptionIdentifiers;
    let lastError: Error | undefined;
    const receive = (...[topic, payload, packet]: ReceivedPublish) => {
      // mqtt.js acknowledges a QoS 1 or 2 message right after this: the ack waits for company.
      if (packet.qos > 0) holdWritesOf(client.stream, ACK_BYTES, true);
      const message = toInboundMessage(topic, payload, packet);
      if (!table.dispatch(message, ids ? subscriptionIds(packet) : undefined)) {
        backlog?.hold(message);
      }
    };
    client.on("message", receive);
    for (const publish of early) receive(...publish);
    client.on("error", (error) => {
      lastError = error;
    });
    client.on("disconnect", (packet) => {
      lastError = new Error(`the broker sent DISCONNECT (reason code ${packet.reasonCode ?? 0})`);
    });
    client.on("close", () => {
      if (phase !== "open") return;
      const reason = lastError;
      lastError = undefined;
      const error = new Error(
        `mqtt: connection to ${where} lost${reason ? `: ${reason.message}` : ""}`,
        {
          cause: reason,
        },
      );
      if (online) {
        online = false;
        emit({ state: "disconnected", error });
        if (resolved.reconnectPeriodMs > 0) emit({ state: "reconnecting" });
      } else {
        emit({ state: "reconnecting", error }); // one more failed attempt
      }
    });
    client.on("connect", (connack) => {
      if (phase === "open") void restore(conn, connack);
    });
  }

  /** How long a clean DISCONNECT waits for in-flight acknowledgements before it forces the close. */
  const DISCONNECT_GRACE_MS = Math.min(resolved.connectTimeoutMs, 2_000);

  async function end(client: MqttClient): Promise<void> {
    if (!client.connected) return client.endAsync(true);
    // A clean DISCONNECT (no Last Will); force it if in-flight messages are never acknowledged.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => resolve(client.endAsync(true)), DISCONNECT_GRACE_MS);
    });
    await Promise.race([client.endAsync(false), forced]);
    clearTimeout(timer);
  }

  return {
    name: "mqtt",
    get features() {
      return connection?.capabilities.features ?? assumedFeatures;
    },
    get client() {
      return connection?.client;
    },
    get protocolVersion() {
      return connection?.protocolVersion;
    },
    async connect(connectOptions) {
      if (phase === "closed") throw new Error("mqtt transport was closed");
      if (phase !== "idle") throw new Error("mqtt transport: connect() was already called");
      phase = "connecting";
      let opened: Awaited<ReturnType<typeof openConnection>>;
      try {
        opened = await openConnection(resolved, connectOptions.clientId, connectOptions.will);
      } catch (error) {
        if (phase === "connecting") phase = "idle";
        throw error;
      }
      const capabilities = await detectCapabilities(
        opened,
        resolved.sharedSubscriptions,
        resolved.connectTimeoutMs,
        resolved,
      );
      if (phase !== "connecting") {
        opened.client.end(true);
        throw new Error("mqtt transport was closed while connecting");
      }
      // From now on a refused reconnect (e.g. a restarting broker) is retried, not final.
      opened.client.options.reconnectOnConnackError = true;
      const conn: Connection = {
        client: opened.client,
        protocolVersion: opened.protocolVersion,
        capabilities,
      };
      connection = conn;
      phase = "open";
      online = opened.client.connected;
      watch(conn, opened.takeEarlyMessages());
      emit({ state: "connected", resumed: false });
    },
    async close() {
      if (phase === "closed") return;
      phase = "closed";
      online = false;
      const client = connection?.client;
      connection = undefined;
      pending.clear();
      backlog?.clear();
      if (client) await end(client);
      emit({ state: "closed" });
    },
    publish(address, bytes, publishOptions = {}) {
      let conn: Connection;
      let packetOptions: IClientPublishOptions;
      try {
        conn = requireOpen();
        assertValidAddress(address);
        if (!online)
          throw new Error(`mqtt: not connected to ${where} (reconnecting); "${address}" not sent`);
        packetOptions = toPublishOptions(publishOptions, {
          v5: conn.protocolVersion === 5,
          defaultQoS: resolved.qos,
          maximumQoS: conn.capabilities.maximumQoS,
        });
        // The packet: the body, the topic and a few bytes of header and properties.
        holdWritesOf(conn.client.stream, bytes.byteLength + address.length + 64);
      } catch (error) {
        return Promise.reject(error);
      }
      return publishPacket(conn.client, address, toBuffer(bytes), packetOptions);
    },
    async subscribe(pattern, deliver, subscribeOptions = {}): Promise<Subscription> {
      const conn = requireOpen();
      assertValidPattern(pattern);
      const { group } = subscribeOptions;
      if (group !== undefined) {
        if (!GROUP_NAME.test(group))
          throw new TypeError(`invalid group "${group}": no "/", "+" or "#"`);
        if (!conn.capabilities.features.groups) {
          throw new Error(
            `mqtt: the broker at ${where} does not support shared subscriptions (group "${group}")`,
          );
        }
      }
      const qos: QoS = subscribeOptions.qos ?? resolved.qos;
      const { local, entry } = table.add(pattern, group, qos, deliver);
      const held = backlog?.take(entry.levels) ?? [];
      // Before any newer message can arrive (that takes I/O), and after subscribe() was called.
      if (held.length > 0) {
        queueMicrotask(() => {
          for (const message of held) local.deliver(message);
        });
      }
      // A new plain subscriber needs its own SUBSCRIBE so that the broker sends it the retained messages.
      let needed = entry.locals.length === 1 || group === undefined;
      if (qos > entry.qos) {
        entry.qos = qos;
        needed = true;
      }
      if (needed && online) {
        try {
          await sendSubscribe(conn, entry);
        } catch (error) {
          if (table.remove(local)) pending.delete(entry);
          throw error;
        }
      } else if (needed) {
        pending.add(entry);
      }
      return {
        async unsubscribe() {
          const gone = table.remove(local);
          if (!gone) return;
          pending.delete(gone);
          if (online && connection === conn) await conn.client.unsubscribeAsync(gone.filter);
        },
      };
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
