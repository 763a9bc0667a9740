/**
 * Raw mqtt.js doing the echo by hand. MQTT 5: the request carries a response topic and
 * correlation data as properties. MQTT 3.1.1: both travel in a JSON wrapper around the body.
 */
import { Socket } from "node:net";
import { connectAsync, type IPublishPacket, type MqttClient } from "mqtt";
import { BODY, ECHO } from "../echo-contract.js";
import { createPendingReplies } from "./pending-replies.js";
import type { Requester, Responder, Stack, StackParams } from "./stack.js";

interface Wrapped {
  readonly id: string;
  readonly replyTo?: string;
  readonly body: unknown;
}

async function open(params: StackParams, role: string): Promise<MqttClient> {
  const client = await connectAsync(params.url, {
    protocolVersion: params.protocolVersion ?? 5,
    clientId: `raw-${role}-${params.runId}`,
    reconnectPeriod: 0,
  });
  // mqtt.js leaves Nagle's algorithm on, which stalls QoS 1 round trips by ~40 ms.
  if (params.clientNoDelay !== false && client.stream instanceof Socket)
    client.stream.setNoDelay(true);
  return client;
}

function requestTopic(params: StackParams): string {
  return `bench/${params.runId}/${ECHO}`;
}

async function startResponder(params: StackParams): Promise<Responder> {
  const client = await open(params, "responder");
  const qos = params.qos ?? 0;
  client.on("message", (_topic: string, payload: Buffer, packet: IPublishPacket) => {
    if (params.protocolVersion === 4) {
      const request = JSON.parse(payload.toString()) as Wrapped;
      const reply: Wrapped = { id: request.id, body: request.body };
      client.publish(request.replyTo ?? "", JSON.stringify(reply), { qos });
      return;
    }
    const body: unknown = JSON.parse(payload.toString());
    const properties = packet.properties ?? {};
    client.publish(properties.responseTopic ?? "", JSON.stringify(body), {
      qos,
      properties: { correlationData: properties.correlationData ?? Buffer.alloc(0) },
    });
  });
  await client.subscribeAsync(requestTopic(params), { qos });
  return { close: () => client.endAsync() };
}

async function startRequester(params: StackParams): Promise<Requester> {
  const client = await open(params, "requester");
  const qos = params.qos ?? 0;
  const replyTopic = `bench/${params.runId}/reply`;
  const pending = createPendingReplies();
  client.on("message", (_topic: string, payload: Buffer, packet: IPublishPacket) => {
    if (params.protocolVersion === 4) {
      const reply = JSON.parse(payload.toString()) as Wrapped;
      pending.settle(reply.id, reply.body);
    } else {
      const id = packet.properties?.correlationData?.toString() ?? "";
      pending.settle(id, JSON.parse(payload.toString()));
    }
  });
  await client.subscribeAsync(replyTopic, { qos });
  const topic = requestTopic(params);
  return {
    call() {
      const { id, reply } = pending.open();
      if (params.protocolVersion === 4) {
        const request: Wrapped = { id, replyTo: replyTopic, body: BODY };
        client.publish(topic, JSON.stringify(request), { qos });
      } else {
        client.publish(topic, JSON.stringify(BODY), {
          qos,
          properties: { responseTopic: replyTopic, correlationData: Buffer.from(id) },
        });
      }
      return reply;
    },
    close: () => client.endAsync(),
  };
}

export const rawMqtt: Stack = { startResponder, startRequester };
