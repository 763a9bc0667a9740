/**
 * The floor of any agent that speaks the seed's envelope over NATS: nats.js (as Parley's transport
 * uses it) publishing and subscribing on Parley's subjects, every message the seed's JSON envelope
 * as Parley writes it (a fresh UUID and instant each, the request type in the payload, the
 * request's `expires_at`), replies matched by correlation id. Nothing else: no checks, no timers,
 * no presence, no routing. Parley's ratio to it is what Parley's own code costs on NATS; its ratio
 * to Moleculer bounds what any implementation of the seed's wire format can reach there.
 */
import { connect, type NatsConnection } from "@nats-io/transport-node";
import {
  agentIds,
  echoRequestEnvelope,
  type Requester,
  type Responder,
  type Stack,
  type StackParams,
} from "./stack.js";

const decoder = new TextDecoder();
const bytesOf = (value: object): Uint8Array => Buffer.from(JSON.stringify(value), "utf8");

/** The seed's instants (`+00:00`), each kind formatted once per millisecond, as Parley does. */
function instants(): (ms: number) => string {
  let lastMs = Number.NaN;
  let lastIso = "";
  return (ms) => {
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = `${new Date(ms).toISOString().slice(0, -1)}+00:00`;
    }
    return lastIso;
  };
}
const timestampAt = instants();
const expiryAt = instants();

function open(params: StackParams): Promise<NatsConnection> {
  return connect({ servers: params.url, reconnect: false });
}

interface Envelope {
  readonly id: string;
  readonly sender_id: string;
  readonly priority: number;
  readonly payload: { readonly request_type?: string };
  readonly correlation_id: string | null;
}

async function startResponder(params: StackParams): Promise<Responder> {
  const { responder } = agentIds(params);
  const nc = await open(params);
  nc.subscribe(`a2a.${responder}.request`, {
    callback: (error, msg) => {
      if (error) return;
      const request = JSON.parse(decoder.decode(msg.data)) as Envelope;
      const { request_type: _type, ...body } = request.payload;
      const response = {
        id: crypto.randomUUID(),
        sender_id: responder,
        recipient_id: request.sender_id,
        message_type: "response",
        priority: request.priority,
        timestamp: timestampAt(Date.now()),
        payload: body,
        correlation_id: request.id,
        expires_at: null,
      };
      nc.publish(`a2a.${request.sender_id}.response`, bytesOf(response));
    },
  });
  await nc.flush();
  return { close: () => nc.close() };
}

async function startRequester(params: StackParams): Promise<Requester> {
  const { requester, responder } = agentIds(params);
  const nc = await open(params);
  const waiting = new Map<string, (reply: unknown) => void>();
  nc.subscribe(`a2a.${requester}.response`, {
    callback: (error, msg) => {
      if (error) return;
      const response = JSON.parse(decoder.decode(msg.data)) as Envelope;
      const id = response.correlation_id ?? "";
      const resolve = waiting.get(id);
      waiting.delete(id);
      resolve?.(response.payload);
    },
  });
  await nc.flush();
  const to = `a2a.${responder}.request`;
  return {
    call() {
      const id = crypto.randomUUID();
      const now = Date.now();
      const request = echoRequestEnvelope(params, id, timestampAt(now), expiryAt(now + 30_000));
      const reply = new Promise((resolve) => waiting.set(id, resolve));
      nc.publish(to, bytesOf(request));
      return reply;
    },
    close: () => nc.close(),
  };
}

export const natsEnvelopeFloor: Stack = { startResponder, startRequester };
