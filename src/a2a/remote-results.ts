/**
 * What a remote A2A agent answers, as Parley sees it. A2A parts become JSON: a data part holding
 * an object is that object, a text part `{ text }`, a file `{ file: { name, mediaType, url } }`
 * (raw bytes are not carried). The response is the last object data part of the final artifacts
 * (or of a direct message reply), else `{ text }` of all their text. A task that does not
 * complete becomes a ParleyError: CANCELED `cancelled`, FAILED `handler_failed`, and REJECTED,
 * INPUT_REQUIRED, AUTH_REQUIRED application codes `rejected`, `input_required`, `auth_required`
 * (callers see `remote_error` with that `remote_code`). A status message carrying a Parley error
 * (a gateway in front of another mesh) keeps its code.
 */
import type { Artifact, Message, Part, TaskState } from "@a2a-js/sdk";
import { applicationError } from "../errors/application-error.js";
import { ErrorCode, isErrorCode, ParleyError } from "../errors/parley-error.js";
import { isObject } from "../presence/agent-card.js";
import type { JsonObject } from "../wire/envelope.js";
import { State } from "./a2a-values.js";

/** One A2A part as a JSON object (a Parley stream part). */
export function partValue(part: Part): JsonObject {
  const content = part.content;
  switch (content?.$case) {
    case "data":
      return isObject(content.value) ? content.value : { data: content.value };
    case "text":
      return { text: content.value };
    case "url":
      return { file: { name: part.filename, mediaType: part.mediaType, url: content.value } };
    case "raw":
      return {
        file: { name: part.filename, mediaType: part.mediaType, bytes: content.value.length },
      };
    default:
      return {};
  }
}

/** The Parley response made of `parts` (a message's, or every final artifact's in order). */
export function responseOf(parts: readonly Part[]): JsonObject {
  for (let i = parts.length - 1; i >= 0; i--) {
    const content = parts[i]?.content;
    if (content?.$case === "data" && isObject(content.value)) return content.value;
  }
  const texts = parts.flatMap((part) =>
    part.content?.$case === "text" ? [part.content.value] : [],
  );
  return { text: texts.join("\n") };
}

/** Artifacts as streamed: appended to by id (`append`), or replaced. */
export class ArtifactAccumulator {
  readonly #artifacts = new Map<string, Part[]>();

  add(artifact: Artifact, append: boolean): void {
    const known = append ? (this.#artifacts.get(artifact.artifactId) ?? []) : [];
    this.#artifacts.set(artifact.artifactId, [...known, ...artifact.parts]);
  }

  /** Every part of every artifact, in the order the artifacts first came. */
  parts(): Part[] {
    return [...this.#artifacts.values()].flat();
  }
}

/** The ParleyError a task that ended in `state` (not COMPLETED) stands for. */
export function taskError(
  state: TaskState,
  status: Message | undefined,
  agent: string,
): ParleyError {
  const text = status ? messageText(status) : "";
  const carried = status ? carriedParleyError(status) : undefined;
  if (carried) return carried;
  const details = { agent, a2a_state: stateName(state) };
  switch (state) {
    case State.canceled:
      return new ParleyError(
        ErrorCode.cancelled,
        text || `A2A agent "${agent}" cancelled the task`,
        { details },
      );
    case State.rejected:
      return applicationError(
        "rejected",
        text || `A2A agent "${agent}" rejected the task`,
        details,
      );
    case State.inputRequired:
      return applicationError(
        "input_required",
        text || `A2A agent "${agent}" asks for more input, which Parley cannot give`,
        details,
      );
    case State.authRequired:
      return applicationError(
        "auth_required",
        text || `A2A agent "${agent}" asks for authentication`,
        details,
      );
    default:
      return new ParleyError(
        ErrorCode.handler_failed,
        text || `A2A agent "${agent}" failed the task`,
        { details },
      );
  }
}

/** A Parley error `{ code, message, details }` in a data part of a status message (from a gateway). */
function carriedParleyError(status: Message): ParleyError | undefined {
  for (const part of status.parts) {
    const value: unknown = part.content?.$case === "data" ? part.content.value : undefined;
    if (!isObject(value) || !isErrorCode(value.code) || typeof value.message !== "string") continue;
    const details = isObject(value.details) ? value.details : {};
    return new ParleyError(value.code, value.message, { details });
  }
  return undefined;
}

function messageText(status: Message): string {
  return status.parts
    .flatMap((part) => (part.content?.$case === "text" ? [part.content.value] : []))
    .join("\n");
}

function stateName(state: TaskState): string {
  const names = [
    "unspecified",
    "submitted",
    "working",
    "completed",
    "failed",
    "canceled",
    "input_required",
    "rejected",
    "auth_required",
  ];
  return names[state] ?? String(state);
}
