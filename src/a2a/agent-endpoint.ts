/**
 * One Parley agent served over A2A JSON-RPC: the SDK's `DefaultRequestHandler` with a
 * {@link GatewayExecutor} and the agent's view of the task store, behind express handlers for its
 * card and its JSON-RPC endpoint. A message is read as a Parley request before any task exists,
 * so a bad one is a JSON-RPC error (-32602), not a failed task.
 */
import type { AgentCard, SendMessageRequest } from "@a2a-js/sdk";
import type { RequestContext, ServerCallContext } from "@a2a-js/sdk/server";
import type { RequestHandler } from "express";
import type { Agent } from "../agent/agent.js";
import { agentCardOf, type CardSource, skillsOf } from "./a2a-cards.js";
import type { BoundedTaskStore } from "./bounded-task-store.js";
import { GatewayExecutor, STREAMING_STATE_KEY } from "./gateway-executor.js";
import { type ParleyRequest, parleyRequestOf } from "./inbound-message.js";
import type { A2aServerModules } from "./sdk-modules.js";
import { type SkillCatalog, skillInfo } from "./skill-catalog.js";

/** What every endpoint shares: the gateway's parts. */
export interface EndpointContext {
  readonly sdk: A2aServerModules;
  readonly agent: Agent;
  readonly catalog: SkillCatalog;
  readonly tasks: BoundedTaskStore;
  readonly timeoutMs: number;
  /** The public URL of an agent's JSON-RPC endpoint. */
  endpointUrl(agentId: string): string;
}

/** The express handlers of one agent's endpoint. */
export interface AgentEndpoint {
  readonly card: RequestHandler;
  readonly jsonRpc: RequestHandler;
}

/** The agent's current card, or undefined while it is not online. */
export function currentCard(ctx: EndpointContext, agentId: string): AgentCard | undefined {
  const info = ctx.agent.directory.get(agentId);
  if (info?.status !== "online") return undefined;
  return agentCardOf(info, ctx.endpointUrl(agentId), ctx.catalog);
}

export function createAgentEndpoint(ctx: EndpointContext, agentId: string): AgentEndpoint {
  const { server, http, errors } = ctx.sdk;
  const check = (params: SendMessageRequest): ParleyRequest => {
    const info = ctx.agent.directory.get(agentId);
    if (info?.status !== "online") throw new Error(`agent "${agentId}" is not online on the mesh`);
    const unlisted =
      info.requestTypes.length === 0 ? (type: string) => skillInfo(ctx.catalog, type) : undefined;
    const skills = skillsOf(info, ctx.catalog);
    const read = parleyRequestOf(params.message, params.metadata, skills, unlisted);
    if (!read.ok) throw new errors.RequestMalformedError(read.reason);
    return read.request;
  };
  const executor = new GatewayExecutor({
    sdk: ctx.sdk,
    agent: ctx.agent,
    target: agentId,
    timeoutMs: ctx.timeoutMs,
    requestOf: (context: RequestContext) => check(context.request),
  });
  // The card the SDK checks versions against; the one clients fetch is built per request.
  const fallbackCard = (): AgentCard =>
    currentCard(ctx, agentId) ??
    agentCardOf(offlineInfo(agentId), ctx.endpointUrl(agentId), ctx.catalog);
  class CheckedRequestHandler extends server.DefaultRequestHandler {
    override async getAgentCard(): Promise<AgentCard> {
      return fallbackCard();
    }
    override async sendMessage(params: SendMessageRequest, context: ServerCallContext) {
      check(params);
      return super.sendMessage(params, context);
    }
    override async *sendMessageStream(params: SendMessageRequest, context: ServerCallContext) {
      check(params);
      context.state.set(STREAMING_STATE_KEY, true);
      yield* super.sendMessageStream(params, context);
    }
  }
  const requestHandler = new CheckedRequestHandler(
    fallbackCard(),
    ctx.tasks.scoped(agentId),
    executor,
  );
  return {
    card: http.agentCardHandler({ agentCardProvider: () => requestHandler.getAgentCard() }),
    jsonRpc: http.jsonRpcHandler({
      requestHandler,
      userBuilder: http.UserBuilder.noAuthentication,
    }),
  };
}

/** The card source of an agent while it is away: no skills. */
function offlineInfo(agentId: string): CardSource {
  const none = { version: undefined, description: undefined, capabilities: [], requestTypes: [] };
  return { id: agentId, name: agentId, ...none };
}
