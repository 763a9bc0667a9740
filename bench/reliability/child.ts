/**
 * Entry point of every child of the reliability harness, forked with an IPC channel:
 * `child.ts aedes PORT`, `child.ts hub PORT [BRIDGE_MQTT_URL]`, `child.ts responder PARAMS_JSON`,
 * `child.ts requester`. It serves until its parent disconnects or kills it.
 */
import type { ChildFailure } from "../child-processes.js";
import { responderId, startRequester, startResponder } from "./agents.js";
import type { AgentParams, LoadMessage, ReliabilityMessage } from "./protocol.js";
import { runLoad } from "./requester-load.js";

/** How long the requester's agent may take to close before the child reports anyway. */
const CLOSE_WAIT_MS = 3_000;

function tell(message: ReliabilityMessage | ChildFailure): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else resolve();
  });
}

async function startBroker(kind: "aedes" | "hub", port: number, bridgeUrl?: string) {
  if (kind === "aedes") {
    const { createEmbeddedBroker } = await import("../../transports/mqtt/index.js");
    return createEmbeddedBroker({ port });
  }
  const { createWebSocketHub } = await import("../../transports/websocket/node.js");
  if (bridgeUrl === undefined) return createWebSocketHub({ port });
  const { createMqttTransport } = await import("../../transports/mqtt/index.js");
  const bridge = createMqttTransport({ url: bridgeUrl, reconnectPeriodMs: 100 });
  return createWebSocketHub({ port, bridge });
}

async function requester(message: LoadMessage): Promise<void> {
  const agent = await startRequester(message.params);
  const outcomes = await runLoad(agent, responderId(message.params), message.plan, () => {
    void tell({ type: "halfway" });
  });
  await Promise.race([agent.close(), new Promise((r) => setTimeout(r, CLOSE_WAIT_MS))]);
  await tell({ type: "result", outcomes });
}

async function main([role, arg, extra]: string[]): Promise<void> {
  switch (role) {
    case "aedes":
    case "hub": {
      const broker = await startBroker(role, Number(arg), extra);
      return tell({ type: "ready", url: broker.url });
    }
    case "responder":
      await startResponder(JSON.parse(arg ?? "{}") as AgentParams);
      return tell({ type: "ready" });
    case "requester":
      process.once("message", (message: LoadMessage) => {
        requester(message).catch(fail);
      });
      return tell({ type: "ready" });
    default:
      throw new Error(`unknown role ${role}`);
  }
}

async function fail(error: unknown): Promise<void> {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  await tell({ type: "failed", error: text });
  process.exit(1);
}

process.once("disconnect", () => process.exit(0));
main(process.argv.slice(2)).catch(fail);
