/**
 * A user who installed only `parley-a2a` (no transport library, no code generator): every entry
 * point imports, and each transport, broker and command that needs a library they did not install
 * fails with one line naming the package to `npm install`. A real install of the packed package
 * into an empty project outside this repository (so nothing resolves from its node_modules).
 * Reads `dist/`, which `npm test` builds first (`npm run build` before a targeted run).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../harness/seed-python.js";

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "parley-missing-peers-"));
  const listing = execFileSync(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", project],
    { cwd: repoPath("."), encoding: "utf8" },
  );
  const [{ filename }] = JSON.parse(listing) as [{ filename: string }];
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user", private: true }));
  // The runtime has no dependencies, so this needs no registry.
  execFileSync(
    "npm",
    ["install", "--offline", "--omit=dev", "--no-audit", "--no-fund", `./${filename}`],
    { cwd: project, encoding: "utf8", stdio: "pipe" },
  );
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Runs an ES module in the user's project; resolves its stdout parsed as JSON. */
function runModule(source: string): unknown {
  const file = join(project, `probe-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  const run = spawnSync(process.execPath, [file], { cwd: project, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

/** Runs the installed `parley` command. */
function parley(...args: string[]) {
  return spawnSync(process.execPath, ["node_modules/parley-a2a/bin/parley.js", ...args], {
    cwd: project,
    encoding: "utf8",
    timeout: 30_000,
  });
}

/** `{ name, message }` of what `fn` (a body in the probe) throws or rejects with. */
const failure = (body: string) => `await (async () => { ${body} })().then(
  () => ({ resolved: true }),
  (e) => ({ name: e.name, message: e.message }),
)`;

/** Bytes of the files under `dir`, as `du --apparent-size` counts them. */
function treeBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

it("installs nothing but parley-a2a itself, in at most 1.25 MB", () => {
  const lock = JSON.parse(readFileSync(join(project, "node_modules/.package-lock.json"), "utf8"));
  expect(Object.keys(lock.packages)).toEqual(["node_modules/parley-a2a"]);
  expect(treeBytes(join(project, "node_modules"))).toBeLessThanOrEqual(1_250_000);
});

it("imports every entry point of the exports map without any transport library", () => {
  const { exports } = JSON.parse(readFileSync(repoPath("package.json"), "utf8"));
  const entries = Object.keys(exports)
    .filter((sub) => sub !== "./package.json")
    .map((sub) => `parley-a2a${sub.slice(1)}`);
  const imported = runModule(`
    const seen = {};
    for (const name of ${JSON.stringify(entries)}) seen[name] = Object.keys(await import(name)).length;
    console.log(JSON.stringify(seen));
  `) as Record<string, number>;
  expect(Object.keys(imported)).toEqual(entries);
  for (const name of entries) expect(imported[name], name).toBeGreaterThan(0);
});

describe("a transport (or OpenTelemetry) whose library is missing fails in one line naming the package", () => {
  it.each([
    [
      "mqtt",
      `const { createMqttTransport } = await import("parley-a2a/transports/mqtt");
       await createMqttTransport({ url: "mqtt://127.0.0.1:9" }).connect({ clientId: "a" });`,
      "parley-a2a/transports/mqtt needs mqtt: npm install mqtt",
    ],
    [
      "nats",
      `const { createNatsTransport } = await import("parley-a2a/transports/nats");
       await createNatsTransport({ url: "nats://127.0.0.1:9" }).connect({ clientId: "a" });`,
      "parley-a2a/transports/nats needs @nats-io/transport-node and @nats-io/nats-core: npm install @nats-io/transport-node @nats-io/nats-core",
    ],
    [
      "nats (browser entry)",
      `const { createNatsTransport } = await import("parley-a2a/transports/nats/browser");
       await createNatsTransport({ url: "ws://127.0.0.1:9" }).connect({ clientId: "a" });`,
      "parley-a2a/transports/nats/browser needs @nats-io/nats-core: npm install @nats-io/nats-core",
    ],
    [
      "websocket client",
      `const { createWebSocketTransport } = await import("parley-a2a/transports/websocket/node");
       createWebSocketTransport({ url: "ws://127.0.0.1:9" });`,
      "parley-a2a/transports/websocket/node needs ws: npm install ws",
    ],
    [
      "websocket hub",
      `const { createWebSocketHub } = await import("parley-a2a/transports/websocket/node");
       await createWebSocketHub({ port: 0 });`,
      "the WebSocket hub (parley-a2a/transports/websocket/node) needs ws: npm install ws",
    ],
    [
      "embedded broker",
      `const { createEmbeddedBroker } = await import("parley-a2a/transports/mqtt");
       await createEmbeddedBroker({ port: 0 });`,
      "the embedded MQTT broker (parley-a2a/transports/mqtt) needs aedes: npm install aedes",
    ],
    [
      "MCP server",
      `const { createAgent } = await import("parley-a2a");
       const { createMemoryNetwork, createMemoryTransport } = await import("parley-a2a/transports/memory");
       const { createMcpServer } = await import("parley-a2a/mcp");
       const transport = createMemoryTransport({ network: createMemoryNetwork() });
       await createMcpServer(createAgent({ id: "a", transport }));`,
      "parley-a2a/mcp needs @modelcontextprotocol/sdk and zod: npm install @modelcontextprotocol/sdk zod",
    ],
    [
      "conformance suite",
      `const { describeTransportConformance } = await import("parley-a2a/testing");
       await describeTransportConformance({ name: "x" });`,
      "describeTransportConformance (parley-a2a/testing) needs vitest: npm install -D vitest",
    ],
    [
      "A2A gateway",
      `const { startA2AGateway } = await import("parley-a2a/a2a");
       const { createMemoryTransport } = await import("parley-a2a/transports/memory");
       await startA2AGateway({ transport: createMemoryTransport() });`,
      "parley-a2a/a2a (the A2A gateway) needs @a2a-js/sdk and express: npm install @a2a-js/sdk express",
    ],
    [
      "remote A2A agent",
      `const { startRemoteA2AAgent } = await import("parley-a2a/a2a");
       await startRemoteA2AAgent({ cardUrl: "http://127.0.0.1:9", transport: () => undefined });`,
      "parley-a2a/a2a (a remote A2A agent) needs @a2a-js/sdk: npm install @a2a-js/sdk",
    ],
    [
      "opentelemetry",
      `const { openTelemetry } = await import("parley-a2a/opentelemetry");
       await openTelemetry();`,
      "parley-a2a/opentelemetry needs @opentelemetry/api: npm install @opentelemetry/api",
    ],
  ])("%s", (_name, body, message) => {
    const outcome = runModule(`console.log(JSON.stringify(${failure(body)}));`);
    expect(outcome).toEqual({ name: "MissingPackageError", message });
  });
});

describe("the parley command without the libraries it needs", () => {
  it("runs --help", () => {
    const run = parley("--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("usage: parley <command>");
  });

  it("codegen: says to install the code generator", () => {
    const run = parley("codegen", "--check");
    expect(run.stderr).toBe(
      "parley codegen needs parley-a2a-codegen: npm install -D parley-a2a-codegen\n",
    );
    expect(run.status).toBe(1);
  });

  it("call --schemas: says to install the code generator", () => {
    const run = parley(
      "call",
      ...["--url", "memory:", "--to", "x", "--type", "y", "--schemas", "."],
    );
    expect(run.stderr).toBe(
      "parley call: --schemas needs parley-a2a-codegen: npm install -D parley-a2a-codegen\n",
    );
    expect(run.status).toBe(1);
  });

  it("broker: says to install aedes", () => {
    const run = parley("broker", "--port", "0");
    expect(run.stderr).toBe(
      "parley broker: the embedded MQTT broker (parley-a2a/transports/mqtt) needs aedes: npm install aedes\n",
    );
    expect(run.status).toBe(1);
  });

  it("mcp: says to install the MCP SDK", () => {
    const run = parley("mcp", "--url", "memory:");
    expect(run.stderr).toBe(
      "parley mcp: parley-a2a/mcp needs @modelcontextprotocol/sdk and zod: npm install @modelcontextprotocol/sdk zod\n",
    );
    expect(run.status).toBe(1);
  });

  it("a2a-gateway: says to install @a2a-js/sdk and express", () => {
    const run = parley("a2a-gateway", "--url", "memory:", "--port", "0");
    expect(run.stderr).toBe(
      "parley a2a-gateway: parley-a2a/a2a (the A2A gateway) needs @a2a-js/sdk and express: npm install @a2a-js/sdk express\n",
    );
    expect(run.status).toBe(1);
  });

  it("call over mqtt://: says to install mqtt", () => {
    const run = parley("call", "--url", "mqtt://127.0.0.1:9", "--to", "x", "--type", "y");
    expect(run.stderr).toBe(
      "parley call: parley-a2a/transports/mqtt needs mqtt: npm install mqtt\n",
    );
    expect(run.status).toBe(1);
  });
});
