/**
 * The in-memory transport: what users write their tests with. Same semantics as the real
 * transports (asynchronous delivery, wildcards, retained messages, Last Will, groups, metadata),
 * and it reconnects after {@link MemoryNetwork.drop} like a real client after a network failure.
 */
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
import {
  createMemoryNetwork,
  type MemoryNetwork,
  type NetworkSubscription,
} from "./memory-network.js";

/** Options for {@link createMemoryTransport}. */
export interface MemoryTransportOptions {
  /** The network to join; agents talk only to agents on the same network. @default a new network */
  readonly network?: MemoryNetwork;
  /** After a drop, reconnect after this many milliseconds; `false` stays disconnected. @default 10 */
  readonly reconnectDelayMs?: number | false;
}

/** Default delay before a dropped memory transport reconnects. */
export const DEFAULT_MEMORY_RECONNECT_DELAY_MS = 10;

const MEMORY_FEATURES: TransportFeatures = {
  retained: true,
  lastWill: true,
  groups: true,
  metadata: true,
  expiry: true,
};

/** Creates a transport on an in-process {@link MemoryNetwork}. */
export function createMemoryTransport(options: MemoryTransportOptions = {}): Transport {
  const network = options.network ?? createMemoryNetwork();
  const reconnectDelayMs = options.reconnectDelayMs ?? DEFAULT_MEMORY_RECONNECT_DELAY_MS;
  const listeners = new Set<(status: TransportStatus) => void>();
  const live = new Set<Omit<NetworkSubscription, "clientId">>();
  const unsubscribers = new Map<Omit<NetworkSubscription, "clientId">, () => void>();
  let connectOptions: ConnectOptions | undefined;
  let connected = false;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  function emit(status: TransportStatus): void {
    for (const listener of [...listeners]) listener(status);
  }

  function attach(resumed: boolean): void {
    const opts = connectOptions;
    if (!opts) return;
    network.attach({ clientId: opts.clientId, will: opts.will, onDropped });
    connected = true;
    for (const sub of live)
      unsubscribers.set(sub, network.subscribe({ ...sub, clientId: opts.clientId }));
    emit({ state: "connected", resumed });
  }

  function onDropped(): void {
    connected = false;
    unsubscribers.clear();
    emit({ state: "disconnected", error: new Error("memory network dropped the connection") });
    if (closed || reconnectDelayMs === false) return;
    emit({ state: "reconnecting" });
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (!closed) attach(true);
    }, reconnectDelayMs);
  }

  function requireConnected(): ConnectOptions {
    if (!connected || !connectOptions) throw new Error("memory transport is not connected");
    return connectOptions;
  }

  return {
    name: "memory",
    features: MEMORY_FEATURES,
    async connect(opts) {
      if (closed) throw new Error("memory transport was closed");
      connectOptions = opts;
      attach(false);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(reconnectTimer);
      if (connectOptions && connected) network.detach(connectOptions.clientId);
      connected = false;
      live.clear();
      unsubscribers.clear();
      emit({ state: "closed" });
    },
    publish(address: string, bytes: Uint8Array, publishOptions?: PublishOptions) {
      try {
        requireConnected();
        network.publish(address, bytes, publishOptions);
        return PUBLISHED;
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async subscribe(
      pattern: string,
      deliver: Deliver,
      subscribeOptions: SubscribeOptions = {},
    ): Promise<Subscription> {
      const { clientId } = requireConnected();
      const sub = { pattern, deliver, group: subscribeOptions.group };
      live.add(sub);
      unsubscribers.set(sub, network.subscribe({ ...sub, clientId }));
      return {
        async unsubscribe() {
          live.delete(sub);
          unsubscribers.get(sub)?.();
          unsubscribers.delete(sub);
        },
      };
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
