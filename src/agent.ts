/**
 * An agent: finds other agents, asks them for work, serves their requests and broadcasts news,
 * over any {@link Transport}. One send path (`send-path.ts`) and one receive path (`receive-path.ts`).
 */
import type { Subscription, TransportStatus } from "../transports/transport.js";
import { assertValidAgentId } from "./addresses.js";
import { type AgentCard, announcedCard } from "./agent-card.js";
import { assertTransportFeatures, subscribeAgent } from "./agent-connection.js";
import { type AgentCore, createAgentCore } from "./agent-core.js";
import type { AgentEventMap } from "./agent-events.js";
import { Listeners } from "./agent-events.js";
import {
  type AgentOptions,
  type ResolvedAgentOptions,
  resolveAgentOptions,
} from "./agent-options.js";
import type { AgentStats } from "./agent-stats.js";
import { type BroadcastOptions, broadcastEnvelope } from "./broadcast-message.js";
import { type BroadcastListener, BroadcastReceiver } from "./broadcast-receiver.js";
import { type DelegateOptions, Delegation } from "./delegation.js";
import { Directory, type DirectoryView } from "./directory.js";
import type { Envelope, JsonObject } from "./envelope.js";
import { ErrorCode, ParleyError } from "./errors.js";
import type { RequestFn, RequestHandler, RequestOptions } from "./handler-context.js";
import { InboundGuard } from "./inbound-guard.js";
import { OutboundRequests } from "./outbound-requests.js";
import { Presence } from "./presence.js";
import { ReceivePath } from "./receive-path.js";
import { RequestHandling } from "./request-handling.js";
import { SendPath } from "./send-path.js";
import type { StreamEvent } from "./stream-protocol.js";
import { waitAtMost } from "./wait-at-most.js";

type State = "idle" | "connecting" | "open" | "closed";

/** Creates an agent. Call `connect()` before use. */
export function createAgent(options: AgentOptions): Agent {
  return new Agent(options);
}

export class Agent {
  readonly id: string;
  readonly #options: ResolvedAgentOptions;
  readonly #listeners = new Listeners();
  readonly #directory: Directory;
  readonly #outbound: OutboundRequests;
  readonly #requests: RequestHandling;
  readonly #broadcasts: BroadcastReceiver;
  readonly #presence: Presence;
  readonly #delegation: Delegation;
  readonly #guard: InboundGuard;
  readonly #core: AgentCore;
  readonly #subscriptions: Subscription[] = [];
  readonly #sending: SendPath;
  readonly #receiving: ReceivePath;
  #state: State = "idle";
  #connected = false;
  #stopStatus: (() => void) | undefined;
  #rejected = 0;

  constructor(options: AgentOptions) {
    this.#options = resolveAgentOptions(options);
    this.id = this.#options.id;
    this.#sending = new SendPath({
      id: this.id,
      options: this.#options,
      isConnected: () => this.#connected,
      isOpen: () => this.#state === "open",
      reject: (error, address, envelope) => this.#reject(error, address, envelope),
    });
    for (const pool of this.#options.pools) assertValidAgentId(pool);
    this.#core = createAgentCore({
      options: this.#options,
      sending: this.#sending,
      // A throwing lifecycle listener must not break the receive path; it has nobody to tell.
      emit: (name, value) => void this.#listeners.emit(name, value),
      isOpen: () => this.#state === "open",
      isClosed: () => this.#state === "closed",
      isConnected: () => this.#connected,
    });
    const emit = this.#core.emit;
    this.#directory = new Directory(
      {
        online: (i) => emit("agent:online", i),
        offline: (i) => {
          emit("agent:offline", i);
          this.#outbound.offline.wentOffline(i);
        },
        restarted: (i, previous) => {
          emit("agent:restarted", i);
          this.#outbound.offline.restarted(i, previous);
        },
      },
      this.#options.offlineAfterMs,
      this.#options.maxDirectorySize,
      this.#options.maxDirectoryBytes,
    );
    this.#outbound = new OutboundRequests(this.#core, this.#directory, (error, address) =>
      this.#reject(error, address),
    );
    this.#requests = new RequestHandling(this.#core, this.request.bind(this) as RequestFn);
    this.#broadcasts = new BroadcastReceiver(this.#core, this.#listeners);
    this.#guard = new InboundGuard(this.#options, (envelope) => this.#requests.knows(envelope));
    this.#delegation = new Delegation(
      this.id,
      this.#directory,
      this.request.bind(this) as RequestFn,
      () => this.#options.contracts,
    );
    this.#presence = new Presence(
      this.#core,
      this.#directory,
      () => this.card(),
      () => this.#requests.load(),
    );
    this.#receiving = new ReceivePath({
      id: this.id,
      maxMessageBytes: this.#options.maxMessageBytes,
      guard: this.#guard,
      presence: this.#presence,
      requests: this.#requests,
      outbound: this.#outbound,
      broadcasts: this.#broadcasts,
      sendQuietly: this.#core.sendQuietly,
      isClosed: () => this.#state === "closed",
      reject: (error, address, envelope) => this.#reject(error, address, envelope),
    });
  }

  /** The agents this one knows of. */
  get directory(): DirectoryView {
    return this.#directory;
  }

  /** This agent's card, as announced. */
  card(): AgentCard {
    const { card, contracts, pools } = this.#options;
    return announcedCard(
      card,
      this.#requests.requestTypes(),
      (type) => contracts?.requests[type]?.hash,
      this.#presence.announcedHeartbeatIntervalMs(),
      pools,
      this.#presence.requestsSurviveAbsence(),
      this.#presence.instanceId,
    );
  }

  stats(): AgentStats {
    return {
      pendingRequests: this.#outbound.pending,
      load: this.#requests.load(),
      rejected: this.#rejected,
      lateResponses: this.#outbound.late,
      resentRequests: this.#outbound.resent,
      offlineFailures: this.#outbound.offline.failed,
    };
  }

  /** Connects, subscribes, announces itself and starts heartbeats. */
  async connect(): Promise<void> {
    if (this.#state !== "idle") throw new Error(`agent "${this.id}" was already connected`);
    this.#state = "connecting";
    const { transport } = this.#options;
    this.#stopStatus = transport.onStatus((status) => this.#onStatus(status));
    const will = this.#presence.will(transport.features);
    try {
      await transport.connect(will ? { clientId: this.id, will } : { clientId: this.id });
    } catch (error) {
      // Nothing is running: connect() may be tried again.
      this.#state = "idle";
      this.#stopStatus();
      throw error;
    }
    try {
      this.#connected = true;
      // Features are only certain once the transport has talked to its broker.
      assertTransportFeatures(this.#options);
      await subscribeAgent(
        this.#options,
        (message) => this.#receiving.receive(message),
        this.#subscriptions,
      );
    } catch (error) {
      // Connected but unusable as configured: close cleanly (no Last Will) and stay closed.
      this.#state = "closed";
      this.#connected = false;
      this.#subscriptions.length = 0;
      this.#stopStatus();
      await transport.close().catch(() => {});
      throw error;
    }
    this.#state = "open";
    await this.#presence.start(transport.features);
  }

  /**
   * Sends a request and resolves with the response payload, or rejects with a {@link ParleyError}:
   * `timeout`, `remote_error`, `handler_failed`, `unknown_request_type`, `invalid_request`,
   * `invalid_response`, `expired`, `overloaded`, `unavailable`, `cancelled` or `closed`.
   */
  request<TResponse = JsonObject>(
    to: string,
    requestType: string,
    payload: JsonObject = {},
    options: RequestOptions = {},
  ): Promise<TResponse> {
    return this.#outbound.request<TResponse>(to, requestType, payload, options);
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
    return this.#outbound.stream<TPart, TResponse>(to, requestType, payload, options);
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
    const envelope = broadcastEnvelope(this.#options, broadcastType, payload, options.priority);
    await this.#core.send(envelope, "broadcast");
  }

  /** Listens for a lifecycle event (`agent:online`, `agent:offline`, `agent:restarted`, `message:rejected`, `handler:error`, `connection`). */
  on<K extends keyof AgentEventMap>(
    event: K,
    listener: (value: AgentEventMap[K]) => void,
  ): () => void;
  /** Listens for broadcasts of one type. */
  on<T = JsonObject>(broadcastType: string, listener: BroadcastListener<T>): () => void;
  on(name: string, listener: (value: never, extra: never) => void): () => void {
    return this.#listeners.on(name, listener);
  }

  /** Says goodbye, rejects pending requests (`closed`), stops handlers and timers, closes the transport. */
  async close(): Promise<void> {
    if (this.#state === "closed") return;
    const wasConnected = this.#connected;
    this.#state = "closed";
    this.#sending.clear();
    this.#requests.stop();
    this.#outbound.rejectAll(this.id);
    const { transport, closeTimeoutMs } = this.#options;
    const goodbye = (async () => {
      await this.#presence.stop(transport.features, wasConnected);
      this.#connected = false;
      await Promise.allSettled(this.#subscriptions.splice(0).map((s) => s.unsubscribe()));
    })();
    // A connection that died unnoticed never acknowledges the goodbye: close anyway.
    await waitAtMost(goodbye, closeTimeoutMs);
    this.#connected = false;
    this.#stopStatus?.();
    await transport.close();
  }

  #onStatus(status: TransportStatus): void {
    this.#connected = status.state === "connected";
    this.#core.emit("connection", status);
    // Replies held while the connection was down go out. After an outage our Last Will may have
    // cleared our card: announce again. Requests still waiting may have been lost with the
    // connection: send them again.
    this.#sending.statusChanged();
    if (status.state === "connected" && status.resumed && this.#state === "open") {
      this.#outbound.resendPending();
      this.#presence.announce(this.#options.transport.features).catch((error: unknown) => {
        this.#reject(ParleyError.from(error, ErrorCode.unavailable), "presence");
      });
    }
  }

  #reject(error: ParleyError, address: string, envelope?: Envelope): void {
    this.#rejected++;
    this.#core.emit(
      "message:rejected",
      envelope ? { error, address, envelope } : { error, address },
    );
  }
}
