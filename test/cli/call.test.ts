/** `parley call` sends one request and prints the response, the stream, or the typed error. */
import { describe, expect, it } from "vitest";
import { cliBrokers, useBrokerWithWorker } from "./cli-fixtures.js";
import { runParley, stderrLines } from "./parley-process.js";

describe.each(cliBrokers)("parley call on $name", ({ start }) => {
  const mesh = useBrokerWithWorker(start);
  const call = (...args: string[]) => runParley(["call", "--url", mesh.broker.url, ...args]);

  it("prints the response as pretty JSON, with a note that no contract checked it", async () => {
    const result = await call("--to", "worker", "--type", "double", "--data", '{"x":21}');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{\n  "y": 42\n}\n');
    expect(stderrLines(result)).toEqual(["note: no contract for double: sent as given"]);
  });

  it("checks a request against its contract before sending it, and refuses an invalid one", async () => {
    const result = await call(
      "--to",
      "worker",
      "--type",
      "knowledge_search",
      "--data",
      '{"query":7}',
    );
    expect(result.code).toBe(1);
    expect(stderrLines(result)).toEqual([
      expect.stringMatching(
        /^parley call: invalid_request: request for "knowledge_search" is invalid: \/query /,
      ),
    ]);
  });

  it("reads the payload from stdin with --data -", async () => {
    const args = ["--to", "worker", "--type", "double", "--data", "-", "--json"];
    const result = await runParley(
      ["call", "--url", mesh.broker.url, ...args],
      {},
      '{\n "x": 5\n}\n',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"y":10}\n');
  });

  it("connects to PARLEY_URL when --url is not given", async () => {
    const args = ["call", "--to", "worker", "--type", "double", "--data", '{"x":3}', "--json"];
    const result = await runParley(args, { PARLEY_URL: mesh.broker.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"y":6}\n');
  });

  it("prints compact JSON on one line with --json", async () => {
    const result = await call("--to", "worker", "--type", "double", "--data", '{"x":4}', "--json");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"y":8}\n');
  });

  it("exits 1 with the error code on stderr for an unknown request type", async () => {
    const result = await call("--to", "worker", "--type", "triple", "--data", '{"x":1}');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(stderrLines(result).at(-1)).toMatch(/^parley call: unknown_request_type: .*"triple"/);
  });

  it("exits 1 with handler_failed and the handler's message when the handler throws", async () => {
    const result = await call("--to", "worker", "--type", "explode");
    expect(result.code).toBe(1);
    expect(stderrLines(result).at(-1)).toMatch(/^parley call: handler_failed: .*boom/);
  });

  it("exits 1 with timeout when nobody answers in time", async () => {
    const result = await call("--to", "nobody", "--type", "double", "--timeout", "0.3");
    expect(result.code).toBe(1);
    expect(stderrLines(result).at(-1)).toMatch(/^parley call: timeout: /);
  });

  it("prints each streamed part on its own line, then the response", async () => {
    const result = await call("--to", "worker", "--type", "count", "--data", '{"n":3}', "--stream");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"i":0}\n{"i":1}\n{"i":2}\n{\n  "done": true\n}\n');
  });

  it("prints stream events as JSON lines with --stream --json", async () => {
    const result = await call(
      ...["--to", "worker", "--type", "count", "--data", '{"n":2}', "--stream", "--json"],
    );
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { kind: "part", seq: 0, data: { i: 0 } },
      { kind: "part", seq: 1, data: { i: 1 } },
      { kind: "response", data: { done: true } },
    ]);
  });
});
