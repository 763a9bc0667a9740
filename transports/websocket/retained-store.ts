/**
 * The hub's retained messages: the last retained message per address, handed to each new
 * (non-group) subscription whose pattern matches. Bounded: a full store refuses new addresses.
 */
import { matchesPattern } from "../address-pattern.js";
import type { FrameBody } from "./body-encoding.js";

/** What is stored of a message. */
export interface RetainedContent extends FrameBody {
  readonly address: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** One stored message. */
export interface RetainedMessage extends RetainedContent {
  /** Epoch milliseconds after which the message is dropped; undefined keeps it. */
  readonly expiresAt: number | undefined;
  /** Published by a hub client (true) or learnt from the bridge (false). */
  readonly local: boolean;
}

/** The store; see {@link createRetainedStore}. */
export interface RetainedStore {
  /** Stores (or, for an empty body, clears) the message. False when the store is full. */
  put(content: RetainedContent, expirySeconds: number | undefined, local: boolean): boolean;
  /** Unexpired messages whose address matches the pattern. */
  matching(pattern: string): RetainedMessage[];
  /** Unexpired messages that hub clients published (what a bridge republishes after an outage). */
  local(): RetainedMessage[];
  readonly size: number;
}

/** Creates an empty store that holds at most `maxMessages` addresses. */
export function createRetainedStore(maxMessages: number): RetainedStore {
  const messages = new Map<string, RetainedMessage>();

  function expired(message: RetainedMessage, now: number): boolean {
    return message.expiresAt !== undefined && message.expiresAt <= now;
  }

  /** Unexpired messages that pass `keep`; expired ones met on the way are dropped. */
  function unexpired(keep: (message: RetainedMessage) => boolean): RetainedMessage[] {
    const now = Date.now();
    const found: RetainedMessage[] = [];
    for (const [address, message] of messages) {
      if (expired(message, now)) messages.delete(address);
      else if (keep(message)) found.push(message);
    }
    return found;
  }

  return {
    put(content, expirySeconds, local) {
      const { address, body, encoding, metadata } = content;
      if (body.length === 0) {
        messages.delete(address);
        return true;
      }
      if (!messages.has(address) && messages.size >= maxMessages) {
        const now = Date.now();
        for (const [key, message] of messages) if (expired(message, now)) messages.delete(key);
        if (messages.size >= maxMessages) return false;
      }
      const expiresAt = expirySeconds === undefined ? undefined : Date.now() + expirySeconds * 1000;
      // Bytes are copied (`new Uint8Array(view)` copies; a Buffer's `slice` would not): a view
      // into the socket's read buffer would keep all of it alive.
      const kept = typeof body === "string" ? body : new Uint8Array(body);
      const stored =
        encoding === undefined
          ? { address, body: kept, metadata }
          : { address, body: kept, encoding, metadata };
      messages.set(address, { ...stored, expiresAt, local });
      return true;
    },
    matching: (pattern) => unexpired((message) => matchesPattern(pattern, message.address)),
    local: () => unexpired((message) => message.local),
    get size() {
      return messages.size;
    },
  };
}
