/**
 * What the benchmark's parent process and its children say to each other over the IPC channel.
 * A child's only argument is its role. Brokers (aedes, the WebSocket hub, the raw ws relay) serve from the start;
 * the responder and the requester are workers that run one scenario after another when told, so
 * a round costs two process start-ups rather than two per scenario.
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
}

/** Parent to child. */
export type ParentMessage =
  /** Responder: start serving with this stack (one at a time). */
  | { readonly type: "serve"; readonly stack: StackName; readonly params: StackParams }
  /** Responder: stop serving. */
  | { readonly type: "unserve" }
  /** Requester: connect with this stack, measure, disconnect. */
  | {
      readonly type: "measure";
      readonly stack: StackName;
      readonly params: StackParams;
      readonly plan: LoadPlan;
    };

/** Child to parent. */
export type ChildMessage =
  /** Broker: listening at `url`. Responder: serving (at `url` when it is the server itself). */
  | { readonly type: "ready"; readonly url?: string }
  /** Worker: up and waiting for work; responder: stopped serving. */
  | { readonly type: "idle" }
  | { readonly type: "result"; readonly results: LoadResult[] }
  | { readonly type: "failed"; readonly error: string };
