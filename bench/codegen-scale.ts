/**
 * How long `generate` takes for many contracts; `npm run bench` reports it for 200, and
 * `tsx bench/codegen-scale.ts [count]` runs it alone. Each contract has a few typed fields and a
 * `$ref` to a shared schema, like real ones.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { generate, type SchemaInput } from "../codegen/index.js";

/** What one generation of `count` contracts produced and took. */
export interface CodegenScale {
  readonly contracts: number;
  readonly files: number;
  readonly kib: number;
  readonly ms: number;
}

function contractInputs(count: number): SchemaInput[] {
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
  return inputs;
}

/** Generates code for `count` contracts and times it. */
export async function codegenScale(count: number): Promise<CodegenScale> {
  const inputs = contractInputs(count);
  const started = performance.now();
  const files = await generate(inputs, { runtimeImport: null });
  const ms = performance.now() - started;
  const bytes = files.reduce((sum, f) => sum + f.contents.length, 0);
  return {
    contracts: count,
    files: files.length,
    kib: Math.round(bytes / 1024),
    ms: Math.round(ms),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await codegenScale(Number(process.argv[2] ?? 200));
  console.log(`${r.contracts} contracts -> ${r.files} files, ${r.kib} KiB in ${r.ms} ms`);
}
