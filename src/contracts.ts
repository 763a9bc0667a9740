/**
 * Contracts, for generated code and tools: the shapes of a contract set (what `parley codegen`
 * emits and an agent's `contracts` option takes), their validators, and the contract documents an
 * agent serves under `CONTRACTS_REQUEST_TYPE`. Generated code imports its runtime types from
 * here; an application passes the generated `contracts` to `createAgent` without naming them.
 * @module parley-a2a/contracts
 */

export type { ContractDocuments, ContractSummary } from "./wire/contract-documents.js";
export { CONTRACTS_REQUEST_TYPE } from "./wire/contract-documents.js";
export type {
  BroadcastContract,
  ContractSet,
  JsonSchema,
  RequestContract,
  ValidationIssue,
  Validator,
} from "./wire/contracts.js";
