/**
 * What every part of one agent shares, built once by the agent: its identity and resolved
 * options, its connection state, its listeners, the one send path, and `reject`, the one way
 * refused input is reported (counted in `stats().rejected` and emitted as `message:rejected`).
 * The parts read the state as fields: no lambdas, no host interfaces.
 */
import { PUBLISHED } from "../../transports/transport.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import type { Interceptor } from "../inbound/handler-context.js";
import { hasHooks } from "../interceptors/chain.js";
import type { Envelope } from "../wire/envelope.js";
import { logAgentEvents } from "./agent-log.js";
import type { AgentEventMap } from "./events.js";
import { Listeners } from "./events.js";
import { type HeldReply, ReplyOutbox } from "./reply-outbox.js";
import type { ResolvedAgentOptions } from "./resolved-options.js";
import {
  type EncodedMessage,
  encodeWithin,
  envelopeAddress,
  envelopeOf,
  publishOptionsFor,
  replacementFor,
  type SendExtra,
  type SendKind,
} from "./send-path.js";

/** Where an agent is in its life: `connect()` makes it open, `close()` closed. */
export type AgentPhase = "idle" | "connecting" | "open" | "closed";

const NO_EXTRA: SendExtra = {};

export class AgentContext {
  readonly id: string;
  readonly options: ResolvedAgentOptions;
  readonly listeners = new Listeners();
  /** The agent's interceptors (`agent.use()` adds to them); empty costs the hot paths nothing. */
  readonly interceptors: Interceptor[];
  phase: AgentPhase = "idle";
  /** The transport is connected now (false while it reconnects). */
  connected = false;
  #rejected = 0;
  readonly #pools: ReadonlySet<string>;
  /** Replies that failed while the connection was down, sent when it is back. */
  readonly #outbox: ReplyOutbox;
  /** Counts connection status changes: a send that failed across one is tried again. */
  #statusChanges = 0;

  constructor(options: ResolvedAgentOptions) {
    this.id = options.id;
    this.options = options;
    this.#pools = new Set(options.pools);
    this.interceptors = options.interceptors.filter(hasHooks);
    this.#outbox = new ReplyOutbox(options.responseCacheSize, options.responseCacheBytes);
    if (options.logger) logAgentEvents(this, options.logger);
  }

  /** Connected and not closed: requests may be sent. */
  get open(): boolean {
    return this.phase === "open";
  }

  get closed(): boolean {
    return this.phase === "closed";
  }

  /** Messages refused so far (`stats().rejected`). */
  get rejected(): number {
    return this.#rejected;
  }

  /** Emits a lifecycle event. A throwing listener must not break the path that emitted it. */
  emit<K extends keyof AgentEventMap>(name: K, value: AgentEventMap[K]): void {
    this.listeners.emit(name, value);
  }

  /** Counts and reports a message refused (inbound) or one that could not be sent. */
  reject(error: ParleyError, address: string, envelope?: Envelope): void {
    this.#rejected++;
    this.emit("message:rejected", envelope ? { error, address, envelope } : { error, address });
  }

  /** The id to answer a request addressed to `recipient` with: the pool's name for a pool we serve, else ours. */
  answersAs(recipient: string | null): string {
    return recipient !== null && this.#pools.has(recipient) ? recipient : this.id;
  }

  /**
   * Encodes and publishes; the address defaults to the envelope's own. Rejects when it cannot.
   * Not `async`: up to the publish everything is synchronous, and the transport's promise is
   * returned as it is rather than wrapped in another one.
   */
  send(envelope: Envelope, kind: SendKind, extra: SendExtra = NO_EXTRA): Promise<void> {
    try {
      if (!this.connected) throw this.#notConnected();
      const bytes = encodeWithin(envelope, kind, this.options.maxMessageBytes);
      const address = extra.address ?? envelopeAddress(envelope);
      return this.#publish({ bytes, address, kind, expiresAt: envelope.expires_at }, extra);
    } catch (error) {
      // Not connected, not encodable (a BigInt, a cycle), refused, or a transport that throws.
      return Promise.reject(error);
    }
  }

  #notConnected(): ParleyError {
    return new ParleyError(ErrorCode.unavailable, `agent "${this.id}" is not connected`);
  }

  #publish(message: EncodedMessage, extra: SendExtra): Promise<void> {
    if (!this.connected) throw this.#notConnected();
    const { options } = this;
    const publishOptions = publishOptionsFor(
      message,
      options,
      extra.retain ?? false,
      extra.metadata,
    );
    const published = options.transport.publish(message.address, message.bytes, publishOptions);
    // A transport written in plain JavaScript may return a thenable, or nothing.
    return published instanceof Promise ? published : Promise.resolve(published);
  }

  /**
   * Like `send`, but a failure is reported (`reject`) instead of a rejection. A `response` that
   * fails because the connection is down is held and sent on reconnect, until `holdUntil`
   * (default: the agent's default timeout from now). A response that cannot be sent at all (too
   * large, not JSON) is replaced by an error reply that says why.
   *
   * Returns the bytes published (or held for the connection): those of the replacement when the
   * envelope could not be sent, undefined when nothing could be.
   */
  sendQuietly(
    envelope: Envelope,
    kind: SendKind,
    extra: SendExtra = NO_EXTRA,
  ): Uint8Array | undefined {
    return this.#sendQuietly(envelope, kind, extra, 0);
  }

  #sendQuietly(
    envelope: Envelope,
    kind: SendKind,
    extra: SendExtra,
    replacements: number,
  ): Uint8Array | undefined {
    let bytes: Uint8Array;
    const address = extra.address ?? envelopeAddress(envelope);
    try {
      bytes = encodeWithin(envelope, kind, this.options.maxMessageBytes);
    } catch (error) {
      const refused = ParleyError.from(error, ErrorCode.unavailable);
      this.reject(refused, address, envelope);
      const replacement = replacements < 2 ? replacementFor(envelope, refused) : undefined;
      return replacement === undefined
        ? undefined
        : this.#sendQuietly(replacement, kind, extra, replacements + 1);
    }
    this.sendEncodedQuietly(
      { bytes, address, kind, expiresAt: envelope.expires_at },
      extra,
      envelope,
    );
    return bytes;
  }

  /** Publishes bytes already encoded (and within the limit), quietly, as {@link sendQuietly}. */
  sendEncodedQuietly(message: EncodedMessage, extra: SendExtra, envelope?: Envelope): void {
    const statusAtSend = this.#statusChanges;
    let sent: Promise<void>;
    try {
      sent = this.#publish(message, extra);
    } catch (error) {
      sent = Promise.reject(error);
    }
    if (sent === PUBLISHED) return;
    sent.catch((error: unknown) => {
      if (message.kind === "response" && this.open) {
        if (!this.connected) {
          const deadline = extra.holdUntil ?? Date.now() + this.options.defaultTimeoutMs;
          for (const givenUp of this.#outbox.hold({ ...message, deadline }))
            this.#givenUp(givenUp, "too many replies were waiting");
          return;
        }
        // It failed while the connection was down or changing, and it is back now (the replies
        // held meanwhile went out already): send it again.
        if (statusAtSend !== this.#statusChanges) {
          if (extra.holdUntil !== undefined && extra.holdUntil <= Date.now())
            this.#givenUp(message, "its request expired");
          else this.sendEncodedQuietly(message, extra, envelope);
          return;
        }
      }
      const refused = ParleyError.from(error, ErrorCode.unavailable);
      this.reject(refused, message.address, envelope ?? envelopeOf(message.bytes));
    });
  }

  /** The connection status changed; once it is back, the replies held meanwhile go out. */
  statusChanged(): void {
    this.#statusChanges++;
    if (!this.connected || !this.open) return;
    const { due, expired } = this.#outbox.takeAll();
    for (const held of expired) this.#givenUp(held, "its request expired");
    for (const held of due) this.sendEncodedQuietly(held, { holdUntil: held.deadline });
  }

  /** Forgets the held replies (the agent is closing). */
  forgetHeldReplies(): void {
    this.#outbox.clear();
  }

  #givenUp(reply: Pick<HeldReply, "bytes" | "address">, why: string): void {
    const envelope = envelopeOf(reply.bytes);
    this.reject(
      new ParleyError(
        ErrorCode.unavailable,
        `reply to "${envelope?.recipient_id}" not sent while disconnected: ${why}`,
      ),
      reply.address,
      envelope,
    );
  }
}
