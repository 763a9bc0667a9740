/**
 * `parley codegen --asyncapi`: the AsyncAPI 3.0.0 document of the contracts is valid for the real
 * `@asyncapi/parser`, names the seed's channels and one operation per request type with its
 * reply, and its messages describe what Parley really puts on the wire.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DiagnosticSeverity, Parser } from "@asyncapi/parser";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENVELOPE_SCHEMA } from "../../codegen/asyncapi-envelope.js";
import { type CliIo, generateAsyncApi, readSchemaDir, runCodegenCli } from "../../codegen/index.js";
import { createEnvelope, MessageType } from "../../src/transport.js";
import { PING_SET, requestContract, tempDir, writeFiles } from "./codegen-fixtures.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Errors and warnings the parser reports (information and hints, such as "3.1.0 exists", aside). */
async function problems(text: string): Promise<string[]> {
  const diagnostics = await new Parser().validate(text);
  return diagnostics
    .filter(
      (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
    )
    .map((d) => `${d.code}: ${d.message} at ${d.path.join("/")}`);
}

/** A set with a strict request schema, a request whose root is a `$ref`, and a broadcast. */
const SET = [
  ...PING_SET,
  requestContract(
    "lookup",
    { $ref: "#/$defs/query" },
    { type: "object", properties: { found: { type: "boolean" } } },
    { $defs: { query: { type: "object", properties: { key: { type: "string" } } } } },
  ),
];

describe("the AsyncAPI document", () => {
  it("of the seed's contracts is valid for @asyncapi/parser, with its channels and operations", async () => {
    const text = generateAsyncApi(await readSchemaDir(join(repoRoot, "schemas")));
    expect(await problems(text)).toEqual([]);
    const { document } = await new Parser().parse(text);
    if (document === undefined) throw new Error("not parsed");
    const addresses = document
      .channels()
      .all()
      .map((c) => c.address())
      .sort();
    expect(addresses).toEqual([
      "a2a/_presence/{agentId}",
      "a2a/broadcast/broadcast",
      "a2a/broadcast/heartbeat",
      "a2a/{agentId}/error",
      "a2a/{agentId}/request",
      "a2a/{agentId}/response",
    ]);
    const serve = document.operations().get("serve_knowledge_search");
    expect(serve?.action()).toBe("receive");
    expect(serve?.channels().all()[0]?.address()).toBe("a2a/{agentId}/request");
    const reply = serve?.reply();
    expect(reply?.channel()?.address()).toBe("a2a/{agentId}/response");
    expect(
      reply
        ?.messages()
        .all()
        .map((m) => m.name()),
    ).toEqual(["knowledge_search_response", "error_reply"]);
    expect(document.operations().get("broadcast_system_update")?.action()).toBe("send");
    const served = document
      .operations()
      .all()
      .filter((o) => o.id()?.startsWith("serve_"))
      .map((o) => o.id());
    expect(served.sort()).toEqual([
      "serve_collaborative_processing",
      "serve_delegate_task",
      "serve_document_analysis",
      "serve_knowledge_search",
      "serve_query_capabilities",
      "serve_share_knowledge",
      "serve_voice_processing",
    ]);
  });

  it("describes the real envelopes: a request, its response and a broadcast match, a wrong one does not", async () => {
    const doc = JSON.parse(generateAsyncApi(SET)) as Record<string, unknown>;
    expect(await problems(JSON.stringify(doc))).toEqual([]);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...doc, $id: "asyncapi" });
    const check = (message: string, value: unknown) => {
      const validate = ajv.getSchema(`asyncapi#/components/messages/${message}/payload`);
      if (validate === undefined) throw new Error(`no message ${message}`);
      return validate(JSON.parse(JSON.stringify(value)));
    };
    const base = { sender_id: "caller", recipient_id: "worker", correlation_id: "c-1" };
    const request = (payload: Record<string, unknown>) =>
      createEnvelope({ ...base, message_type: MessageType.request, payload });
    expect(check("ping_request", request({ request_type: "ping", text: "hi", count: 1 }))).toBe(
      true,
    );
    // The contract's additionalProperties: false still holds beside request_type.
    expect(
      check("ping_request", request({ request_type: "ping", text: "hi", count: 1, x: 1 })),
    ).toBe(false);
    expect(check("ping_request", request({ request_type: "lookup", text: "hi", count: 1 }))).toBe(
      false,
    );
    expect(check("lookup_request", request({ request_type: "lookup", key: "k" }))).toBe(true);
    const response = createEnvelope({
      ...base,
      message_type: MessageType.response,
      payload: { echo: "hi" },
    });
    expect(check("ping_response", response)).toBe(true);
    const failed = { ...response, payload: { error: { code: "timeout", message: "late" } } };
    expect(check("error_reply", failed)).toBe(true);
    const news = createEnvelope({
      ...base,
      recipient_id: null,
      message_type: MessageType.broadcast,
      payload: { broadcast_type: "news", headline: "hello" },
    });
    expect(check("news", news)).toBe(true);
    expect(check("news", { ...news, extra_key: 1 })).toBe(false);
  });

  it("uses the envelope of schemas/envelope.schema.json", async () => {
    const file = JSON.parse(await readFile(join(repoRoot, "schemas/envelope.schema.json"), "utf8"));
    expect(ENVELOPE_SCHEMA.properties).toEqual(file.properties);
    expect(ENVELOPE_SCHEMA.required).toEqual(file.required);
    expect(ENVELOPE_SCHEMA.additionalProperties).toBe(file.additionalProperties);
  });

  it("refuses unknown options", () => {
    expect(() => generateAsyncApi(SET, { titel: "x" } as never)).toThrow(
      /unknown AsyncAPI option "titel"/,
    );
  });
});

describe("parley codegen --asyncapi", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFiles(join(dir, "schemas"), SET);
  });
  afterEach(() => cleanup());

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { cwd: dir, out: (l) => out.push(l), err: (l) => err.push(l) };
    return { code: await runCodegenCli(argv, io), out, err };
  }

  it("writes the document (and no code), and --check tells when it is stale", async () => {
    expect(await run("--asyncapi", "docs/asyncapi.json")).toMatchObject({
      code: 0,
      out: ["wrote docs/asyncapi.json"],
    });
    const written = await readFile(join(dir, "docs/asyncapi.json"), "utf8");
    expect(await problems(written)).toEqual([]);
    await expect(readFile(join(dir, "src/generated/index.ts"))).rejects.toThrow(/ENOENT/);
    expect(await run("--asyncapi", "docs/asyncapi.json", "--check")).toEqual({
      code: 0,
      out: [],
      err: [],
    });
    await writeFiles(join(dir, "schemas"), [
      requestContract("extra", { type: "object" }, { type: "object" }),
    ]);
    const stale = await run("--asyncapi", "docs/asyncapi.json", "--check");
    expect(stale.code).toBe(1);
    expect(stale.err[0]).toBe("stale: docs/asyncapi.json (out of date)");
  });
});
