/**
 * Who subscribed to what, and where one published message goes: every matching plain
 * subscription, plus one member (round robin) of each group of subscriptions that share a group
 * name and pattern, as MQTT shared subscriptions do. Generic in the owner (a hub connection).
 *
 * A subscription whose pattern has `#` is an observer (`parley watch` on `a2a/#`): it gets what
 * is published, but does not count as the recipient a message waits for (see `held-messages.ts`).
 */
import { createRouter } from "../group-routing.js";

/** One subscription of one owner. `id` is the owner's own name for it. */
export interface TableSubscription<Owner> {
  readonly owner: Owner;
  readonly id: string;
  readonly pattern: string;
  readonly group: string | undefined;
}

/** Where one message goes. */
export interface Routes<Owner> {
  /** The subscription ids, per owner. */
  readonly owners: Map<Owner, string[]>;
  /** True when a subscription that is not an observer (no `#` in its pattern) is among them. */
  readonly recipients: boolean;
}

/** True for a pattern with `#`: an observer's, not a recipient's. */
export const isObserverPattern = (pattern: string): boolean => pattern.includes("#");

/** See {@link createSubscriptionTable}. */
export interface SubscriptionTable<Owner> {
  /** Adds a subscription; one with the same owner and id is replaced. */
  add(subscription: TableSubscription<Owner>): void;
  remove(owner: Owner, id: string): boolean;
  removeOwner(owner: Owner): void;
  count(owner?: Owner): number;
  /**
   * Where a message published to `address` goes; `recipientsOnly` leaves observers out (a held
   * message, which they already had when it was published).
   */
  route(address: string, recipientsOnly?: boolean): Routes<Owner>;
}

/** Creates an empty table. Routing looks an address's matches up (see {@link createRouter}). */
export function createSubscriptionTable<Owner>(): SubscriptionTable<Owner> {
  const byOwner = new Map<Owner, Map<string, TableSubscription<Owner>>>();
  const all = createRouter<TableSubscription<Owner>>();
  /** Observers, marked once when added rather than on every message routed. */
  const observers = new WeakSet<TableSubscription<Owner>>();

  function removeOne(sub: TableSubscription<Owner>): void {
    all.delete(sub);
    byOwner.get(sub.owner)?.delete(sub.id);
  }

  return {
    add(sub) {
      const own = byOwner.get(sub.owner) ?? new Map<string, TableSubscription<Owner>>();
      byOwner.set(sub.owner, own);
      const previous = own.get(sub.id);
      if (previous) removeOne(previous);
      own.set(sub.id, sub);
      if (isObserverPattern(sub.pattern)) observers.add(sub);
      all.add(sub);
    },
    remove(owner, id) {
      const sub = byOwner.get(owner)?.get(id);
      if (sub) removeOne(sub);
      return sub !== undefined;
    },
    removeOwner(owner) {
      for (const sub of [...(byOwner.get(owner)?.values() ?? [])]) removeOne(sub);
      byOwner.delete(owner);
    },
    count(owner) {
      return owner === undefined ? all.size : (byOwner.get(owner)?.size ?? 0);
    },
    route(address, recipientsOnly = false) {
      const owners = new Map<Owner, string[]>();
      let recipients = false;
      for (const sub of all.route(address)) {
        if (observers.has(sub)) {
          if (recipientsOnly) continue;
        } else recipients = true;
        const ids = owners.get(sub.owner);
        if (ids) ids.push(sub.id);
        else owners.set(sub.owner, [sub.id]);
      }
      return { owners, recipients };
    },
  };
}
