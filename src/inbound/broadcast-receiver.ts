/** Delivers inbound broadcasts to the user's listeners: expiry, contract validation, isolation. */
import type { AgentContext } from "../agent/context.js";
import { isAgentEventName } from "../agent/events.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { validationError } from "../errors/validation-error.js";
import { type Envelope, isExpired, type JsonObject } from "../wire/envelope.js";

/** Receives one broadcast: its payload (without `broadcast_type`) and the whole message. */
export type BroadcastListener<T = JsonObject> = (payload: T, message: Envelope) => void;

export class BroadcastReceiver {
  readonly #ctx: AgentContext;

  constructor(ctx: AgentContext) {
    this.#ctx = ctx;
  }

  receive(envelope: Envelope, address: string): void {
    if (isExpired(envelope)) {
      const error = new ParleyError(
        ErrorCode.expired,
        `broadcast expired at ${envelope.expires_at}`,
      );
      this.#ctx.reject(error, address, envelope);
      return;
    }
    const type = envelope.payload.broadcast_type;
    if (typeof type !== "string" || isAgentEventName(type) || !this.#ctx.listeners.has(type))
      return;
    const { broadcast_type: _type, ...payload } = envelope.payload;
    const { validate, contracts } = this.#ctx.options;
    const issues =
      (validate ? contracts?.broadcasts[type]?.validatePayload(payload) : undefined) ?? [];
    if (issues.length > 0) {
      const error = validationError(
        ErrorCode.invalid_request,
        `broadcast "${type}" from "${envelope.sender_id}"`,
        issues,
      );
      this.#ctx.reject(error, address, envelope);
      return;
    }
    for (const error of this.#ctx.listeners.emit(type, payload, envelope)) {
      this.#ctx.emit("handler:error", { error: ParleyError.from(error), address, envelope });
    }
  }
}
