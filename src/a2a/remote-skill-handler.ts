/**
 * A Parley handler that serves one skill of a remote A2A agent: the payload goes out as a data
 * part (message metadata names the skill), always over `SendStreamingMessage` (the SDK falls back
 * to `SendMessage` for an agent that does not stream). Artifact updates come back as stream
 * parts, in order; the final task or message becomes the response (`remote-results.ts`). When the
 * Parley caller cancels (or the deadline passes), the HTTP stream is aborted and the remote task
 * cancelled with `CancelTask`.
 */
import type { Message, SendMessageRequest, TaskState } from "@a2a-js/sdk";
import type { Client } from "@a2a-js/sdk/client";
import { ErrorCode, isParleyError, ParleyError } from "../errors/parley-error.js";
import type { HandlerContext } from "../inbound/handler-context.js";
import type { JsonObject } from "../wire/envelope.js";
import { SKILL_METADATA_KEY } from "./a2a-cards.js";
import { dataPart, message, ROLE_USER, State, TERMINAL_STATES } from "./a2a-values.js";
import { ArtifactAccumulator, partValue, responseOf, taskError } from "./remote-results.js";
import { traceContextOf } from "./trace-context.js";

/** What the handlers of one remote agent share. */
export interface RemoteContext {
  /** Its Parley id, for error messages. */
  readonly id: string;
  /** The SDK client for it, as last created. */
  client(): Client;
  /** A call failed to reach it: check now whether it still answers. */
  unreachable(): void;
}

const INTERRUPTED: ReadonlySet<TaskState> = new Set([State.inputRequired, State.authRequired]);

/** The handler for `skillId` (an `async function*`: it streams to callers that ask for it). */
export function remoteSkillHandler(ctx: RemoteContext, skillId: string) {
  return async function* (payload: JsonObject, context: HandlerContext) {
    const client = ctx.client();
    const abort = new AbortController();
    let taskId = "";
    const cancelRemote = () => {
      abort.abort(context.signal.reason);
      client.cancelTask({ tenant: "", id: taskId, metadata: undefined }).catch(() => {});
    };
    // Before the task event the remote task has no id to cancel: cancel it when the event comes.
    const onAbort = () => {
      if (taskId) cancelRemote();
    };
    context.signal.addEventListener("abort", onAbort, { once: true });
    const outgoing = message(ROLE_USER, [dataPart(payload)]);
    const request: SendMessageRequest = {
      tenant: "",
      message: { ...outgoing, metadata: { [SKILL_METADATA_KEY]: skillId } },
      configuration: undefined,
      metadata: undefined,
    };
    const trace = traceContextOf(context.metadata);
    const artifacts = new ArtifactAccumulator();
    const ended = (
      state: TaskState | undefined,
      status: Message | undefined,
    ): JsonObject | undefined => {
      if (state === State.completed) return responseOf(artifacts.parts());
      if (state === undefined || !(TERMINAL_STATES.has(state) || INTERRUPTED.has(state)))
        return undefined;
      if (INTERRUPTED.has(state)) cancelRemote();
      throw taskError(state, status, ctx.id);
    };
    try {
      const events = client.sendMessageStream(request, {
        signal: abort.signal,
        ...(trace ? { serviceParameters: trace } : {}),
      });
      for await (const event of events) {
        const update = event.payload;
        if (update?.$case === "message") return responseOf(update.value.parts);
        if (update?.$case === "task") {
          taskId = update.value.id;
          if (context.signal.aborted) cancelRemote();
          for (const artifact of update.value.artifacts) artifacts.add(artifact, false);
          const done = ended(update.value.status?.state, update.value.status?.message);
          if (done) return done;
        } else if (update?.$case === "artifactUpdate" && update.value.artifact) {
          artifacts.add(update.value.artifact, update.value.append);
          for (const part of update.value.artifact.parts) yield partValue(part);
        } else if (update?.$case === "statusUpdate") {
          const done = ended(update.value.status?.state, update.value.status?.message);
          if (done) return done;
        }
      }
      throw new ParleyError(
        ErrorCode.unavailable,
        `A2A agent "${ctx.id}" ended the stream before the task finished`,
      );
    } catch (error) {
      throw clientError(error, ctx, context.signal);
    } finally {
      context.signal.removeEventListener("abort", onAbort);
    }
  };
}

/** A failed call as a ParleyError: A2A's JSON-RPC errors by code, network failures `unavailable`. */
function clientError(error: unknown, ctx: RemoteContext, signal: AbortSignal): ParleyError {
  if (isParleyError(error)) return error;
  if (signal.aborted) return ParleyError.from(signal.reason, ErrorCode.cancelled);
  const code = (error as { envelopeCode?: unknown } | null)?.envelopeCode;
  const text = error instanceof Error ? error.message : String(error);
  if (typeof code === "number") {
    const parley = code === -32602 ? ErrorCode.invalid_request : ErrorCode.handler_failed;
    return new ParleyError(parley, `A2A agent "${ctx.id}": ${text}`, {
      details: { a2a_error_code: code },
      cause: error,
    });
  }
  ctx.unreachable();
  return new ParleyError(ErrorCode.unavailable, `A2A agent "${ctx.id}" did not answer: ${text}`, {
    cause: error,
  });
}
