/**
 * The seed protocol's contracts, typed: what `parley codegen` generates from Parley's own
 * `schemas/` (the request types `delegate_task`, `query_capabilities`, `share_knowledge`,
 * `collaborative_processing`, the tasks `knowledge_search`, `document_analysis`,
 * `voice_processing`, and the broadcasts `agent_announcement`, `agent_discovery`,
 * `system_update`). Published as `parley-a2a/seed`:
 *
 * ```ts
 * import { contracts, createContractClient } from "parley-a2a/seed";
 * const client = createContractClient(createAgent({ id: "me", transport, contracts }));
 * const { result } = await client.knowledgeSearch("alex", { query: "mqtt" });
 * ```
 *
 * `createCoordinator` (from `parley-a2a`) serves the whole set with these handlers.
 * @module parley-a2a/seed
 */

export type { ContractClient } from "../generated/client.js";
// A typed client for an agent: one method per seed request type, a broadcast/subscribe pair per broadcast type.
export { createContractClient } from "../generated/client.js";
// The seed contracts (validators, versions, content hashes); pass them to `createAgent({ contracts })`.
export { contracts } from "../generated/contracts.js";
export type { ContractHandlers } from "../generated/handlers.js";
// `registerHandlers` type-checks the whole set of seed request types; `registerSomeHandlers` any subset.
export { registerHandlers, registerSomeHandlers } from "../generated/handlers.js";
// What the client and handlers need of an agent (any `Agent` fits), and the broadcast options.
export type { AgentLike, BroadcastOptions } from "../generated/runtime.js";
export type {
  AgentAnnouncementBroadcast,
  AgentDiscoveryBroadcast,
  AgentInfo,
  BroadcastTypeName,
  BroadcastTypes,
  CollaborativeProcessingRequest,
  CollaborativeProcessingResponse,
  DelegateTaskErrorCode,
  DelegateTaskRequest,
  DelegateTaskResponse,
  DocumentAnalysisErrorCode,
  DocumentAnalysisRequest,
  DocumentAnalysisResponse,
  KnowledgeSearchRequest,
  KnowledgeSearchResponse,
  QueryCapabilitiesRequest,
  QueryCapabilitiesResponse,
  RequestTypeName,
  RequestTypes,
  ShareKnowledgeRequest,
  ShareKnowledgeResponse,
  SystemUpdateBroadcast,
  TaskResult,
  VoiceProcessingRequest,
  VoiceProcessingResponse,
} from "../generated/types.js";
export type { CoordinatorOptions, TaskExecutor, TaskExecutors } from "./coordinator.js";
// An agent that serves the seed's delegate_task and query_capabilities (the seed's AgentCoordinator).
export { createCoordinator } from "./coordinator.js";
