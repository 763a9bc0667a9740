/**
 * `envelopeDateTimeModule`: Parley's own build generates its envelope check ahead of time;
 * other projects' output has none, and an envelope check never needs ajv at run time.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CodegenError, generate } from "../../codegen/index.js";
import { PING_SET } from "./codegen-fixtures.js";

const envelopeSchema = await readFile(
  new URL("../../schemas/envelope.schema.json", import.meta.url),
  "utf8",
);
const WITH_ENVELOPE = [...PING_SET, { path: "envelope.schema.json", contents: envelopeSchema }];

describe("the generated envelope validator", () => {
  it("is generated only when asked for and the schema directory has the envelope schema", async () => {
    const paths = async (...args: Parameters<typeof generate>) =>
      (await generate(...args)).map((f) => f.path);
    expect(await paths(WITH_ENVELOPE)).not.toContain("envelope-validator.ts");
    expect(await paths(PING_SET, { envelopeDateTimeModule: "../dt.js" })).not.toContain(
      "envelope-validator.ts",
    );
    expect(await paths(WITH_ENVELOPE, { envelopeDateTimeModule: "../dt.js" })).toContain(
      "envelope-validator.ts",
    );
  });

  it("imports its date-time check from the given module, and nothing from ajv", async () => {
    const files = await generate(WITH_ENVELOPE, { envelopeDateTimeModule: "../dt.js" });
    const file = files.find((f) => f.path === "envelope-validator.ts");
    expect(file?.contents).toContain('import { isDateTime } from "../dt.js";');
    expect(file?.contents).toContain("export const validateEnvelope");
    expect(file?.contents).not.toMatch(/require\(|ajv\/|new Function/);
  });

  it("reports an envelope schema ajv cannot compile, by file", async () => {
    const broken = JSON.parse(envelopeSchema) as { properties: { id: object } };
    broken.properties.id = { type: "string", minLength: "one" };
    const inputs = [
      ...PING_SET,
      { path: "envelope.schema.json", contents: JSON.stringify(broken) },
    ];
    const error = await generate(inputs, { envelopeDateTimeModule: "../dt.js" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CodegenError);
    expect((error as CodegenError).problems.map((p) => p.file)).toContain("envelope.schema.json");
  });
});
