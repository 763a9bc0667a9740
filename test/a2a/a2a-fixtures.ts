/**
 * What the A2A tests run against: a private mosquitto, a Parley worker agent on it with a plain,
 * a streaming, a slow (cancellable), a refusing and a failing request type, the A2A gateway in
 * front of the mesh, and the real `@a2a-js/sdk` client.
 */
import type { Message, Part, SendMessageRequest } from "@a2a-js/sdk";
import { type Client, ClientFactory } from "@a2a-js/sdk/client";
import { afterAll, beforeAll } from "vitest";
import { dataPart, textPart } from "../../src/a2a/a2a-values.js";
import { type A2AGateway, SKILL_METADATA_KEY, startA2AGateway } from "../../src/a2a/index.js";
import type { ContractSet } from "../../src/contracts.js";
import { type Agent, createAgent, ErrorCode, ParleyError } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { type RunningBroker, startMosquittoBroker } from "../harness/mqtt-brokers.js";

/** A contract for `echo`: `{ text: string }` in, `{ echoed: string }` out. */
export const echoContracts: ContractSet = {
  requests: {
    echo: {
      name: "echo",
      version: "1.0.0",
      hash: "0".repeat(64),
      description: "Repeats the text it is given.",
      validateRequest: (value) =>
        typeof (value as { text?: unknown }).text === "string"
          ? []
          : [{ instancePath: "/text", message: "must be string" }],
      validateResponse: () => [],
    },
  },
  broadcasts: {},
};

export const echoSchemas = {
  echo: {
    request: {
      type: "object",
      required: ["text"],
      properties: { text: { type: "string" } },
    },
    response: { type: "object", properties: { echoed: { type: "string" } } },
  },
};

/** Everything a test block uses, set in beforeAll. */
export interface A2aMesh {
  broker: RunningBroker;
  gateway: A2AGateway;
  worker: Agent;
  /** Resolves when the slow handler has started (a request is in the middle of its work). */
  slowStarted(): Promise<void>;
  /** Resolves with the reason the slow handler's signal was aborted. */
  slowAborted(): Promise<unknown>;
  client(agentId?: string): Promise<Client>;
}

/** Connects the worker: echo, count (streams {i}), slow (waits until aborted), refuse, explode. */
async function startWorker(url: string, hooks: { started(): void; aborted(why: unknown): void }) {
  const worker = createAgent({
    id: "worker",
    transport: createMqttTransport({ url }),
    card: { name: "Worker", description: "echoes and counts", capabilities: ["echoing"] },
  });
  worker.handle<{ text: string }>("echo", ({ text }) => ({ echoed: text }));
  worker.handle<{ n: number }>("count", async function* ({ n }) {
    for (let i = 0; i < n; i++) yield { i };
    return { done: n };
  });
  worker.handle("slow", (_payload, context) => {
    hooks.started();
    return new Promise((_resolve, reject) => {
      context.signal.addEventListener("abort", () => {
        hooks.aborted(context.signal.reason);
        reject(context.signal.reason);
      });
    });
  });
  worker.handle("refuse", () => {
    throw new ParleyError(ErrorCode.unauthorized, "not for you");
  });
  worker.handle("trace", (_payload, context) => ({
    traceparent: context.metadata.traceparent ?? null,
  }));
  worker.handle("explode", () => {
    throw new Error("boom");
  });
  await worker.connect();
  return worker;
}

/** Starts the broker, the worker and the gateway for a describe block; stops them after it. */
export function useA2aMesh(): A2aMesh {
  const mesh = {} as A2aMesh;
  beforeAll(async () => {
    mesh.broker = await startMosquittoBroker();
    let started = deferred<void>();
    let aborted = deferred<unknown>();
    mesh.slowStarted = () => started.promise;
    mesh.slowAborted = () => aborted.promise;
    mesh.worker = await startWorker(mesh.broker.url, {
      started: () => started.resolve(),
      aborted: (why) => {
        aborted.resolve(why);
        started = deferred<void>();
        aborted = deferred<unknown>();
      },
    });
    mesh.gateway = await startA2AGateway({
      transport: createMqttTransport({ url: mesh.broker.url }),
      contracts: echoContracts,
      schemas: echoSchemas,
    });
    await untilOnline(mesh.gateway.agent, "worker");
    const factory = new ClientFactory();
    mesh.client = (agentId = "worker") => factory.createFromUrl(mesh.gateway.cardUrl(agentId), "");
  }, 30_000);
  afterAll(async () => {
    await mesh.gateway?.close();
    await mesh.worker?.close();
    await mesh.broker?.stop();
  });
  return mesh;
}

/** Resolves once `agent` sees `id` online. */
export function untilOnline(agent: Agent, id: string): Promise<void> {
  if (agent.directory.get(id)?.status === "online") return Promise.resolve();
  return new Promise((resolve) => {
    const stop = agent.on("agent:online", (info) => {
      if (info.id !== id) return;
      stop();
      resolve();
    });
  });
}

/** Resolves once `agent` sees `id` go offline. */
export function untilOffline(agent: Agent, id: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = agent.on("agent:offline", (info) => {
      if (info.id !== id) return;
      stop();
      resolve();
    });
  });
}

export { dataPart, textPart };

/** A user message with `parts`, for `skill` when given; `messageId` may carry a TCK prefix. */
export function userMessage(
  parts: Part[],
  skill?: string,
  messageId: string = crypto.randomUUID(),
): Message {
  return {
    messageId,
    contextId: "",
    taskId: "",
    role: 1,
    parts,
    metadata: skill === undefined ? undefined : { [SKILL_METADATA_KEY]: skill },
    extensions: [],
    referenceTaskIds: [],
  };
}

export function sendRequest(message: Message): SendMessageRequest {
  return { tenant: "", message, configuration: undefined, metadata: undefined };
}

/** A promise and its resolve function (Promise.withResolvers is Node 22). */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
