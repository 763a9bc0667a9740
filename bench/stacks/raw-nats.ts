/** Raw nats.js (v3, `@nats-io/transport-node`) doing the echo: a subscription that responds, and `nc.request` (mux inbox). */
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { BODY, ECHO } from "../echo-contract.js";
import type { Requester, Responder, Stack, StackParams } from "./stack.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function open(params: StackParams): Promise<NatsConnection> {
  return connect({
    servers: params.url,
    reconnect: false,
    ...(params.noAsyncTraces ? { noAsyncTraces: true } : {}),
  });
}

function subject(params: StackParams): string {
  return `bench.${params.runId}.${ECHO}`;
}

async function startResponder(params: StackParams): Promise<Responder> {
  const nc = await open(params);
  nc.subscribe(subject(params), {
    callback: (error, msg) => {
      if (error) return;
      const body: unknown = JSON.parse(decoder.decode(msg.data));
      msg.respond(encoder.encode(JSON.stringify(body)));
    },
  });
  await nc.flush();
  return { close: () => nc.close() };
}

async function startRequester(params: StackParams): Promise<Requester> {
  const nc = await open(params);
  const to = subject(params);
  return {
    async call() {
      const reply = await nc.request(to, encoder.encode(JSON.stringify(BODY)), { timeout: 30_000 });
      return JSON.parse(decoder.decode(reply.data));
    },
    close: () => nc.close(),
  };
}

export const rawNats: Stack = { startResponder, startRequester };
