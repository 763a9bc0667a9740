/**
 * OpenTelemetry traces and metrics for Parley agents, as an interceptor. Needs
 * `@opentelemetry/api` (an optional peer dependency, loaded when `openTelemetry()` is called) and,
 * to record anything, an OpenTelemetry SDK. See docs/observability.md.
 * @module parley-a2a/opentelemetry
 */

export type { OpenTelemetryOptions, ParleyTelemetry } from "./open-telemetry.js";
export { INSTRUMENTATION_NAME, openTelemetry } from "./open-telemetry.js";
export { ParleyAttribute } from "./span-attributes.js";
export type { Propagator } from "./tracing-interceptor.js";
