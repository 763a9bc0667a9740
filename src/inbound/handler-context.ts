/** What a request handler receives besides the payload, and the request options. */
import type { Envelope, JsonObject, Priority } from "../wire/envelope.js";

/** Options for one request. */
export interface RequestOptions {
  /** Milliseconds after which the request rejects with `timeout`. @default the agent's defaultTimeoutMs (30000) */
  readonly timeout?: number;
  /** @default Priority.normal (2) */
  readonly priority?: Priority;
  /** When the request expires for the recipient. @default now + timeout */
  readonly expiresAt?: Date;
  /** Aborting it rejects the request with `cancelled`. */
  readonly signal?: AbortSignal;
  /**
   * The version of the request type's contract this call is written for; a generated client sets
   * it. When the agent called advertises another major version of that contract in its card, the
   * request is refused with `incompatible_contract` before anything is sent.
   * @default the version in the agent's `contracts`, if it has that request type
   */
  readonly contractVersion?: string;
  /** Send even when the agent called serves another major version of the contract. @default false */
  readonly ignoreContractVersion?: boolean;
  /**
   * Transport metadata sent beside the request, where the transport carries metadata (MQTT 5 user
   * properties, NATS headers), e.g. W3C `traceparent`. Never part of the envelope. The signature
   * keys an agent with a signer sets win over the same keys here. @default none
   */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Sends a request and resolves with the response payload. */
export type RequestFn = <TResponse = JsonObject>(
  to: string,
  requestType: string,
  payload: JsonObject,
  options?: RequestOptions,
) => Promise<TResponse>;

/** Context of one request being handled. */
export interface HandlerContext {
  /** The agent that sent the request (as it claims: see signatures for proof). */
  readonly sender: string;
  readonly requestType: string;
  readonly priority: Priority;
  /** When the caller stops waiting (`expires_at`); undefined when it set none. */
  readonly deadline: Date | undefined;
  /** Aborted when the deadline passes or the agent closes. */
  readonly signal: AbortSignal;
  /** The request as it arrived. */
  readonly message: Envelope;
  /** The transport metadata it arrived with (empty where the transport carries none). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Sends a request on, giving it no more than the time this request has left. */
  readonly request: RequestFn;
}

/**
 * Serves one request type. Returns the response payload, or throws (a ParleyError keeps its code).
 * An `async function*` handler streams: what it yields goes to a caller using `agent.stream()`
 * as parts, and what it returns is the response.
 */
// biome-ignore lint/suspicious/noExplicitAny: handlers are registered with their own payload types
export type RequestHandler<TRequest = any, TResponse = JsonObject> = (
  payload: TRequest,
  context: HandlerContext,
) => TResponse | Promise<TResponse> | AsyncIterator<unknown, TResponse>;
