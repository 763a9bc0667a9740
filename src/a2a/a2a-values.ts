/**
 * Builders for the SDK's message shapes (ts-proto objects: every field present) and the values of
 * its enums. The enums' numbers are A2A v1.0's proto numbers, fixed by the spec, so files that
 * only build values need not load the SDK.
 */
import type {
  Artifact,
  Message,
  Part,
  Role,
  TaskArtifactUpdateEvent,
  TaskState,
  TaskStatusUpdateEvent,
} from "@a2a-js/sdk";

/** `TaskState` values. */
export const State = {
  submitted: 1 as TaskState,
  working: 2 as TaskState,
  completed: 3 as TaskState,
  failed: 4 as TaskState,
  canceled: 5 as TaskState,
  inputRequired: 6 as TaskState,
  rejected: 7 as TaskState,
  authRequired: 8 as TaskState,
} as const;

/** States after which a task never changes (A2A v1.0 §3.3). */
export const TERMINAL_STATES: ReadonlySet<TaskState> = new Set([
  State.completed,
  State.failed,
  State.canceled,
  State.rejected,
]);

export const ROLE_USER = 1 as Role;
export const ROLE_AGENT = 2 as Role;

export function dataPart(value: unknown): Part {
  return {
    content: { $case: "data", value },
    metadata: undefined,
    filename: "",
    mediaType: "application/json",
  };
}

export function textPart(value: string): Part {
  return {
    content: { $case: "text", value },
    metadata: undefined,
    filename: "",
    mediaType: "text/plain",
  };
}

export function message(role: Role, parts: Part[], ids: TaskIds = NO_TASK): Message {
  return {
    messageId: crypto.randomUUID(),
    contextId: ids.contextId,
    taskId: ids.taskId,
    role,
    parts,
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

/** The task and context an event belongs to. */
export interface TaskIds {
  readonly taskId: string;
  readonly contextId: string;
}

const NO_TASK: TaskIds = { taskId: "", contextId: "" };

export function statusUpdate(
  ids: TaskIds,
  state: TaskState,
  status?: Message,
): TaskStatusUpdateEvent {
  return {
    taskId: ids.taskId,
    contextId: ids.contextId,
    status: { state, message: status, timestamp: new Date().toISOString() },
    metadata: undefined,
  };
}

export function artifact(artifactId: string, name: string, parts: Part[]): Artifact {
  return { artifactId, name, description: "", parts, metadata: undefined, extensions: [] };
}

export function artifactUpdate(
  ids: TaskIds,
  content: Artifact,
  append: boolean,
  lastChunk: boolean,
): TaskArtifactUpdateEvent {
  return {
    taskId: ids.taskId,
    contextId: ids.contextId,
    artifact: content,
    append,
    lastChunk,
    metadata: undefined,
  };
}
