/**
 * The agent's one receive path: every inbound message passes here. Size limit and decoding, the
 * address check, the guard (signatures, replay, rate), then by kind: presence, requests,
 * responses and cancellations, broadcasts, heartbeats. What is refused is counted and reported;
 * an authenticated sender of a refused request is told why.
 */
import type { InboundMessage } from "../../transports/transport.js";
import type { AgentContext } from "../agent/context.js";
import { errorPayload } from "../errors/error-payload.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import type { OutboundRequests } from "../outbound/outbound-requests.js";
import type { Presence } from "../presence/presence.js";
import { agentOfPresenceAddress, envelopeAddressOk } from "../wire/addresses.js";
import { createEnvelope, MessageType } from "../wire/envelope.js";
import { decodeEnvelope } from "../wire/envelope-decoder.js";
import { quoted } from "../wire/sender-input.js";
import type { BroadcastReceiver } from "./broadcast-receiver.js";
import type { InboundGuard } from "./inbound-guard.js";
import type { RequestHandling } from "./request-handling.js";

/** The parts of the agent a message may go to. */
export interface Receivers {
  readonly guard: InboundGuard;
  readonly presence: Presence;
  readonly requests: RequestHandling;
  readonly outbound: OutboundRequests;
  readonly broadcasts: BroadcastReceiver;
}

export class ReceivePath {
  readonly #ctx: AgentContext;
  readonly #parts: Receivers;

  constructor(ctx: AgentContext, parts: Receivers) {
    this.#ctx = ctx;
    this.#parts = parts;
  }

  /** Handles one inbound message. */
  receive(message: InboundMessage): void {
    if (this.#ctx.closed) return;
    const presenceOf = agentOfPresenceAddress(message.address);
    if (presenceOf !== undefined && message.bytes.byteLength === 0) {
      this.#parts.presence.onPresenceCleared(presenceOf);
      return;
    }
    const decoded = decodeEnvelope(message.bytes, this.#ctx.options.maxMessageBytes);
    if (!decoded.ok) {
      this.#ctx.reject(decoded.error, message.address);
      const { sender_id, correlation_id, message_type } = decoded.partial;
      if (
        message_type === MessageType.request &&
        sender_id &&
        correlation_id &&
        this.#parts.guard.authenticity(sender_id, message) === undefined
      ) {
        this.#replyError(sender_id, correlation_id, decoded.error);
      }
      return;
    }
    const { envelope } = decoded;
    const misaddressed = presenceOf === undefined && !envelopeAddressOk(message.address, envelope);
    const refusal = misaddressed
      ? new ParleyError(
          ErrorCode.malformed_message,
          `message of type "${envelope.message_type}" arrived on "${quoted(message.address)}"`,
        )
      : this.#parts.guard.check(envelope, message);
    if (refusal) {
      this.#ctx.reject(refusal, message.address, envelope);
      // Only a sender that could be authenticated (or any, where signatures are not required) is
      // told: a reply to an unauthenticated sender_id would reflect errors onto whoever it names.
      // The guard checks authenticity first, so any refusal of its but `unauthorized` passed it.
      const authenticated = misaddressed
        ? this.#parts.guard.authenticity(envelope.sender_id, message) === undefined
        : refusal.code !== ErrorCode.unauthorized;
      if (
        authenticated &&
        envelope.message_type === MessageType.request &&
        envelope.correlation_id !== null
      ) {
        this.#replyError(envelope.sender_id, envelope.correlation_id, refusal);
      }
      return;
    }
    if (presenceOf !== undefined) {
      this.#parts.presence.onPresenceCard(presenceOf, envelope);
      return;
    }
    switch (envelope.message_type) {
      case MessageType.request:
        this.#parts.requests.receive(envelope, message);
        return;
      case MessageType.response:
        if (!this.#parts.outbound.onResponse(envelope, message.address, message.bytes.byteLength))
          this.#parts.outbound.countLate();
        return;
      case MessageType.error:
        // Either the answer to one of our requests, or a caller cancelling one of theirs.
        if (
          !this.#parts.outbound.onResponse(envelope, message.address, message.bytes.byteLength) &&
          !this.#parts.requests.cancel(envelope)
        )
          this.#parts.outbound.countLate();
        return;
      case MessageType.broadcast:
        if (envelope.sender_id !== this.#ctx.id && !this.#parts.presence.onBroadcast(envelope))
          this.#parts.broadcasts.receive(envelope, message.address, message.metadata);
        return;
      case MessageType.heartbeat:
        if (envelope.sender_id !== this.#ctx.id) this.#parts.presence.onHeartbeat(envelope);
        return;
    }
  }

  /** An error reply to a request that never reached a handler. */
  #replyError(recipient: string, correlationId: string, error: ParleyError): void {
    const payload = errorPayload(error, undefined);
    const reply = createEnvelope({
      sender_id: this.#ctx.id,
      recipient_id: recipient,
      message_type: MessageType.response,
      payload,
      correlation_id: correlationId,
    });
    this.#ctx.sendQuietly(reply, "response");
  }
}
