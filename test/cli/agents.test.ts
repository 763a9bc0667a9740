/** `parley agents` lists the agents already online: a table for people, JSON for scripts. */
import { describe, expect, it } from "vitest";
import { DEFAULT_AGENTS_WAIT_SECONDS } from "../../cli/agents-command.js";
import { contracts } from "../../src/generated/contracts.js";
import { createAgent } from "../../src/index.js";
import { cliBrokers, startWorker, useBrokerWithWorker } from "./cli-fixtures.js";
import { runParley, startParley } from "./parley-process.js";

describe.each(cliBrokers)("parley agents on $name", ({ start }) => {
  const mesh = useBrokerWithWorker(start);

  it("prints a table with the running agent, its capabilities and request types", async () => {
    const result = await runParley(["agents", "--url", mesh.broker.url]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split("\n");
    expect(header?.split(/\s{2,}/)).toEqual([
      "ID",
      "NAME",
      "CAPABILITIES",
      "REQUEST TYPES",
      "STATUS",
      "LAST SEEN",
      "LOAD",
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.split(/\s{2,}/).slice(0, 5)).toEqual([
      "worker",
      "Worker",
      "math",
      "count,double,explode",
      "online",
    ]);
    expect(rows[0]).toMatch(/ (now|\d+s ago) /);
  });

  it("prints JSON for scripts, without itself", async () => {
    const result = await runParley(["agents", "--url", mesh.broker.url, "--json"]);
    expect(result.code).toBe(0);
    const agents = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(agents).toEqual([
      expect.objectContaining({
        id: "worker",
        name: "Worker",
        description: "doubles numbers",
        capabilities: ["math"],
        requestTypes: ["count", "double", "explode"],
        status: "online",
        lastSeen: expect.any(Number),
      }),
    ]);
  });

  it("with --wait N keeps listening for N seconds: an agent that connects meanwhile is listed", async () => {
    const cliOnline = new Promise<void>((resolve) => {
      const off = mesh.worker.on("agent:online", (info) => {
        if (!info.id.startsWith("parley-cli-")) return;
        off();
        resolve();
      });
    });
    const wait = DEFAULT_AGENTS_WAIT_SECONDS + 3;
    const agents = startParley([
      "agents",
      "--url",
      mesh.broker.url,
      "--wait",
      String(wait),
      "--json",
    ]);
    await cliOnline;
    // Past the default wait, so this fails if --wait is ignored; the subject here is time passing.
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_AGENTS_WAIT_SECONDS * 1000 + 500));
    expect(agents.child.exitCode).toBeNull();
    const late = await startWorker(mesh.broker, "late-worker");
    const result = await agents.exited;
    await late.close();
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as { id: string }[];
    expect(listed.map((agent) => agent.id)).toEqual(["late-worker", "worker"]);
  });

  it("shows the version of each contract an agent serves its request types under", async () => {
    const versioned = createAgent({
      id: "versioned",
      transport: mesh.broker.transport(),
      contracts,
    });
    versioned.handle("knowledge_search", () => ({
      status: "completed",
      result: "r",
      agent_id: "v",
    }));
    versioned.handle("ping", () => ({}));
    await versioned.connect();
    try {
      const table = await runParley(["agents", "--url", mesh.broker.url]);
      const row = table.stdout.split("\n").find((line) => line.startsWith("versioned "));
      expect(row?.split(/\s{2,}/)[3]).toBe("knowledge_search@1.0.0,ping");
      const json = await runParley(["agents", "--url", mesh.broker.url, "--json"]);
      const agents = JSON.parse(json.stdout) as { id: string; contractVersions: unknown }[];
      expect(agents.find((a) => a.id === "versioned")?.contractVersions).toEqual({
        knowledge_search: "1.0.0",
      });
    } finally {
      await versioned.close();
    }
  });
});
