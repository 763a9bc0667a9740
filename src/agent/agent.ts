/**
 * An agent: finds other agents, asks them for work, serves their requests and broadcasts news,
 * over any {@link Transport}. It builds the per-agent context (`context.ts`, which holds the one
 * send path) and the parts that share it; every inbound message goes through one receive path
 * (`../inbound/receive-path.ts`). See docs/architecture.md.
 */
import type { Subscription, TransportStatus } from "../../transports/transport.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import { type BroadcastListener, BroadcastReceiver } from "../inbound/broadcast-receiver.js";
import type {
  Interceptor,
  RequestFn,
  RequestHandler,
  RequestOptions,
} from "../inbound/handler-context.js";
import { InboundGuard } from "../inbound/inbound-guard.js";
import { ReceivePath } from "../inbound/receive-path.js";
import { RequestHandling } from "../inbound/request-handling.js";
import { hasHooks } from "../interceptors/chain.js";
import { type BroadcastOptions, broadcastEnvelope } from "../outbound/broadcast-message.js";
import { CircuitBreakers } from "../outbound/circuit-breakers.js";
import { type DelegateOptions, Delegation } from "../outbound/delegation.js";
import { InterceptedCalls } from "../outbound/intercepted-calls.js";
import { OutboundRequests } from "../outbound/outbound-requests.js";
import type { AgentCard } from "../presence/agent-card.js";
import { Directory, type DirectoryView } from "../presence/directory.js";
import { Presence } from "../presence/presence.js";
import { waitAtMost } from "../util/wait-at-most.js";
import { assertValidAgentId } from "../wire/addresses.js";
import type { JsonObject } from "../wire/envelope.js";
import type { StreamEvent } from "../wire/stream-protocol.js";
import { assertTransportFeatures, subscribeAgent } from "./connection.js";
import { AgentContext } from "./context.js";
import type { AgentEventMap } from "./events.js";
import type { AgentOptions } from "./options.js";
import { resolveAgentOptions } from "./resolved-options.js";
import type { AgentStats } from "./stats.js";

/** Creates an agent. Call `connect()` before use. */
export function createAgent(options: AgentOptions): Agent {
  return new Agent(options);
}

export class Agent {
  readonly id: string;
  /** Identity, options, connection state, send path and events: shared by every part. */
  readonly #ctx: AgentContext;
  readonly #directory: Directory;
  readonly #outbound: OutboundRequests;
  readonly #requests: RequestHandling;
  readonly #presence: Presence;
  readonly #delegation: Delegation;
  /** Calls through interceptors and fault policies (the plain path skips it). */
  readonly #calls: InterceptedCalls;
  readonly #breakers: CircuitBreakers | undefined;
  readonly #subscriptions: Subscription[] = [];
  readonly #receiving: ReceivePath;
  #stopStatus: (() => void) | undefined;

  constructor(options: AgentOptions) {
    const resolved = resolveAgentOptions(options);
    for (const pool of resolved.pools) assertValidAgentId(pool);
    const ctx = new AgentContext(resolved);
    this.#ctx = ctx;
    this.id = ctx.id;
    this.#directory = new Directory(
      {
        online: (i) => ctx.emit("agent:online", i),
        offline: (i) => {
          ctx.emit("agent:offline", i);
          this.#outbound.offline.wentOffline(i);
        },
        restarted: (i, previous) => {
          ctx.emit("agent:restarted", i);
          this.#outbound.offline.restarted(i, previous);
        },
      },
      resolved.offlineAfterMs,
      resolved.maxDirectorySize,
      resolved.maxDirectoryBytes,
    );
    const request = this.request.bind(this) as RequestFn;
    this.#outbound = new OutboundRequests(ctx, this.#directory);
    this.#breakers =
      resolved.circuitBreaker &&
      new CircuitBreakers(resolved.circuitBreaker, (change) => ctx.emit("circuit:change", change));
    this.#calls = new InterceptedCalls(ctx, this.#outbound, this.#breakers);
    this.#requests = new RequestHandling(ctx, request);
    this.#delegation = new Delegation(
      this.id,
      this.#directory,
      request,
      () => resolved.contracts,
      this.#breakers,
    );
    this.#presence = new Presence(ctx, this.#directory, this.#requests);
    this.#receiving = new ReceivePath(ctx, {
      guard: new InboundGuard(resolved, (envelope) => this.#requests.knows(envelope)),
      presence: this.#presence,
      requests: this.#requests,
      outbound: this.#outbound,
      broadcasts: new BroadcastReceiver(ctx),
    });
  }

  /** The agents this one knows of. */
  get directory(): DirectoryView {
    return this.#directory;
  }

  /** This agent's card, as announced. */
  card(): AgentCard {
    return this.#presence.card();
  }

  stats(): AgentStats {
    return {
      pendingRequests: this.#outbound.pending,
      load: this.#requests.load(),
      queuedRequests: this.#requests.queued(),
      rejected: this.#ctx.rejected,
      lateResponses: this.#outbound.late,
      resentRequests: this.#outbound.resent,
      offlineFailures: this.#outbound.offline.failed,
    };
  }

  /** Connects, subscribes, announces itself and starts heartbeats. */
  async connect(): Promise<void> {
    const ctx = this.#ctx;
    if (ctx.phase !== "idle") throw new Error(`agent "${this.id}" was already connected`);
    ctx.phase = "connecting";
    const { transport } = ctx.options;
    this.#stopStatus = transport.onStatus((status) => this.#onStatus(status));
    const will = this.#presence.will(transport.features);
    try {
      await transport.connect(will ? { clientId: this.id, will } : { clientId: this.id });
    } catch (error) {
      // Nothing is running: connect() may be tried again.
      ctx.phase = "idle";
      this.#stopStatus();
      throw error;
    }
    try {
      ctx.connected = true;
      // Features are only certain once the transport has talked to its broker.
      assertTransportFeatures(ctx.options);
      await subscribeAgent(
        ctx.options,
        (message) => this.#receiving.receive(message),
        this.#subscriptions,
      );
    } catch (error) {
      // Connected but unusable as configured: close cleanly (no Last Will) and stay closed.
      ctx.phase = "closed";
      ctx.connected = false;
      this.#subscriptions.length = 0;
      this.#stopStatus();
      await transport.close().catch(() => {});
      throw error;
    }
    ctx.phase = "open";
    await this.#presence.start(transport.features);
  }

  /**
   * Sends a request and resolves with the response payload, or rejects with a {@link ParleyError}:
   * `timeout`, `remote_error`, `handler_failed`, `unknown_request_type`, `invalid_request`,
   * `invalid_response`, `expired`, `overloaded`, `unavailable`, `cancelled`, `closed`,
   * `circuit_open`, or what an interceptor threw. Idempotent requests may be retried (`retry`).
   */
  request<TResponse = JsonObject>(
    to: string,
    requestType: string,
    payload: JsonObject = {},
    options: RequestOptions = {},
  ): Promise<TResponse> {
    // A plain branch: without interceptors, retries or breakers nothing is built per request.
    if (!this.#calls.needed(options))
      return this.#outbound.request<TResponse>(to, requestType, payload, options);
    return this.#calls.request(to, requestType, payload, options) as Promise<TResponse>;
  }

  /**
   * Delegates a task (the seed's `delegate_task`) to an online agent whose card has the task's
   * capability, chosen by `strategy` (default least loaded). On `timeout` or `unavailable` it
   * fails over to the next capable agent only when the task's contract is marked idempotent.
   */
  delegate<TResult = JsonObject>(
    taskType: string,
    taskData: JsonObject = {},
    options: DelegateOptions = {},
  ): Promise<TResult> {
    return this.#delegation.delegate<TResult>(taskType, taskData, options);
  }

  /**
   * Sends a request to a streaming handler: yields its parts as they arrive, then the final
   * response (`kind: "response"`). Leaving the loop early cancels the request.
   */
  stream<TPart = JsonObject, TResponse = JsonObject>(
    to: string,
    requestType: string,
    payload: JsonObject = {},
    options: RequestOptions = {},
  ): AsyncIterable<StreamEvent<TPart, TResponse>> {
    if (!this.#calls.needed(options))
      return this.#outbound.stream<TPart, TResponse>(to, requestType, payload, options);
    return this.#calls.stream(to, requestType, payload, options) as AsyncIterable<
      StreamEvent<TPart, TResponse>
    >;
  }

  /**
   * Serves `requestType`; returns a function that stops serving it. The handler returns the
   * response, or is an `async function*` that yields parts and returns the response.
   */
  handle<TRequest = JsonObject, TResponse = JsonObject>(
    requestType: string,
    handler: RequestHandler<TRequest, TResponse>,
  ): () => void {
    return this.#requests.register(requestType, handler as RequestHandler);
  }

  /** Broadcasts to every agent (`a2a/broadcast/broadcast`, payload `{ broadcast_type, ... }`). */
  async broadcast(
    broadcastType: string,
    payload: JsonObject = {},
    options: BroadcastOptions = {},
  ): Promise<void> {
    if (this.#ctx.interceptors.length > 0)
      return this.#calls.broadcast(broadcastType, payload, options);
    const envelope = broadcastEnvelope(this.#ctx.options, broadcastType, payload, options.priority);
    await this.#ctx.send(envelope, "broadcast");
  }

  /**
   * Adds an interceptor inside those the agent has (around calls it makes, handlers and
   * broadcast listeners it runs); returns a function that removes it. See docs/interceptors.md.
   */
  use(interceptor: Interceptor): () => void {
    if (!hasHooks(interceptor)) return () => {};
    this.#ctx.interceptors.push(interceptor);
    return () => {
      const at = this.#ctx.interceptors.indexOf(interceptor);
      if (at >= 0) this.#ctx.interceptors.splice(at, 1);
    };
  }

  /** Listens for a lifecycle event (`agent:online`, `agent:offline`, `agent:restarted`, `message:rejected`, `handler:error`, `connection`, `circuit:change`). */
  on<K extends keyof AgentEventMap>(
    event: K,
    listener: (value: AgentEventMap[K]) => void,
  ): () => void;
  /** Listens for broadcasts of one type. */
  on<T = JsonObject>(broadcastType: string, listener: BroadcastListener<T>): () => void;
  on(name: string, listener: (value: never, extra: never) => void): () => void {
    return this.#ctx.listeners.on(name, listener);
  }

  /** Says goodbye, rejects pending requests (`closed`), stops handlers and timers, closes the transport. */
  async close(): Promise<void> {
    const ctx = this.#ctx;
    if (ctx.closed) return;
    const wasConnected = ctx.connected;
    ctx.phase = "closed";
    ctx.forgetHeldReplies();
    this.#requests.stop();
    this.#breakers?.stop();
    this.#outbound.rejectAll(this.id);
    const { transport, closeTimeoutMs } = ctx.options;
    const goodbye = (async () => {
      await this.#presence.stop(transport.features, wasConnected);
      ctx.connected = false;
      await Promise.allSettled(this.#subscriptions.splice(0).map((s) => s.unsubscribe()));
    })();
    // A connection that died unnoticed never acknowledges the goodbye: close anyway.
    await waitAtMost(goodbye, closeTimeoutMs);
    ctx.connected = false;
    this.#stopStatus?.();
    await transport.close();
  }

  #onStatus(status: TransportStatus): void {
    const ctx = this.#ctx;
    ctx.connected = status.state === "connected";
    ctx.emit("connection", status);
    // Replies held while the connection was down go out. After an outage our Last Will may have
    // cleared our card: announce again. Requests still waiting may have been lost with the
    // connection: send them again.
    ctx.statusChanged();
    if (status.state === "connected" && status.resumed && ctx.open) {
      this.#outbound.resendPending();
      this.#presence.announce(ctx.options.transport.features).catch((error: unknown) => {
        ctx.reject(ParleyError.from(error, ErrorCode.unavailable), "presence");
      });
    }
  }
}
