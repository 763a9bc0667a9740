/** Bad contracts fail with one clear problem each: the file, the JSON pointer, what is wrong. */
import { describe, expect, it } from "vitest";
import {
  CodegenError,
  type CodegenProblem,
  generate,
  type SchemaInput,
} from "../../codegen/index.js";
import { broadcastContract, PING_SET, requestContract } from "./codegen-fixtures.js";

const OBJECT = { type: "object", properties: { x: { type: "string" } } };

async function problemsOf(inputs: readonly SchemaInput[]): Promise<CodegenProblem[]> {
  try {
    await generate(inputs);
  } catch (error) {
    if (error instanceof CodegenError) return [...error.problems];
    throw error;
  }
  throw new Error("generate accepted bad input");
}

describe("bad schemas", () => {
  it("invalid JSON names the file", async () => {
    const problems = await problemsOf([{ path: "requests/ping.json", contents: "{ nope" }]);
    expect(problems).toEqual([
      {
        file: "requests/ping.json",
        pointer: "",
        message: expect.stringMatching(/^not valid JSON: /),
      },
    ]);
  });

  it("a misspelt contract field names it", async () => {
    const contract = JSON.parse(requestContract("ping", OBJECT, OBJECT).contents);
    contract.respnse = contract.response;
    delete contract.response;
    const problems = await problemsOf([
      { path: "requests/ping.json", contents: JSON.stringify(contract) },
    ]);
    expect(problems).toEqual([
      {
        file: "requests/ping.json",
        pointer: "",
        message: "must have required property 'response'",
      },
      { file: "requests/ping.json", pointer: "", message: 'unknown field "respnse"' },
    ]);
  });

  it("an unknown keyword deep in a schema is pointed at", async () => {
    const bad = { type: "object", properties: { x: { type: "string", requried: true } } };
    const problems = await problemsOf([requestContract("ping", bad, OBJECT)]);
    expect(problems).toEqual([
      {
        file: "requests/ping.json",
        pointer: "/request/properties/x/requried",
        message: 'unknown keyword "requried"',
      },
    ]);
  });

  it("an invalid keyword value is pointed at", async () => {
    const bad = { type: "object", properties: { x: { type: "strin" } } };
    const problems = await problemsOf([requestContract("ping", OBJECT, bad)]);
    expect(problems).toEqual([
      {
        file: "requests/ping.json",
        pointer: "/response/properties/x/type",
        message: expect.stringMatching(/^not a valid JSON Schema: /),
      },
    ]);
  });

  it("a $ref that resolves nowhere names the $ref", async () => {
    const bad = { type: "object", properties: { x: { $ref: "../common/missing.json" } } };
    const problems = await problemsOf([requestContract("ping", bad, OBJECT)]);
    expect(problems).toEqual([
      {
        file: "requests/ping.json",
        pointer: "/request/properties/x/$ref",
        message: expect.stringContaining("which is not one of the schema files"),
      },
    ]);
    const local = { type: "object", properties: { x: { $ref: "#/$defs/nothing" } } };
    const [problem] = await problemsOf([requestContract("ping", local, OBJECT)]);
    expect(problem?.message).toBe('$ref "#/$defs/nothing" does not resolve in requests/ping.json');
  });

  it("a name that is not the file name, an unsupported format, a Parley error code", async () => {
    const withFormat = {
      type: "object",
      properties: { x: { type: "string", format: "credit-card" } },
    };
    const mismatch = { ...requestContract("ping", OBJECT, OBJECT), path: "requests/pong.json" };
    const problems = await problemsOf([
      mismatch,
      requestContract("ping", withFormat, OBJECT, { errors: { timeout: { description: "slow" } } }),
    ]);
    expect(problems.map((p) => `${p.file}#${p.pointer}`)).toEqual([
      "requests/ping.json#/request/properties/x/format",
      "requests/ping.json#/errors/timeout",
      "requests/pong.json#/name",
    ]);
    expect(problems[0]?.message).toMatch(/^unsupported format "credit-card" \(supported: date, /);
  });

  it("two types with one TypeScript name are a clash, not a silent rename", async () => {
    const shared = {
      path: "common/ping-request.json",
      contents: JSON.stringify({ title: "PingRequest", type: "object" }),
    };
    const problems = await problemsOf([requestContract("ping", OBJECT, OBJECT), shared]);
    expect(problems).toEqual([
      {
        file: "requests/ping.json",
        pointer: "/request",
        message: expect.stringContaining(
          "type name PingRequest is taken by common/ping-request.json#",
        ),
      },
    ]);
  });

  it("every problem is one line, and problems in many files come together", async () => {
    const problems = await problemsOf([
      ...PING_SET,
      { path: "requests/a.json", contents: "[]" },
      broadcastContract("b", { type: "object", properties: { y: { typo: 1 } } }),
    ]);
    expect(problems.map((p) => p.file)).toEqual(["broadcasts/b.json", "requests/a.json"]);
    for (const p of problems) expect(p.message).not.toContain("\n");
  });

  it("ajv's own checks (strict required, bad patterns) name the schema they are in", async () => {
    const required = { type: "object", required: ["y"], properties: { x: { type: "string" } } };
    const pattern = { type: "object", properties: { x: { type: "string", pattern: "(" } } };
    const problems = await problemsOf([
      requestContract("ping", required, OBJECT),
      requestContract("pong", pattern, OBJECT),
    ]);
    expect(problems).toEqual([
      {
        file: "requests/ping.json",
        pointer: "/request",
        message: 'strict mode: required property "y" is not defined (strictRequired)',
      },
      {
        file: "requests/pong.json",
        pointer: "/request",
        message: expect.stringContaining("Invalid regular expression"),
      },
    ]);
  });

  it("a request, response or payload that is not an object is refused", async () => {
    const problems = await problemsOf([requestContract("ping", { type: "string" }, OBJECT)]);
    expect(problems).toEqual([
      {
        file: "requests/ping.json",
        pointer: "/request/type",
        message: 'a payload is a JSON object on the wire: use "type": "object"',
      },
    ]);
  });
});
