/**
 * What every benchmark scenario sends: a 100-byte JSON body, echoed back, and the ajv-compiled
 * contract Parley validates it with where validation is on.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ContractSet, Validator } from "../src/contracts.js";

/** The request body: exactly 100 bytes of JSON. */
export const BODY = { text: "x".repeat(65), n: 42, tags: ["a", "b"] };

/** The request type (Parley), action (Moleculer) or subject stem (raw clients) of the echo. */
export const ECHO = "echo";

const echoSchema = {
  type: "object",
  required: ["text", "n"],
  properties: {
    text: { type: "string", maxLength: 1000 },
    n: { type: "integer" },
    tags: { type: "array", items: { type: "string" } },
  },
  additionalProperties: false,
};

/** A Parley validator from a JSON Schema, compiled by ajv as generated code does. */
export function ajvValidator(schema: object = echoSchema): Validator {
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  return (value) =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) => ({
          instancePath: e.instancePath,
          message: e.message ?? "invalid",
        }));
}

/** The echo contract, validating requests and responses. */
export const echoContracts: ContractSet = {
  requests: {
    [ECHO]: {
      name: ECHO,
      version: "1",
      hash: "bench",
      validateRequest: ajvValidator(),
      validateResponse: ajvValidator(),
    },
  },
  broadcasts: {},
};
