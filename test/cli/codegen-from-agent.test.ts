/**
 * `parley codegen --from URL --agent ID` end to end over a private mosquitto: a running agent
 * serves its contracts, the real binary writes a typed client from them, the client compiles
 * with tsc (misuse does not) and calls the agent. An agent that does not serve its contracts,
 * and a seed (Python) agent, are reported in one clear line.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { DiagnosticSeverity, Parser } from "@asyncapi/parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileContracts } from "../../codegen/index.js";
import { type Agent, createAgent } from "../../src/index.js";
import { createMqttTransport } from "../../transports/mqtt/index.js";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { type SeedAgentProcess, startSeedAgent } from "../harness/seed-agent-process.js";
import { repoPath } from "../harness/seed-python.js";
import { runParley } from "./parley-process.js";

const run = promisify(execFile);
const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/** The agent's contracts: a request type with a shared schema, and a broadcast. */
const FILES = [
  {
    path: "requests/translate.json",
    contents: JSON.stringify({
      $schema: DRAFT,
      name: "translate",
      version: "2.1.0",
      description: "Translates a text.",
      request: {
        type: "object",
        required: ["text", "to"],
        additionalProperties: false,
        properties: { text: { type: "string", minLength: 1 }, to: { enum: ["fr", "de"] } },
      },
      response: { $ref: "../common/translation.json" },
    }),
  },
  {
    path: "common/translation.json",
    contents: JSON.stringify({
      $schema: DRAFT,
      title: "Translation",
      type: "object",
      required: ["text"],
      properties: { text: { type: "string" } },
    }),
  },
  {
    path: "broadcasts/glossary_changed.json",
    contents: JSON.stringify({
      $schema: DRAFT,
      name: "glossary_changed",
      version: "1.0.0",
      payload: { type: "object", properties: { words: { type: "integer" } } },
    }),
  },
];

const MAIN = `import { createAgent } from "%RUNTIME%";
import { createMqttTransport } from "%MQTT%";
import { contracts, createContractClient } from "./generated/index.js";

const caller = createAgent({ id: "caller", transport: createMqttTransport({ url: process.env.BROKER_URL as string }), contracts });
await caller.connect();
const client = createContractClient(caller);
const answer = await client.translate("translator", { text: "hello", to: "fr" });
// @ts-expect-error a language the contract does not allow does not compile
void client.translate.bind(client, "translator", { text: "hello", to: "es" });
// @ts-expect-error a type served without a contract is not in the client
void client.ping;
const refused = await client.translate("translator", { text: "", to: "de" }).catch((e) => e.code);
console.log(JSON.stringify({ answer, refused }));
await caller.close();
`;

describe("parley codegen --from", () => {
  let broker: BrokerProcess;
  let url: string;
  let dir: string;
  const agents: Agent[] = [];
  const serving = (id: string, serveContracts: boolean) => {
    const agent = createAgent({
      id,
      transport: createMqttTransport({ url }),
      contracts: compileContracts(FILES),
      serveContracts,
    });
    agent.handle<{ text: string }>("translate", ({ text }) => ({ text: `${text} (en français)` }));
    agent.handle("ping", () => ({}));
    agents.push(agent);
    return agent;
  };

  /** `parley codegen --from <the broker> --agent ID ...more`, to completion. */
  const fromAgent = (id: string, ...more: string[]) =>
    runParley(["codegen", "--from", url, "--agent", id, ...more]);

  beforeAll(async () => {
    broker = await startMosquitto();
    url = `mqtt://127.0.0.1:${broker.port}`;
    dir = await mkdtemp(join(repoPath("test"), ".userloop-from-"));
    await serving("translator", true).connect();
    await serving("private-translator", false).connect();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await broker?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a typed client from the running agent's contracts; it compiles and calls the agent", async () => {
    const out = join(dir, "generated");
    const runtimeImport = relative(out, repoPath("src/index.js"));
    const result = await fromAgent("translator", "--out", out, "--runtime-import", runtimeImport);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('agent "translator" serves translate 2.1.0');
    expect(result.stdout).toContain("left out (served without a contract): ping");
    expect((await readdir(out)).sort()).toEqual([
      "client.ts",
      "contracts.ts",
      "handlers.ts",
      "index.ts",
      "runtime.ts",
      "types.ts",
      "validators.ts",
    ]);
    // The same contract as the agent's: the client's content hash is the one the agent announces.
    const served = agents[0]?.card().contracts.translate;
    expect(served).toMatch(/^[0-9a-f]{64}$/);
    expect(await readFile(join(out, "contracts.ts"), "utf8")).toContain(`hash: "${served}"`);

    const rel = (target: string) => relative(dir, repoPath(target)).replaceAll("\\", "/");
    await writeFile(
      join(dir, "main.ts"),
      MAIN.replace("%RUNTIME%", rel("src/index.js")).replace(
        "%MQTT%",
        rel("transports/mqtt/index.js"),
      ),
    );
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: rel("tsconfig.json"),
        compilerOptions: { noEmit: true, rootDir: rel(".") },
        files: ["main.ts"],
        include: [],
      }),
    );
    const tsc = await run(process.execPath, [
      repoPath("node_modules/typescript/bin/tsc"),
      "-p",
      join(dir, "tsconfig.json"),
    ]).catch((error: { stdout: string }) => ({ stdout: error.stdout, stderr: "" }));
    expect(tsc.stdout).toBe("");

    const called = await run(process.execPath, ["--import", "tsx", join(dir, "main.ts")], {
      env: { ...process.env, BROKER_URL: url },
      timeout: 30_000,
    });
    expect(called.stderr).toBe("");
    expect(JSON.parse(called.stdout.trim())).toEqual({
      answer: { text: "hello (en français)" },
      refused: "invalid_request",
    });
  }, 120_000);

  it("writes the running agent's AsyncAPI document with --asyncapi", async () => {
    const file = join(dir, "translator.asyncapi.json");
    const result = await fromAgent("translator", "--asyncapi", file);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const text = await readFile(file, "utf8");
    const diagnostics = await new Parser().validate(text);
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    const operations = Object.keys(JSON.parse(text).operations as object);
    expect(operations).toContain("serve_translate");
    expect(operations).toContain("broadcast_glossary_changed");
    expect(operations).not.toContain("serve_ping");
  }, 60_000);

  it("says so in one line when the agent does not serve its contracts", async () => {
    const result = await fromAgent("private-translator");
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'parley codegen: agent "private-translator" did not give its contracts: it does not serve parley.contracts (unknown_request_type). It runs with serveContracts: false, or it is not a Parley agent.',
    );
  }, 60_000);

  it("refuses --from without --agent, and with --schemas, as usage errors", async () => {
    const noAgent = await runParley(["codegen", "--from", url]);
    expect(noAgent.code).toBe(2);
    expect(noAgent.stderr).toContain("--from needs --agent ID");
    const both = await fromAgent("x", "--schemas", "s");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--from and --schemas do not go together");
  }, 60_000);

  describe("against a seed (Python) agent", () => {
    let seed: SeedAgentProcess;
    beforeAll(async () => {
      seed = await startSeedAgent("127.0.0.1", broker.port, "seed-agent");
    }, 60_000);
    afterAll(() => seed?.kill());

    it("reports that it gave no answer, naming why a seed agent would not", async () => {
      // It is online and answers the types it serves...
      const asker = agents[0] as Agent;
      await expect(asker.request("seed-agent", "seed_echo", { x: 1 })).resolves.toMatchObject({
        agent: "seed-agent",
      });
      // ...and stays silent about parley.contracts, a type it does not know.
      const result = await fromAgent("seed-agent", "--timeout", "2");
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `parley codegen: agent "seed-agent" did not give its contracts: no answer to parley.contracts within 2 s. Is it online on ${url} (see "parley agents")? A seed (Python) agent does not answer request types it does not serve.`,
      );
    }, 60_000);
  });
});
