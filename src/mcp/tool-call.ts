/**
 * One `tools/call` as a Parley request. The arguments are checked against the contract first (an
 * invalid call is refused with the contract's errors, nothing is sent); the request goes to the
 * least-loaded agent serving the type (in turn among equals, as `delegate()` picks), and on to the
 * next one after a `timeout` or `unavailable` only when the contract says the type is idempotent.
 * With a progress callback the request is streamed, each part reported as it arrives.
 */
import type { Agent } from "../agent/agent.js";
import { ErrorCode, isParleyError, ParleyError } from "../errors/parley-error.js";
import { validationError } from "../errors/validation-error.js";
import { DelegationStrategy, orderCandidates } from "../outbound/delegation.js";
import type { AgentInfo } from "../presence/directory.js";
import type { JsonObject } from "../wire/envelope.js";
import type { MeshTool } from "./mesh-tools.js";

/** What a tool call resolves with: the MCP `CallToolResult` fields Parley fills. */
export interface ToolCallResult {
  [key: string]: unknown;
  readonly content: { readonly type: "text"; readonly text: string }[];
  readonly structuredContent?: JsonObject;
  readonly isError?: boolean;
}

/** How one call is made. */
export interface ToolCallOptions {
  /** @default the agent's `defaultTimeoutMs` */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal;
  /** Called with each streamed part (1-based count, data); present only when the host asked. */
  readonly progress?: ((count: number, part: unknown) => Promise<void>) | undefined;
}

/** A Parley error as an MCP tool error: `code: message` for the model, then the whole error. */
export function errorResult(error: unknown): ToolCallResult {
  const parley = isParleyError(error)
    ? error
    : new ParleyError(
        ErrorCode.handler_failed,
        error instanceof Error ? error.message : String(error),
      );
  const whole = { code: parley.code, message: parley.message, details: parley.details };
  return {
    isError: true,
    content: [
      { type: "text", text: `${parley.code}: ${parley.message}` },
      { type: "text", text: JSON.stringify({ error: whole }) },
    ],
  };
}

function successResult(response: JsonObject): ToolCallResult {
  return {
    structuredContent: response,
    content: [{ type: "text", text: JSON.stringify(response) }],
  };
}

const turns = new WeakMap<Agent, Map<string, number>>();

/** The agents to try, in order. */
function candidates(agent: Agent, tool: MeshTool): string[] {
  const byType = turns.get(agent) ?? new Map<string, number>();
  turns.set(agent, byType);
  const turn = byType.get(tool.requestType) ?? 0;
  byType.set(tool.requestType, turn + 1);
  const infos = tool.agents
    .map((id) => agent.directory.get(id))
    .filter((info): info is AgentInfo => info?.status === "online");
  return orderCandidates(DelegationStrategy.leastLoaded, infos, turn).map((info) => info.id);
}

async function send(
  agent: Agent,
  to: string,
  tool: MeshTool,
  args: JsonObject,
  options: ToolCallOptions,
): Promise<JsonObject> {
  const requestOptions = {
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  if (!options.progress) return agent.request(to, tool.requestType, args, requestOptions);
  let count = 0;
  for await (const event of agent.stream<unknown>(to, tool.requestType, args, requestOptions)) {
    if (event.kind === "response") return event.data;
    count += 1;
    await options.progress(count, event.data).catch(() => {}); // a host gone away is no failure here
  }
  throw new ParleyError(
    ErrorCode.stream_incomplete,
    `the stream of "${tool.requestType}" ended without a response`,
  );
}

/** Calls `tool` with `args`; resolves with the tool result, an error result on any failure. */
export async function callMeshTool(
  agent: Agent,
  tool: MeshTool,
  args: JsonObject,
  options: ToolCallOptions,
): Promise<ToolCallResult> {
  const issues = tool.contract?.validateRequest(args) ?? [];
  if (issues.length > 0)
    return errorResult(
      validationError(ErrorCode.invalid_request, `arguments of tool "${tool.name}"`, issues),
    );
  const order = candidates(agent, tool);
  if (order.length === 0)
    return errorResult(
      new ParleyError(ErrorCode.unavailable, `no online agent serves "${tool.requestType}" now`),
    );
  const idempotent = tool.contract?.idempotent === true;
  for (const [i, to] of order.entries()) {
    try {
      return successResult(await send(agent, to, tool, args, options));
    } catch (error) {
      const retriable =
        isParleyError(error) &&
        (error.code === ErrorCode.timeout || error.code === ErrorCode.unavailable);
      if (!retriable || !idempotent || i === order.length - 1) return errorResult(error);
    }
  }
  return errorResult(
    new ParleyError(ErrorCode.unavailable, `no agent could take "${tool.requestType}"`),
  );
}
