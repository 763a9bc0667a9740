/** The shape of the `logger` option (`agent-log.ts` writes to it). */

/**
 * One log method, called as pino's are: structured fields first, then the message. The console's
 * methods take the same arguments (they print the fields, then the message).
 */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/**
 * Where an agent writes what an operator should know: pino's logger, the console, or anything
 * with these four methods. Fields always include `agent` (this agent's id); an error is under
 * `err`, as pino's serializer expects.
 */
export interface Logger {
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
}
