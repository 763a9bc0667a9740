/** `index.ts`: the generated API, listed by name. */
import type { Bundle } from "./bundle.js";
import { errorCodeTypeName } from "./emit-types.js";
import type { ContractModel } from "./load-contracts.js";
import { buildFile, type GeneratedFile } from "./source-file.js";

/** Generates `index.ts`. */
export function emitIndex(model: ContractModel, bundle: Bundle): GeneratedFile {
  const typeNames = [
    ...Object.keys(bundle.schema.$defs as object),
    ...model.requests.filter((r) => r.errors.length > 0).map((r) => errorCodeTypeName(r.name)),
    "BroadcastTypeName",
    "BroadcastTypes",
    "RequestTypeName",
    "RequestTypes",
  ].sort();
  return buildFile("index.ts", ["/** Generated contracts, client and handlers. */"], (file) => {
    file.addExportDeclaration({
      moduleSpecifier: "./client.js",
      namedExports: ["createContractClient"],
    });
    file.addExportDeclaration({ moduleSpecifier: "./contracts.js", namedExports: ["contracts"] });
    file.addExportDeclaration({
      moduleSpecifier: "./handlers.js",
      namedExports: ["registerHandlers", "registerSomeHandlers"],
    });
    file.addExportDeclaration({
      isTypeOnly: true,
      moduleSpecifier: "./client.js",
      namedExports: ["ContractClient"],
    });
    file.addExportDeclaration({
      isTypeOnly: true,
      moduleSpecifier: "./handlers.js",
      namedExports: ["ContractHandlers"],
    });
    file.addExportDeclaration({
      isTypeOnly: true,
      moduleSpecifier: "./runtime.js",
      namedExports: ["AgentLike", "BroadcastOptions"],
    });
    file.addExportDeclaration({
      isTypeOnly: true,
      moduleSpecifier: "./types.js",
      namedExports: typeNames,
    });
  });
}
