/**
 * What the reliability harness's parent and its children say over the IPC channel. A child's
 * arguments name its role; brokers serve from the start, the responder serves once connected, and
 * the requester waits for its load plan.
 */
import type { Outcomes } from "./outcomes.js";

/** The agents of one run and how they connect. Plain JSON: it travels to child processes. */
export interface AgentParams {
  /** Broker URL (`mqtt://`, `nats://`, `ws://`) the requester connects to. */
  readonly requesterUrl: string;
  /** Broker URL the responder connects to (another one only behind a bridged hub). */
  readonly responderUrl: string;
  /** MQTT protocol version of `mqtt://` URLs; sessions there are persistent (`clean: false`). */
  readonly mqttVersion?: 5 | 4;
  /** The responder's delay between reconnect attempts (a responder back later than its callers). @default 100 */
  readonly responderReconnectMs?: number;
  /** Unique per run, so agent ids and sessions of earlier runs never collide. */
  readonly runId: string;
  /** Where the responder appends the id of every request its handler runs (one per line). */
  readonly executionLog: string;
}

/** How the requester loads the responder. */
export interface LoadPlan {
  /** Requests in all. */
  readonly requests: number;
  /** Requests in flight at once (a closed loop). */
  readonly concurrency: number;
  /** The agent's timeout of each request. */
  readonly timeoutMs: number;
  /** A request not settled this long after its timeout counts as hung. */
  readonly hangMarginMs: number;
  /** A worker whose request was rejected waits this long before its next (a caller's back-off). */
  readonly backoffMs: number;
}

/** Parent to requester. */
export interface LoadMessage {
  readonly type: "load";
  readonly params: AgentParams;
  readonly plan: LoadPlan;
}

/** Child to parent. */
export type ReliabilityMessage =
  /** Broker: listening at `url`. Agents: connected (and, the responder, serving). */
  | { readonly type: "ready"; readonly url?: string }
  /** Requester: half of the requests have settled (the moment to inject the fault). */
  | { readonly type: "halfway" }
  /** Requester: every request settled or counted as hung. */
  | { readonly type: "result"; readonly outcomes: Outcomes };
