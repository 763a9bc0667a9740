/**
 * Messages a resumed persistent session brings before anyone subscribed to them. A process that
 * restarts with `clean: false` gets what the broker queued for it while it was away right after
 * CONNACK, before its agent has subscribed again; mqtt.js acknowledges them at once, so a message
 * that no subscription takes would be lost. The backlog holds them (non-retained ones: the broker
 * resends retained messages on subscribe) and hands each to the first subscription that matches.
 */
import { matchesLevels } from "../address-pattern.js";
import type { InboundMessage } from "../transport.js";

/** Most messages held; beyond it the oldest is dropped (nobody subscribed to it for a long time). */
export const MAX_SESSION_BACKLOG = 10_000;

export interface SessionBacklog {
  /** Keeps a message that no subscription took. */
  hold(message: InboundMessage): void;
  /** Removes and returns, oldest first, the held messages whose address matches `levels`. */
  take(levels: readonly string[]): InboundMessage[];
  clear(): void;
}

export function createSessionBacklog(limit = MAX_SESSION_BACKLOG): SessionBacklog {
  let held: InboundMessage[] = [];
  return {
    hold(message) {
      if (message.retained) return;
      held.push(message);
      if (held.length > limit) held.shift();
    },
    take(levels) {
      if (held.length === 0) return [];
      const taken: InboundMessage[] = [];
      const kept: InboundMessage[] = [];
      for (const message of held) {
        (matchesLevels(levels, message.address.split("/")) ? taken : kept).push(message);
      }
      held = kept;
      return taken;
    },
    clear() {
      held = [];
    },
  };
}
