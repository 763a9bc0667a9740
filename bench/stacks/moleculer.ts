/** Moleculer 0.15 doing the echo: an `echo.echo` action, called with `broker.call`. */
import { type BrokerOptions, ServiceBroker } from "moleculer";
import { BODY, ECHO } from "../echo-contract.js";
import type { Requester, Responder, Stack, StackParams } from "./stack.js";

function createBroker(params: StackParams, role: string): ServiceBroker {
  // Moleculer picks its transporter by the URL's scheme (nats://, or mqtt:// at QoS 0), as its
  // docs show; its type declarations leave the URL form out.
  const transporter = params.url as unknown as NonNullable<BrokerOptions["transporter"]>;
  return new ServiceBroker({
    nodeID: `${role}-${params.runId}`,
    transporter,
    logger: false,
  });
}

async function startResponder(params: StackParams): Promise<Responder> {
  const broker = createBroker(params, "responder");
  broker.createService({ name: ECHO, actions: { [ECHO]: (ctx) => ctx.params } });
  await broker.start();
  return { close: () => broker.stop() };
}

async function startRequester(params: StackParams): Promise<Requester> {
  const broker = createBroker(params, "requester");
  await broker.start();
  await broker.waitForServices([ECHO], 10_000);
  const action = `${ECHO}.${ECHO}`;
  return {
    call: () => broker.call(action, BODY),
    close: () => broker.stop(),
  };
}

export const moleculer: Stack = { startResponder, startRequester };
