/**
 * Runs one A2A task as a Parley request to the agent an endpoint stands for. `SendMessage` sends a
 * plain request, so the agent gets exactly the payload its contract says. `SendStreamingMessage`
 * asks a Parley agent for a stream: each streamed part becomes an append to the artifact
 * `partial`, in order. A seed agent cannot be streamed to (the stream marker would reach its
 * handler in the payload), so it gets a plain request there too. Either way the response becomes
 * the artifact `response` (one data part), then the task completes. A Parley error ends the task
 * in the state `error-states.ts` gives. `CancelTask` aborts the request, which sends Parley's
 * cancel notice to the agent over the wire, and ends the task CANCELED at once.
 */
import type { ExecutionEventBus, RequestContext } from "@a2a-js/sdk/server";
import type { Agent } from "../agent/agent.js";
import { ErrorCode, ParleyError } from "../errors/parley-error.js";
import type { RequestOptions } from "../inbound/handler-context.js";
import type { JsonObject } from "../wire/envelope.js";
import type { StreamEvent } from "../wire/stream-protocol.js";
import {
  artifact,
  artifactUpdate,
  dataPart,
  message,
  ROLE_AGENT,
  State,
  statusUpdate,
  type TaskIds,
  textPart,
} from "./a2a-values.js";
import { errorStatusMessage, taskStateFor } from "./error-states.js";
import type { ParleyRequest } from "./inbound-message.js";
import type { A2aServerModules } from "./sdk-modules.js";
import { traceContextOf } from "./trace-context.js";

/** The artifact streamed parts are appended to. */
export const PARTS_ARTIFACT_ID = "partial";
/** The artifact holding the response. */
export const RESPONSE_ARTIFACT_ID = "response";
/** Task metadata keys naming the Parley side of a task. */
export const TASK_AGENT_KEY = "parley.agent";
export const TASK_SKILL_KEY = "parley.skill";
/** Server call state key set for `SendStreamingMessage` calls. */
export const STREAMING_STATE_KEY = "parley.streaming";

/** What an executor needs from the gateway. */
export interface ExecutorContext {
  readonly sdk: A2aServerModules;
  /** The gateway's own agent on the mesh. */
  readonly agent: Agent;
  /** The Parley agent the endpoint stands for. */
  readonly target: string;
  readonly timeoutMs: number;
  /** The request a message stands for (it was checked before the task was created). */
  requestOf(context: RequestContext): ParleyRequest;
}

export class GatewayExecutor {
  readonly #ctx: ExecutorContext;
  /** Running tasks: aborting one cancels its Parley request. */
  readonly #running = new Map<string, { readonly abort: AbortController; readonly ids: TaskIds }>();

  constructor(ctx: ExecutorContext) {
    this.#ctx = ctx;
  }

  execute = async (context: RequestContext, bus: ExecutionEventBus): Promise<void> => {
    const { AgentEvent } = this.#ctx.sdk.server;
    const ids: TaskIds = { taskId: context.taskId, contextId: context.contextId };
    const request = this.#ctx.requestOf(context);
    bus.publish(
      AgentEvent.task({
        id: ids.taskId,
        contextId: ids.contextId,
        status: { state: State.submitted, message: undefined, timestamp: new Date().toISOString() },
        artifacts: [],
        history: [context.userMessage],
        metadata: { [TASK_AGENT_KEY]: this.#ctx.target, [TASK_SKILL_KEY]: request.requestType },
      }),
    );
    const abort = new AbortController();
    this.#running.set(ids.taskId, { abort, ids });
    bus.publish(AgentEvent.statusUpdate(statusUpdate(ids, State.working)));
    try {
      const metadata = traceContextOf(context.context.state.get("headers"));
      const options: RequestOptions = {
        signal: abort.signal,
        timeout: this.#ctx.timeoutMs,
        ...(metadata ? { metadata } : {}),
      };
      const { agent, target } = this.#ctx;
      const events =
        context.context.state.get(STREAMING_STATE_KEY) === true && streamsTo(agent, target)
          ? agent.stream(target, request.requestType, request.payload, options)
          : oneResponse(agent.request(target, request.requestType, request.payload, options));
      for await (const event of events) {
        if (abort.signal.aborted) return;
        if (event.kind === "part") {
          const parts = artifact(PARTS_ARTIFACT_ID, `${request.requestType} parts`, [
            dataPart(event.data),
          ]);
          bus.publish(AgentEvent.artifactUpdate(artifactUpdate(ids, parts, event.seq > 0, false)));
          continue;
        }
        const response = artifact(RESPONSE_ARTIFACT_ID, `${request.requestType} response`, [
          dataPart(event.data),
        ]);
        bus.publish(AgentEvent.artifactUpdate(artifactUpdate(ids, response, false, true)));
        bus.publish(AgentEvent.statusUpdate(statusUpdate(ids, State.completed)));
      }
    } catch (error) {
      // A cancelled task has had its final state published by cancelTask already.
      if (abort.signal.aborted) return;
      const failure = ParleyError.from(error, ErrorCode.unavailable);
      bus.publish(
        AgentEvent.statusUpdate(
          statusUpdate(ids, taskStateFor(failure), errorStatusMessage(ids, failure)),
        ),
      );
    } finally {
      this.#running.delete(ids.taskId);
    }
  };

  cancelTask = async (taskId: string, bus: ExecutionEventBus): Promise<void> => {
    const { AgentEvent } = this.#ctx.sdk.server;
    const running = this.#running.get(taskId);
    if (!running) return;
    // Aborting sends Parley's cancel notice to the agent. The SDK then waits for a terminal state
    // on the bus, so publish it now rather than when (if) the agent stops.
    running.abort.abort(new ParleyError(ErrorCode.cancelled, "the A2A client cancelled the task"));
    const { ids } = running;
    const note = message(ROLE_AGENT, [textPart("Cancelled by the A2A client.")], ids);
    bus.publish(AgentEvent.statusUpdate(statusUpdate(ids, State.canceled, note)));
  };
}

/**
 * Whether `target` speaks Parley's stream protocol. Parley agents put an `instance_id` on their
 * cards; seed agents do not, and would see the stream marker in their payload.
 */
function streamsTo(agent: Agent, target: string): boolean {
  return agent.directory.get(target)?.instanceId !== undefined;
}

/** A plain request's response as the one event of a stream. */
async function* oneResponse(response: Promise<JsonObject>): AsyncGenerator<StreamEvent> {
  yield { kind: "response", data: await response };
}
