/**
 * The client transport in a real browser: the browser-safe entry point is bundled with esbuild
 * (bundling for the browser platform fails if anything in it imports `ws` or a Node module),
 * served to headless Chromium from a local http server, and the page exchanges messages through
 * a hub with a Node-side transport.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../../src/index.js";
import type { WebSocketTransportOptions } from "../../transports/websocket/index.js";
import { createWebSocketTransport } from "../../transports/websocket/node.js";
import { launchChromium } from "../harness/chromium-page.js";
import { connectClient, createInbox, startHub, str, text } from "./fixture.js";

/** What the page puts on `window` for the test to drive. */
interface PageGlobals {
  parley: typeof import("../../transports/websocket/index.js") &
    Pick<typeof import("../../src/index.js"), "createAgent" | "ErrorCode">;
  parleyReady: boolean;
}

/** The browser-safe entry points: the WebSocket client transport and the agent runtime. */
async function bundleClient(): Promise<string> {
  const transport = new URL("../../transports/websocket/index.ts", import.meta.url).pathname;
  const runtime = new URL("../../src/index.ts", import.meta.url).pathname;
  const result = await build({
    stdin: {
      contents: `export * from ${JSON.stringify(transport)};\nexport { createAgent, ErrorCode } from ${JSON.stringify(runtime)};\n`,
      resolveDir: new URL(".", import.meta.url).pathname,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild produced no output");
  return file.text;
}

function serve(bundle: string): Promise<Server> {
  const page = `<!doctype html><meta charset="utf-8"><title>parley</title>
<script type="module">
import * as parley from "/parley-websocket.js";
window.parley = parley;
window.parleyReady = true;
</script>`;
  const server = createServer((request, response) => {
    const js = request.url === "/parley-websocket.js";
    response.writeHead(200, { "content-type": js ? "text/javascript" : "text/html" });
    response.end(js ? bundle : page);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("websocket transport in headless Chromium", { timeout: 60_000 }, () => {
  let bundle = "";
  let server: Server | undefined;
  let browser: Browser | undefined;
  let pageUrl = "";

  /** A fresh tab with the bundle loaded and no page errors. */
  async function openPage(): Promise<Page> {
    if (!browser) throw new Error("no browser");
    const page = await browser.newPage();
    const errors: Error[] = [];
    page.on("pageerror", (error) => errors.push(error));
    await page.goto(pageUrl);
    await page.waitForFunction(() => (window as unknown as PageGlobals).parleyReady === true);
    expect(errors).toEqual([]);
    return page;
  }

  beforeAll(async () => {
    bundle = await bundleClient();
    server = await serve(bundle);
    pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("bundles the transport and the agent runtime for the browser without ws or Node modules", () => {
    expect(bundle).not.toMatch(/from\s*["'](ws|node:[a-z]+)["']/);
    expect(bundle).toContain("createWebSocketTransport");
    expect(bundle).toContain("createAgent");
  });

  it("runs an agent in the page that exchanges requests with a Node agent through the hub", async () => {
    const hub = await startHub();
    const nodeAgent = createAgent({
      id: "node-agent",
      transport: createWebSocketTransport({ url: hub.url }),
      card: { capabilities: ["math"] },
    });
    nodeAgent.handle<{ x: number }>("node_double", ({ x }) => ({ y: x * 2 }));
    await nodeAgent.connect();
    const page = await openPage();
    const fromPage = await page.evaluate(async (url) => {
      const { parley } = window as unknown as PageGlobals;
      const agent = parley.createAgent({
        id: "browser-agent",
        transport: parley.createWebSocketTransport({ url }),
        card: { capabilities: ["ui"] },
      });
      agent.handle<{ name: string }>("browser_greet", ({ name }, ctx) => ({
        greeting: `hello ${name}, from the page`,
        asked_by: ctx.sender,
      }));
      (window as unknown as { agent: typeof agent }).agent = agent;
      await agent.connect();
      const doubled = await agent.request("node-agent", "node_double", { x: 21 });
      const unknown = await agent
        .request("node-agent", "nope")
        .catch((e: { code: string }) => e.code);
      return { doubled, unknown };
    }, hub.url);
    expect(fromPage).toEqual({ doubled: { y: 42 }, unknown: "unknown_request_type" });
    await expect(
      nodeAgent.request("browser-agent", "browser_greet", { name: "node" }),
    ).resolves.toEqual({
      greeting: "hello node, from the page",
      asked_by: "node-agent",
    });
    expect(nodeAgent.directory.get("browser-agent")?.capabilities).toEqual(["ui"]);
    await page.evaluate(() =>
      (window as unknown as { agent: { close(): Promise<void> } }).agent.close(),
    );
    await page.close();
    await nodeAgent.close();
    await hub.close();
  });

  it("exchanges messages with a Node transport through the hub, and its will fires when the tab dies", async () => {
    const hub = await startHub();
    const node = await connectClient(hub, "node-agent");
    const requests = createInbox();
    await node.subscribe("a2a/node-agent/+", (message) => {
      requests.deliver(message);
      const reply = JSON.stringify({ echo: JSON.parse(str(message.bytes)), from: "node" });
      void node.publish("a2a/browser-agent/response", text(reply), { metadata: { via: "node" } });
    });
    const presence = createInbox();
    await node.subscribe("a2a/_presence/+", presence.deliver);

    const page = await openPage();
    const options: WebSocketTransportOptions = { url: hub.url };
    const reply = await page.evaluate(async (transportOptions) => {
      const { parley } = window as unknown as PageGlobals;
      const transport = parley.createWebSocketTransport(transportOptions);
      const will = {
        address: "a2a/_presence/browser-agent",
        bytes: new Uint8Array(),
        retain: true,
      };
      await transport.connect({ clientId: "browser-agent", will });
      const card = new TextEncoder().encode('{"agent":"browser-agent"}');
      await transport.publish("a2a/_presence/browser-agent", card, { retain: true });
      type Reply = { address: string; body: string; metadata: Record<string, string> };
      let deliverReply: (reply: Reply) => void = () => {};
      const received = new Promise<Reply>((resolve) => {
        deliverReply = resolve;
      });
      // subscribe() resolves once the hub has the subscription, so the reply cannot miss it.
      await transport.subscribe("a2a/browser-agent/+", (message) =>
        deliverReply({
          address: message.address,
          body: new TextDecoder().decode(message.bytes),
          metadata: { ...message.metadata },
        }),
      );
      const request = new TextEncoder().encode('{"question":"ping"}');
      await transport.publish("a2a/node-agent/request", request, { metadata: { from: "browser" } });
      return received;
    }, options);

    const request = await requests.next();
    expect(str(request.bytes)).toBe('{"question":"ping"}');
    expect(request.metadata).toEqual({ from: "browser" });
    expect(reply).toEqual({
      address: "a2a/browser-agent/response",
      body: JSON.stringify({ echo: { question: "ping" }, from: "node" }),
      metadata: { via: "node" },
    });
    expect(presence.bodies()).toEqual(['{"agent":"browser-agent"}']);

    // Closing the tab drops the socket without a bye: the hub publishes the browser's will.
    await page.close();
    const [, gone] = await presence.until(2);
    expect(gone?.address).toBe("a2a/_presence/browser-agent");
    expect(gone?.bytes.byteLength).toBe(0);
  });

  it("reconnects after the hub restarts on the same port, and receives again", async () => {
    const hub = await startHub();
    const page = await openPage();
    await page.evaluate(async (url) => {
      const globals = window as unknown as PageGlobals & { log: string[] };
      globals.log = [];
      const transport = globals.parley.createWebSocketTransport({ url, reconnectDelayMs: 20 });
      transport.onStatus((s) => globals.log.push(`${s.state}${s.resumed ? ":resumed" : ""}`));
      await transport.connect({ clientId: "browser-agent" });
      await transport.subscribe("a2a/browser-agent/+", (m) =>
        globals.log.push(`msg:${new TextDecoder().decode(m.bytes)}`),
      );
    }, hub.url);

    await hub.close();
    const restarted = await startHub({ port: hub.port });
    await page.waitForFunction(() =>
      (window as unknown as { log: string[] }).log.includes("connected:resumed"),
    );
    const node = await connectClient(restarted, "node-agent");
    await node.publish("a2a/browser-agent/event", text("after restart"));
    await page.waitForFunction(() =>
      (window as unknown as { log: string[] }).log.includes("msg:after restart"),
    );
    const log = await page.evaluate(() => (window as unknown as { log: string[] }).log);
    expect(log.slice(0, 3)).toEqual(["connected", "disconnected", "reconnecting"]);
    expect(log.slice(-2)).toEqual(["connected:resumed", "msg:after restart"]);
    await page.close();
  });
});
