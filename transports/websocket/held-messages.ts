/**
 * Messages the hub acknowledged while nobody was subscribed to their address: a QoS 1 publish
 * (one with an `id`, which the client waits on) is not dropped then, since its subscriber may be
 * on its way back (a restarted hub sees the requester resend before the responder resubscribes).
 * Each is held until a matching subscription arrives, or until it expires: its `expirySeconds`,
 * at most `maxSeconds`. Bounded in count AND bytes: a full store refuses (the hub answers the
 * publish with an `error`, so the client's publish fails instead of being acked and lost).
 */
import { matchesPattern } from "../address-pattern.js";
import { type KeptContent, keptBytesOf, keptCopyOf } from "./message-size.js";

/** What is held of a message. */
export type HeldContent = KeptContent;

/** Bounds of {@link createHeldMessages}. */
export interface HeldMessagesOptions {
  readonly maxMessages: number;
  readonly maxBytes: number;
  /** Longest hold, also for a message without an expiry. */
  readonly maxSeconds: number;
  /** The clock, in epoch milliseconds (tests pass their own). @default Date.now */
  readonly now?: () => number;
}

/** Counters of the store, part of `hub.stats()`. */
export interface HeldStats {
  /** Messages held now. */
  readonly held: number;
  /** Their bytes (address, body and metadata). */
  readonly heldBytes: number;
  /** Held messages dropped because they expired before a subscriber came. */
  readonly heldExpired: number;
  /** Publishes refused because the store was full. */
  readonly heldRefused: number;
}

/** The store; see {@link createHeldMessages}. */
export interface HeldMessages {
  /**
   * Holds a copy of the message for `expirySeconds` (undefined: `maxSeconds`; capped at it).
   * False for an expiry of 0 (nothing to hold), and when it does not fit, even after dropping expired messages; `countRefusal` false
   * leaves that out of `heldRefused` (the message went elsewhere, e.g. over the bridge).
   */
  hold(content: HeldContent, expirySeconds: number | undefined, countRefusal?: boolean): boolean;
  /** Removes and returns the unexpired messages whose address matches `pattern`, oldest first. */
  take(pattern: string): HeldContent[];
  stats(): HeldStats;
}

interface Entry {
  readonly content: HeldContent;
  readonly expiresAt: number;
  readonly bytes: number;
}

/** Creates an empty store. */
export function createHeldMessages(options: HeldMessagesOptions): HeldMessages {
  const now = options.now ?? Date.now;
  /** Insertion order is arrival order: `take` hands messages on oldest first. */
  const entries = new Set<Entry>();
  let bytes = 0;
  let expired = 0;
  let refused = 0;
  /** No entry expires before this: a full store refusing a flood does not scan it each time. */
  let earliest = Number.POSITIVE_INFINITY;

  function remove(entry: Entry): void {
    entries.delete(entry);
    bytes -= entry.bytes;
  }

  function dropExpired(at: number): void {
    if (at < earliest) return;
    earliest = Number.POSITIVE_INFINITY;
    for (const entry of entries) {
      if (entry.expiresAt > at) earliest = Math.min(earliest, entry.expiresAt);
      else {
        remove(entry);
        expired++;
      }
    }
  }

  return {
    hold(content, expirySeconds, countRefusal = true) {
      const seconds = Math.min(expirySeconds ?? options.maxSeconds, options.maxSeconds);
      const size = keptBytesOf(content);
      const at = now();
      const fits = () => entries.size < options.maxMessages && bytes + size <= options.maxBytes;
      if (!fits()) dropExpired(at);
      // An expiry of 0 asked for no hold; maxSeconds 0 (or a full store) refuses one.
      if (seconds <= 0 || !fits()) {
        if (countRefusal && expirySeconds !== 0) refused++;
        return false;
      }
      const expiresAt = at + seconds * 1000;
      entries.add({ content: keptCopyOf(content), expiresAt, bytes: size });
      earliest = Math.min(earliest, expiresAt);
      bytes += size;
      return true;
    },
    take(pattern) {
      if (entries.size === 0) return [];
      const at = now();
      const taken: HeldContent[] = [];
      for (const entry of entries) {
        if (entry.expiresAt <= at) {
          remove(entry);
          expired++;
        } else if (matchesPattern(pattern, entry.content.address)) {
          remove(entry);
          taken.push(entry.content);
        }
      }
      return taken;
    },
    stats() {
      dropExpired(now());
      return { held: entries.size, heldBytes: bytes, heldExpired: expired, heldRefused: refused };
    },
  };
}
