/**
 * Who gets a message, for transports that route themselves (memory, the WebSocket hub): every
 * matching subscription without a group, and one member, in turn, of each group of matching
 * subscriptions (a group is its name plus its pattern, as with MQTT shared subscriptions).
 */
import { matchesLevels } from "./address-pattern.js";

/** What routing needs to know of a subscription. */
export interface RoutableSubscription {
  readonly pattern: string;
  readonly group: string | undefined;
}

/** The key of a subscription's group: its name plus its pattern. */
export function groupKeyOf(subscription: RoutableSubscription): string {
  return `${subscription.group}\u0000${subscription.pattern}`;
}

/** A set of subscriptions that routes published addresses to them. */
export interface Router<S extends RoutableSubscription> {
  add(subscription: S): void;
  delete(subscription: S): boolean;
  has(subscription: S): boolean;
  values(): IterableIterator<S>;
  readonly size: number;
  /**
   * The subscriptions that receive a message published to `address`, groups taking turns.
   * The array may be shared between calls: read it, never change it.
   */
  route(address: string): readonly S[];
}

/** The subscriptions an address matches, worked out once per address. */
interface Matches<S> {
  readonly plain: readonly S[];
  readonly groups: readonly { readonly key: string; readonly members: readonly S[] }[];
}

/** How many addresses' matches are remembered before starting over. */
const REMEMBERED_ADDRESSES = 1024;

/**
 * Creates an empty router. Which subscriptions match an address is worked out on its first
 * message and remembered until the subscriptions change, so routing a message is a lookup plus
 * one turn per matching group, however many subscriptions there are.
 */
export function createRouter<S extends RoutableSubscription>(): Router<S> {
  /** Each subscription with its pattern split into levels once. */
  const levels = new Map<S, readonly string[]>();
  /** Round-robin positions per group, and how many subscriptions each group has. */
  const cursors = new Map<string, number>();
  const members = new Map<string, number>();
  let matchesByAddress = new Map<string, Matches<S>>();

  function matchesOf(address: string): Matches<S> {
    const addressLevels = address.split("/");
    const plain: S[] = [];
    const groups = new Map<string, S[]>();
    for (const [sub, patternLevels] of levels) {
      if (!matchesLevels(patternLevels, addressLevels)) continue;
      if (sub.group === undefined) {
        plain.push(sub);
        continue;
      }
      const key = groupKeyOf(sub);
      const group = groups.get(key);
      if (group) group.push(sub);
      else groups.set(key, [sub]);
    }
    return { plain, groups: [...groups].map(([key, group]) => ({ key, members: group })) };
  }

  return {
    add(sub) {
      if (levels.has(sub)) return;
      levels.set(sub, sub.pattern.split("/"));
      matchesByAddress = new Map();
      if (sub.group !== undefined) {
        const key = groupKeyOf(sub);
        members.set(key, (members.get(key) ?? 0) + 1);
      }
    },
    delete(sub) {
      if (!levels.delete(sub)) return false;
      matchesByAddress = new Map();
      if (sub.group !== undefined) {
        const key = groupKeyOf(sub);
        const left = (members.get(key) ?? 1) - 1;
        if (left > 0) members.set(key, left);
        else {
          members.delete(key);
          cursors.delete(key);
        }
      }
      return true;
    },
    has: (sub) => levels.has(sub),
    values: () => levels.keys(),
    get size() {
      return levels.size;
    },
    route(address) {
      let matches = matchesByAddress.get(address);
      if (matches === undefined) {
        matches = matchesOf(address);
        if (matchesByAddress.size >= REMEMBERED_ADDRESSES) matchesByAddress = new Map();
        matchesByAddress.set(address, matches);
      }
      if (matches.groups.length === 0) return matches.plain;
      const chosen = [...matches.plain];
      for (const { key, members: group } of matches.groups) {
        const cursor = cursors.get(key) ?? 0;
        cursors.set(key, cursor + 1);
        const member = group[cursor % group.length];
        if (member) chosen.push(member);
      }
      return chosen;
    },
  };
}
