/**
 * The schemas of the AsyncAPI document (`asyncapi.ts`): Parley's envelope as every message, its
 * payload narrowed per message type, and the contracts' schemas moved into `components.schemas`.
 */
import { ENVELOPE_SCHEMA } from "./asyncapi-envelope.js";
import { isObject, type SchemaObject, walkSchema } from "./schema-walk.js";

/** Component names of the envelope and of an error reply's payload. */
export const ENVELOPE = "ParleyEnvelope";
export const ERROR_PAYLOAD = "ParleyErrorPayload";

/** The envelope with its `message_type` fixed and its `payload` narrowed. */
export function envelopeWith(messageType: string, payload: SchemaObject): SchemaObject {
  return {
    allOf: [
      { $ref: `#/components/schemas/${ENVELOPE}` },
      { type: "object", properties: { message_type: { const: messageType }, payload } },
    ],
  };
}

/**
 * The payload on the wire: the contract's schema plus the key that names the type
 * (`request_type`, `broadcast_type`), added to a copy of the schema when it is a plain object
 * schema (so `additionalProperties: false` still holds), else beside it with `allOf`.
 */
export function withTypeKey(
  key: string,
  value: string,
  typeName: string,
  schemas: SchemaObject,
): SchemaObject {
  const own = { const: value, description: `Names the ${key.replace("_type", "")} type.` };
  const def = schemas[typeName];
  if (isObject(def) && def.$ref === undefined && isObject(def.properties ?? {})) {
    const copy = structuredClone(def);
    copy.title = `${typeName}Payload`;
    copy.properties = { [key]: own, ...(isObject(def.properties) ? def.properties : {}) };
    copy.required = [key, ...(Array.isArray(def.required) ? def.required : [])];
    return copy;
  }
  return {
    title: `${typeName}Payload`,
    allOf: [
      { $ref: `#/components/schemas/${typeName}` },
      { type: "object", required: [key], properties: { [key]: own } },
    ],
  };
}

/** A copy of a bundled schema with its `#/$defs/` references pointing into the components. */
export function withComponentRefs(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const copy = structuredClone(schema);
  walkSchema(copy, "", (node) => {
    if (isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#/$defs/"))
      node.$ref = `#/components/schemas/${node.$ref.slice("#/$defs/".length)}`;
  });
  return copy;
}

/** The schemas of Parley's own every document has: the envelope and an error reply's payload. */
export function parleySchemas(): SchemaObject {
  return { [ENVELOPE]: ENVELOPE_SCHEMA, [ERROR_PAYLOAD]: errorPayloadSchema() };
}

/** The payload of an error reply (`src/errors/error-payload.ts`). */
function errorPayloadSchema(): SchemaObject {
  return {
    title: ERROR_PAYLOAD,
    type: "object",
    required: ["error"],
    properties: {
      request_type: { type: "string" },
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: { type: "string", description: "Parley's error code, or the contract's own." },
          message: { type: "string" },
          details: { type: "object" },
        },
      },
    },
  };
}
