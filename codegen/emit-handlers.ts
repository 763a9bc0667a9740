/**
 * `handlers.ts`: the typed handler interface of a contract set and `registerHandlers`, which
 * type-checks a whole implementation and registers each method with `agent.handle`.
 */
import { requestTypeNames } from "./bundle.js";
import { requestMethodName } from "./emit-client.js";
import type { ContractModel } from "./load-contracts.js";
import { buildFile, docs, type GeneratedFile } from "./source-file.js";

/** Generates `handlers.ts`. */
export function emitHandlers(model: ContractModel): GeneratedFile {
  return buildFile(
    "handlers.ts",
    ["/** Typed request handlers for this contract set. */"],
    (file) => {
      file.addImportDeclaration({
        isTypeOnly: true,
        moduleSpecifier: "./types.js",
        namespaceImport: "T",
      });
      file.addImportDeclaration({
        isTypeOnly: true,
        moduleSpecifier: "./runtime.js",
        namedImports: ["AgentLike", "HandlerContext"],
      });
      file.addInterface({
        name: "ContractHandlers",
        isExported: true,
        docs: docs(
          "One method per request type: what an agent serving this contract set implements.",
        ),
        methods: model.requests.map((r) => {
          const types = requestTypeNames(r.name);
          return {
            name: requestMethodName(r.name),
            docs: docs(
              `Serves \`${r.name}\` (v${r.version}).`,
              r.description,
              r.errors.length > 0
                ? `May fail with: ${r.errors.map((e) => `\`${e.code}\``).join(", ")}.`
                : undefined,
            ),
            parameters: [
              { name: "request", type: `T.${types.request}` },
              { name: "ctx", type: "HandlerContext" },
            ],
            returnType: `T.${types.response} | Promise<T.${types.response}>`,
          };
        }),
      });
      file.addFunction({
        name: "registerHandlers",
        isExported: true,
        docs: docs(
          "Registers a handler for every request type of this contract set (the compiler checks the " +
            "whole set); returns a function that unregisters them all.",
        ),
        parameters: [
          { name: "agent", type: "AgentLike" },
          { name: "impl", type: "ContractHandlers" },
        ],
        returnType: "() => void",
        statements: "return registerSomeHandlers(agent, impl);",
      });
      file.addFunction({
        name: "registerSomeHandlers",
        isExported: true,
        docs: docs(
          "Registers the handlers `impl` has, for an agent that serves part of this contract set; " +
            "returns a function that unregisters them.",
        ),
        parameters: [
          { name: "agent", type: "AgentLike" },
          { name: "impl", type: "Partial<ContractHandlers>" },
        ],
        returnType: "() => void",
        statements: (writer) => {
          writer.writeLine("const offs: (() => void)[] = [];");
          model.requests.forEach((r, i) => {
            const method = requestMethodName(r.name);
            const types = requestTypeNames(r.name);
            const local = `handler${i}`;
            writer.writeLine(`const ${local} = impl.${method};`);
            writer.write(`if (${local} !== undefined)`).block(() => {
              writer.writeLine("offs.push(");
              writer.indent(() => {
                writer.writeLine(
                  `agent.handle(${JSON.stringify(r.name)}, (payload: T.${types.request}, ctx: HandlerContext) =>`,
                );
                writer.indent(() => writer.writeLine(`${local}.call(impl, payload, ctx),`));
                writer.writeLine("),");
              });
              writer.writeLine(");");
            });
          });
          writer.writeLine("return () => {");
          writer.indent(() => writer.writeLine("for (const off of offs) off();"));
          writer.writeLine("};");
        },
      });
    },
  );
}
