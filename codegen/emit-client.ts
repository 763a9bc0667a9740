/**
 * `client.ts`: one typed method per request type (`knowledgeSearch(to, request, options)`) and a
 * typed broadcast/subscribe pair per broadcast type, all through `AgentLike`.
 */
import { broadcastTypeName, requestTypeNames } from "./bundle.js";
import type { ContractModel } from "./load-contracts.js";
import { camelCase, pascalCase } from "./names.js";
import { buildFile, docs, type GeneratedFile } from "./source-file.js";

/** Client method names: request `knowledge_search` -> `knowledgeSearch`. */
export function requestMethodName(name: string): string {
  return camelCase(name);
}

/** Client method names of a broadcast type: `broadcastSystemUpdate` and `onSystemUpdate`. */
export function broadcastMethodNames(name: string): { send: string; listen: string } {
  return { send: `broadcast${pascalCase(name)}`, listen: `on${pascalCase(name)}` };
}

/** Generates `client.ts`. */
export function emitClient(model: ContractModel): GeneratedFile {
  return buildFile(
    "client.ts",
    ["/** Typed requests and broadcasts for this contract set. */"],
    (file) => {
      file.addImportDeclaration({
        isTypeOnly: true,
        moduleSpecifier: "./types.js",
        namespaceImport: "T",
      });
      file.addImportDeclaration({
        isTypeOnly: true,
        moduleSpecifier: "./runtime.js",
        namedImports: ["AgentLike", "BroadcastOptions", "Envelope", "RequestOptions"],
      });
      const methods = [];
      const implementations: string[] = [];
      for (const r of model.requests) {
        const types = requestTypeNames(r.name);
        const method = requestMethodName(r.name);
        methods.push({
          name: method,
          docs: docs(
            `Sends a \`${r.name}\` request (v${r.version}) to agent \`to\`. An agent serving another major ` +
              "version of it is not sent anything: the call fails with `incompatible_contract` " +
              "(`ignoreContractVersion: true` sends anyway).",
            r.description,
          ),
          parameters: [
            { name: "to", type: "string" },
            { name: "request", type: `T.${types.request}` },
            { name: "options", type: "RequestOptions", hasQuestionToken: true },
          ],
          returnType: `Promise<T.${types.response}>`,
        });
        implementations.push(
          `${method}: (to, request, options) =>\n` +
            `  agent.request<T.${types.response}>(to, ${JSON.stringify(r.name)}, { ...request }, { contractVersion: ${JSON.stringify(r.version)}, ...options }),`,
        );
      }
      for (const b of model.broadcasts) {
        const type = `T.${broadcastTypeName(b.name)}`;
        const names = broadcastMethodNames(b.name);
        methods.push({
          name: names.send,
          docs: docs(`Broadcasts \`${b.name}\` (v${b.version}) to every agent.`, b.description),
          parameters: [
            { name: "payload", type },
            { name: "options", type: "BroadcastOptions", hasQuestionToken: true },
          ],
          returnType: "Promise<void>",
        });
        methods.push({
          name: names.listen,
          docs: docs(
            `Listens for \`${b.name}\` broadcasts; returns a function that stops listening.`,
          ),
          parameters: [{ name: "listener", type: `(payload: ${type}, message: Envelope) => void` }],
          returnType: "() => void",
        });
        implementations.push(
          `${names.send}: (payload, options) => agent.broadcast(${JSON.stringify(b.name)}, { ...payload }, options),`,
          `${names.listen}: (listener) => agent.on(${JSON.stringify(b.name)}, listener),`,
        );
      }
      file.addInterface({
        name: "ContractClient",
        isExported: true,
        docs: docs("Typed calls for every request and broadcast type in this contract set."),
        methods,
      });
      file.addFunction({
        name: "createContractClient",
        isExported: true,
        docs: docs("A typed client over `agent` (a Parley `Agent`, or anything shaped like one)."),
        parameters: [{ name: "agent", type: "AgentLike" }],
        returnType: "ContractClient",
        statements: (writer) => {
          writer.writeLine("return {");
          writer.indent(() => {
            for (const line of implementations) writer.writeLine(line);
          });
          writer.writeLine("};");
        },
      });
    },
  );
}
