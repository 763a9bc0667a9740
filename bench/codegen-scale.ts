/**
 * How long `generate` takes for many contracts: `tsx bench/codegen-scale.ts [count]` (default 200).
 * Each contract has a few typed fields and a `$ref` to a shared schema, like real ones.
 */
import { performance } from "node:perf_hooks";
import { generate, type SchemaInput } from "../codegen/index.js";

const count = Number(process.argv[2] ?? 200);
const inputs: SchemaInput[] = [
  {
    path: "common/item.json",
    contents: JSON.stringify({
      title: "Item",
      type: "object",
      required: ["id"],
      properties: { id: { type: "string", format: "uuid" }, score: { type: "number" } },
    }),
  },
];
for (let i = 0; i < count; i++) {
  const name = `request_${String(i).padStart(3, "0")}`;
  const contract = {
    name,
    version: "1.0.0",
    request: {
      type: "object",
      required: ["query"],
      additionalProperties: false,
      properties: {
        query: { type: "string", minLength: 1 },
        limit: { type: "integer", minimum: 1, maximum: 100 },
        mode: { enum: ["fast", "thorough"] },
      },
    },
    response: {
      type: "object",
      required: ["items"],
      properties: { items: { type: "array", items: { $ref: "../common/item.json" } } },
    },
  };
  inputs.push({ path: `requests/${name}.json`, contents: JSON.stringify(contract) });
}

const started = performance.now();
const files = await generate(inputs, { runtimeImport: null });
const ms = performance.now() - started;
const bytes = files.reduce((sum, f) => sum + f.contents.length, 0);
console.log(
  `${count} contracts -> ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB in ${ms.toFixed(0)} ms`,
);
