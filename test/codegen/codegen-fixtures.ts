/** Small inline contracts, temp directories and a TypeScript compile for the codegen tests. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import type { GeneratedFile, SchemaInput } from "../../codegen/index.js";

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/** A request contract file as JSON text. */
export function requestContract(
  name: string,
  request: object,
  response: object,
  extra: Record<string, unknown> = {},
): SchemaInput {
  const contract = { $schema: DRAFT, name, version: "1.0.0", ...extra, request, response };
  return { path: `requests/${name}.json`, contents: JSON.stringify(contract, null, 2) };
}

/** A broadcast contract file as JSON text. */
export function broadcastContract(name: string, payload: object): SchemaInput {
  const contract = { $schema: DRAFT, name, version: "1.0.0", payload };
  return { path: `broadcasts/${name}.json`, contents: JSON.stringify(contract, null, 2) };
}

/** A small contract set: one request with a shared $ref'd type, one broadcast. */
export const PING_SET: readonly SchemaInput[] = [
  requestContract(
    "ping",
    {
      type: "object",
      required: ["text", "count"],
      additionalProperties: false,
      properties: {
        text: { type: "string", minLength: 2 },
        count: { type: "integer", minimum: 0 },
        at: { type: "string", format: "date-time" },
      },
    },
    { $ref: "../common/pong.json" },
    {
      description: "Pings an agent.",
      capability: "pinging",
      errors: { too_many: { description: "Count too high." } },
    },
  ),
  {
    path: "common/pong.json",
    contents: JSON.stringify({
      $schema: DRAFT,
      title: "Pong",
      type: "object",
      required: ["echo"],
      additionalProperties: false,
      properties: {
        echo: { type: "string" },
        tags: { type: "array", uniqueItems: true, items: { enum: [{ a: 1 }, "plain"] } },
      },
    }),
  },
  broadcastContract("news", {
    type: "object",
    required: ["headline"],
    additionalProperties: true,
    properties: { headline: { type: "string" } },
  }),
];

/** A fresh temporary directory; `cleanup` removes it. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "parley-codegen-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes files under `dir`, creating folders. */
export async function writeFiles(
  dir: string,
  files: readonly { path: string; contents: string }[],
): Promise<void> {
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
}

/** Writes generated files under `<dir>/generated/` plus `extra` files, and type-checks them all. */
export async function compileWith(
  dir: string,
  generated: readonly GeneratedFile[],
  extra: readonly { path: string; contents: string }[],
): Promise<string[]> {
  await writeFiles(
    dir,
    generated.map((f) => ({ path: `generated/${f.path}`, contents: f.contents })),
  );
  await writeFiles(dir, [{ path: "package.json", contents: '{ "type": "module" }' }, ...extra]);
  const roots = [
    ...generated.map((f) => join(dir, "generated", f.path)),
    ...extra.map((f) => join(dir, f.path)),
  ];
  const program = ts.createProgram(roots, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    noImplicitOverride: true,
    noEmit: true,
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (d.file === undefined || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName.slice(dir.length + 1)}:${line + 1}: ${text}`;
  });
}
