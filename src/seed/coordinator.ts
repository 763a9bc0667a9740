/**
 * A ready-made coordinator agent, the seed's AgentCoordinator done properly: it serves the seed's
 * coordination request types (`delegate_task`, `query_capabilities`, `share_knowledge`,
 * `collaborative_processing`) and the task types it delegates (`knowledge_search`,
 * `document_analysis`, `voice_processing`) through the generated handler interfaces, with
 * pluggable task executors, and validates everything against the generated contracts. It
 * announces the capabilities its executors need, named as the seed names them
 * (`knowledge_base_search`, ...), so seed agents and `delegate()` find it.
 */
import { type Agent, createAgent } from "../agent/agent.js";
import type { AgentOptions } from "../agent/options.js";
import { applicationError } from "../errors/application-error.js";
import { contracts } from "../generated/contracts.js";
import { type ContractHandlers, registerHandlers } from "../generated/handlers.js";
import type * as T from "../generated/types.js";
import type { HandlerContext } from "../inbound/handler-context.js";

/** Runs one kind of task; its result becomes the `result` of the seed's task response. */
export type TaskExecutor<TRequest> = (
  request: TRequest,
  ctx: HandlerContext,
) => unknown | Promise<unknown>;

/** The seed's task types and what runs each; a coordinator serves those it has an executor for. */
export interface TaskExecutors {
  readonly knowledge_search?: TaskExecutor<T.KnowledgeSearchRequest>;
  readonly document_analysis?: TaskExecutor<T.DocumentAnalysisRequest>;
  readonly voice_processing?: TaskExecutor<T.VoiceProcessingRequest>;
}

/** Options for {@link createCoordinator}: an agent's options (contracts are the generated ones) plus executors. */
export interface CoordinatorOptions extends Omit<AgentOptions, "contracts"> {
  /** @default none: the coordinator delegates but runs no tasks itself */
  readonly executors?: TaskExecutors;
  /** Answers `collaborative_processing`. @default the seed's: "Processed subtask: ..." */
  readonly collaborate?: (
    request: T.CollaborativeProcessingRequest,
    ctx: HandlerContext,
  ) => unknown | Promise<unknown>;
}

type TaskType = keyof TaskExecutors;
const TASK_TYPES: readonly TaskType[] = [
  "knowledge_search",
  "document_analysis",
  "voice_processing",
];

/** Creates (but does not connect) a coordinator agent. */
export function createCoordinator(options: CoordinatorOptions): Agent {
  const { executors = {}, collaborate, ...agentOptions } = options;
  const served = TASK_TYPES.filter((type) => executors[type] !== undefined);
  const capabilities = new Set([
    ...(agentOptions.card?.capabilities ?? []),
    ...served.map((type) => contracts.requests[type]?.capability ?? type),
  ]);
  const agent = createAgent({
    ...agentOptions,
    contracts,
    card: { ...agentOptions.card, capabilities: [...capabilities] },
  });

  async function run(taskType: string, data: unknown, ctx: HandlerContext): Promise<T.TaskResult> {
    const executor = executors[taskType as TaskType] as TaskExecutor<unknown> | undefined;
    if (!executor)
      throw applicationError("unsupported_task_type", `Unsupported task type: ${taskType}`, {
        task_type: taskType,
      });
    const validate = contracts.requests[taskType]?.validateRequest;
    const issues = validate?.(data) ?? [];
    if (issues.length > 0) {
      throw applicationError(
        "invalid_task_data",
        `task_data for "${taskType}" is invalid: ${issues[0]?.instancePath || "/"} ${issues[0]?.message}`,
        { errors: issues },
      );
    }
    return { status: "completed", result: await executor(data, ctx), agent_id: agent.id };
  }

  const handlers: ContractHandlers = {
    delegateTask: (request, ctx) => run(request.task_type, request.task_data, ctx),
    knowledgeSearch: (request, ctx) => run("knowledge_search", request, ctx),
    documentAnalysis: (request, ctx) => run("document_analysis", request, ctx),
    voiceProcessing: (request, ctx) => run("voice_processing", request, ctx),
    queryCapabilities: () => ({
      agent_id: agent.id,
      capabilities: [...agent.card().capabilities],
      status: "active",
      load: agent.stats().load < 1 ? "normal" : "high",
      request_types: [...agent.card().request_types],
    }),
    shareKnowledge: async (request, ctx) => ({
      shared_knowledge: executors.knowledge_search
        ? await executors.knowledge_search({ query: request.query ?? "" }, ctx)
        : [],
      source_agent: agent.id,
      knowledge_type: request.knowledge_type ?? null,
    }),
    collaborativeProcessing: async (request, ctx) => ({
      task_id: request.task_id ?? null,
      subtask_result: collaborate
        ? await collaborate(request, ctx)
        : `Processed subtask: ${String(request.subtask)}`,
      processing_agent: agent.id,
      status: "completed",
    }),
  };
  registerHandlers(agent, handlers);
  return agent;
}
