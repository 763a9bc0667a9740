/**
 * The user's loop, end to end: a new contract in a temp dir, `parley codegen` (the real binary),
 * a handler implemented against the generated interface, type-checked (misuse fails to compile),
 * then called through the generated client over the memory transport and over MQTT (mosquitto).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrokerProcess } from "../harness/broker-process.js";
import { startMosquitto } from "../harness/mosquitto.js";
import { repoPath } from "../harness/seed-python.js";

const CONTRACT = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  name: "translate",
  description: "Translates a text.",
  version: "1.0.0",
  capability: "translation",
  request: {
    type: "object",
    required: ["text", "to"],
    additionalProperties: false,
    properties: {
      text: { type: "string", minLength: 1 },
      to: { type: "string", enum: ["fr", "de"] },
    },
  },
  response: {
    type: "object",
    required: ["text"],
    additionalProperties: false,
    properties: { text: { type: "string" } },
  },
};

const MAIN = `import { createAgent } from "%RUNTIME%";
import type { Transport } from "%TRANSPORT%";
import { createMemoryTransport, createMemoryNetwork } from "%MEMORY%";
import { createMqttTransport } from "%MQTT%";
import { contracts, createContractClient, registerHandlers, type ContractHandlers } from "./generated/index.js";

const handlers: ContractHandlers = {
  translate: ({ text, to }) => ({ text: to === "fr" ? \`\${text} (en français)\` : \`\${text} (auf Deutsch)\` }),
};
// @ts-expect-error a handler returning the wrong shape does not compile
const wrong: ContractHandlers = { translate: () => ({ words: 1 }) };
void wrong;

const network = createMemoryNetwork();
const url = process.env.BROKER_URL;
const transport = (): Transport => (url ? createMqttTransport({ url }) : createMemoryTransport({ network }));
const server = createAgent({ id: "translator", transport: transport(), contracts });
registerHandlers(server, handlers);
const caller = createAgent({ id: "caller", transport: transport(), contracts });
const careless = createAgent({ id: "careless", transport: transport() });
await server.connect();
await caller.connect();
await careless.connect();
const client = createContractClient(caller);
const answer = await client.translate("translator", { text: "hello", to: "fr" });
// @ts-expect-error an unknown language does not compile
void client.translate.bind(client, "translator", { text: "hello", to: "es" });
const refused = await careless.request("translator", "translate", { text: "hello", to: "es" }).catch((e) => e.code + " " + e.message);
const local = await client.translate("translator", { text: "", to: "de" }).catch((e) => e.code);
console.log(JSON.stringify({ answer, refused, local }));
await Promise.all([server.close(), caller.close(), careless.close()]);
`;

describe("the user loop: contract, codegen, handler, call", () => {
  let dir: string;
  let broker: BrokerProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(repoPath("test"), ".userloop-"));
    mkdirSync(join(dir, "schemas/requests"), { recursive: true });
    writeFileSync(join(dir, "schemas/requests/translate.json"), JSON.stringify(CONTRACT, null, 2));
    const rel = (target: string) => relative(dir, repoPath(target)).replaceAll("\\", "/");
    writeFileSync(
      join(dir, "main.ts"),
      MAIN.replace("%RUNTIME%", rel("src/index.js"))
        .replace("%TRANSPORT%", rel("src/transport.js"))
        .replace("%MEMORY%", rel("transports/memory/index.js"))
        .replace("%MQTT%", rel("transports/mqtt/index.js")),
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: rel("tsconfig.json"),
        compilerOptions: { noEmit: true, rootDir: rel(".") },
        files: ["main.ts"],
        include: [],
      }),
    );
    broker = await startMosquitto();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await broker?.stop();
  });

  it("generates code and stubs with the real binary", () => {
    const runtimeImport = relative(join(dir, "generated"), repoPath("src/index.js"));
    const run = spawnSync(
      process.execPath,
      [
        repoPath("bin/parley.js"),
        "codegen",
        "--schemas",
        join(dir, "schemas"),
        "--out",
        join(dir, "generated"),
        "--stubs",
        join(dir, "handlers"),
        "--runtime-import",
        runtimeImport,
      ],
      { encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readdirSync(join(dir, "generated")).sort()).toEqual([
      "client.ts",
      "contracts.ts",
      "handlers.ts",
      "index.ts",
      "runtime.ts",
      "types.ts",
      "validators.ts",
    ]);
    expect(readdirSync(join(dir, "handlers"))).toHaveLength(1);
  });

  it("type-checks the implementation, and misuse fails to compile", () => {
    const run = spawnSync(
      process.execPath,
      [repoPath("node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")],
      { encoding: "utf8" },
    );
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 60_000);

  it.each([
    ["the memory transport", () => ({})],
    ["MQTT on mosquitto", () => ({ BROKER_URL: `mqtt://127.0.0.1:${broker.port}` })],
  ])(
    "calls the handler through the generated client over %s",
    (_name, env) => {
      const run = spawnSync(process.execPath, ["--import", "tsx", join(dir, "main.ts")], {
        encoding: "utf8",
        env: { ...process.env, ...env() },
        timeout: 30_000,
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const out = JSON.parse(run.stdout.trim()) as {
        answer: unknown;
        refused: string;
        local: string;
      };
      expect(out.answer).toEqual({ text: "hello (en français)" });
      expect(out.refused).toMatch(/^invalid_request request for "translate" is invalid: \/to /);
      expect(out.local).toBe("invalid_request");
    },
    60_000,
  );
});
