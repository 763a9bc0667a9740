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

/** Round-robin positions per group; keep one per router so turns carry over between messages. */
export type GroupCursors = Map<string, number>;

/**
 * The subscriptions that receive a message published to `address`. `levelsOf` gives a
 * subscription's pattern split into levels (cache it: routing runs for every message).
 */
export function routeMessage<S extends RoutableSubscription>(
  subscriptions: Iterable<S>,
  address: string,
  cursors: GroupCursors,
  levelsOf: (subscription: S) => readonly string[] = (s) => s.pattern.split("/"),
): S[] {
  const chosen: S[] = [];
  // Made only when a group subscription matches: most messages have none.
  let groups: Map<string, S[]> | undefined;
  const levels = address.split("/");
  for (const sub of subscriptions) {
    if (!matchesLevels(levelsOf(sub), levels)) continue;
    if (sub.group === undefined) {
      chosen.push(sub);
      continue;
    }
    groups ??= new Map();
    const key = groupKeyOf(sub);
    const members = groups.get(key);
    if (members) members.push(sub);
    else groups.set(key, [sub]);
  }
  if (groups === undefined) return chosen;
  for (const [key, members] of groups) {
    const cursor = cursors.get(key) ?? 0;
    cursors.set(key, cursor + 1);
    const member = members[cursor % members.length];
    if (member) chosen.push(member);
  }
  return chosen;
}
