/**
 * `parley codegen --stubs`: a handler file per request type, for the user to fill in. Stubs are
 * the user's code from the moment they exist, so the CLI only ever writes missing ones.
 */
import { requestTypeNames } from "./bundle.js";
import { requestMethodName } from "./emit-client.js";
import type { ContractModel } from "./load-contracts.js";
import { kebabCase } from "./names.js";
import type { GeneratedFile } from "./source-file.js";

/**
 * One stub per request type, `<kebab-name>.ts`; `generatedImport` is the import path of the
 * generated directory as seen from the stubs directory (`../generated`).
 */
export function generateStubs(model: ContractModel, generatedImport: string): GeneratedFile[] {
  const from = generatedImport.replace(/\/+$/, "");
  return model.requests.map((r) => {
    const types = requestTypeNames(r.name);
    const summary = r.description === undefined ? "" : ` ${r.description}`;
    const contents = [
      `/** Handles \`${r.name}\` (v${r.version}).${summary} Scaffolded by \`parley codegen --stubs\`. */`,
      `import type { HandlerContext } from "${from}/runtime.js";`,
      `import type { ${types.request}, ${types.response} } from "${from}/types.js";`,
      "",
      `/** Serves \`${r.name}\`. */`,
      `export async function ${requestMethodName(r.name)}(`,
      `  _request: ${types.request},`,
      "  _ctx: HandlerContext,",
      `): Promise<${types.response}> {`,
      `  throw new Error("${r.name} is not implemented yet");`,
      "}",
      "",
    ].join("\n");
    return { path: `${kebabCase(r.name)}.ts`, contents };
  });
}
