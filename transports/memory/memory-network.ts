/**
 * An in-process message broker with MQTT's semantics: wildcard subscriptions, retained messages,
 * Last Will, shared (group) subscriptions, metadata and message expiry. Delivery is asynchronous
 * (a microtask later), as over a real network. Many memory transports share one network.
 */
import { assertValidAddress, assertValidPattern, matchesPattern } from "../address-pattern.js";
import { createRouter } from "../group-routing.js";
import type { Deliver, InboundMessage, LastWill, PublishOptions } from "../transport.js";

interface Retained {
  readonly message: InboundMessage;
  readonly expiresAt: number | undefined;
}

/** One subscription as the network knows it. */
export interface NetworkSubscription {
  readonly clientId: string;
  readonly pattern: string;
  readonly group: string | undefined;
  readonly deliver: Deliver;
}

/** The network's view of one connected client. */
export interface NetworkClient {
  readonly clientId: string;
  will: LastWill | undefined;
  /** Called when the network cuts the connection (see {@link MemoryNetwork.drop}). */
  readonly onDropped: () => void;
}

/** An in-process broker. Create one per test; pass it to every `createMemoryTransport`. */
export interface MemoryNetwork {
  /** Registers a connection. A second connection with the same id takes over, as in MQTT. */
  attach(client: NetworkClient): void;
  /** Removes a connection cleanly: its will is not published. */
  detach(clientId: string): void;
  /** Cuts a connection uncleanly, as a crash or network failure would: its will is published. */
  drop(clientId: string): void;
  publish(address: string, bytes: Uint8Array, options?: PublishOptions): void;
  subscribe(subscription: NetworkSubscription): () => void;
  /** Ids of connected clients. */
  clients(): string[];
}

/** The metadata of a message published without any: one shared, frozen object. */
const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({});

/** Creates an empty in-process network. */
export function createMemoryNetwork(): MemoryNetwork {
  const clients = new Map<string, NetworkClient>();
  const subscriptions = createRouter<NetworkSubscription>();
  const retained = new Map<string, Retained>();

  function deliverLater(sub: NetworkSubscription, message: InboundMessage): void {
    queueMicrotask(() => {
      if (subscriptions.has(sub)) sub.deliver(message);
    });
  }

  function publish(address: string, bytes: Uint8Array, options: PublishOptions = {}): void {
    assertValidAddress(address);
    const metadata = options.metadata ?? NO_METADATA;
    const message: InboundMessage = { address, bytes, metadata, retained: false };
    if (options.retain) {
      if (bytes.byteLength === 0) retained.delete(address);
      else {
        const expiresAt =
          options.expirySeconds === undefined
            ? undefined
            : Date.now() + options.expirySeconds * 1000;
        retained.set(address, { message: { ...message, retained: true }, expiresAt });
      }
    }
    for (const sub of subscriptions.route(address)) deliverLater(sub, message);
  }

  function removeClient(clientId: string): NetworkClient | undefined {
    const client = clients.get(clientId);
    clients.delete(clientId);
    for (const sub of [...subscriptions.values()])
      if (sub.clientId === clientId) subscriptions.delete(sub);
    return client;
  }

  return {
    attach(client) {
      const previous = clients.get(client.clientId);
      if (previous) {
        removeClient(client.clientId);
        previous.onDropped();
      }
      clients.set(client.clientId, client);
    },
    detach(clientId) {
      removeClient(clientId);
    },
    drop(clientId) {
      const client = removeClient(clientId);
      if (!client) return;
      const will = client.will;
      if (will) publish(will.address, will.bytes, { retain: will.retain ?? false });
      client.onDropped();
    },
    publish,
    subscribe(subscription) {
      assertValidPattern(subscription.pattern);
      subscriptions.add(subscription);
      if (subscription.group === undefined) {
        const now = Date.now();
        for (const [address, entry] of retained) {
          if (entry.expiresAt !== undefined && entry.expiresAt <= now) {
            retained.delete(address);
            continue;
          }
          if (matchesPattern(subscription.pattern, address))
            deliverLater(subscription, entry.message);
        }
      }
      return () => {
        subscriptions.delete(subscription);
      };
    },
    clients: () => [...clients.keys()],
  };
}
