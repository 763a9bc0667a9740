import { memoizeByString } from "./string-memo.js";

/**
 * MQTT-style matching of logical addresses, shared by transports that route themselves
 * (memory, the WebSocket hub). `+` matches one level, a trailing `#` zero or more.
 */
export function matchesPattern(pattern: string, address: string): boolean {
  return matchesLevels(pattern.split("/"), address.split("/"));
}

/** {@link matchesPattern} on levels split beforehand (for routers matching one address many times). */
export function matchesLevels(p: readonly string[], a: readonly string[]): boolean {
  for (let i = 0; i < p.length; i++) {
    const level = p[i];
    if (level === "#") return i === p.length - 1;
    if (i >= a.length) return false;
    if (level !== "+" && level !== a[i]) return false;
  }
  return p.length === a.length;
}

/** Throws when a subscription pattern misuses wildcards (`#` not last, wildcard inside a level). */
export function assertValidPattern(pattern: string): void {
  const levels = pattern.split("/");
  levels.forEach((level, i) => {
    if (level === "#" && i !== levels.length - 1) {
      throw new TypeError(`invalid pattern "${pattern}": "#" must be the last level`);
    }
    if (level !== "#" && level !== "+" && /[+#]/.test(level)) {
      throw new TypeError(`invalid pattern "${pattern}": a wildcard must fill a whole level`);
    }
  });
}

/** Non-empty levels without wildcards: one regexp, as it runs for every message published. */
const VALID_ADDRESS = /^[^/+#]+(?:\/[^/+#]+)*$/;

/** Valid addresses seen lately: an agent publishes to few, over and over. */
const isValidAddress = memoizeByString((address) => VALID_ADDRESS.test(address));

/** Throws when a publish address is empty, has an empty level or contains wildcards. */
export function assertValidAddress(address: string): void {
  if (!isValidAddress(address)) {
    throw new TypeError(`invalid address "${address}"`);
  }
}
