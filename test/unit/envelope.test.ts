import { describe, expect, it } from "vitest";
import { Priority } from "../../src/index.js";
import {
  createEnvelope,
  decodeEnvelope,
  encodeEnvelope,
  isoTimestamp,
  MessageType,
} from "../../src/transport.js";
import { isExpired } from "../../src/wire/envelope.js";
import { SEED_ENVELOPE_KEYS } from "../wire/seed-envelope-keys.js";

describe("envelope", () => {
  it("writes timestamps with an explicit +00:00 offset, as Python's isoformat does", () => {
    expect(isoTimestamp(new Date(Date.UTC(2026, 10, 24, 18, 2, 3, 45)))).toBe(
      "2026-11-24T18:02:03.045+00:00",
    );
  });

  it("writes every instant as toISOString does, with +00:00: whole seconds, runs within one second, far years", () => {
    const expected = (ms: number) => `${new Date(ms).toISOString().slice(0, -1)}+00:00`;
    const instants: number[] = [];
    const base = Date.UTC(2026, 11, 31, 23, 59, 59, 0);
    // Each millisecond of a second and over into the next day, month and year; then jumps.
    for (let ms = base - 5; ms < base + 1010; ms++) instants.push(ms);
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 2000; i++) instants.push(Math.floor(random() * 4e12));
    instants.push(0, 999, 1000, -1, -1001, -62_167_219_200_001, 253_402_300_799_999);
    instants.push(253_402_300_800_000, 253_402_300_800_001, 8.64e15, -8.64e15, base + 999, base);
    for (const ms of instants) expect(isoTimestamp(new Date(ms)), String(ms)).toBe(expected(ms));
    expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("always has the seed's nine keys, null where unset, and round-trips", () => {
    const envelope = createEnvelope({
      sender_id: "a",
      recipient_id: null,
      message_type: MessageType.broadcast,
      payload: { broadcast_type: "x" },
    });
    expect(Object.keys(envelope)).toEqual([...SEED_ENVELOPE_KEYS]);
    expect(envelope).toMatchObject({
      priority: Priority.normal,
      correlation_id: null,
      expires_at: null,
    });
    const decoded = decodeEnvelope(encodeEnvelope(envelope));
    expect(decoded).toEqual({ ok: true, envelope });
  });

  it("encodes to JSON.stringify's UTF-8 bytes, each message its own, whatever its size", () => {
    const texts = ["", "x", "é", "€ and 😀", '\u0000"\\', "\ud800 lone", "y".repeat(5000)];
    // Sizes around the point where a message no longer shares memory with the ones before it.
    for (let n = 1300; n < 1400; n += 7) texts.push("z".repeat(n), "€".repeat(n / 3));
    const encoded: [Uint8Array, string][] = [];
    for (let round = 0; round < 40; round++)
      for (const text of texts) {
        const envelope = createEnvelope({
          sender_id: "a",
          recipient_id: "b",
          message_type: MessageType.request,
          payload: { text, round },
        });
        encoded.push([encodeEnvelope(envelope), JSON.stringify(envelope)]);
      }
    // Checked after all were made: a later message never overwrites an earlier one.
    for (const [bytes, json] of encoded) {
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(bytes).equals(Buffer.from(json, "utf8"))).toBe(true);
    }
  });

  it("reads the seed's microsecond timestamps", () => {
    const bytes = seedRequest({
      correlation_id: "c",
      expires_at: "2026-11-24T18:13:46.511036+00:00",
    });
    expect(decodeEnvelope(bytes).ok).toBe(true);
  });

  it("reads a message without correlation_id or expires_at (the seed's defaults) as null", () => {
    const decoded = decodeEnvelope(seedRequest({}));
    expect(decoded.ok && decoded.envelope).toMatchObject({
      correlation_id: null,
      expires_at: null,
    });
    expect(decoded.ok && Object.keys(decoded.envelope).sort()).toEqual(
      [...SEED_ENVELOPE_KEYS].sort(),
    );
  });
});

/** A request as the seed's to_json writes it (microsecond timestamp), with `extra` keys. */
function seedRequest(extra: Record<string, unknown>): Uint8Array {
  const message = {
    id: "1",
    sender_id: "s",
    recipient_id: "r",
    message_type: "request",
    priority: 4,
    timestamp: "2026-11-24T18:13:16.511036+00:00",
    payload: { request_type: "x" },
    ...extra,
  };
  return new TextEncoder().encode(JSON.stringify(message));
}

describe("expiry", () => {
  it("tells expired from live messages, also for instants it has read before", () => {
    const now = Date.now();
    const at = (ms: number) => ({
      ...createEnvelope({
        sender_id: "a",
        recipient_id: "b",
        message_type: MessageType.request,
        payload: {},
      }),
      expires_at: isoTimestamp(new Date(ms)),
    });
    const past = at(now - 1);
    const future = at(now + 60_000);
    // The seed's microseconds, read for the first time here.
    const seedPast = { ...past, expires_at: "2020-01-01T00:00:00.123456+00:00" };
    for (let i = 0; i < 3; i++) {
      expect(isExpired(past, now)).toBe(true);
      expect(isExpired(future, now)).toBe(false);
      expect(isExpired(seedPast, now)).toBe(true);
      expect(isExpired({ ...future, expires_at: null }, now)).toBe(false);
    }
  });
});
