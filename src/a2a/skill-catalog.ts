/**
 * What the gateway knows of a request type beyond its name on an agent's card: the contract's
 * description and validators (a {@link ContractSet}) and its request/response JSON Schemas, which
 * run-time contracts do not carry (`skillSchemasFrom` in parley-a2a-codegen reads them from
 * contract files). A request type it knows nothing of still becomes a skill, unchecked.
 */
import { isObject } from "../presence/agent-card.js";
import type { ContractSet, RequestContract } from "../wire/contracts.js";
import type { JsonObject } from "../wire/envelope.js";

/** The JSON Schemas of one request type, as A2A clients are shown them. */
export interface SkillSchema {
  readonly description?: string;
  /** JSON Schema of the request payload (self-contained: `$ref`s inside it only). */
  readonly request?: JsonObject;
  /** JSON Schema of the response payload. */
  readonly response?: JsonObject;
}

/** Request type -> its schemas. */
export type SkillSchemas = Readonly<Record<string, SkillSchema>>;

/** One request type as a skill. */
export interface SkillInfo {
  readonly id: string;
  readonly description: string;
  readonly schema: SkillSchema | undefined;
  readonly contract: RequestContract | undefined;
  /** The one string field a text part fills, when the request schema has exactly one. */
  readonly textField: string | undefined;
}

/** Contracts and schemas, looked up by request type. */
export interface SkillCatalog {
  readonly contracts: ContractSet | undefined;
  readonly schemas: SkillSchemas;
}

/** Everything known of `requestType`. */
export function skillInfo(catalog: SkillCatalog, requestType: string): SkillInfo {
  const contract = own(catalog.contracts?.requests, requestType);
  const schema = own(catalog.schemas, requestType);
  const description =
    contract?.description ?? schema?.description ?? `Parley request type "${requestType}".`;
  return {
    id: requestType,
    description,
    schema,
    contract,
    textField: schema?.request ? textFieldOf(schema.request) : undefined,
  };
}

/**
 * The field a plain text message stands for: the request schema must be an object whose
 * `required` names exactly one property, a string, and which requires nothing else.
 */
export function textFieldOf(schema: JsonObject): string | undefined {
  const required = schema.required;
  if (!Array.isArray(required) || required.length !== 1) return undefined;
  const [field] = required;
  if (typeof field !== "string" || !isObject(schema.properties)) return undefined;
  const property = schema.properties[field];
  return isObject(property) && property.type === "string" ? field : undefined;
}

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
