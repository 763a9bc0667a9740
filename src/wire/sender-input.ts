/**
 * Quoting what a remote sender chose (a request type, an id, a value that failed validation) in
 * an error message or its details. Error replies go back on the wire and must stay small whatever
 * arrived: an echoed 300 KB request type would make a 900 KB reply (too large to send, or a 3x
 * amplifier for a spoofed `sender_id`). Every error that quotes sender input does it through here.
 */

/** The longest quote, in UTF-16 code units, before the marker of what was cut. */
export const MAX_QUOTED_LENGTH = 64;

/** Most entries of a list from the sender (validation issues) an error carries. */
export const MAX_QUOTED_ITEMS = 8;

/** `text` itself when short, else its first {@link MAX_QUOTED_LENGTH} characters and how long it was. */
export function quoted(text: string): string {
  if (text.length <= MAX_QUOTED_LENGTH) return text;
  // Not inside a surrogate pair: half a character would not encode.
  let end = MAX_QUOTED_LENGTH;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

/**
 * A JSON value from the sender, made small: strings quoted, arrays and objects cut to
 * {@link MAX_QUOTED_ITEMS} entries and three levels deep (deeper ones become a placeholder).
 */
export function quotedValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return quoted(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= 3) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value))
    return value.slice(0, MAX_QUOTED_ITEMS).map((item) => quotedValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const key in value) {
    if (n++ >= MAX_QUOTED_ITEMS) break;
    out[quoted(key)] = quotedValue((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}
