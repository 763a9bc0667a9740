/**
 * What the benchmark's parent process and its children say to each other over the IPC channel.
 * A child's only argument is its role. Brokers (aedes, the WebSocket hub, the raw ws relay) serve from the start;
 * the responder and the requester are workers: the responder serves one stack at a time, the
 * requester connects one and runs closed loops on it when told, so the parent can interleave the
 * windows of several scenarios, each on a pair of its own (bench/run-group.ts).
 */
import type { LoadResult } from "./measure.js";
import type { StackName } from "./stacks/registry.js";
import type { StackParams } from "./stacks/stack.js";

export type Role = "aedes" | "hub" | "relay" | "responder" | "requester";

/** How long a requester warms up and measures each in-flight level. */
export interface LoadPlan {
  readonly levels: readonly number[];
  readonly warmupMs: number;
  readonly durationMs: number;
  /**
   * Each level's `durationMs` is cut into this many windows, the scenarios compared with each
   * other taking turns window by window, so a slow moment of the machine falls on all of them.
   */
  readonly slices: number;
}

/** Parent to child. */
export type ParentMessage =
  /** Responder: start serving with this stack (one at a time). */
  | { readonly type: "serve"; readonly stack: StackName; readonly params: StackParams }
  /** Responder: stop serving. */
  | { readonly type: "unserve" }
  /** Requester: connect with this stack (then "load" as often as asked, then "disconnect"). */
  | { readonly type: "connect"; readonly stack: StackName; readonly params: StackParams }
  /** Requester: run a closed loop at `inFlight` for `durationMs` on the connected stack. */
  | { readonly type: "load"; readonly inFlight: number; readonly durationMs: number }
  /** Requester: close the connected stack. */
  | { readonly type: "disconnect" };

/** Child to parent. */
export type ChildMessage =
  /** Broker: listening at `url`. Responder: serving (at `url` when it is the server itself). */
  | { readonly type: "ready"; readonly url?: string }
  /** Worker: up and waiting for work; responder: stopped serving. */
  | { readonly type: "idle" }
  /** Requester: connected. */
  | { readonly type: "connected" }
  | { readonly type: "result"; readonly result: LoadResult }
  | { readonly type: "failed"; readonly error: string };
