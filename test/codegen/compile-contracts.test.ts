/**
 * compileContracts: contract files straight to a run-time registry (what `parley call --schemas`
 * uses). It must agree with what codegen generates from the same files.
 */
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { CodegenError, compileContracts } from "../../codegen/index.js";
import { readSchemaDir } from "../../codegen/schema-files.js";
import { contracts as generated } from "../../src/generated/index.js";
import { repoPath } from "../harness/seed-python.js";
import { PING_SET, requestContract } from "./codegen-fixtures.js";

describe("compileContracts", () => {
  const set = compileContracts(PING_SET);
  const ping = set.requests.ping;

  it("carries each contract's metadata", () => {
    expect(ping).toMatchObject({
      name: "ping",
      version: "1.0.0",
      description: "Pings an agent.",
      capability: "pinging",
      errors: ["too_many"],
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(Object.keys(set.broadcasts)).toEqual(["news"]);
  });

  it("validates requests, $ref'd responses, formats and broadcasts", () => {
    expect(ping?.validateRequest({ text: "hi", count: 1, at: "2026-01-01T00:00:00Z" })).toEqual([]);
    expect(
      ping?.validateRequest({ text: "h", count: -1, at: "soon" }).map((i) => i.instancePath),
    ).toEqual(["/text", "/count", "/at"]);
    expect(ping?.validateResponse({ echo: "hi" })).toEqual([]);
    expect(ping?.validateResponse({})).toEqual([
      expect.objectContaining({ instancePath: "", keyword: "required" }),
    ]);
    expect(set.broadcasts.news?.validatePayload({ headline: 3 })).toHaveLength(1);
  });

  it("carries standalone JSON Schemas that another validator (draft-07 ajv, as MCP clients use) judges alike", () => {
    expect(ping?.responseSchema).toEqual({
      $ref: "#/$defs/Pong",
      title: "PingResponse",
      $defs: { Pong: expect.objectContaining({ title: "Pong", required: ["echo"] }) },
    });
    expect(JSON.stringify([ping?.requestSchema, ping?.responseSchema])).not.toMatch(
      /\$schema|\$id/,
    );
    const ajv = new Ajv({ strict: false });
    const request = ajv.compile(ping?.requestSchema ?? {});
    const response = ajv.compile(ping?.responseSchema ?? {});
    expect(request({ text: "hi", count: 1 })).toBe(true);
    expect(request({ text: "h", count: 1 })).toBe(false);
    expect(response({ echo: "hi" })).toBe(true);
    expect(response({})).toBe(false);
  });

  it("gives this repo's schemas the same names, versions and hashes as the generated contracts", async () => {
    const compiled = compileContracts(await readSchemaDir(repoPath("schemas")));
    const summary = (s: typeof compiled) =>
      Object.values(s.requests).map(({ name, version, hash, capability, idempotent }) => ({
        name,
        version,
        hash,
        capability,
        idempotent,
      }));
    expect(summary(compiled)).toEqual(summary(generated));
    const schemas = (s: typeof compiled) =>
      Object.values(s.requests).map(({ requestSchema, responseSchema }) => ({
        requestSchema,
        responseSchema,
      }));
    expect(schemas(compiled)).toEqual(schemas(generated));
    const bad = { query: 7 };
    expect(compiled.requests.knowledge_search?.validateRequest(bad)).toEqual(
      generated.requests.knowledge_search?.validateRequest(bad),
    );
  });

  it("refuses bad contract files with codegen's error, naming the file and pointer", () => {
    const broken = requestContract("broken", { type: "object", minProperties: "two" }, {});
    expect(() => compileContracts([broken])).toThrow(CodegenError);
    expect(() => compileContracts([broken])).toThrow(/requests\/broken\.json#\/request/);
  });
});
