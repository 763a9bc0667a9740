/**
 * A test fixture: agents and raw transports on one conformance environment, all closed at the end.
 */
import { type Agent, type AgentOptions, createAgent, type Envelope } from "../../src/index.js";
import type { InboundMessage, Transport } from "../../src/transport.js";
import type { ConformanceEnvironment } from "./target.js";

export interface Mesh {
  readonly env: ConformanceEnvironment;
  /** A connected agent (fast heartbeats unless overridden). */
  agent(id: string, options?: Partial<Omit<AgentOptions, "id" | "transport">>): Promise<Agent>;
  /** An agent created but not yet connected. */
  createAgent(id: string, options?: Partial<Omit<AgentOptions, "id" | "transport">>): Agent;
  /** A connected raw transport, for injecting bytes and eavesdropping. */
  raw(clientId: string): Promise<Transport>;
  /** The transport an agent of this mesh was made with. */
  transportOf(agent: Agent): Transport;
  close(): Promise<void>;
}

export function createMesh(env: ConformanceEnvironment): Mesh {
  const agents: Agent[] = [];
  const raws: Transport[] = [];
  const transports = new Map<Agent, Transport>();
  const make = (
    id: string,
    options: Partial<Omit<AgentOptions, "id" | "transport">> = {},
  ): Agent => {
    const transport = env.createTransport();
    const agent = createAgent({ id, transport, heartbeatIntervalMs: 200, ...options });
    agents.push(agent);
    transports.set(agent, transport);
    return agent;
  };
  return {
    env,
    createAgent: make,
    async agent(id, options) {
      const agent = make(id, options);
      await agent.connect();
      return agent;
    },
    async raw(clientId) {
      const transport = env.createTransport();
      await transport.connect({ clientId });
      raws.push(transport);
      return transport;
    },
    transportOf(agent) {
      const transport = transports.get(agent);
      if (!transport) throw new Error(`agent "${agent.id}" is not from this mesh`);
      return transport;
    },
    async close() {
      await Promise.allSettled(agents.map((a) => a.close()));
      await Promise.allSettled(raws.map((t) => t.close()));
    },
  };
}

/** Resolves with the first value `subscribe` hands to its callback that satisfies `accept`. */
export function next<T>(
  subscribe: (cb: (value: T) => void) => () => void,
  accept: (value: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((value) => {
      if (!accept(value)) return;
      off();
      resolve(value);
    });
  });
}

/** Collects the envelopes a raw transport receives on `pattern`. */
export async function eavesdrop(
  raw: Transport,
  pattern: string,
): Promise<{ messages: InboundMessage[]; envelopes: () => Envelope[] }> {
  const messages: InboundMessage[] = [];
  await raw.subscribe(pattern, (m) => messages.push(m), { qos: 1 });
  return {
    messages,
    envelopes: () =>
      messages
        .filter((m) => m.bytes.byteLength > 0)
        .map((m) => JSON.parse(new TextDecoder().decode(m.bytes)) as Envelope),
  };
}

/** Waits until `check` returns true, polling; for state with no event to await. */
export async function eventually(
  check: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
