/**
 * Who subscribed to what, and where one published message goes: every matching plain
 * subscription, plus one member (round robin) of each group of subscriptions that share a group
 * name and pattern, as MQTT shared subscriptions do. Generic in the owner (a hub connection).
 */
import { createRouter } from "../group-routing.js";

/** One subscription of one owner. `id` is the owner's own name for it. */
export interface TableSubscription<Owner> {
  readonly owner: Owner;
  readonly id: string;
  readonly pattern: string;
  readonly group: string | undefined;
}

/** See {@link createSubscriptionTable}. */
export interface SubscriptionTable<Owner> {
  /** Adds a subscription; one with the same owner and id is replaced. */
  add(subscription: TableSubscription<Owner>): void;
  remove(owner: Owner, id: string): boolean;
  removeOwner(owner: Owner): void;
  count(owner?: Owner): number;
  /** The subscription ids, per owner, that receive a message published to `address`. */
  route(address: string): Map<Owner, string[]>;
}

/** Creates an empty table. Routing looks an address's matches up (see {@link createRouter}). */
export function createSubscriptionTable<Owner>(): SubscriptionTable<Owner> {
  const byOwner = new Map<Owner, Map<string, TableSubscription<Owner>>>();
  const all = createRouter<TableSubscription<Owner>>();

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
    route(address) {
      const out = new Map<Owner, string[]>();
      for (const sub of all.route(address)) {
        const ids = out.get(sub.owner);
        if (ids) ids.push(sub.id);
        else out.set(sub.owner, [sub.id]);
      }
      return out;
    },
  };
}
