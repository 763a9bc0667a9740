/**
 * The two agents of a run, each in its own process: a responder whose handler records every run
 * of itself and echoes the request's `n`, and a requester. Both reconnect quickly (100 ms), so a
 * run measures what is lost across an outage rather than how long the back-off is; over MQTT
 * their sessions are persistent and messages QoS 1, so the broker keeps what it can for them.
 */
import { type Agent, createAgent } from "../../src/index.js";
import type { Transport } from "../../transports/transport.js";
import { openExecutionLog } from "./execution-log.js";
import type { AgentParams } from "./protocol.js";

/** The request type the responder serves. */
export const RECORD = "record";
/** Delay between reconnect attempts, unless the run gives the responder its own. */
const RECONNECT_MS = 100;
/** How long the broker keeps an MQTT 5 session of a disconnected agent. */
const SESSION_EXPIRY_SECONDS = 600;

async function transportFor(
  url: string,
  params: AgentParams,
  reconnectMs: number,
): Promise<Transport> {
  if (url.startsWith("mqtt:")) {
    const { createMqttTransport } = await import("../../transports/mqtt/index.js");
    const version = params.mqttVersion ?? 5;
    return createMqttTransport({
      url,
      protocolVersion: version,
      clean: false,
      ...(version === 5 ? { sessionExpirySeconds: SESSION_EXPIRY_SECONDS } : {}),
      reconnectPeriodMs: reconnectMs,
      sharedSubscriptions: false,
    });
  }
  if (url.startsWith("nats:")) {
    const { createNatsTransport } = await import("../../transports/nats/index.js");
    return createNatsTransport({ url, reconnectTimeWaitMs: reconnectMs });
  }
  const { createWebSocketTransport } = await import("../../transports/websocket/node.js");
  return createWebSocketTransport({
    url,
    reconnectDelayMs: reconnectMs,
    reconnectMaxDelayMs: reconnectMs,
  });
}

/** Made but not connected: the responder registers its handler first, for what its session kept. */
async function makeAgent(
  id: string,
  url: string,
  params: AgentParams,
  reconnectMs = RECONNECT_MS,
): Promise<Agent> {
  return createAgent({
    id,
    transport: await transportFor(url, params, reconnectMs),
    qos: { request: 1, response: 1 },
    concurrency: 1000,
    maxQueue: 100_000,
  });
}

export const responderId = (params: AgentParams) => `rel-responder-${params.runId}`;

/** Connects the responder (the same id, so the same session, when started again). */
export async function startResponder(params: AgentParams): Promise<Agent> {
  const record = openExecutionLog(params.executionLog);
  const agent = await makeAgent(
    responderId(params),
    params.responderUrl,
    params,
    params.responderReconnectMs,
  );
  agent.handle<{ n: number }>(RECORD, ({ n }, context) => {
    record(context.message.id);
    return { n };
  });
  await agent.connect();
  return agent;
}

export async function startRequester(params: AgentParams): Promise<Agent> {
  const agent = await makeAgent(`rel-requester-${params.runId}`, params.requesterUrl, params);
  await agent.connect();
  return agent;
}
