/**
 * What wraps a call: interceptors around outbound requests and inbound handlers (`Interceptor`,
 * the calls they see, `interceptorFor` for one contract's typed calls), and the fault policies
 * around outbound requests (retries, circuit breakers and the circuit's states). An application
 * passes these through `AgentOptions` and `RequestOptions` without importing them; it imports
 * them here to write an interceptor or to name a policy's type.
 * @module parley-a2a/interceptors
 */

export type {
  CallKind,
  InboundCall,
  Interceptor,
  Next,
  OutboundCall,
  RetryOptions,
} from "./inbound/handler-context.js";
export type { ContractInterceptor } from "./interceptors/contract-interceptor.js";
export { interceptorFor } from "./interceptors/contract-interceptor.js";
export type { CircuitChange } from "./outbound/circuit-breakers.js";
export { CircuitState } from "./outbound/circuit-breakers.js";
export type { CircuitBreakerOptions } from "./outbound/fault-policies.js";
