/**
 * The envelope's `date-time` format: exactly ajv-formats' full RFC 3339 check, with a fast path.
 * The full check costs about 2 µs a call (a split and two regexps with captures) and runs twice
 * per envelope. The fast path takes the shape Parley and Python's `isoformat()` write,
 * `YYYY-MM-DDTHH:MM:SS[.fraction]+00:00`, and only ever answers `true`, for values the full
 * check accepts too (February counted as 28 days); everything else gets the full check.
 */
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const full = addFormats.get("date-time", "full");
if (typeof full !== "object" || !("validate" in full) || typeof full.validate !== "function")
  throw new Error("ajv-formats: unexpected shape of the full date-time format");
const fullDateTime = full.validate as (value: string) => boolean;

/** Days per month, February without its leap day (29 February goes to the full check). */
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const UTC_SHAPE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+00:00$/;

/** The two-digit number at `at` (the characters are known to be digits). */
function twoDigits(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;
}

/** True for an RFC 3339 date-time with a time zone, as ajv-formats' full `date-time` format. */
export function isDateTime(value: string): boolean {
  if (UTC_SHAPE.test(value)) {
    const month = twoDigits(value, 5);
    const day = twoDigits(value, 8);
    if (
      day >= 1 &&
      day <= (DAYS_IN_MONTH[month] ?? 0) &&
      twoDigits(value, 11) <= 23 &&
      twoDigits(value, 14) <= 59 &&
      twoDigits(value, 17) <= 59
    )
      return true;
  }
  return fullDateTime(value);
}
