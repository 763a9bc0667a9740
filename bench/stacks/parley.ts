/**
 * Parley agents doing the echo over a broker (responder and requester in their own processes),
 * or over the memory transport with both agents in one process.
 */
import { transportFromUrl } from "../../cli/transport-from-url.js";
import { type Agent, createAgent } from "../../src/index.js";
import type { Transport } from "../../transports/transport.js";
import { BODY, ECHO, echoContracts } from "../echo-contract.js";
import { agentIds, type Requester, type Responder, type Stack, type StackParams } from "./stack.js";

async function transportFor(params: StackParams): Promise<Transport> {
  if (!params.url.startsWith("mqtt:")) return transportFromUrl(params.url);
  const { createMqttTransport } = await import("../../transports/mqtt/index.js");
  return createMqttTransport({
    url: params.url,
    qos: params.qos ?? 1,
    ...(params.protocolVersion === undefined ? {} : { protocolVersion: params.protocolVersion }),
    // No pools here; skips the probe for shared subscriptions at connect.
    sharedSubscriptions: false,
  });
}

async function connectAgent(params: StackParams, id: string): Promise<Agent> {
  const qos = params.qos ?? 1;
  const agent = createAgent({
    id,
    transport: await transportFor(params),
    qos: { request: qos, response: qos },
    // The raw clients answer every request at once; so must the responder, up to 1,000 in flight.
    concurrency: 2000,
    maxQueue: 100_000,
    ...(params.validate ? { contracts: echoContracts } : {}),
  });
  if (params.openTelemetry) {
    // @opentelemetry/api installed, no SDK registered: its no-op tracer, meter and propagator.
    const { openTelemetry } = await import("../../src/opentelemetry/index.js");
    (await openTelemetry()).instrument(agent);
  }
  await agent.connect();
  return agent;
}

async function startResponder(params: StackParams): Promise<Responder> {
  const agent = await connectAgent(params, agentIds(params).responder);
  agent.handle(ECHO, (payload) => payload);
  return { close: () => agent.close() };
}

async function startRequester(params: StackParams): Promise<Requester> {
  const { requester, responder } = agentIds(params);
  const agent = await connectAgent(params, requester);
  return {
    call: () => agent.request(responder, ECHO, BODY),
    close: () => agent.close(),
  };
}

/** Responder and requester in separate processes, over `params.url`'s broker. */
export const parley: Stack = { startResponder, startRequester };

/** Both agents in the requester's process (`params.url` is `memory:`). */
export const parleyInProcess: Stack = {
  async startRequester(params) {
    const responder = await startResponder(params);
    const requester = await startRequester(params);
    return {
      call: requester.call,
      async close() {
        await requester.close();
        await responder.close();
      },
    };
  },
};
