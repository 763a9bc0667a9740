/**
 * An agent in a web page whose Content-Security-Policy is `script-src 'self'` (no
 * `unsafe-eval`): Parley's runtime must neither compile a schema nor call `new Function`. The page
 * talks (a) through the WebSocket hub, (b) MQTT over WebSockets to a private mosquitto and (c)
 * NATS over WebSocket to a private nats-server, with a Node agent on the other side; any CSP
 * violation or page error fails the test.
 */
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Agent, createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import { createNatsTransport } from "../../transports/nats/index.js";
import { createWebSocketTransport } from "../../transports/websocket/node.js";
import {
  bundleForBrowser,
  launchChromium,
  openWatchedPage,
  serveStrictPage,
  type WatchedPage,
} from "../harness/chromium-page.js";
import { startMosquittoWithWebSockets } from "../harness/mosquitto.js";
import { startNatsServer } from "../harness/nats-server.js";
import { startHub } from "../websocket/fixture.js";
import type { PageGlobals } from "./page-agent.js";

/** What the page-side agent saw, read back by the test. */
interface PageLog {
  news: unknown[];
  greetedBy: string[];
}

/**
 * NATS has no Last Will, so agents on it send heartbeats; short ones here, so that a page agent
 * gone without a goodbye is marked offline (after 3 silent intervals) within the test.
 */
const NATS_HEARTBEAT_MS = 500;

/** Starts an agent in the page on the hub, MQTT or NATS over WebSocket at `url`. */
async function startPageAgent(
  watched: WatchedPage,
  kind: "hub" | "mqtt" | "nats",
  url: string,
  heartbeatIntervalMs?: number,
) {
  await watched.page.evaluate(
    async ({ kind, url, heartbeatIntervalMs }) => {
      const { parley } = window as unknown as PageGlobals;
      const log: PageLog = { news: [], greetedBy: [] };
      const transport =
        kind === "hub"
          ? parley.createWebSocketTransport({ url })
          : kind === "nats"
            ? parley.createNatsTransport({ url })
            : // Keep-alive on setInterval: the default worker timer needs `worker-src blob:`.
              parley.createMqttTransport({ url, timers: "native" });
      const agent = parley.createAgent({
        id: "page-agent",
        transport,
        card: { capabilities: ["ui"] },
        ...(heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs }),
      });
      agent.handle<{ name: string }>("page_greet", ({ name }, ctx) => {
        log.greetedBy.push(ctx.sender);
        return { greeting: `hello ${name}, from the page` };
      });
      agent.on("node_news", (payload) => log.news.push(payload));
      Object.assign(window, { agent, log });
      await agent.connect();
    },
    { kind, url, heartbeatIntervalMs },
  );
}

/** A Node agent serving `node_double` and collecting `page_news` broadcasts. */
async function startNodeAgent(agent: Agent): Promise<unknown[]> {
  const news: unknown[] = [];
  agent.handle<{ x: number }>("node_double", ({ x }) => ({ y: x * 2 }));
  agent.on("page_news", (payload) => news.push(payload));
  await agent.connect();
  return news;
}

describe("an agent in a page under script-src 'self', without unsafe-eval", {
  timeout: 60_000,
}, () => {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveStrictPage>> | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const { code } = await bundleForBrowser(
      fileURLToPath(new URL("./page-agent.ts", import.meta.url)),
    );
    server = await serveStrictPage(code);
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPage(): Promise<WatchedPage> {
    if (!browser || !server) throw new Error("no browser");
    const watched = await openWatchedPage(browser, server.url);
    cleanups.push(() => watched.page.close());
    expect(await watched.problems()).toEqual([]);
    expect(await watched.page.evaluate(() => (window as unknown as PageGlobals).parleyReady)).toBe(
      true,
    );
    return watched;
  }

  function closeLater(agent: Agent): Agent {
    cleanups.push(() => agent.close());
    return agent;
  }

  /**
   * Requests both ways, presence both ways, a broadcast each way, no CSP problem; then the tab
   * closes and the Node agent sees the page agent go offline: by the broker's Last Will (set in
   * the page), or where there is none (NATS) when the page agent's heartbeats stop.
   */
  async function exchange(
    watched: WatchedPage,
    nodeAgent: Agent,
    gone: "last will" | "heartbeats stop",
  ): Promise<void> {
    const { page } = watched;
    const nodeNews = await startNodeAgent(nodeAgent);
    const fromPage = await page.evaluate(async () => {
      const { agent } = window as unknown as { agent: Agent };
      const doubled = await agent.request("node-agent", "node_double", { x: 21 });
      const unknown = await agent
        .request("node-agent", "nope")
        .catch((e: { code: string }) => e.code);
      return { doubled, unknown };
    });
    expect(fromPage).toEqual({ doubled: { y: 42 }, unknown: "unknown_request_type" });
    await expect(nodeAgent.request("page-agent", "page_greet", { name: "node" })).resolves.toEqual({
      greeting: "hello node, from the page",
    });

    await expect.poll(() => nodeAgent.directory.get("page-agent")?.status).toBe("online");
    expect(nodeAgent.directory.get("page-agent")?.capabilities).toEqual(["ui"]);
    await page.waitForFunction(
      () =>
        (window as unknown as { agent: Agent }).agent.directory.get("node-agent")?.status ===
        "online",
    );
    const seenByPage = await page.evaluate(() =>
      (window as unknown as { agent: Agent }).agent.directory.get("node-agent"),
    );
    expect(seenByPage?.capabilities).toEqual(["math"]);

    await nodeAgent.broadcast("node_news", { headline: "from node" });
    await page.waitForFunction(() => (window as unknown as { log: PageLog }).log.news.length > 0);
    await page.evaluate(() =>
      (window as unknown as { agent: Agent }).agent.broadcast("page_news", {
        headline: "from page",
      }),
    );
    await expect.poll(() => nodeNews.length).toBe(1);

    const log = await page.evaluate(() => (window as unknown as { log: PageLog }).log);
    expect(log).toEqual({ news: [{ headline: "from node" }], greetedBy: ["node-agent"] });
    expect(nodeNews).toEqual([{ headline: "from page" }]);
    expect(await watched.problems()).toEqual([]);

    // The tab goes without a goodbye (the page's `agent.close()` never runs).
    await page.close();
    // Silence is noticed after 3 heartbeat intervals, later than a Last Will arrives.
    const wait = gone === "heartbeats stop" ? { timeout: 20 * NATS_HEARTBEAT_MS } : {};
    await expect.poll(() => nodeAgent.directory.get("page-agent")?.status, wait).toBe("offline");
  }

  it("exchanges requests, presence and broadcasts with a Node agent through the WebSocket hub", async () => {
    const hub = await startHub();
    const watched = await openPage();
    await startPageAgent(watched, "hub", hub.url);
    const nodeAgent = closeLater(
      createAgent({
        id: "node-agent",
        transport: createWebSocketTransport({ url: hub.url }),
        card: { capabilities: ["math"] },
      }),
    );
    await exchange(watched, nodeAgent, "last will");
  });

  it("keeps an MQTT connection alive under the policy with timers: native (pings on setInterval)", async () => {
    const broker = await startMosquittoWithWebSockets();
    cleanups.push(() => broker.stop());
    const watched = await openPage();
    const states = await watched.page.evaluate(async (url) => {
      const { parley } = window as unknown as PageGlobals;
      // A 1 s keep-alive: without pings mosquitto hangs up after 1.5 s.
      const transport = parley.createMqttTransport({ url, keepaliveSeconds: 1, timers: "native" });
      const seen: string[] = [];
      transport.onStatus((status) => seen.push(status.state));
      await transport.connect({ clientId: "page-keepalive" });
      await new Promise((resolve) => setTimeout(resolve, 4000));
      await transport.close();
      return seen;
    }, `ws://127.0.0.1:${broker.wsPort}`);
    expect(states.filter((state) => state !== "closed")).toEqual(["connected"]);
    expect(await watched.problems()).toEqual([]);
  });

  it("does the same over MQTT over WebSockets to mosquitto, the Node agent on plain mqtt://", async () => {
    const broker = await startMosquittoWithWebSockets();
    cleanups.push(() => broker.stop());
    const watched = await openPage();
    await startPageAgent(watched, "mqtt", `ws://127.0.0.1:${broker.wsPort}`);
    const nodeAgent = closeLater(
      createAgent({
        id: "node-agent",
        transport: createMqttTransport({ url: `mqtt://127.0.0.1:${broker.port}` }),
        card: { capabilities: ["math"] },
      }),
    );
    await exchange(watched, nodeAgent, "last will");
  });

  /** A page agent on NATS over WebSocket and a Node agent (not yet connected) on nats://. */
  async function natsPair(pageHeartbeatMs?: number) {
    const server = await startNatsServer({ websocket: true });
    cleanups.push(() => server.stop());
    if (server.wsUrl === undefined) throw new Error("nats-server has no WebSocket listener");
    const watched = await openPage();
    await startPageAgent(watched, "nats", server.wsUrl, pageHeartbeatMs);
    // nats:// only: nats.js v3 serves one connection kind (TCP or WebSocket) per Node process.
    const nodeAgent = closeLater(
      createAgent({
        id: "node-agent",
        transport: createNatsTransport({ url: server.url }),
        card: { capabilities: ["math"] },
        // Its offline sweep runs every half interval: short, to notice the page agent's silence.
        heartbeatIntervalMs: NATS_HEARTBEAT_MS,
      }),
    );
    return { watched, nodeAgent };
  }

  it("does the same over NATS over WebSocket to nats-server, the Node agent on plain nats://", async () => {
    const { watched, nodeAgent } = await natsPair(NATS_HEARTBEAT_MS);
    await exchange(watched, nodeAgent, "heartbeats stop");
  });

  it("says goodbye over NATS when the page agent closes, long before its heartbeats would lapse", async () => {
    // Default heartbeats (30 s): only the departure broadcast can mark it offline in time.
    const { watched, nodeAgent } = await natsPair();
    await startNodeAgent(nodeAgent);
    await expect.poll(() => nodeAgent.directory.get("page-agent")?.status).toBe("online");
    await watched.page.evaluate(() => (window as unknown as { agent: Agent }).agent.close());
    await expect.poll(() => nodeAgent.directory.get("page-agent")?.status).toBe("offline");
    expect(await watched.problems()).toEqual([]);
  });
});
