/** `skillSchemas`: each request contract's JSON Schemas, self-contained, for Agent Cards. */
import { expect, it } from "vitest";
import { readSchemaDir, skillSchemas } from "../../codegen/index.js";
import { repoPath } from "../harness/seed-python.js";

it("gives each request type its description and self-contained request and response schemas", async () => {
  const schemas = skillSchemas(await readSchemaDir(repoPath("schemas")));
  const search = schemas.knowledge_search;
  expect(search?.description).toMatch(/^Searches the agent's knowledge base/);
  expect(search?.request).toMatchObject({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    required: ["query"],
  });
  // The response is a $ref to common/task-result.json: it now points into the schema's own $defs.
  const response = search?.response as { $ref?: string; $defs?: Record<string, unknown> };
  const target = /^#\/\$defs\/(\w+)$/.exec(response.$ref ?? "")?.[1] ?? "";
  expect(response.$defs?.[target]).toMatchObject({ required: ["status", "result", "agent_id"] });
});
