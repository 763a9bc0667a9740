/**
 * The conformance suite as a library fails a faulty transport, saying what is wrong: the suite is
 * run by a vitest of its own (`npx vitest run` on fixtures/faulty-transports.conformance.ts, as a
 * user's project would) and its JSON report read back.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runVitest, type VitestRun } from "../harness/vitest-run.js";

let run: VitestRun;
let results: VitestRun["results"] = [];

beforeAll(async () => {
  run = await runVitest("test/testing/fixtures/vitest.config.ts");
  results = run.results;
}, 240_000);

/** The first failure message of the test named `name` on `target`, or why there is none. */
function failureOf(target: string, section: string, test: string): string {
  const fullName = `${section} on ${target} ${test}`;
  const result = results.find((r) => r.fullName === fullName);
  if (!result) return `no test named "${fullName}"`;
  if (result.status !== "failed") return `"${fullName}" ${result.status}`;
  return result.failureMessages[0] ?? "";
}

it("passes the correct memory transport, wrapped the same way (the fixture itself is sound)", () => {
  const control = results.filter((r) => r.fullName.includes(" on correct memory "));
  expect(control.length).toBeGreaterThan(10);
  expect(control.filter((r) => r.status !== "passed").map((r) => r.fullName)).toEqual([]);
  expect(run.exitCode).toBe(1);
});

describe("fails each faulty transport with a message naming the fault", () => {
  it("a transport that drops every tenth message: which messages were lost", () => {
    expect(
      failureOf(
        "drops every tenth message",
        "transport semantics",
        "delivers every published message to a subscriber exactly once",
      ),
    ).toMatch(/^AssertionError: lost 10 of 100 messages: expected \[ 'message 10', 'message 20'/);
  });

  it("a transport that ignores unsubscribe: a message delivered after unsubscribe()", () => {
    expect(
      failureOf(
        "ignores unsubscribe",
        "transport semantics",
        "stops delivering a pattern once it is unsubscribed, and keeps the connection's other subscriptions",
      ),
    ).toMatch(
      /^AssertionError: delivered a message after unsubscribe\(\): expected \[ 'before', 'after' \]/,
    );
  });

  it("a transport that matches + across levels: the pattern and what it wrongly received", () => {
    const message = failureOf(
      "delivers wildcard matches wrongly",
      "transport semantics",
      "matches + to exactly one level and a trailing # to every level below",
    );
    expect(message).toMatch(
      /^AssertionError: pattern "a2a\/ts-wild\/\+\/end" \(\+ is exactly one level\) received a2a\/ts-wild\/one\/two\/end, which it does not match/,
    );
  });
});
