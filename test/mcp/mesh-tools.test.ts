/**
 * The tool catalog behind `parley mcp`: which request types become tools (the --agents and
 * --types filters, names MCP accepts, one tool for a type several agents serve) and when the list
 * changes. On the memory transport, the one users test with; the real broker is in the other tests.
 */
import { afterEach, expect, it } from "vitest";
import { type Agent, createAgent } from "../../src/index.js";
import { MeshTools, type MeshToolsOptions } from "../../src/mcp/index.js";
import { createMemoryNetwork, createMemoryTransport } from "../../transports/memory/index.js";

const network = createMemoryNetwork();
const opened: Agent[] = [];
const catalogs: MeshTools[] = [];

afterEach(async () => {
  for (const catalog of catalogs.splice(0)) catalog.close();
  for (const agent of opened.splice(0).reverse()) await agent.close();
});

async function agentServing(id: string, types: readonly string[]): Promise<Agent> {
  const agent = createAgent({ id, transport: createMemoryTransport({ network }) });
  for (const type of types) agent.handle(type, () => ({}));
  opened.push(agent);
  await agent.connect();
  return agent;
}

/** A bridge agent and its catalog; resolves once `ready` holds for the list. */
async function catalog(options: MeshToolsOptions, ready: (tools: MeshTools) => boolean) {
  const bridge = await agentServing("bridge", []);
  const tools = new MeshTools(bridge, options);
  catalogs.push(tools);
  if (!ready(tools))
    await new Promise<void>((resolve) => tools.onChange(() => ready(tools) && resolve()));
  return tools;
}

const listed = (tools: MeshTools) => tools.list().map((t) => [t.name, t.requestType, t.agents]);

it("offers one tool per request type, naming every agent that serves it", async () => {
  await agentServing("worker-1", ["resize", "crop"]);
  await agentServing("worker-2", ["resize"]);
  const tools = await catalog({}, (t) => t.find("resize")?.agents.length === 2);
  expect(listed(tools)).toEqual([
    ["crop", "crop", ["worker-1"]],
    ["resize", "resize", ["worker-1", "worker-2"]],
  ]);
});

it("keeps to the --agents and --types filters, * matching anything", async () => {
  await agentServing("worker-1", ["resize", "crop", "audit.log"]);
  await agentServing("auditor", ["audit.read"]);
  const tools = await catalog(
    { agents: ["worker-*"], types: ["resize", "audit.*"] },
    (t) => t.list().length === 2,
  );
  expect(listed(tools)).toEqual([
    ["audit.log", "audit.log", ["worker-1"]],
    ["resize", "resize", ["worker-1"]],
  ]);
});

it("names a type MCP would refuse with _ for each character it does not allow", async () => {
  await agentServing("worker-1", ["image/resize v2"]);
  const tools = await catalog({}, (t) => t.list().length === 1);
  expect(listed(tools)).toEqual([["image_resize_v2", "image/resize v2", ["worker-1"]]]);
});

it("changes when an agent arrives, and again when it leaves", async () => {
  await agentServing("worker-1", ["resize"]);
  const tools = await catalog({}, (t) => t.list().length === 1);
  const changed = () => new Promise<void>((resolve) => tools.onChange(resolve));
  const arrived = changed();
  const cropper = await agentServing("cropper", ["crop"]);
  await arrived;
  expect(tools.list().map((t) => t.name)).toEqual(["crop", "resize"]);
  const left = changed();
  await cropper.close();
  await left;
  expect(tools.list().map((t) => t.name)).toEqual(["resize"]);
});
