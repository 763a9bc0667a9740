/**
 * Conversions between Parley's messages and MQTT PUBLISH packets: metadata travels as MQTT 5 user
 * properties, expiry as the message expiry interval.
 */
import type { IClientPublishOptions, IPublishPacket } from "mqtt";
import type { InboundMessage, PublishOptions, QoS } from "../transport.js";

/**
 * A view of the bytes as a Buffer, without copying. A browser has no `Buffer`: there the bytes go
 * as they are, which mqtt.js's browser build takes (its Buffer stand-in measures and writes any
 * Uint8Array).
 */
export function toBuffer(bytes: Uint8Array): Buffer {
  if (typeof Buffer === "undefined") return bytes as Buffer;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The subscription identifiers a PUBLISH carries (MQTT 5), or undefined when it carries none. */
export function subscriptionIds(packet: IPublishPacket): number[] | undefined {
  const ids = packet.properties?.subscriptionIdentifier;
  if (ids === undefined) return undefined;
  return Array.isArray(ids) ? ids : [ids];
}

/** An incoming PUBLISH as the transport delivers it. Repeated user properties keep their first value. */
/** The metadata of a message without user properties (every one on MQTT 3.1.1): shared, frozen. */
const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({});

export function toInboundMessage(
  topic: string,
  payload: Buffer,
  packet: IPublishPacket,
): InboundMessage {
  const userProperties = packet.properties?.userProperties;
  let metadata: Readonly<Record<string, string>> = NO_METADATA;
  if (userProperties !== undefined) {
    const read: Record<string, string> = {};
    for (const [key, value] of Object.entries(userProperties)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) read[key] = String(first);
    }
    metadata = read;
  }
  return {
    address: topic,
    bytes: new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength),
    metadata,
    retained: packet.retain,
  };
}

/** What the connection lets a publish carry. */
export interface PublishLimits {
  readonly v5: boolean;
  readonly defaultQoS: QoS;
  readonly maximumQoS: QoS;
}

/** mqtt.js publish options for Parley's; metadata and expiry are dropped on MQTT 3.1.1. */
export function toPublishOptions(
  options: PublishOptions,
  limits: PublishLimits,
): IClientPublishOptions {
  const qos = Math.min(options.qos ?? limits.defaultQoS, limits.maximumQoS) as QoS;
  const published: IClientPublishOptions = { qos, retain: options.retain ?? false };
  if (!limits.v5) return published;
  const properties: NonNullable<IClientPublishOptions["properties"]> = {};
  if (options.metadata && Object.keys(options.metadata).length > 0) {
    properties.userProperties = { ...options.metadata };
  }
  if (options.expirySeconds !== undefined) {
    // MQTT counts whole seconds; 0 would mean "never expires" to some brokers, so round up to 1.
    properties.messageExpiryInterval = Math.max(1, Math.ceil(options.expirySeconds));
  }
  if (Object.keys(properties).length > 0) published.properties = properties;
  return published;
}
