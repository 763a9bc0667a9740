/**
 * The envelope's `date-time` format: exactly ajv-formats' full RFC 3339 check (its `date` and
 * `time` with a required zone, leap seconds included), written out here so the runtime needs
 * neither ajv-formats nor ajv (which ajv-formats' entry point loads). A test holds it to
 * ajv-formats. The fast path takes the shape Parley and Python's `isoformat()` write,
 * `YYYY-MM-DDTHH:MM:SS[.fraction]+00:00`, and only ever answers `true`, for values the full
 * check accepts too (February counted as 28 days); everything else gets the full check.
 */

/** Days per month, February without its leap day. */
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const UTC_SHAPE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+00:00$/;
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
const DATE_TIME_SEPARATOR = /t|\s/i;

/** The two-digit number at `at` (the characters are known to be digits). */
function twoDigits(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** RFC 3339 full-date. */
function isFullDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = +(match[1] as string);
  const month = +(match[2] as string);
  const day = +(match[3] as string);
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month] ?? 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/** RFC 3339 full-time with its zone; second 60 only at 23:59 UTC (a leap second). */
function isFullTime(value: string): boolean {
  const match = TIME.exec(value);
  if (!match) return false;
  const hour = +(match[1] as string);
  const minute = +(match[2] as string);
  const second = +(match[3] as string);
  const sign = match[5] === "-" ? -1 : 1;
  const zoneHour = +(match[6] || 0);
  const zoneMinute = +(match[7] || 0);
  if (zoneHour > 23 || zoneMinute > 59 || !match[4]) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  const utcMinute = minute - zoneMinute * sign;
  const utcHour = hour - zoneHour * sign - (utcMinute < 0 ? 1 : 0);
  return (
    (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61
  );
}

/** ajv-formats' full `date-time`: a date and a zoned time, split at `T`, `t` or white space. */
function isFullDateTime(value: string): boolean {
  const parts = value.split(DATE_TIME_SEPARATOR);
  return parts.length === 2 && isFullDate(parts[0] as string) && isFullTime(parts[1] as string);
}

/**
 * The last two values the fast path accepted: the messages of one millisecond share their
 * timestamp, and a request's `expires_at` is read again by its reply; comparing a string is
 * cheaper than the pattern.
 */
const accepted = ["", ""];
let nextAccepted = 0;

/** True for an RFC 3339 date-time with a time zone, as ajv-formats' full `date-time` format. */
export function isDateTime(value: string): boolean {
  if (value === accepted[0] || value === accepted[1]) return value !== "";
  if (UTC_SHAPE.test(value)) {
    const month = twoDigits(value, 5);
    const day = twoDigits(value, 8);
    if (
      day >= 1 &&
      day <= (DAYS_IN_MONTH[month] ?? 0) &&
      twoDigits(value, 11) <= 23 &&
      twoDigits(value, 14) <= 59 &&
      twoDigits(value, 17) <= 59
    ) {
      accepted[nextAccepted] = value;
      nextAccepted ^= 1;
      return true;
    }
  }
  return isFullDateTime(value);
}
