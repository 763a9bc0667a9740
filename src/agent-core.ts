/**
 * What the agent's parts (request handling, presence) share: its identity and options, the one
 * send path, and event emission. Internal; not exported from the package.
 */

import type { PublishOptions } from "../transports/transport.js";
import { addressFor } from "./addresses.js";
import type { AgentEventMap } from "./agent-events.js";
import type { ResolvedAgentOptions } from "./agent-options.js";
import { type Envelope, encodeEnvelope, epochMsOf } from "./envelope.js";
import type { EncodedMessage } from "./send-path.js";
import { SignatureMetadata } from "./signatures.js";

/** The kinds of message an agent publishes, each with its own QoS. */
export type SendKind = "request" | "response" | "broadcast" | "heartbeat" | "presence";

export interface AgentCore {
  readonly id: string;
  readonly options: ResolvedAgentOptions;
  /** Encodes and publishes; the address defaults to the envelope's own. Rejects when it cannot. */
  send(
    envelope: Envelope,
    kind: SendKind,
    extra?: { address?: string; retain?: boolean },
  ): Promise<void>;
  /**
   * Like `send`, but a failure becomes a `message:rejected` event instead of a rejection. A
   * `response` that fails because the connection is down is held and sent on reconnect, until
   * `holdUntil` (epoch ms; default: the agent's default timeout from now). Returns the bytes
   * published or held (a replacement error reply's, for a response that could not be sent).
   */
  sendQuietly(
    envelope: Envelope,
    kind: SendKind,
    extra?: { address?: string; retain?: boolean; holdUntil?: number },
  ): Uint8Array | undefined;
  /** Like `sendQuietly`, for bytes already encoded and within the size limit. */
  sendEncodedQuietly(message: EncodedMessage, extra: { holdUntil?: number }): void;
  emit<K extends keyof AgentEventMap>(name: K, value: AgentEventMap[K]): void;
  /** Connected and not closed: requests may be sent. */
  isOpen(): boolean;
  isClosed(): boolean;
  /** The transport is connected now (false while it reconnects). */
  isConnected(): boolean;
  /** The id to answer a request addressed to `recipient` with: the pool's name for a pool we serve, else ours. */
  answersAs(recipient: string | null): string;
}

/** What an agent builds its core from. */
export interface AgentCoreParts {
  readonly options: ResolvedAgentOptions;
  readonly sending: Pick<AgentCore, "send" | "sendQuietly" | "sendEncodedQuietly">;
  emit: AgentCore["emit"];
  isOpen(): boolean;
  isClosed(): boolean;
  isConnected(): boolean;
}

export function createAgentCore(parts: AgentCoreParts): AgentCore {
  const { options, sending } = parts;
  const pools = new Set(options.pools);
  return {
    id: options.id,
    options,
    send: (envelope, kind, extra) => sending.send(envelope, kind, extra),
    sendQuietly: (envelope, kind, extra) => sending.sendQuietly(envelope, kind, extra),
    sendEncodedQuietly: (message, extra) => sending.sendEncodedQuietly(message, extra),
    emit: parts.emit,
    isOpen: parts.isOpen,
    isClosed: parts.isClosed,
    isConnected: parts.isConnected,
    answersAs: (recipient) => (recipient !== null && pools.has(recipient) ? recipient : options.id),
  };
}

/** Publish options for one message: QoS by kind, broker-side expiry from its `expires_at`. */
export function publishOptionsFor(
  message: { readonly expiresAt: string | null },
  bytes: Uint8Array,
  kind: SendKind,
  options: ResolvedAgentOptions,
  retain: boolean,
): PublishOptions {
  const published: { -readonly [K in keyof PublishOptions]: PublishOptions[K] } = {
    qos: options.qos[kind],
  };
  if (retain) published.retain = true;
  if (message.expiresAt !== null) {
    published.expirySeconds = Math.max(
      1,
      Math.ceil((epochMsOf(message.expiresAt) - Date.now()) / 1000),
    );
  }
  if (options.signer) {
    published.metadata = {
      [SignatureMetadata.keyId]: options.signer.keyId,
      [SignatureMetadata.signature]: options.signer.sign(bytes),
    };
  }
  return published;
}

/** The address an envelope is published to, as the seed computes it. */
export function envelopeAddress(envelope: Envelope): string {
  return addressFor(envelope.recipient_id, envelope.message_type);
}

export { encodeEnvelope };
