/**
 * Parley's errors: the closed set of codes (`ErrorCode`), `ParleyError`, the constructors of the
 * errors the runtime raises, and their mapping to and from the wire's error payload.
 *
 * Modules inside `src/` import the file they need rather than this index, so that no import
 * cycle runs through it (validation errors name contracts' types, contracts raise errors).
 */
export { APPLICATION_CODE, applicationError, wireCode } from "./application-error.js";
export { incompatibleContractError } from "./contract-version-error.js";
export {
  type ErrorBody,
  errorFromPayload,
  errorPayload,
  minimalErrorPayload,
} from "./error-payload.js";
export {
  ErrorCode,
  isErrorCode,
  isParleyError,
  ParleyError,
  type ParleyErrorOptions,
} from "./parley-error.js";
export {
  expiredError,
  shedError,
  timeoutError,
  unknownRequestTypeError,
} from "./request-errors.js";
export { streamLostError } from "./stream-lost-error.js";
export { validationError } from "./validation-error.js";
