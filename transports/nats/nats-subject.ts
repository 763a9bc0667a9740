/**
 * Logical addresses ⇄ NATS subjects. `a2a/{agent}/{type}` becomes `a2a.{agent}.{type}`; the
 * pattern wildcards `+` and a trailing `#` become `*` and `>`.
 *
 * Every level is escaped on its own, so any legal level survives the trip: `.` (the NATS level
 * separator), `*` and `>` (NATS wildcards), `%` (the escape itself), space, control characters
 * and DEL become `%XX` (uppercase hex of the character). `a2a/my.agent/ping` is the subject
 * `a2a.my%2Eagent.ping`. Other characters, non-ASCII included, pass unchanged (NATS subjects are
 * UTF-8).
 */

import { memoizeByString } from "../string-memo.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be escaped
const MUST_ESCAPE = /[%.*>\u0000-\u0020\u007f]/g;
const ESCAPE_SEQUENCE = /%([0-9A-F]{2})/g;
/** Characters that never appear in a logical level (separator and wildcards). */
const NOT_IN_LEVEL = /[/+#]/;

/** Escapes one logical level into one NATS subject token. */
export function encodeLevel(level: string): string {
  return level.replace(
    MUST_ESCAPE,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/**
 * Undoes {@link encodeLevel}, or returns undefined for a token no Parley publisher produces
 * (a stray `%`, lowercase hex, an unescaped character that should have been escaped, or a
 * character that cannot be part of a logical level). Only the canonical form is accepted, so
 * every logical address has exactly one subject.
 */
export function decodeLevel(token: string): string | undefined {
  if (token.length === 0) return undefined;
  const level = token.replace(ESCAPE_SEQUENCE, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  if (NOT_IN_LEVEL.test(level) || encodeLevel(level) !== token) return undefined;
  return level;
}

/** The subject a logical address is published to. The address must be valid (no wildcards). */
export const addressToSubject: (address: string) => string = memoizeByString((address) =>
  address.split("/").map(encodeLevel).join("."),
);

/** The logical address of a delivered subject, or undefined when it is not one Parley maps. */
export const subjectToAddress: (subject: string) => string | undefined = memoizeByString(
  (subject) => {
    const levels: string[] = [];
    for (const token of subject.split(".")) {
      const level = decodeLevel(token);
      if (level === undefined) return undefined;
      levels.push(level);
    }
    return levels.join("/");
  },
);

/**
 * The subjects to subscribe to for one logical pattern (the pattern must be valid).
 *
 * MQTT's `a/#` matches `a` itself as well as everything below it, while NATS `a.>` needs at least
 * one more token; so a trailing `#` after other levels subscribes to two subjects, `a` and `a.>`.
 * No subject matches both, so each message is delivered once (and queue groups stay exact).
 * A lone `#` is `>`, which matches every subject.
 */
export function patternToSubjects(pattern: string): string[] {
  const levels = pattern.split("/");
  const tokens = levels.map((level) =>
    level === "+" ? "*" : level === "#" ? ">" : encodeLevel(level),
  );
  if (levels.length > 1 && levels[levels.length - 1] === "#") {
    return [tokens.slice(0, -1).join("."), tokens.join(".")];
  }
  return [tokens.join(".")];
}
