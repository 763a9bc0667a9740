/** Property-based: Parley's own date-time check answers exactly as ajv-formats' full one. */
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { expect, it } from "vitest";
import { isDateTime } from "../../src/wire/date-time-format.js";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const full = addFormats.get("date-time", "full") as { validate: (value: string) => boolean };

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
/** Date-time-like strings: every part near its limits, every separator and zone form. */
const dateTimeLike = fc
  .tuple(
    fc.oneof(digits(4), fc.constantFrom("2000", "1900", "2024", "2100")),
    fc.oneof(digits(2), fc.constantFrom("00", "01", "02", "12", "13")),
    fc.oneof(digits(2), fc.constantFrom("00", "28", "29", "30", "31", "32")),
    fc.constantFrom("T", "t", " ", "\t", "x", "TT"),
    fc.oneof(digits(2), fc.constantFrom("23", "24", "00")),
    fc.oneof(digits(2), fc.constantFrom("59", "60")),
    fc.oneof(digits(2), fc.constantFrom("59", "60", "61")),
    fc.constantFrom("", ".5", ".123456", "."),
    fc.constantFrom(
      "",
      "Z",
      "z",
      "+00:00",
      "-00:00",
      "+01:00",
      "-01:00",
      "+2359",
      "+24:00",
      "+00:60",
      "+05",
    ),
  )
  .map(
    ([y, mo, d, sep, h, mi, s, fraction, zone]) =>
      `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${fraction}${zone}`,
  );

it("agrees with ajv-formats' full date-time on date-time-like and arbitrary strings", () => {
  const edges = [
    "2024-02-29T12:00:00Z",
    "2023-02-29T12:00:00Z",
    "1900-02-29T00:00:00+00:00",
    "2000-02-29T00:00:00+00:00",
    "2016-12-31T23:59:60Z",
    "2016-12-31T18:59:60-05:00",
    "2016-12-31T23:59:60+01:00",
    "2026-11-24T18:02:03.123456+00:00",
    "2026-11-24T18:02:03",
  ];
  for (const value of edges) expect(isDateTime(value), value).toBe(full.validate(value));
  const agree = (value: string) => {
    expect(isDateTime(value), value).toBe(full.validate(value));
  };
  fc.assert(fc.property(dateTimeLike, agree), { numRuns: 20_000 });
  fc.assert(fc.property(fc.string(), agree), { numRuns: 2000 });
});
