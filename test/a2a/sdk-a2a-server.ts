/**
 * A real A2A server built with `@a2a-js/sdk` and express, as any A2A agent would be: its executor
 * picks the skill from message metadata `parley.skill` and answers as the TCK's test agent does
 * for each scenario: complete with a data artifact (`greet`), stream artifact chunks (`tick`),
 * reply with a message (`reply`, tck-message-response), reject (`decline`, tck-reject-task), or
 * work until cancelled (`wait`). It records what it saw, for the tests to check.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AgentCard, Part } from "@a2a-js/sdk";
import {
  AgentEvent,
  type AgentExecutor,
  DefaultRequestHandler,
  type ExecutionEventBus,
  InMemoryTaskStore,
  type RequestContext,
} from "@a2a-js/sdk/server";
import { agentCardHandler, jsonRpcHandler, UserBuilder } from "@a2a-js/sdk/server/express";
import express from "express";
import { dataPart as data, textPart as text } from "../../src/a2a/a2a-values.js";

export interface SdkA2aServer {
  readonly url: string;
  readonly cardUrl: string;
  /** `traceparent` headers of the calls it got. */
  readonly traceparents: string[];
  /** Resolves with the id of the next task `wait` starts. */
  waitStarted(): Promise<string>;
  /** Resolves with the id of the next task cancelled. */
  cancelled(): Promise<string>;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

function skill(id: string, description: string) {
  return {
    id,
    name: id,
    description,
    tags: [],
    examples: [],
    inputModes: ["application/json"],
    outputModes: ["application/json"],
    securityRequirements: [],
  };
}

export async function startSdkA2aServer(port = 0): Promise<SdkA2aServer> {
  const traceparents: string[] = [];
  const waiting: ((id: string) => void)[] = [];
  const cancelling: ((id: string) => void)[] = [];
  const stopWaiting = new Map<string, () => void>();
  let base = "";
  const card = (): AgentCard => ({
    name: "Remote Helper",
    description: "An A2A agent built with @a2a-js/sdk",
    supportedInterfaces: [
      { url: base, protocolBinding: "JSONRPC", tenant: "", protocolVersion: "1.0" },
    ],
    provider: undefined,
    version: "2.0.0",
    capabilities: {
      streaming: true,
      pushNotifications: false,
      extensions: [],
      extendedAgentCard: false,
    },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ["application/json"],
    defaultOutputModes: ["application/json"],
    skills: [
      skill("greet", "Greets by name"),
      skill("tick", "Streams ticks"),
      skill("reply", "Replies with a message"),
      skill("decline", "Declines"),
      skill("wait", "Works until cancelled"),
    ],
    signatures: [],
  });

  const executor: AgentExecutor = {
    async execute(context: RequestContext, bus: ExecutionEventBus) {
      const headers = context.context.state.get("headers") as Record<string, string> | undefined;
      if (headers?.traceparent) traceparents.push(headers.traceparent);
      const message = context.userMessage;
      const which = message.metadata?.["parley.skill"];
      const input =
        message.parts[0]?.content?.$case === "data" ? message.parts[0].content.value : {};
      const ids = { taskId: context.taskId, contextId: context.contextId };
      const status = (state: number, parts: Part[] = []) =>
        AgentEvent.statusUpdate({
          ...ids,
          status: {
            state,
            message: parts.length
              ? {
                  messageId: crypto.randomUUID(),
                  ...ids,
                  role: 2,
                  parts,
                  metadata: undefined,
                  extensions: [],
                  referenceTaskIds: [],
                }
              : undefined,
            timestamp: new Date().toISOString(),
          },
          metadata: undefined,
        });
      const artifact = (artifactId: string, parts: Part[], append: boolean, lastChunk: boolean) =>
        AgentEvent.artifactUpdate({
          ...ids,
          artifact: {
            artifactId,
            name: artifactId,
            description: "",
            parts,
            metadata: undefined,
            extensions: [],
          },
          append,
          lastChunk,
          metadata: undefined,
        });
      if (which === "reply") {
        bus.publish(
          AgentEvent.message({
            messageId: crypto.randomUUID(),
            contextId: context.contextId,
            taskId: "",
            role: 2,
            parts: [text("Direct message response")],
            metadata: undefined,
            extensions: [],
            referenceTaskIds: [],
          }),
        );
        return;
      }
      bus.publish(
        AgentEvent.task({
          id: ids.taskId,
          contextId: ids.contextId,
          status: { state: 1, message: undefined, timestamp: new Date().toISOString() },
          artifacts: [],
          history: [message],
          metadata: undefined,
        }),
      );
      bus.publish(status(2));
      switch (which) {
        case "greet":
          bus.publish(
            artifact(
              "greeting",
              [data({ greeting: `hello ${(input as { name?: string }).name}` })],
              false,
              true,
            ),
          );
          bus.publish(status(3));
          return;
        case "tick":
          for (let i = 0; i < 3; i++)
            bus.publish(artifact("ticks", [data({ tick: i })], i > 0, i === 2));
          bus.publish(status(3));
          return;
        case "decline":
          bus.publish(status(7, [text("rejected")]));
          return;
        case "wait":
          // Still executing (the bus alive) until cancelTask publishes CANCELED.
          await new Promise<void>((resolve) => {
            stopWaiting.set(ids.taskId, resolve);
            waiting.shift()?.(ids.taskId);
          });
          return;
        default:
          bus.publish(status(4, [text(`no skill ${String(which)}`)]));
      }
    },
    async cancelTask(taskId: string, bus: ExecutionEventBus) {
      cancelling.shift()?.(taskId);
      stopWaiting.get(taskId)?.();
      stopWaiting.delete(taskId);
      bus.publish(
        AgentEvent.statusUpdate({
          taskId,
          contextId: "",
          status: { state: 5, message: undefined, timestamp: new Date().toISOString() },
          metadata: undefined,
        }),
      );
    },
  };
  const handler = new DefaultRequestHandler(card(), new InMemoryTaskStore(), executor);
  const app = express();
  app.use(
    "/.well-known/agent-card.json",
    agentCardHandler({ agentCardProvider: async () => card() }),
  );
  app.use(
    "/",
    jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }),
  );

  let server: Server;
  const listen = (onPort: number) =>
    new Promise<void>((resolve, reject) => {
      server = app.listen(onPort, "127.0.0.1", (error?: Error) =>
        error ? reject(error) : resolve(),
      );
    });
  await listen(port);
  const bound = (server!.address() as AddressInfo).port;
  base = `http://127.0.0.1:${bound}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: base,
    cardUrl: `${base}/.well-known/agent-card.json`,
    traceparents,
    waitStarted: () => new Promise((resolve) => waiting.push(resolve)),
    cancelled: () => new Promise((resolve) => cancelling.push(resolve)),
    stop,
    restart: () => listen(bound),
  };
}
