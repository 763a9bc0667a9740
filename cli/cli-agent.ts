/**
 * The short-lived agent `parley agents` and `parley call` act through: a random id
 * (`parley-cli-<hex>`), no heartbeats (its presence card and goodbye are enough for a visit of a
 * few seconds), closed when the command ends.
 */
import { randomBytes } from "node:crypto";
import type { Agent, AgentOptions } from "../src/index.js";
import type { CliConnection } from "./connection-options.js";
import { transportFromUrl } from "./transport-from-url.js";

/** A fresh id for one run of a command: `parley-cli-` and 8 hex digits. */
export function cliAgentId(prefix = "parley-cli"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Options of the CLI agent beyond its id and transport. */
export type CliAgentOptions = Omit<AgentOptions, "id" | "transport">;

/**
 * Connects a CLI agent to `connection`'s broker, runs `work` with it and closes it, also when `work` throws.
 * Resolves with what `work` resolved with.
 */
export async function withCliAgent<T>(
  connection: CliConnection,
  options: CliAgentOptions,
  work: (agent: Agent) => Promise<T>,
): Promise<T> {
  const transport = await transportFromUrl(connection.url, connection.tls);
  const { createAgent } = await import("../src/index.js");
  const agent = createAgent({ heartbeatIntervalMs: 0, ...options, id: cliAgentId(), transport });
  await agent.connect();
  try {
    return await work(agent);
  } finally {
    await agent.close();
  }
}
