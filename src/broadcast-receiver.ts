/** Delivers inbound broadcasts to the user's listeners: expiry, contract validation, isolation. */
import type { AgentCore } from "./agent-core.js";
import { isAgentEventName, type Listeners } from "./agent-events.js";
import { type Envelope, isExpired, type JsonObject } from "./envelope.js";
import { ErrorCode, ParleyError } from "./errors.js";
import { validationError } from "./validation-error.js";

/** Receives one broadcast: its payload (without `broadcast_type`) and the whole message. */
export type BroadcastListener<T = JsonObject> = (payload: T, message: Envelope) => void;

export class BroadcastReceiver {
  readonly #core: AgentCore;
  readonly #listeners: Listeners;

  constructor(core: AgentCore, listeners: Listeners) {
    this.#core = core;
    this.#listeners = listeners;
  }

  receive(envelope: Envelope, address: string): void {
    if (isExpired(envelope)) {
      this.#core.emit("message:rejected", {
        error: new ParleyError(ErrorCode.expired, `broadcast expired at ${envelope.expires_at}`),
        address,
        envelope,
      });
      return;
    }
    const type = envelope.payload.broadcast_type;
    if (typeof type !== "string" || isAgentEventName(type) || !this.#listeners.has(type)) return;
    const { broadcast_type: _type, ...payload } = envelope.payload;
    const { validate, contracts } = this.#core.options;
    const issues =
      (validate ? contracts?.broadcasts[type]?.validatePayload(payload) : undefined) ?? [];
    if (issues.length > 0) {
      const error = validationError(
        ErrorCode.invalid_request,
        `broadcast "${type}" from "${envelope.sender_id}"`,
        issues,
      );
      this.#core.emit("message:rejected", { error, address, envelope });
      return;
    }
    for (const error of this.#listeners.emit(type, payload, envelope)) {
      this.#core.emit("handler:error", { error: ParleyError.from(error), address, envelope });
    }
  }
}
