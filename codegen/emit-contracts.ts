/**
 * `contracts.ts`: the registry, `contracts: ContractSet`, with each contract's name, version,
 * content hash and compiled validators, and the contract files themselves (`documents`), ready
 * for `createAgent({ contracts })`.
 */

import { type Bundle, broadcastTypeName, requestTypeNames } from "./bundle.js";
import { contractDocuments } from "./contract-documents.js";
import { validatorName } from "./emit-validators.js";
import type { ContractModel } from "./load-contracts.js";
import { buildFile, docs, type GeneratedFile } from "./source-file.js";
import { standaloneSchema } from "./standalone-schema.js";

/** Generates `contracts.ts`. */
export function emitContracts(model: ContractModel, bundle: Bundle): GeneratedFile {
  return buildFile(
    "contracts.ts",
    ["/** The contract registry: validators, JSON Schemas, versions and content hashes. */"],
    (file) => {
      file.addImportDeclaration({
        isTypeOnly: true,
        moduleSpecifier: "./runtime.js",
        namedImports: [
          "BroadcastContract",
          "ContractSet",
          "RequestContract",
          "ValidationIssue",
          "Validator",
        ],
      });
      file.addImportDeclaration({ moduleSpecifier: "./validators.js", namespaceImport: "V" });
      file.addImportDeclaration({
        isTypeOnly: true,
        moduleSpecifier: "./validators.js",
        namedImports: ["CompiledValidator"],
      });
      file.addFunction({
        name: "toValidator",
        docs: docs("Adapts an ajv validate function to Parley's `Validator`."),
        parameters: [{ name: "compiled", type: "CompiledValidator" }],
        returnType: "Validator",
        statements: (writer) => {
          writer.writeLine("return (value) => {");
          writer.indent(() => {
            writer.writeLine("if (compiled(value)) return [];");
            writer.writeLine("return (compiled.errors ?? []).map(");
            writer.indent(() => {
              writer.writeLine("(error): ValidationIssue => ({");
              writer.indent(() => {
                writer.writeLine("instancePath: error.instancePath,");
                writer.writeLine('message: error.message ?? "is invalid",');
                writer.writeLine("keyword: error.keyword,");
                writer.writeLine("params: error.params,");
              });
              writer.writeLine("}),");
            });
            writer.writeLine(");");
          });
          writer.writeLine("};");
        },
      });
      const requestEntries: string[] = [];
      for (const r of model.requests) {
        const types = requestTypeNames(r.name);
        const fields = [
          `name: ${JSON.stringify(r.name)}`,
          `version: ${JSON.stringify(r.version)}`,
          `hash: ${JSON.stringify(r.hash)}`,
          ...(r.description === undefined ? [] : [`description: ${JSON.stringify(r.description)}`]),
          ...(r.capability === undefined ? [] : [`capability: ${JSON.stringify(r.capability)}`]),
          ...(r.idempotent === undefined ? [] : [`idempotent: ${r.idempotent}`]),
          `errors: ${JSON.stringify(r.errors.map((e) => e.code))}`,
          `validateRequest: toValidator(V.${validatorName(types.request)})`,
          `validateResponse: toValidator(V.${validatorName(types.response)})`,
          `requestSchema: ${JSON.stringify(standaloneSchema(bundle, types.request))}`,
          `responseSchema: ${JSON.stringify(standaloneSchema(bundle, types.response))}`,
        ];
        requestEntries.push(entry(r.name, r.file, "RequestContract", fields));
      }
      const broadcastEntries: string[] = [];
      for (const b of model.broadcasts) {
        const fields = [
          `name: ${JSON.stringify(b.name)}`,
          `version: ${JSON.stringify(b.version)}`,
          `hash: ${JSON.stringify(b.hash)}`,
          ...(b.description === undefined ? [] : [`description: ${JSON.stringify(b.description)}`]),
          `validatePayload: toValidator(V.${validatorName(broadcastTypeName(b.name))})`,
        ];
        broadcastEntries.push(entry(b.name, b.file, "BroadcastContract", fields));
      }
      // One line of JSON per file: the documents an agent serves to `parley codegen --from`.
      const documentEntries = Object.entries(contractDocuments(model, bundle)).map(
        ([path, json]) => `\n    ${JSON.stringify(path)}: ${JSON.stringify(json)},`,
      );
      // A plain statement: ts-morph would re-indent a multi-line initializer.
      file.addStatements(
        [
          "",
          "/** Every contract in this set; pass it to `createAgent({ contracts })`. */",
          "export const contracts: ContractSet = {",
          `  requests: {${requestEntries.join("")}`,
          "  },",
          `  broadcasts: {${broadcastEntries.join("")}`,
          "  },",
          `  documents: {${documentEntries.join("")}`,
          "  },",
          "};",
        ].join("\n"),
      );
    },
  );
}

/** One registry entry: `\n    name: { ...fields } satisfies Type,` with a comment naming the file. */
function entry(name: string, file: string, type: string, fields: readonly string[]): string {
  const body = fields.map((f) => `      ${f},`).join("\n");
  return `\n    /** From ${file}. */\n    ${JSON.stringify(name)}: {\n${body}\n    } satisfies ${type},`;
}
