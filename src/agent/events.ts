/**
 * Lifecycle events an agent emits (their names contain a colon, so they never clash with broadcast
 * types, which are snake_case words). A throwing listener is isolated: the others still run and
 * the agent keeps serving.
 */

import type { TransportStatus } from "../../transports/transport.js";
import type { ParleyError } from "../errors/parley-error.js";
import type { CircuitChange } from "../outbound/circuit-breakers.js";
import type { AgentInfo } from "../presence/directory.js";
import type { Envelope } from "../wire/envelope.js";

/** Something from the wire that the agent refused (and why), or a handler that failed. */
export interface RejectedMessage {
  readonly error: ParleyError;
  /** The address it arrived on. */
  readonly address: string;
  /** The envelope, when it could be decoded. */
  readonly envelope?: Envelope;
}

/** Every lifecycle event and the argument its listeners receive. */
export interface AgentEventMap {
  "agent:online": AgentInfo;
  "agent:offline": AgentInfo;
  /** A known agent's card came with a new `instanceId`: its process restarted. */
  "agent:restarted": AgentInfo;
  "message:rejected": RejectedMessage;
  "handler:error": RejectedMessage;
  connection: TransportStatus;
  /** A target's circuit opened, half-opened (a probe may go) or closed (`circuitBreaker` option). */
  "circuit:change": CircuitChange;
}

export type AgentEventName = keyof AgentEventMap;

const EVENT_NAMES = new Set<string>([
  "agent:online",
  "agent:offline",
  "agent:restarted",
  "message:rejected",
  "handler:error",
  "connection",
  "circuit:change",
]);

/** True for a lifecycle event name (as opposed to a broadcast type). */
export function isAgentEventName(name: string): name is AgentEventName {
  return EVENT_NAMES.has(name);
}

type Listener = (value: never, extra: never) => void;

/** A tiny listener registry keyed by name; returns an `off` function from `on`. */
export class Listeners {
  readonly #byName = new Map<string, Set<Listener>>();

  on(name: string, listener: Listener): () => void {
    let set = this.#byName.get(name);
    if (!set) {
      set = new Set();
      this.#byName.set(name, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  has(name: string): boolean {
    return (this.#byName.get(name)?.size ?? 0) > 0;
  }

  /** Calls every listener of `name`; returns the errors they threw. */
  emit(name: string, value: unknown, extra?: unknown): unknown[] {
    const errors: unknown[] = [];
    const set = this.#byName.get(name);
    if (!set) return errors;
    for (const listener of [...set]) {
      try {
        (listener as (v: unknown, e: unknown) => void)(value, extra);
      } catch (error) {
        errors.push(error);
      }
    }
    return errors;
  }

  clear(): void {
    this.#byName.clear();
  }
}
