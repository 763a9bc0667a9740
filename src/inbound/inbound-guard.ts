/**
 * Who may say what: signature checks against the trust store (a spoofed `sender_id` fails them),
 * replay protection (a bounded cache of seen message ids and a timestamp window) and a per-sender
 * rate limit. Runs on the receive path after decoding, before anything acts on a message.
 *
 * The seen-id cache is bounded. Once it has had to forget ids, a message whose timestamp is not
 * newer than the newest forgotten one is refused too: it could be the replay of a forgotten id.
 * Under load that shrinks the effective window; it never lets a replay through.
 */
import type { InboundMessage } from "../../transports/transport.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { BoundedCache } from "../util/bounded-cache.js";
import { type Envelope, epochMsOf } from "../wire/envelope.js";
import { quoted } from "../wire/sender-input.js";
import { SignatureMetadata, type TrustStore } from "../wire/signatures.js";

/** Options for {@link InboundGuard}. */
export interface InboundGuardOptions {
  readonly trustStore: TrustStore | undefined;
  readonly requireSignatures: boolean;
  /** Messages older (or newer) than this are refused when signatures are required. */
  readonly replayWindowMs: number;
  /** Message ids remembered per agent for replay detection. */
  readonly replayCacheSize: number;
  /** Requests accepted per second from one sender; 0 for no limit. */
  readonly maxRequestsPerSecondPerSender: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * True when a request with this sender and correlation id was already handled (its reply is
 * cached) or is being handled: a redelivery of it is answered from the cache, never run again.
 */
export type KnownRequest = (envelope: Envelope) => boolean;

export class InboundGuard {
  readonly #options: InboundGuardOptions;
  readonly #knownRequest: KnownRequest;
  /** Seen message ids (sender and id) and their timestamps, epoch ms. */
  readonly #seen: BoundedCache<string, number>;
  /** The newest timestamp among the ids the seen cache forgot. */
  #forgottenUpTo = Number.NEGATIVE_INFINITY;
  readonly #buckets = new BoundedCache<string, Bucket>(10_000);

  constructor(options: InboundGuardOptions, knownRequest: KnownRequest = () => false) {
    this.#options = options;
    this.#knownRequest = knownRequest;
    this.#seen = new BoundedCache(options.replayCacheSize, (forgotten) => {
      for (const sentAt of forgotten.values())
        if (sentAt > this.#forgottenUpTo) this.#forgottenUpTo = sentAt;
    });
  }

  /** Why the message must be refused, or undefined when it may pass. */
  check(
    envelope: Envelope,
    message: InboundMessage,
    now: number = Date.now(),
  ): ParleyError | undefined {
    return (
      this.authenticity(envelope.sender_id, message) ??
      this.#freshness(envelope, now) ??
      this.#rate(envelope, now)
    );
  }

  /**
   * Why `message` cannot be taken as coming from `sender` (`unauthorized`), or undefined. Without
   * `requireSignatures` an unsigned message passes (nobody is authenticated, as with the seed);
   * a signed one from an agent in the trust store is still checked.
   */
  authenticity(sender: string, message: InboundMessage): ParleyError | undefined {
    const { trustStore, requireSignatures } = this.#options;
    const signature = message.metadata[SignatureMetadata.signature];
    const keyId = message.metadata[SignatureMetadata.keyId];
    if (signature === undefined || keyId === undefined) {
      return requireSignatures
        ? unauthorized(`unsigned message from "${quoted(sender)}"`, sender)
        : undefined;
    }
    if (!trustStore?.knows(sender)) {
      return requireSignatures
        ? unauthorized(`no trusted key for "${quoted(sender)}"`, sender)
        : undefined;
    }
    return trustStore.verify(sender, keyId, message.bytes, signature)
      ? undefined
      : unauthorized(
          `signature does not verify with a key of "${quoted(sender)}" (forged, altered or spoofed sender)`,
          sender,
        );
  }

  #freshness(envelope: Envelope, now: number): ParleyError | undefined {
    if (!this.#options.requireSignatures) return undefined;
    const sentAt = epochMsOf(envelope.timestamp);
    if (Math.abs(now - sentAt) > this.#options.replayWindowMs) {
      return new ParleyError(
        ErrorCode.replayed,
        `message ${quoted(envelope.id)} from "${quoted(envelope.sender_id)}" is outside the replay window`,
        {
          details: { timestamp: envelope.timestamp, window_ms: this.#options.replayWindowMs },
        },
      );
    }
    // A broker redelivery (QoS 1 duplicate) of a request already handled or in flight: let it
    // through to be answered from the response cache (or ignored while in flight).
    if (envelope.message_type === "request" && this.#knownRequest(envelope)) return undefined;
    const key = `${envelope.sender_id}\u0000${envelope.id}`;
    if (this.#seen.has(key)) {
      return new ParleyError(
        ErrorCode.replayed,
        `message ${quoted(envelope.id)} from "${quoted(envelope.sender_id)}" was seen before`,
      );
    }
    if (sentAt <= this.#forgottenUpTo) {
      return new ParleyError(
        ErrorCode.replayed,
        `message ${quoted(envelope.id)} from "${quoted(envelope.sender_id)}" is not newer than the message ids this agent had to forget (replayCacheSize ${this.#options.replayCacheSize})`,
        {
          details: {
            timestamp: envelope.timestamp,
            forgotten_up_to: new Date(this.#forgottenUpTo).toISOString(),
          },
        },
      );
    }
    this.#seen.set(key, sentAt);
    return undefined;
  }

  #rate(envelope: Envelope, now: number): ParleyError | undefined {
    const limit = this.#options.maxRequestsPerSecondPerSender;
    if (limit <= 0 || envelope.message_type !== "request") return undefined;
    const bucket = this.#buckets.get(envelope.sender_id) ?? { tokens: limit, at: now };
    bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.at) / 1000) * limit);
    bucket.at = now;
    this.#buckets.set(envelope.sender_id, bucket);
    if (bucket.tokens < 1) {
      return new ParleyError(
        ErrorCode.overloaded,
        `"${quoted(envelope.sender_id)}" sends more than ${limit} requests per second`,
        {
          details: { limit_per_second: limit },
        },
      );
    }
    bucket.tokens -= 1;
    return undefined;
  }
}

function unauthorized(message: string, sender: string): ParleyError {
  return new ParleyError(ErrorCode.unauthorized, message, { details: { sender: quoted(sender) } });
}
