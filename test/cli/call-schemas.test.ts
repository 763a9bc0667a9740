/** `parley call --schemas DIR` checks requests against the user's own contract files. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestContract, tempDir, writeFiles } from "../codegen/codegen-fixtures.js";
import { cliBrokers, useBrokerWithWorker } from "./cli-fixtures.js";
import { runParley, stderrLines } from "./parley-process.js";

const [mosquitto] = cliBrokers;
if (!mosquitto) throw new Error("no CLI broker");

/** The worker's `double`, as its owner would write the contract. */
const DOUBLE = requestContract(
  "double",
  {
    type: "object",
    required: ["x"],
    additionalProperties: false,
    properties: { x: { type: "integer" } },
  },
  { type: "object", required: ["y"], properties: { y: { type: "integer" } } },
);

describe("parley call --schemas", () => {
  const mesh = useBrokerWithWorker(mosquitto.start);
  let schemas: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    schemas = await tempDir();
    await writeFiles(schemas.dir, [DOUBLE]);
  });
  afterAll(() => schemas.cleanup());
  const call = (...args: string[]) =>
    runParley(["call", "--url", mesh.broker.url, "--to", "worker", "--type", "double", ...args]);

  it("refuses a request that breaks the user's contract with exit 1 and one line", async () => {
    const result = await call("--schemas", schemas.dir, "--data", '{"x":"two"}');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(stderrLines(result)).toEqual([
      'parley call: invalid_request: request for "double" is invalid: /x must be integer',
    ]);
  });

  it("sends a request that keeps to the contract, with no 'no contract' note", async () => {
    const result = await call("--schemas", schemas.dir, "--data", '{"x":21}', "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"y":42}\n');
  });

  it("still knows the bundled seed contracts alongside the user's", async () => {
    const result = await runParley([
      "call",
      ...["--url", mesh.broker.url, "--to", "worker", "--type", "knowledge_search"],
      ...["--schemas", schemas.dir, "--data", '{"query":7}'],
    ]);
    expect(result.code).toBe(1);
    expect(stderrLines(result)).toEqual([
      expect.stringMatching(/^parley call: invalid_request: request for "knowledge_search"/),
    ]);
  });

  it("says in one line when the directory is missing or its contracts are bad", async () => {
    const missing = await call("--schemas", `${schemas.dir}/nope`, "--data", '{"x":1}');
    expect(missing.code).toBe(1);
    expect(stderrLines(missing)).toEqual([
      `parley call: --schemas: ${schemas.dir}/nope is not a directory`,
    ]);
    const bad = await tempDir();
    await writeFiles(bad.dir, [{ path: "requests/double.json", contents: "{ not json" }]);
    const result = await call("--schemas", bad.dir, "--data", '{"x":1}');
    await bad.cleanup();
    expect(result.code).toBe(1);
    expect(stderrLines(result)).toEqual([
      expect.stringMatching(
        /^parley call: --schemas: bad contracts in .*: requests\/double\.json#/,
      ),
    ]);
  });
});
