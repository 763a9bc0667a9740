/**
 * What the CLI tests run against: a private broker (mosquitto or nats-server on a free port) and a
 * worker agent in the test process that serves a plain, a streaming and a failing request type.
 */
import { afterAll, beforeAll } from "vitest";
import { type Agent, createAgent } from "../../src/index.js";
import type { Transport } from "../../src/transport.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import { startMosquittoBroker } from "../harness/mqtt-brokers.js";
import { startNatsServer } from "../harness/nats-server.js";

/** A running private broker. */
export interface CliBroker {
  readonly url: string;
  transport(): Transport;
  stop(): Promise<void>;
}

/** The brokers the CLI is tested on, by name. */
export const cliBrokers: readonly { name: string; start(): Promise<CliBroker> }[] = [
  {
    name: "mosquitto",
    async start() {
      const broker = await startMosquittoBroker();
      return {
        url: broker.url,
        transport: () => createMqttTransport({ url: broker.url }),
        stop: broker.stop,
      };
    },
  },
  {
    name: "nats-server",
    async start() {
      const server = await startNatsServer();
      return {
        url: server.url,
        transport: () => createNatsTransport({ url: server.url }),
        stop: server.stop,
      };
    },
  },
];

/** Connects `worker`: capability `math`; `double` {x} -> {y}; `count` {n} streams {i} parts then {done}; `explode` throws. */
export async function startWorker(broker: CliBroker, id = "worker"): Promise<Agent> {
  const worker = createAgent({
    id,
    transport: broker.transport(),
    card: { name: "Worker", description: "doubles numbers", capabilities: ["math"] },
  });
  worker.handle<{ x: number }>("double", ({ x }) => ({ y: x * 2 }));
  worker.handle<{ n: number }>("count", async function* ({ n }) {
    for (let i = 0; i < n; i++) yield { i };
    return { done: true };
  });
  worker.handle("explode", () => {
    throw new Error("boom");
  });
  await worker.connect();
  return worker;
}

/** A broker and a connected worker for the tests of one describe block (started in beforeAll). */
export interface BrokerWithWorker {
  readonly broker: CliBroker;
  readonly worker: Agent;
}

/** Starts a broker and {@link startWorker} before the block's tests and stops both after them. */
export function useBrokerWithWorker(start: () => Promise<CliBroker>): BrokerWithWorker {
  const state: { broker?: CliBroker; worker?: Agent } = {};
  beforeAll(async () => {
    state.broker = await start();
    state.worker = await startWorker(state.broker);
  });
  afterAll(async () => {
    await state.worker?.close();
    await state.broker?.stop();
  });
  return {
    get broker() {
      if (!state.broker) throw new Error("the broker is not started yet");
      return state.broker;
    },
    get worker() {
      if (!state.worker) throw new Error("the worker is not started yet");
      return state.worker;
    },
  };
}
