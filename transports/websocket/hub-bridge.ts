/**
 * Links the hub to another fabric through any {@link Transport} (in production an MQTT
 * transport the caller made; the hub never imports one). Messages hub clients publish under the
 * bridge pattern go out; messages from the transport come in and are routed to hub clients.
 *
 * No echo loops: only client messages are forwarded (never bridge ones), and a forwarded message
 * carries this hub's id in metadata ({@link HUB_ORIGIN_KEY}) so the copy the broker sends back
 * is dropped. A transport without metadata cannot carry the mark; then the hub remembers what it
 * sent (a digest of address + body, a bounded list: 10,000 digests of 32 bytes whatever the
 * bodies' size) and drops the first identical message that comes back.
 * Such a transport also cannot carry the publisher's metadata nor the retain mark: the other
 * side then learns of retained messages only when its bridge subscribes (the broker replays them).
 */
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { matchesPattern } from "../address-pattern.js";
import {
  type InboundMessage,
  type PublishOptions,
  type Subscription,
  TransportState,
} from "../transport.js";
import { bodyText, decodeBody, encodeBody, type FrameBody } from "./body-encoding.js";
import type { HubMessage } from "./hub-core.js";
import type { ResolvedHubOptions } from "./hub-options.js";

/** Metadata key naming the hub that bridged a message out. */
export const HUB_ORIGIN_KEY = "parley-hub-origin";
/**
 * Metadata key set to "1" on a bridged message published with retain: brokers deliver live
 * messages without the retain flag, and the receiving hub should keep the message for its own
 * later subscribers.
 */
export const HUB_RETAIN_KEY = "parley-hub-retain";
/** How many sent messages are remembered for echo detection when metadata is not available. */
export const BRIDGE_ECHO_MEMORY = 10_000;

/** Bridge counters, part of `hub.stats()`. */
export interface HubBridgeStats {
  /** Client messages published to the bridge transport. */
  forwarded: number;
  /** Messages from the bridge routed to hub clients. */
  received: number;
  /** Own messages that came back and were dropped. */
  echoes: number;
  /** Failed bridge publishes, or bridge messages the hub refused (full retained store). */
  errors: number;
  lastError: string | undefined;
}

/** The hub side of a bridge. */
export interface HubBridge {
  /** Connects the transport (unless the caller did) and subscribes to the pattern. */
  start(): Promise<void>;
  /** Publishes a client message to the fabric; false when it is outside the bridge's pattern. */
  forward(message: HubMessage): boolean;
  close(): Promise<void>;
  stats(): HubBridgeStats;
}

type BridgeOptions = NonNullable<ResolvedHubOptions["bridge"]>;

/**
 * Creates the bridge; `receive` routes a fabric message to hub clients, `localRetained` lists the
 * retained messages hub clients published. Those are bridged out again whenever the transport
 * reconnects, since a restarted broker may have lost them (the hub's clients never noticed the
 * outage, so they will not publish them again themselves).
 */
export function createHubBridge(
  options: BridgeOptions,
  hubId: string,
  receive: (message: HubMessage) => void,
  localRetained: () => readonly HubMessage[],
): HubBridge {
  const { transport, pattern } = options;
  const stats: HubBridgeStats = {
    forwarded: 0,
    received: 0,
    echoes: 0,
    errors: 0,
    lastError: undefined,
  };
  const sent = new Map<string, number>();
  let subscription: Subscription | undefined;
  let stopStatus: (() => void) | undefined;

  function fail(error: unknown): void {
    stats.errors++;
    stats.lastError = error instanceof Error ? error.message : String(error);
  }

  function remember(key: string): void {
    sent.set(key, (sent.get(key) ?? 0) + 1);
    if (sent.size > BRIDGE_ECHO_MEMORY) sent.delete(sent.keys().next().value as string);
  }

  // A digest, not the text: a client's bodies (up to a frame each) are not kept in memory.
  const echoKey = (address: string, body: FrameBody) =>
    createHash("sha256")
      .update(`${address}\u0000${body.encoding ?? ""}\u0000`)
      .update(bodyText(body))
      .digest("base64");

  function isEcho(message: InboundMessage, body: FrameBody): boolean {
    if (message.metadata[HUB_ORIGIN_KEY] !== undefined)
      return message.metadata[HUB_ORIGIN_KEY] === hubId;
    if (transport.features.metadata) return false;
    const key = echoKey(message.address, body);
    const count = sent.get(key);
    if (count === undefined) return false;
    if (count > 1) sent.set(key, count - 1);
    else sent.delete(key);
    return true;
  }

  function onMessage(message: InboundMessage): void {
    const body = encodeBody(message.bytes, isUtf8);
    if (isEcho(message, body)) {
      stats.echoes++;
      return;
    }
    const {
      [HUB_ORIGIN_KEY]: _origin,
      [HUB_RETAIN_KEY]: retainMark,
      ...metadata
    } = message.metadata;
    try {
      receive({
        address: message.address,
        ...body,
        metadata,
        retain: message.retained || retainMark === "1",
        expirySeconds: undefined,
        replayed: message.retained,
      });
      stats.received++;
    } catch (error) {
      fail(error);
    }
  }

  function forward(message: HubMessage): boolean {
    if (!matchesPattern(pattern, message.address)) return false;
    const marked = transport.features.metadata;
    if (!marked) remember(echoKey(message.address, message));
    const metadata = marked
      ? {
          ...message.metadata,
          [HUB_ORIGIN_KEY]: hubId,
          ...(message.retain ? { [HUB_RETAIN_KEY]: "1" } : {}),
        }
      : message.metadata;
    const publishOptions: PublishOptions = {
      retain: message.retain,
      metadata,
      ...(message.expirySeconds === undefined ? {} : { expirySeconds: message.expirySeconds }),
    };
    stats.forwarded++;
    transport.publish(message.address, decodeBody(message), publishOptions).catch(fail);
    return true;
  }

  return {
    async start() {
      stopStatus = transport.onStatus((status) => {
        if (status.state === TransportState.connected && status.resumed) {
          for (const message of localRetained()) forward(message);
        }
      });
      if (!options.connected) {
        await transport.connect({
          clientId: options.clientId ?? `parley-hub-${hubId.slice(0, 8)}`,
        });
      }
      subscription = await transport.subscribe(pattern, onMessage);
    },
    forward,
    async close() {
      stopStatus?.();
      if (!options.connected) await transport.close();
      else await subscription?.unsubscribe();
    },
    stats: () => ({ ...stats }),
  };
}
