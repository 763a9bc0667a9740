/**
 * A plain mqtt.js v5 client that records what Parley agents put on the wire: each PUBLISH the
 * broker forwards, with its QoS and message expiry interval as the packet carries them. It
 * subscribes at QoS 2, so the broker forwards every message at the QoS it was published with.
 */
import { randomUUID } from "node:crypto";
import { connectAsync, type IPublishPacket } from "mqtt";

/** One PUBLISH as the listener received it. */
export interface WirePacket {
  readonly topic: string;
  readonly qos: number;
  readonly retain: boolean;
  /** MQTT 5 message expiry interval: the seconds left when the broker forwarded it. */
  readonly messageExpiryInterval: number | undefined;
  /** The envelope, parsed; undefined for an empty body (a cleared retained card). */
  readonly envelope: { readonly [key: string]: unknown } | undefined;
}

/** A listener on one broker; `next` waits for a packet (already received or future). */
export interface WireListener {
  readonly packets: WirePacket[];
  next(match: (packet: WirePacket) => boolean): Promise<WirePacket>;
  close(): Promise<void>;
}

/** The payload field of a packet's envelope (`{}` when there is none). */
export function payloadOf(packet: WirePacket): { readonly [key: string]: unknown } {
  return (packet.envelope?.payload ?? {}) as { readonly [key: string]: unknown };
}

/** Connects a raw MQTT 5 client to `url` and subscribes it to `patterns` at QoS 2. */
export async function listenOnWire(
  url: string,
  patterns: readonly string[],
): Promise<WireListener> {
  const client = await connectAsync(url, {
    protocolVersion: 5,
    clientId: `wire-${randomUUID().slice(0, 8)}`,
    reconnectPeriod: 0,
  });
  const packets: WirePacket[] = [];
  const waiters = new Set<() => void>();
  client.on("message", (topic: string, payload: Buffer, packet: IPublishPacket) => {
    packets.push({
      topic,
      qos: packet.qos,
      retain: packet.retain,
      messageExpiryInterval: packet.properties?.messageExpiryInterval,
      envelope: payload.length === 0 ? undefined : JSON.parse(payload.toString("utf8")),
    });
    for (const waiter of [...waiters]) waiter();
  });
  await client.subscribeAsync([...patterns], { qos: 2 });
  return {
    packets,
    next: (match) =>
      new Promise((resolve) => {
        const attempt = () => {
          const found = packets.find(match);
          if (!found) return;
          waiters.delete(attempt);
          resolve(found);
        };
        waiters.add(attempt);
        attempt();
      }),
    close: () => client.endAsync(),
  };
}
