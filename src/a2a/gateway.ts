/**
 * The A2A gateway: joins the mesh as an agent and serves every online Parley agent to A2A v1.0
 * clients over HTTP (JSON-RPC and SSE), through the real `@a2a-js/sdk` server and express.
 *
 * - `GET  /.well-known/agent-card.json`            the gateway card, listing the agents
 * - `GET  /agents/{id}/.well-known/agent-card.json` an agent's card (404 while it is not online)
 * - `POST /agents/{id}`                             its JSON-RPC endpoint
 *
 * Cards are built from the directory when asked for, so they follow agents coming and going.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Request, Response } from "express";
import { type Agent, createAgent } from "../agent/agent.js";
import { gatewayCardOf, type ListedAgent, skillsOf } from "./a2a-cards.js";
import {
  type AgentEndpoint,
  createAgentEndpoint,
  currentCard,
  type EndpointContext,
} from "./agent-endpoint.js";
import { BoundedTaskStore } from "./bounded-task-store.js";
import { type A2AGatewayOptions, resolveGatewayOptions } from "./gateway-options.js";
import { loadA2aServer } from "./sdk-modules.js";

/** A running gateway. */
export interface A2AGateway {
  /** The base URL in the cards (`publicUrl`, or where it listens). */
  readonly url: string;
  /** The gateway's agent on the mesh. */
  readonly agent: Agent;
  /** Where the card of Parley agent `agentId` is served. */
  cardUrl(agentId: string): string;
  /** Stops serving HTTP and leaves the mesh. */
  close(): Promise<void>;
}

const CARD_PATH = ".well-known/agent-card.json";
/** What needs the SDK, as a MissingPackageError names it. */
export const GATEWAY_USER = "parley-a2a/a2a (the A2A gateway)";

/** Joins the mesh, then listens. Rejects with MissingPackageError without @a2a-js/sdk or express. */
export async function startA2AGateway(options: A2AGatewayOptions): Promise<A2AGateway> {
  const resolved = resolveGatewayOptions(options);
  const sdk = await loadA2aServer(GATEWAY_USER);
  const agent = createAgent({
    ...resolved.agent,
    id: resolved.id,
    transport: resolved.transport,
    ...(resolved.contracts ? { contracts: resolved.contracts } : {}),
    card: {
      name: resolved.name,
      description: "Serves the mesh's agents over A2A HTTP",
      ...resolved.agent.card,
    },
  });
  await agent.connect();
  let base = resolved.publicUrl ?? "";
  const ctx: EndpointContext = {
    sdk,
    agent,
    catalog: { contracts: resolved.contracts, schemas: resolved.schemas },
    tasks: new BoundedTaskStore(resolved.maxTasks),
    timeoutMs: resolved.timeoutMs,
    endpointUrl: (agentId) => `${base}/agents/${encodeURIComponent(agentId)}`,
  };
  const endpoints = new Map<string, AgentEndpoint>();
  /** The endpoint of an agent the directory knows (online now, or tasks to look up). */
  const endpointOf = (agentId: string): AgentEndpoint | undefined => {
    if (agentId === agent.id || !agent.directory.get(agentId)) return undefined;
    let endpoint = endpoints.get(agentId);
    if (!endpoint) {
      endpoint = createAgentEndpoint(ctx, agentId);
      endpoints.set(agentId, endpoint);
    }
    return endpoint;
  };
  const listed = (): ListedAgent[] =>
    agent.directory
      .online()
      .filter((info) => info.id !== agent.id)
      .map((info) => ({
        id: info.id,
        name: info.name,
        description: info.description ?? "",
        cardUrl: `${ctx.endpointUrl(info.id)}/${CARD_PATH}`,
        skills: skillsOf(info, ctx.catalog).map((skill) => skill.id),
      }));

  const app = sdk.express();
  app.disable("x-powered-by");
  app.use(
    `/${CARD_PATH}`,
    sdk.http.agentCardHandler({
      agentCardProvider: async () => gatewayCardOf(resolved.name, base, "1.0.0", listed()),
    }),
  );
  app.use(`/agents/:id/${CARD_PATH}`, (req: Request<{ id: string }>, res, next) => {
    if (!currentCard(ctx, req.params.id)) return notFound(res, req.params.id);
    const endpoint = endpointOf(req.params.id);
    return endpoint ? endpoint.card(req, res, next) : notFound(res, req.params.id);
  });
  app.use("/agents/:id", (req: Request<{ id: string }>, res, next) => {
    const endpoint = endpointOf(req.params.id);
    return endpoint ? endpoint.jsonRpc(req, res, next) : notFound(res, req.params.id);
  });
  app.post("/", (_req, res) => {
    res
      .status(404)
      .json(
        rpcError(
          -32601,
          "this is the gateway: send to an agent's own endpoint, listed in its card",
        ),
      );
  });

  const server = await listen(app, resolved.port, resolved.host).catch(async (error) => {
    await agent.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  base ||= `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url: base,
    agent,
    cardUrl: (agentId) => `${ctx.endpointUrl(agentId)}/${CARD_PATH}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}

function listen(
  app: (req: never, res: never) => void,
  port: number,
  host: string,
): Promise<Server> {
  return import("node:http").then(
    ({ createServer }) =>
      new Promise<Server>((resolve, reject) => {
        const server = createServer(app as Parameters<typeof createServer>[0]);
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(server);
        });
      }),
  );
}

function rpcError(code: number, message: string) {
  return { jsonrpc: "2.0", id: null, error: { code, message } };
}

/** An agent the gateway does not know, or not online: HTTP 404 with a JSON-RPC error body. */
function notFound(res: Response, agentId: string): void {
  res
    .status(404)
    .json(rpcError(-32601, `no agent "${agentId}" is online on the mesh behind this gateway`));
}
