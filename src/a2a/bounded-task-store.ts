/**
 * The gateway's tasks, bounded: the newest `capacity` tasks are always kept (at most twice as
 * many, see BoundedCache), older ones are forgotten, and `GetTask` on one is `TaskNotFound`. One
 * store holds every agent's tasks; each agent's endpoint sees only its own (`scoped`), so a task id
 * from one agent's endpoint is not found at another's.
 */
import type { ListTasksRequest, ListTasksResponse, Task } from "@a2a-js/sdk";
import type { TaskStore } from "@a2a-js/sdk/server";
import { BoundedCache } from "../util/bounded-cache.js";
import { TASK_AGENT_KEY } from "./gateway-executor.js";

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

export class BoundedTaskStore {
  readonly #tasks: BoundedCache<string, Task>;

  constructor(capacity: number) {
    this.#tasks = new BoundedCache(capacity);
  }

  /** The tasks of one Parley agent, as the SDK's request handler for its endpoint reads them. */
  scoped(agentId: string): TaskStore {
    const ownTask = (task: Task | undefined) =>
      task?.metadata?.[TASK_AGENT_KEY] === agentId ? task : undefined;
    return {
      save: async (task) => {
        // A task is the agent's from its first save (the executor's task event names it).
        const known = this.#tasks.get(task.id);
        if (known && !ownTask(known)) return;
        this.#tasks.set(task.id, structuredClone(task));
      },
      load: async (taskId) => {
        const task = ownTask(this.#tasks.get(taskId));
        return task && structuredClone(task);
      },
      list: async (params) => this.#list(params, (task) => ownTask(task) !== undefined),
    };
  }

  #list(params: ListTasksRequest, own: (task: Task) => boolean): ListTasksResponse {
    const pageSize = Math.min(Math.max(params.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    const offset = Number.parseInt(params.pageToken || "0", 10) || 0;
    const tasks = [...this.#tasks.values()]
      .filter(own)
      .filter((task) => !params.contextId || task.contextId === params.contextId)
      .filter((task) => !params.status || task.status?.state === params.status)
      .sort((a, b) => (b.status?.timestamp ?? "").localeCompare(a.status?.timestamp ?? ""));
    const page = tasks.slice(offset, offset + pageSize).map((task) => ({
      ...structuredClone(task),
      artifacts: params.includeArtifacts ? structuredClone(task.artifacts) : [],
    }));
    const next = offset + pageSize < tasks.length ? String(offset + pageSize) : "";
    return { tasks: page, nextPageToken: next, pageSize, totalSize: tasks.length };
  }
}
