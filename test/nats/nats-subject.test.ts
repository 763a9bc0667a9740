import { describe, expect, it } from "vitest";
import {
  addressToSubject,
  decodeLevel,
  encodeLevel,
  patternToSubjects,
  subjectToAddress,
} from "../../transports/nats/nats-subject.js";

describe("NATS subject mapping", () => {
  it("maps plain addresses level for level", () => {
    expect(addressToSubject("a2a/alexai-main/request")).toBe("a2a.alexai-main.request");
    expect(subjectToAddress("a2a.alexai-main.request")).toBe("a2a/alexai-main/request");
  });

  it("escapes what NATS reserves, and only that", () => {
    expect(encodeLevel("my.agent")).toBe("my%2Eagent");
    expect(encodeLevel("a*b>c%d")).toBe("a%2Ab%3Ec%25d");
    expect(encodeLevel("tab\there")).toBe("tab%09here");
    expect(encodeLevel("sp ace\u007f")).toBe("sp%20ace%7F");
    expect(encodeLevel("ünï-côdé_$@!")).toBe("ünï-côdé_$@!");
    expect(addressToSubject("a2a/node.eu-1/ping")).toBe("a2a.node%2Eeu-1.ping");
  });

  it.each([
    "plain",
    "dotted.agent.id",
    "*",
    ">",
    "%",
    "%2E",
    "100%",
    "a>b*c.d%e",
    "ünï.côdé",
    "ctl\u0001\u001f",
  ])("round-trips the level %j", (level) => {
    const token = encodeLevel(level);
    expect(token).not.toMatch(/[.*> ]/);
    expect(decodeLevel(token)).toBe(level);
    const address = `a2a/${level}/request`;
    const subject = addressToSubject(address);
    expect(subject.split(".")).toHaveLength(3);
    expect(subjectToAddress(subject)).toBe(address);
  });

  it.each([
    ["a stray percent", "a2a.100%.x"],
    ["lowercase hex", "a2a.my%2eagent.x"],
    ["an escape of a character that needs none", "a2a.%41gent.x"],
    ["a slash inside a token", "a2a.a/b.x"],
    ["an MQTT wildcard inside a token", "a2a.+.x"],
    ["an empty token", "a2a..x"],
  ])("refuses a subject with %s", (_, subject) => {
    expect(subjectToAddress(subject)).toBeUndefined();
  });

  it("maps + to * and a lone # to >", () => {
    expect(patternToSubjects("a2a/+/request")).toEqual(["a2a.*.request"]);
    expect(patternToSubjects("#")).toEqual([">"]);
    expect(patternToSubjects("a2a/my.agent/+")).toEqual(["a2a.my%2Eagent.*"]);
  });

  it("subscribes a trailing # to the parent level as well, as MQTT matches it", () => {
    expect(patternToSubjects("a2a/#")).toEqual(["a2a", "a2a.>"]);
    expect(patternToSubjects("a2a/+/#")).toEqual(["a2a.*", "a2a.*.>"]);
  });
});
