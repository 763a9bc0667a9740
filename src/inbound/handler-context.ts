/**
 * The types of one call, on both sides: the request options, what a request handler receives
 * besides the payload, and the interceptors around calls and handlers. They refer to each other
 * (options carry interceptors, interceptors see options and the handler's context), so they
 * live in one module.
 */
import type { Envelope, JsonObject, Priority } from "../wire/envelope.js";

/** How a failed call is tried again: see docs/interceptors.md. */
export interface RetryOptions {
  /** Attempts in all, the first included; 1 means no retry. @default 3 */
  readonly attempts?: number;
  /** Delay before the second attempt; it doubles each time, with full jitter. @default 100 */
  readonly initialDelayMs?: number;
  /** The most one delay may be. @default 2000 */
  readonly maxDelayMs?: number;
  /**
   * How long one attempt waits for its answer before it counts as a `timeout` and the next one
   * goes (with the same correlation id: a responder still on it, or done, answers it once).
   * @default the time left before the caller's deadline
   */
  readonly attemptTimeoutMs?: number;
  /** Error codes that may succeed later. @default ["timeout", "unavailable", "overloaded"] */
  readonly retryOn?: readonly string[];
}

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
  /** Interceptors for this request only, inside the agent's own. @default none */
  readonly interceptors?: readonly Interceptor[];
  /**
   * Running this request twice is harmless, so it may be retried (as a contract marked
   * `idempotent` is). @default the contract's `idempotent`, else false
   */
  readonly idempotent?: boolean;
  /**
   * Retries for this request (only when it is idempotent); false for none.
   * @default the agent's `retry` option
   */
  readonly retry?: RetryOptions | false;
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
  /** Transport metadata that came with the request (empty where the transport carries none). */
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

/** What a call is: a request, a streamed request or a broadcast. */
export type CallKind = "request" | "stream" | "broadcast";

/** One outgoing call as caller-side interceptors see it (one per attempt). */
export interface OutboundCall<TPayload = JsonObject> {
  readonly kind: CallKind;
  /** This agent's id. */
  readonly from: string;
  /** The target agent (an interceptor may change it); null for a broadcast. */
  to: string | null;
  /** The request type, or the broadcast type. */
  readonly type: string;
  payload: TPayload;
  options: RequestOptions;
  /**
   * Travels as transport metadata (MQTT 5 user properties, NATS headers, hub frame metadata),
   * beside the signature's; dropped where the transport has none (MQTT 3.1.1).
   */
  readonly metadata: Record<string, string>;
  /** 1, then 2, 3... on retries. */
  readonly attempt: number;
  /** The transport's name: `mqtt`, `nats`, `websocket`, `memory`... */
  readonly transport: string;
  /** The message id, set once the envelope is built (before it is sent). */
  readonly messageId?: string | undefined;
}

/** One incoming request or broadcast as responder-side interceptors see it. */
export interface InboundCall<TPayload = JsonObject> {
  readonly kind: CallKind;
  /** This (receiving) agent's id. */
  readonly agent: string;
  readonly sender: string;
  /** The request type, or the broadcast type. */
  readonly type: string;
  readonly payload: TPayload;
  readonly deadline: Date | undefined;
  /** Transport metadata that came with the message (empty where the transport carries none). */
  readonly metadata: Readonly<Record<string, string>>;
  /** The message as it arrived (id, correlation_id...). */
  readonly message: Envelope;
  readonly transport: string;
  /** The handler's context, for requests. */
  readonly context?: HandlerContext;
}

/** Continues a call: the next interceptor, or the call itself. */
export type Next = () => Promise<unknown>;

/**
 * Wraps calls and handlers; every hook is optional. Agent interceptors run in array order,
 * outermost first, then a request's own inside them. See docs/interceptors.md.
 */
export interface Interceptor {
  readonly name?: string;
  /**
   * Caller side, around `request`, `stream` and `broadcast` (around each attempt when retries
   * are on). May change `call.to`, `payload` or `options`, add `metadata`, return a result
   * without calling `next` or throw a ParleyError, or observe the outcome. Resolves with the
   * response payload (a stream's final response; undefined for a broadcast).
   */
  outbound?(call: OutboundCall, next: Next): Promise<unknown>;
  /** Caller side: each streamed part, in order, as the caller receives it. */
  onPart?(call: OutboundCall, part: unknown): void;
  /**
   * Responder side, around every request handler and broadcast listener; the handler runs inside
   * `next`, in the same async context. May refuse (throw a ParleyError: the caller gets it),
   * replace the result, or observe it.
   */
  inbound?(call: InboundCall, next: Next): Promise<unknown>;
}
