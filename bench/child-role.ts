/**
 * Entry point of every benchmark child process: `node --import tsx bench/child-role.ts ROLE`,
 * forked by the parent with an IPC channel. It exits when the parent goes away, so nothing
 * outlives a run.
 */
import { closedLoop } from "./measure.js";
import type { ChildMessage, ParentMessage, Role } from "./role-protocol.js";
import { stackLoaders } from "./stacks/registry.js";
import type { Requester, Responder } from "./stacks/stack.js";

function tell(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else resolve();
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function startBroker(kind: "aedes" | "hub" | "relay"): Promise<{ url: string }> {
  if (kind === "relay") return (await import("./stacks/ws-relay.js")).startWsRelay();
  if (kind === "aedes") {
    const { createEmbeddedBroker } = await import("../transports/mqtt/index.js");
    return createEmbeddedBroker({ port: 0 });
  }
  const { createWebSocketHub } = await import("../transports/websocket/node.js");
  return createWebSocketHub({ port: 0 });
}

let serving: Responder | undefined;
let connected: Requester | undefined;

/** Does what the parent asks and answers it; one request at a time. */
async function work(message: ParentMessage): Promise<ChildMessage> {
  switch (message.type) {
    case "serve": {
      const stack = await stackLoaders[message.stack]();
      if (!stack.startResponder) throw new Error(`${message.stack} has no responder`);
      serving = await stack.startResponder(message.params);
      return { type: "ready", ...(serving.endpoint ? { url: serving.endpoint } : {}) };
    }
    case "unserve": {
      await serving?.close();
      serving = undefined;
      return { type: "idle" };
    }
    case "connect": {
      const stack = await stackLoaders[message.stack]();
      connected = await stack.startRequester(message.params);
      return { type: "connected" };
    }
    case "load": {
      if (!connected) throw new Error("load before connect");
      const { inFlight, durationMs } = message;
      return { type: "result", result: await closedLoop(connected.call, inFlight, { durationMs }) };
    }
    case "disconnect": {
      await connected?.close();
      connected = undefined;
      return { type: "idle" };
    }
    default:
      throw new Error(`unknown message ${JSON.stringify(message satisfies never)}`);
  }
}

async function main(role: Role): Promise<void> {
  if (role === "aedes" || role === "hub" || role === "relay") {
    const broker = await startBroker(role);
    await tell({ type: "ready", url: broker.url });
    return;
  }
  let queue = Promise.resolve();
  process.on("message", (message: ParentMessage) => {
    queue = queue.then(async () =>
      tell(await work(message).catch((error) => ({ type: "failed", error: errorText(error) }))),
    );
  });
  await tell({ type: "idle" });
}

// Everything here serves until the parent disconnects (it finished, or died).
process.once("disconnect", () => process.exit(0));
main(process.argv[2] as Role).catch(async (error: unknown) => {
  await tell({ type: "failed", error: errorText(error) });
  process.exit(1);
});
