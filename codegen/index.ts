/**
 * Parley's code generator, the package `parley-a2a-codegen`: contract files in, typed TypeScript
 * out. A devDependency: `npx parley codegen` (the `parley-a2a` package's command) runs it, and the
 * code it writes imports only `parley-a2a`.
 * @module parley-a2a-codegen
 */

export type { AsyncApiOptions } from "./asyncapi.js";
export { generateAsyncApi } from "./asyncapi.js";
export type { BreakingFailure, BreakingReport, ContractChange } from "./breaking-changes.js";
export { compareContractSets } from "./breaking-changes.js";
export { runCodegenCli } from "./cli.js";
export type { CliIo } from "./cli-io.js";
export type { CodegenProblem } from "./codegen-error.js";
export { CodegenError, formatProblem } from "./codegen-error.js";
export { compileContracts } from "./compile-contracts.js";
export { generate, readContracts } from "./generate.js";
export type { ContractModel, SchemaInput } from "./load-contracts.js";
export type { GenerateOptions } from "./options.js";
export { DEFAULT_BASE_URI, DEFAULT_RUNTIME_IMPORT, resolveGenerateOptions } from "./options.js";
export { readSchemaDir } from "./schema-files.js";
export type { SkillSchema } from "./skill-schemas.js";
export { skillSchemas } from "./skill-schemas.js";
export type { GeneratedFile } from "./source-file.js";
export { generateStubs } from "./stubs.js";
