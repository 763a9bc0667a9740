/**
 * A memory network with faults on demand, for testing agents against what real brokers do:
 * latency and jitter, lost, duplicated and reordered deliveries, partitions between agents, and
 * broker restarts. Deterministic from a seed. It is a {@link MemoryNetwork}: pass it to
 * `createMemoryTransport({ network })` or use {@link TestNetwork.transport}.
 */
import { matchesPattern } from "../../transports/address-pattern.js";
import {
  createMemoryNetwork,
  createMemoryTransport,
  type MemoryNetwork,
  type MemoryTransportOptions,
  type NetworkClient,
} from "../../transports/memory/index.js";
import type { PublishOptions, Transport } from "../../transports/transport.js";
import { type CapturedMessage, envelopeOf } from "./captured-message.js";
import { type DeliveryFaults, type FaultCounts, faultyDelivery } from "./faulty-delivery.js";
import { checkFaults, type NetworkFaults } from "./network-faults.js";
import { type Partition, partitionOf } from "./partitions.js";
import { seededRandom } from "./seeded-random.js";

/** The seed a test network uses when given none. */
export const DEFAULT_TEST_NETWORK_SEED = 1;

/** Options for {@link createTestNetwork}. */
export interface TestNetworkOptions {
  /** Seeds every random choice the faults make. @default {@link DEFAULT_TEST_NETWORK_SEED} */
  readonly seed?: number;
  /** Faults from the start; change them later with {@link TestNetwork.setFaults}. @default none */
  readonly faults?: NetworkFaults;
}

/** Options for {@link TestNetwork.restart}. */
export interface RestartOptions {
  /** Whether retained messages (presence cards) survive the restart, as with a persistent broker. */
  readonly retained: "keep" | "lose";
}

/** A {@link MemoryNetwork} with faults on demand and a record of everything published. */
export interface TestNetwork extends MemoryNetwork {
  /** A memory transport on this network. */
  transport(options?: Omit<MemoryTransportOptions, "network">): Transport;
  /** Replaces the faults (checked: rates in 0..1, delays >= 0); `{}` turns them all off. */
  setFaults(faults: NetworkFaults): void;
  /**
   * Cuts `side` off from `others` (both ways; agent ids, which are their client ids) until the
   * returned partition or the network heals. Without `others`, `side` is cut off from everyone.
   */
  partition(side: string | readonly string[], others?: string | readonly string[]): Partition;
  /** Heals every partition. */
  heal(): void;
  /**
   * Restarts the broker: every connection is dropped (no Last Will: the broker went down, not the
   * client) and each memory transport reconnects after its `reconnectDelayMs`.
   */
  restart(options: RestartOptions): void;
  /** Every message published (Last Wills included), in order, with its decoded envelope. */
  readonly captured: CapturedMessage[];
  /** Counts of deliveries and of what the faults did to them. */
  readonly counts: Readonly<FaultCounts>;
}

interface RetainedEntry {
  readonly bytes: Uint8Array;
  readonly options: PublishOptions;
  readonly expiresAt: number | undefined;
}

/** Creates a network with no faults until told; see {@link TestNetwork}. */
export function createTestNetwork(options: TestNetworkOptions = {}): TestNetwork {
  let broker = createMemoryNetwork();
  let faults = checkFaults(options.faults ?? {});
  const clients = new Map<string, NetworkClient>();
  const retained = new Map<string, RetainedEntry>();
  const partitions = new Set<Partition>();
  const captured: CapturedMessage[] = [];
  const counts: FaultCounts = {
    delivered: 0,
    dropped: 0,
    duplicated: 0,
    reordered: 0,
    partitioned: 0,
  };
  const shared: DeliveryFaults = {
    random: seededRandom(options.seed ?? DEFAULT_TEST_NETWORK_SEED),
    faults: () => faults,
    partitioned: (from, to) => [...partitions].some((p) => p.separates(from, to)),
    counts,
  };

  function capture(address: string, bytes: Uint8Array, publish: PublishOptions, will: boolean) {
    captured.push({
      address,
      bytes,
      metadata: publish.metadata ?? {},
      retain: publish.retain ?? false,
      envelope: envelopeOf(bytes),
      at: Date.now(),
      will,
    });
  }

  function rememberRetained(address: string, bytes: Uint8Array, publish: PublishOptions): void {
    if (!publish.retain) return;
    if (bytes.byteLength === 0) retained.delete(address);
    else {
      const { expirySeconds } = publish;
      const expiresAt = expirySeconds === undefined ? undefined : Date.now() + expirySeconds * 1000;
      retained.set(address, { bytes, options: publish, expiresAt });
    }
  }

  const network: TestNetwork = {
    attach(client) {
      clients.set(client.clientId, client);
      broker.attach(client);
    },
    detach(clientId) {
      clients.delete(clientId);
      broker.detach(clientId);
    },
    drop(clientId) {
      const will = clients.get(clientId)?.will;
      clients.delete(clientId);
      if (will) {
        const publish = { retain: will.retain ?? false };
        capture(will.address, will.bytes, publish, true);
        rememberRetained(will.address, will.bytes, publish);
      }
      broker.drop(clientId);
    },
    publish(address, bytes, publish = {}) {
      broker.publish(address, bytes, publish);
      capture(address, bytes, publish, false);
      rememberRetained(address, bytes, publish);
    },
    subscribe(subscription) {
      let active = true;
      const deliver = faultyDelivery(
        shared,
        subscription.clientId,
        subscription.deliver,
        () => active,
      );
      const unsubscribe = broker.subscribe({ ...subscription, deliver });
      return () => {
        active = false;
        unsubscribe();
      };
    },
    clients: () => broker.clients(),
    transport: (transportOptions = {}) => createMemoryTransport({ ...transportOptions, network }),
    setFaults(next) {
      faults = checkFaults(next);
    },
    partition(side, others) {
      const partition = partitionOf(side, others, (p) => partitions.delete(p));
      partitions.add(partition);
      return partition;
    },
    heal() {
      partitions.clear();
    },
    restart({ retained: keep }) {
      const old = broker;
      const dropped = [...clients.values()];
      clients.clear();
      broker = createMemoryNetwork();
      if (keep === "lose") retained.clear();
      const now = Date.now();
      for (const [address, entry] of retained) {
        if (entry.expiresAt !== undefined && entry.expiresAt <= now) {
          retained.delete(address);
          continue;
        }
        const expirySeconds =
          entry.expiresAt === undefined ? undefined : (entry.expiresAt - now) / 1000;
        broker.publish(address, entry.bytes, {
          ...entry.options,
          ...(expirySeconds === undefined ? {} : { expirySeconds }),
        });
      }
      // The broker went down, so no Last Will: each client's transport notices and reconnects.
      for (const client of dropped) {
        client.will = undefined;
        old.drop(client.clientId);
      }
    },
    captured,
    counts,
  };
  return network;
}

/** The captured messages whose address matches `pattern` (`+` and `#` wildcards). */
export function capturedOn(
  captured: readonly CapturedMessage[],
  pattern: string,
): CapturedMessage[] {
  return captured.filter((message) => matchesPattern(pattern, message.address));
}
