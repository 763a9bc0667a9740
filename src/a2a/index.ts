/**
 * Google A2A v1.0 interop, on the optional peers `@a2a-js/sdk` and express (loaded only when a
 * gateway or remote agent starts): {@link startA2AGateway} serves the mesh's agents to A2A
 * clients over HTTP; {@link startRemoteA2AAgent} puts an HTTP A2A agent on the mesh. See
 * docs/a2a.md for what maps to what.
 * @module parley-a2a/a2a
 */

export type { ListedAgent } from "./a2a-cards.js";
export {
  CONTRACTS_EXTENSION_URI,
  GATEWAY_EXTENSION_URI,
  SKILL_METADATA_KEY,
} from "./a2a-cards.js";
export { TASK_STATE_BY_ERROR_CODE } from "./error-states.js";
export type { A2AGateway } from "./gateway.js";
export { startA2AGateway } from "./gateway.js";
export {
  PARTS_ARTIFACT_ID,
  RESPONSE_ARTIFACT_ID,
  TASK_AGENT_KEY,
  TASK_SKILL_KEY,
} from "./gateway-executor.js";
export type { A2AGatewayOptions } from "./gateway-options.js";
export {
  DEFAULT_GATEWAY_HOST,
  DEFAULT_GATEWAY_ID,
  DEFAULT_GATEWAY_MAX_TASKS,
} from "./gateway-options.js";
export type { RemoteA2AAgent, RemoteA2AAgentOptions } from "./remote-agent.js";
export {
  DEFAULT_REMOTE_CHECK_INTERVAL_MS,
  DEFAULT_REMOTE_CHECK_TIMEOUT_MS,
  startRemoteA2AAgent,
} from "./remote-agent.js";
export type { SkillSchema, SkillSchemas } from "./skill-catalog.js";
export { TRACE_KEYS } from "./trace-context.js";
