/**
 * Presence traffic and directory convergence for 10, 100 and 1,000 agents on one private mosquitto,
 * in both presence modes (`cards`, the default, and the seed's `heartbeats`). All agents run in this
 * process, each with its own MQTT 5 connection; deliveries are counted at their transports.
 *
 * Per run: every agent connects (at most {@link CONNECTS_AT_ONCE} connecting at a time); the
 * convergence time runs from the last `connect()` call until every agent's directory lists the
 * other N - 1 as online. Once the start-up traffic has died down, the messages delivered to the
 * agents during one heartbeat interval are counted by kind. Between runs the broker is restarted
 * (killed first, so that N agents closing do not flood each other with N² goodbyes).
 */
import { readFileSync } from "node:fs";
import { PresenceMode } from "../src/defaults.js";
import { type Agent, createAgent } from "../src/index.js";
import type { InboundMessage, Transport } from "../src/transport.js";
import type { BrokerProcess } from "../test/harness/broker-process.js";
import { startMosquitto } from "../test/harness/mosquitto.js";
import { createMqttTransport } from "../transports/mqtt/index.js";

/** How many agents connect at once while a mesh comes up. */
export const CONNECTS_AT_ONCE = 50;

/** What reached the agents, by kind of address. */
export interface Deliveries {
  /** `a2a/broadcast/heartbeat` */
  readonly heartbeats: number;
  /** `a2a/_presence/{agent}` (retained cards, cleared cards) */
  readonly cards: number;
  /** `a2a/broadcast/broadcast` (announcements, discovery, departures) */
  readonly broadcasts: number;
  /** `a2a/{agent}/...` (discovery answers, requests, responses) */
  readonly direct: number;
  readonly total: number;
}

/** One mesh size in one presence mode. */
export interface PresenceScalingRow {
  readonly agents: number;
  readonly mode: PresenceMode;
  readonly heartbeatIntervalMs: number;
  /** Messages delivered to all agents together during one heartbeat interval, once settled. */
  readonly perInterval: Deliveries;
  /** Messages delivered from the first connect until every directory was complete. */
  readonly startup: Deliveries;
  /** From the last agent's `connect()` call until every directory lists all the others. */
  readonly convergenceMs: number;
  /** From the first agent's `connect()` call until the same moment. */
  readonly bringUpMs: number;
}

export interface PresenceScalingResult {
  readonly rows: PresenceScalingRow[];
  /** How the figures were taken (process, broker, limits). */
  readonly notes: string[];
}

type Kind = Exclude<keyof Deliveries, "total">;

function kindOf(address: string): Kind {
  if (address === "a2a/broadcast/heartbeat") return "heartbeats";
  if (address.startsWith("a2a/_presence/")) return "cards";
  if (address.startsWith("a2a/broadcast/")) return "broadcasts";
  return "direct";
}

class DeliveryCounter {
  #counts: Record<Kind, number> = { heartbeats: 0, cards: 0, broadcasts: 0, direct: 0 };

  readonly add = (message: InboundMessage): void => {
    this.#counts[kindOf(message.address)]++;
  };

  /** The counts so far, and starts again from zero. */
  take(): Deliveries {
    const counts = this.#counts;
    this.#counts = { heartbeats: 0, cards: 0, broadcasts: 0, direct: 0 };
    const total = counts.heartbeats + counts.cards + counts.broadcasts + counts.direct;
    return { ...counts, total };
  }

  /** Deliveries so far other than heartbeats (which never stop in the `heartbeats` mode). */
  get nonHeartbeats(): number {
    const c = this.#counts;
    return c.cards + c.broadcasts + c.direct;
  }
}

/** The same transport, counting every message it delivers to its subscribers. */
function counting(inner: Transport, onDelivery: (message: InboundMessage) => void): Transport {
  return new Proxy(inner, {
    get(target, key) {
      if (key === "subscribe") {
        const subscribe: Transport["subscribe"] = (pattern, deliver, options) =>
          target.subscribe(
            pattern,
            (message) => {
              onDelivery(message);
              deliver(message);
            },
            options,
          );
        return subscribe;
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Heartbeat interval for a mesh of n: long enough that the n² heartbeats of one interval stay
 * deliverable to n agents in one process (about 15,000 a second, leaving room for the rest).
 */
export function intervalFor(agents: number): number {
  return Math.max(1000, Math.ceil((agents * agents) / 15));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once nothing but heartbeats has been delivered for `quietMs`. */
async function quiet(counter: DeliveryCounter, quietMs: number): Promise<void> {
  let last = -1;
  while (counter.nonHeartbeats !== last) {
    last = counter.nonHeartbeats;
    await sleep(quietMs);
  }
}

async function measureMesh(
  broker: BrokerProcess,
  agents: number,
  mode: PresenceMode,
): Promise<PresenceScalingRow> {
  const heartbeatIntervalMs = intervalFor(agents);
  const counter = new DeliveryCounter();
  const prefix = `ps-${mode}-${agents}`;
  const ids = Array.from({ length: agents }, (_, i) => `${prefix}-${i}`);
  let incomplete = agents;
  let converged = () => {};
  const allConverged = new Promise<void>((resolve) => {
    converged = resolve;
  });
  const mesh: Agent[] = ids.map((id) => {
    const agent = createAgent({
      id,
      transport: counting(
        createMqttTransport({ url: `mqtt://127.0.0.1:${broker.port}`, connectTimeoutMs: 60_000 }),
        counter.add,
      ),
      presence: mode,
      heartbeatIntervalMs,
    });
    const online = new Set<string>();
    let complete = false;
    agent.on("agent:online", (info) => {
      online.add(info.id);
      if (!complete && online.size === agents - 1) {
        complete = true;
        if (--incomplete === 0) converged();
      }
    });
    agent.on("agent:offline", (info) => online.delete(info.id));
    return agent;
  });
  const firstConnect = performance.now();
  let lastConnect = firstConnect;
  let nextIndex = 0;
  const connector = async (): Promise<void> => {
    for (let agent = mesh[nextIndex++]; agent; agent = mesh[nextIndex++]) {
      lastConnect = performance.now();
      await agent.connect();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONNECTS_AT_ONCE, agents) }, connector));
    await allConverged;
    const done = performance.now();
    await quiet(counter, 500);
    const startup = counter.take();
    await sleep(heartbeatIntervalMs);
    const perInterval = counter.take();
    return {
      agents,
      mode,
      heartbeatIntervalMs,
      perInterval,
      startup,
      convergenceMs: Math.round(done - lastConnect),
      bringUpMs: Math.round(done - firstConnect),
    };
  } finally {
    // Without a broker the agents close without goodbyes: no N² departures to deliver. Each
    // waits to see the connection gone first: a goodbye published in between would wait forever.
    const gone = mesh.map(
      (agent) =>
        new Promise<void>((resolve) => {
          const off = agent.on("connection", (status) => {
            if (status.state === "connected") return;
            off();
            resolve();
          });
        }),
    );
    await broker.kill();
    await Promise.all(gone);
    await Promise.allSettled(mesh.map((a) => a.close()));
    await broker.restart();
  }
}

/**
 * Runs every mesh size (quick: 10 and 100 agents) in both presence modes on one mosquitto;
 * `onRow` hears of each row as it is measured (a full run takes minutes).
 */
export async function presenceScaling(options: {
  quick: boolean;
  onRow?: (row: PresenceScalingRow) => void;
}): Promise<PresenceScalingResult> {
  const sizes = options.quick ? [10, 100] : [10, 100, 1000];
  // The default queue of 1,000 QoS 1 messages per client would drop cards while 1,000 agents start.
  const broker = await startMosquitto({ config: ["max_queued_messages 0"] });
  const rows: PresenceScalingRow[] = [];
  try {
    for (const agents of sizes) {
      for (const mode of [PresenceMode.heartbeats, PresenceMode.cards]) {
        const row = await measureMesh(broker, agents, mode);
        rows.push(row);
        options.onRow?.(row);
      }
    }
  } finally {
    await broker.stop();
  }
  const dropped = /dropped|Out of memory/i.test(broker.output());
  return {
    rows,
    notes: [
      `all agents in one Node.js process (${process.version}), one MQTT 5 connection each, on one private mosquitto (max_queued_messages 0, set_tcp_nodelay true); open files limit ${openFilesLimit()}`,
      `heartbeat interval per size: ${sizes.map((n) => `${n}: ${intervalFor(n)} ms`).join(", ")} (the seed's is 30 s; chosen so that this one process can take in the N² heartbeats of an interval; deliveries per interval do not depend on it)`,
      "agents are idle; a cards agent whose load or card changes republishes its card once per interval, which reaches every agent (N deliveries)",
      ...(dropped ? ["mosquitto reported dropped messages: see its log"] : []),
    ],
  };
}

function openFilesLimit(): string {
  try {
    // Linux only; the limit mosquitto and this process were started under.
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    return line?.split(/\s+/)[3] ?? "unknown";
  } catch {
    return "unknown";
  }
}

const count = (n: number) => n.toLocaleString("en");
const byKind = (d: Deliveries) =>
  `${count(d.total)} (hb ${count(d.heartbeats)}, cards ${count(d.cards)}, bc ${count(d.broadcasts)}, direct ${count(d.direct)})`;

/** One row as a markdown table line (see {@link presenceTable}). */
export const presenceLine = (r: PresenceScalingRow): string =>
  `| ${count(r.agents)} | ${r.mode} | ${r.heartbeatIntervalMs} ms | ${byKind(r.perInterval)} | ${byKind(r.startup)} | ${r.convergenceMs} ms | ${r.bringUpMs} ms |`;

/** The rows and notes as markdown. */
export function presenceTable({ rows, notes }: PresenceScalingResult): string {
  return [
    "| agents | presence | interval | delivered per interval | delivered at start-up | convergence after last connect | bring-up |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(presenceLine),
    "",
    ...notes.map((note) => `- ${note}`),
  ].join("\n");
}
