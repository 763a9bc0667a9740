/**
 * The transport's local subscriptions and the broker subscriptions behind them. Local
 * subscriptions with the same MQTT filter share one broker subscription (MQTT replaces a
 * subscription to the same filter), and every incoming PUBLISH is dispatched here so that each
 * matching local subscription gets a message exactly once:
 * - MQTT 5 brokers send one copy per matching broker subscription, tagged with its subscription
 *   identifier: the copy goes to that subscription's locals only.
 * - MQTT 3.1.1 brokers send one copy per connection: it goes to every local whose pattern matches.
 *   (So on 3.1.1 a message that matches both a plain and a `$share` pattern of one connection also
 *   reaches the group member here, even when the broker picked another member.)
 * Retained copies are resent whenever a filter is (re)subscribed; a local that already got the
 * address on this connection does not get it again.
 */
import { matchesLevels } from "../address-pattern.js";
import type { Deliver, InboundMessage, QoS } from "../transport.js";

/** One `subscribe()` call of the transport's user. */
export interface LocalSubscription {
  readonly deliver: Deliver;
  readonly qos: QoS;
  /** Addresses delivered to this subscription on the current connection. */
  readonly seen: Set<string>;
}

/** One subscription on the broker. */
export interface BrokerSubscription {
  /** The MQTT filter: the pattern, or `$share/{group}/{pattern}`. */
  readonly filter: string;
  readonly pattern: string;
  /** The pattern split into levels once, for matching every incoming message. */
  readonly levels: readonly string[];
  readonly group: string | undefined;
  /** MQTT 5 subscription identifier (1 … 268435455). */
  readonly id: number;
  qos: QoS;
  readonly locals: LocalSubscription[];
  /** Round-robin position among the locals of a group subscription. */
  cursor: number;
}

/** Result of adding a local subscription. */
export interface Added {
  readonly local: LocalSubscription;
  readonly entry: BrokerSubscription;
}

const MAX_SUBSCRIPTION_ID = 268_435_455;
/** Addresses whose matching entries a table remembers at most. */
const MATCH_CACHE_SIZE = 1024;

/** The table of one transport. */
export interface SubscriptionTable {
  add(pattern: string, group: string | undefined, qos: QoS, deliver: Deliver): Added;
  /** Removes a local; returns its broker subscription when that has no locals left. */
  remove(local: LocalSubscription): BrokerSubscription | undefined;
  /** The broker subscription a local belongs to, while it is in the table. */
  entryOf(local: LocalSubscription): BrokerSubscription | undefined;
  entries(): BrokerSubscription[];
  /**
   * Delivers one incoming message; `ids` are its MQTT 5 subscription identifiers, if any.
   * Returns false when no subscription's pattern matched it.
   */
  dispatch(message: InboundMessage, ids: readonly number[] | undefined): boolean;
  /** Forgets what was delivered: after a new session the broker resends retained messages. */
  newSession(): void;
}

function safely(deliver: Deliver, message: InboundMessage): void {
  try {
    deliver(message);
  } catch (error) {
    // A Deliver must not throw; surface the bug without starving the other subscribers.
    queueMicrotask(() => {
      throw error;
    });
  }
}

/** Creates an empty table. */
export function createSubscriptionTable(): SubscriptionTable {
  const byFilter = new Map<string, BrokerSubscription>();
  const byId = new Map<number, BrokerSubscription>();
  const owner = new Map<LocalSubscription, BrokerSubscription>();
  let nextId = 1;

  function allocateId(): number {
    for (;;) {
      const id = nextId;
      nextId = nextId >= MAX_SUBSCRIPTION_ID ? 1 : nextId + 1;
      if (!byId.has(id)) return id;
    }
  }

  /**
   * The entries whose pattern matches an address, remembered per address until the table
   * changes: on MQTT 3.1.1 every message would otherwise be matched against every pattern, and on
   * MQTT 5 each subscription identifier it names checked against its pattern.
   * Bounded: past {@link MATCH_CACHE_SIZE} addresses it starts over.
   */
  let matches = new Map<string, BrokerSubscription[]>();
  function matchingEntries(address: string): readonly BrokerSubscription[] {
    const known = matches.get(address);
    if (known !== undefined) return known;
    const levels = address.split("/");
    const found = [...byFilter.values()].filter((entry) => matchesLevels(entry.levels, levels));
    if (matches.size >= MATCH_CACHE_SIZE) matches = new Map();
    matches.set(address, found);
    return found;
  }
  function tableChanged(): void {
    if (matches.size > 0) matches = new Map();
  }

  function offerTo(local: LocalSubscription, message: InboundMessage): void {
    if (message.retained && local.seen.has(message.address)) return;
    local.seen.add(message.address);
    safely(local.deliver, message);
  }

  function deliverTo(entry: BrokerSubscription, message: InboundMessage): void {
    if (entry.group !== undefined) {
      // Brokers never send retained messages to shared subscriptions; one member gets each message.
      if (message.retained || entry.locals.length === 0) return;
      const local = entry.locals[entry.cursor++ % entry.locals.length];
      if (local) safely(local.deliver, message);
      return;
    }
    // A deliver may subscribe or unsubscribe: the locals of now get it, nobody added meanwhile.
    if (entry.locals.length === 1) offerTo(entry.locals[0] as LocalSubscription, message);
    else for (const local of [...entry.locals]) offerTo(local, message);
  }

  return {
    add(pattern, group, qos, deliver) {
      const filter = group === undefined ? pattern : `$share/${group}/${pattern}`;
      let entry = byFilter.get(filter);
      if (!entry) {
        const levels = pattern.split("/");
        entry = { filter, pattern, levels, group, id: allocateId(), qos, locals: [], cursor: 0 };
        byFilter.set(filter, entry);
        byId.set(entry.id, entry);
        tableChanged();
      }
      const local: LocalSubscription = { deliver, qos, seen: new Set() };
      entry.locals.push(local);
      owner.set(local, entry);
      return { local, entry };
    },
    remove(local) {
      const entry = owner.get(local);
      if (!entry) return undefined;
      owner.delete(local);
      entry.locals.splice(entry.locals.indexOf(local), 1);
      if (entry.locals.length > 0) return undefined;
      byFilter.delete(entry.filter);
      byId.delete(entry.id);
      tableChanged();
      return entry;
    },
    entryOf: (local) => owner.get(local),
    entries: () => [...byFilter.values()],
    dispatch(message, ids) {
      let matched = false;
      if (ids === undefined) {
        // MQTT 3.1.1: every pattern of this connection is a candidate.
        for (const entry of matchingEntries(message.address)) {
          matched = true;
          deliverTo(entry, message);
        }
        return matched;
      }
      // The pattern check (remembered per address) also guards against identifiers left over
      // from an older session.
      const candidates = matchingEntries(message.address);
      for (const id of ids) {
        const entry = byId.get(id);
        if (entry === undefined || !candidates.includes(entry)) continue;
        matched = true;
        deliverTo(entry, message);
      }
      return matched;
    },
    newSession() {
      for (const local of owner.keys()) local.seen.clear();
    },
  };
}
