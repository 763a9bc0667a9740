/**
 * The seed's demo, on Parley: `alexai-main` and `alexai-specialist` start and discover each other,
 * main delegates a `knowledge_search` task to the specialist and prints the result, then
 * broadcasts a `system_update` that the specialist logs. Exits 0 on its own.
 */
import type { AgentInfo } from "../../src/index.js";
import { createCoordinator } from "../../src/seed/index.js";
import type { Transport } from "../../src/transport.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";
import { DEMO_EXECUTORS } from "./knowledge-base.js";

/** Runs the demo on the given transports (default: one in-memory network). */
export async function runSeedDemo(
  makeTransport?: () => Transport,
  label = "in-memory",
): Promise<void> {
  const network = createMemoryNetwork();
  const transport = makeTransport ?? ((): Transport => createMemoryTransport({ network }));
  console.log(`transport: ${label}`);

  // As in the seed, both are AlexAI coordinators; only the specialist runs tasks.
  const card = {
    name: "AlexAI",
    version: "1.0.0",
    description: "AI Personal Assistant",
    capabilities: ["chat"],
  };
  const main = createCoordinator({ id: "alexai-main", transport: transport(), card });
  const specialist = createCoordinator({
    id: "alexai-specialist",
    transport: transport(),
    card,
    executors: DEMO_EXECUTORS,
  });
  const updateLogged = new Promise<void>((resolve) => {
    specialist.on("system_update", (payload, message) => {
      console.log(`[alexai-specialist] system_update from ${message.sender_id}:`, payload);
      resolve();
    });
  });
  const discovered = new Promise<AgentInfo>((resolve) => {
    main.on("agent:online", (info) => {
      if (info.id === "alexai-specialist") resolve(info);
    });
  });

  try {
    await main.connect();
    await specialist.connect();
    const info = await discovered;
    console.log(
      `[alexai-main] discovered ${info.id} (${info.name}) with capabilities: ${info.capabilities.join(", ")}`,
    );

    const result = await main.delegate("knowledge_search", {
      query: "privacy-focused AI assistants",
    });
    console.log("Task delegation result:", JSON.stringify(result, null, 2));

    await main.broadcast("system_update", {
      update_type: "capability_enhancement",
      details: "Added new document processing capabilities",
    });
    await updateLogged;
  } finally {
    await main.close();
    await specialist.close();
  }
}
