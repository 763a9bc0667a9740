/**
 * One subscription's deliveries through the test network's faults: partitions, drops,
 * duplicates, latency and jitter, and reordering. Timers are `setTimeout`, so vitest's fake
 * timers drive them like everything else.
 */
import type { Deliver, InboundMessage } from "../../src/transport.js";
import { matchesPattern } from "../../transports/address-pattern.js";
import { envelopeOf } from "./captured-message.js";
import type { NetworkFaults } from "./network-faults.js";

/** How many deliveries the network made and how many each fault took or changed. */
export interface FaultCounts {
  delivered: number;
  dropped: number;
  duplicated: number;
  reordered: number;
  /** Deliveries not made because sender and receiver were on two sides of a partition. */
  partitioned: number;
}

/** What every subscription's deliveries share: the network's random source, faults and partitions. */
export interface DeliveryFaults {
  readonly random: () => number;
  faults(): NetworkFaults;
  partitioned(from: string, to: string): boolean;
  readonly counts: FaultCounts;
}

/** Wraps `deliver` (of client `clientId`) so each message goes through the current faults. */
export function faultyDelivery(
  shared: DeliveryFaults,
  clientId: string,
  deliver: Deliver,
  isActive: () => boolean,
): Deliver {
  const { counts, random } = shared;
  let held: InboundMessage | undefined;
  let heldTimer: ReturnType<typeof setTimeout> | undefined;

  function release(): void {
    clearTimeout(heldTimer);
    const message = held;
    held = undefined;
    if (message && isActive()) {
      counts.delivered++;
      deliver(message);
    }
  }

  function hand(message: InboundMessage): void {
    if (!isActive()) return;
    counts.delivered++;
    deliver(message);
    if (held) release();
  }

  const chance = (rate: number | undefined) => rate !== undefined && rate > 0 && random() < rate;

  return (message) => {
    const from = envelopeOf(message.bytes)?.sender_id;
    if (from !== undefined && from !== clientId && shared.partitioned(from, clientId)) {
      counts.partitioned++;
      return;
    }
    const faults = shared.faults();
    if (faults.addresses !== undefined && !matchesPattern(faults.addresses, message.address))
      return hand(message);
    if (chance(faults.dropRate)) {
      counts.dropped++;
      return;
    }
    const copies = chance(faults.duplicateRate) ? 2 : 1;
    if (copies === 2) counts.duplicated++;
    const spread = (faults.latencyMs ?? 0) + (faults.jitterMs ?? 0);
    for (let copy = 0; copy < copies; copy++) {
      const jitter = faults.jitterMs ? random() * faults.jitterMs : 0;
      const delay = (faults.latencyMs ?? 0) + jitter;
      if (held === undefined && chance(faults.reorderRate)) {
        counts.reordered++;
        held = message;
        heldTimer = setTimeout(release, delay + spread + 1);
      } else if (delay > 0) setTimeout(() => hand(message), delay);
      else hand(message);
    }
  };
}
