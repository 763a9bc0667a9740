/**
 * The string formats Parley contracts may use. Each is a regular expression (a syntactic check),
 * used by ajv while generating and emitted into the generated validators, so they need neither
 * ajv nor ajv-formats at run time. Any other `format` is a schema error, never silently ignored.
 */

const DATE = String.raw`\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])`;
const TIME = String.raw`(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?`;
const OFFSET = String.raw`(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)`;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;

/** Format name -> regular expression. */
export const FORMATS: Readonly<Record<string, RegExp>> = {
  date: new RegExp(`^${DATE}$`),
  "date-time": new RegExp(`^${DATE}[Tt ]${TIME}${OFFSET}$`),
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  hostname:
    /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i,
  ipv4: new RegExp(`^(?:${OCTET}\\.){3}${OCTET}$`),
  time: new RegExp(`^${TIME}${OFFSET}?$`),
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
};

/** Sorted names, for error messages. */
export const FORMAT_NAMES: readonly string[] = Object.keys(FORMATS).sort();

/** JavaScript source of a `const parleyFormats = {...}` table holding the given formats. */
export function formatsSource(names: readonly string[]): string {
  const entries = [...new Set(names)]
    .sort()
    .map((name) => `  ${JSON.stringify(name)}: ${String(FORMATS[name])},`);
  return `const parleyFormats = {\n${entries.join("\n")}\n};`;
}
