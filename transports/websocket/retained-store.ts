/**
 * The hub's retained messages: the last retained message per address, handed to each new
 * (non-group) subscription whose pattern matches. Bounded in addresses and in bytes (address,
 * body, metadata): a message that would pass either bound is refused.
 */
import { matchesPattern } from "../address-pattern.js";
import { type KeptContent, keptBytesOf, keptCopyOf } from "./message-size.js";

/** What is stored of a message. */
export type RetainedContent = KeptContent;

/** One stored message. */
export interface RetainedMessage extends RetainedContent {
  /** Epoch milliseconds after which the message is dropped; undefined keeps it. */
  readonly expiresAt: number | undefined;
  /** Published by a hub client (true) or learnt from the bridge (false). */
  readonly local: boolean;
  /** What it counts against the byte bound. */
  readonly bytes: number;
}

/** The store; see {@link createRetainedStore}. */
export interface RetainedStore {
  /**
   * Stores (or, for an empty body, clears) the message. True, or the bound it would pass when the
   * store is full.
   */
  put(
    content: RetainedContent,
    expirySeconds: number | undefined,
    local: boolean,
  ): true | "addresses" | "bytes";
  /** Unexpired messages whose address matches the pattern. */
  matching(pattern: string): RetainedMessage[];
  /** Unexpired messages that hub clients published (what a bridge republishes after an outage). */
  local(): RetainedMessage[];
  readonly size: number;
  /** Bytes of the stored messages. */
  readonly bytes: number;
}

/** Creates an empty store that holds at most `maxMessages` addresses and `maxBytes` bytes. */
export function createRetainedStore(
  maxMessages: number,
  maxBytes = Number.POSITIVE_INFINITY,
): RetainedStore {
  const messages = new Map<string, RetainedMessage>();
  let bytes = 0;

  function remove(address: string): void {
    bytes -= messages.get(address)?.bytes ?? 0;
    messages.delete(address);
  }

  function expired(message: RetainedMessage, now: number): boolean {
    return message.expiresAt !== undefined && message.expiresAt <= now;
  }

  /** Unexpired messages that pass `keep`; expired ones met on the way are dropped. */
  function unexpired(keep: (message: RetainedMessage) => boolean): RetainedMessage[] {
    const now = Date.now();
    const found: RetainedMessage[] = [];
    for (const [address, message] of messages) {
      if (expired(message, now)) remove(address);
      else if (keep(message)) found.push(message);
    }
    return found;
  }

  return {
    put(content, expirySeconds, local) {
      const address = content.address;
      if (content.body.length === 0) {
        remove(address);
        return true;
      }
      const size = keptBytesOf(content);
      // What the message replaces (gone if it expired meanwhile) is freed by storing it.
      const overBound = (): "addresses" | "bytes" | undefined => {
        const replaced = messages.get(address)?.bytes;
        if (replaced === undefined && messages.size >= maxMessages) return "addresses";
        return bytes - (replaced ?? 0) + size > maxBytes ? "bytes" : undefined;
      };
      if (overBound() !== undefined) {
        const now = Date.now();
        for (const [key, message] of messages) if (expired(message, now)) remove(key);
        const bound = overBound();
        if (bound !== undefined) return bound;
      }
      const expiresAt = expirySeconds === undefined ? undefined : Date.now() + expirySeconds * 1000;
      remove(address);
      messages.set(address, { ...keptCopyOf(content), expiresAt, local, bytes: size });
      bytes += size;
      return true;
    },
    matching: (pattern) => unexpired((message) => matchesPattern(pattern, message.address)),
    local: () => unexpired((message) => message.local),
    get size() {
      return messages.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
