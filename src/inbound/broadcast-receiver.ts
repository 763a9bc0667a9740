/** Delivers inbound broadcasts to the user's listeners: expiry, contract validation, isolation. */
import type { AgentContext } from "../agent/context.js";
import { isAgentEventName } from "../agent/events.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { validationError } from "../errors/validation-error.js";
import { runInbound } from "../interceptors/chain.js";
import { type Envelope, epochMsOf, isExpired, type JsonObject } from "../wire/envelope.js";
import type { InboundCall } from "./handler-context.js";

/** Receives one broadcast: its payload (without `broadcast_type`) and the whole message. */
export type BroadcastListener<T = JsonObject> = (payload: T, message: Envelope) => void;

export class BroadcastReceiver {
  readonly #ctx: AgentContext;

  constructor(ctx: AgentContext) {
    this.#ctx = ctx;
  }

  receive(envelope: Envelope, address: string, metadata: Readonly<Record<string, string>>): void {
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
    if (this.#ctx.interceptors.length === 0) {
      this.#deliver(type, payload, envelope, address);
      return;
    }
    const call: InboundCall = {
      kind: "broadcast",
      agent: this.#ctx.id,
      sender: envelope.sender_id,
      type,
      payload,
      deadline: envelope.expires_at === null ? undefined : new Date(epochMsOf(envelope.expires_at)),
      metadata,
      message: envelope,
      transport: this.#ctx.options.transport.name,
    };
    // An interceptor that throws refuses the broadcast: counted and reported, as any refusal.
    runInbound(this.#ctx.interceptors, call, () => {
      this.#deliver(type, payload, envelope, address);
      return Promise.resolve(undefined);
    }).catch((error: unknown) => this.#ctx.reject(ParleyError.from(error), address, envelope));
  }

  #deliver(type: string, payload: JsonObject, envelope: Envelope, address: string): void {
    for (const error of this.#ctx.listeners.emit(type, payload, envelope)) {
      this.#ctx.emit("handler:error", { error: ParleyError.from(error), address, envelope });
    }
  }
}
