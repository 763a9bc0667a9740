/**
 * The code generator is its own package, `parley-a2a-codegen`: a devDependency of projects that
 * generate code, so agents do not install a TypeScript compiler. Only `parley codegen`,
 * `parley call --schemas` and `parley a2a-gateway` (for the schemas on its cards) need it; they load it here, when they run.
 */

import type { ContractSet } from "../src/contracts.js";
import type { JsonObject } from "../src/index.js";
import { importOptional } from "../src/util/optional-package.js";

/** The npm name of the code generator. */
export const CODEGEN_PACKAGE = "parley-a2a-codegen";

/** One contract file, as the generator reads it. */
export interface SchemaFile {
  readonly path: string;
  readonly contents: string;
}

/** The part of `parley-a2a-codegen` the CLI uses (a test holds the package to it). */
export interface CodegenPackage {
  runCodegenCli(argv: readonly string[]): Promise<number>;
  readSchemaDir(dir: string): Promise<SchemaFile[]>;
  compileContracts(inputs: readonly SchemaFile[]): ContractSet;
  skillSchemas(
    inputs: readonly SchemaFile[],
  ): Record<string, { description?: string; request: JsonObject; response: JsonObject }>;
}

/**
 * Imports the code generator; rejects with `USER needs parley-a2a-codegen: npm install -D
 * parley-a2a-codegen` when it is not installed. The name is a variable, not a literal, so this
 * package's build does not depend on the generator's.
 */
export function loadCodegen(user: string): Promise<CodegenPackage> {
  const specifier: string = CODEGEN_PACKAGE;
  return importOptional(
    [CODEGEN_PACKAGE],
    user,
    async () => (await import(specifier)) as CodegenPackage,
    true,
  );
}
