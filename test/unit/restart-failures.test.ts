import { describe, expect, it } from "vitest";
import { ErrorCode, ParleyError } from "../../src/errors/parley-error.js";
import { OfflineRecipients } from "../../src/outbound/offline-recipients.js";
import { PendingRequests } from "../../src/outbound/pending-requests.js";
import { Directory } from "../../src/presence/directory.js";

const FAR_AWAY = 10 * 60_000;

/** A caller's directory and pending requests, wired as an agent wires them (grace: a minute). */
function caller(requestQoS: 0 | 1 = 1) {
  const pending = new PendingRequests(() => {
    throw new Error("no request here should reach its deadline");
  });
  const settled = new Map<string, string>();
  let offline: OfflineRecipients | undefined;
  const directory = new Directory(
    {
      online: () => {},
      offline: (info) => offline?.wentOffline(info),
      restarted: (info, previous) => offline?.restarted(info, previous),
    },
    90_000,
    1_000,
  );
  offline = new OfflineRecipients({
    directory,
    graceMs: 60_000,
    requestQoS,
    hasPending: () => pending.size > 0,
    rejectWhere: (which, error) => pending.rejectWhere(which, error),
  });
  const send = (id: string, to: string) =>
    pending.add(id, {
      to,
      requestType: "work",
      sentAt: Date.now(),
      timeoutMs: FAR_AWAY,
      resolve: () => settled.set(id, "answered"),
      reject: (error: ParleyError) =>
        settled.set(id, `${error.code}${error.details.restarted === true ? " (restarted)" : ""}`),
      stream: undefined,
      envelope: undefined,
    });
  const close = () => {
    offline?.stop();
    pending.rejectAll(() => new ParleyError(ErrorCode.closed, "closed"));
  };
  return { directory, offline, pending, settled, send, close };
}

describe("the requests a restart fails", () => {
  it("fails those pending to the restarted agent at once, within the grace, and nothing else", () => {
    const { directory, settled, send, close } = caller();
    directory.seen("worker", { instance_id: "one" });
    directory.seen("other", { instance_id: "x" });
    send("r1", "worker");
    send("r2", "other");
    directory.markOffline("worker", "connection_lost");
    directory.seen("worker", { instance_id: "two" });
    expect(Object.fromEntries(settled)).toEqual({ r1: "unavailable (restarted)" });
    close();
  });

  it("keeps them waiting when the agent's requests survive its absence and ours went at QoS 1", () => {
    const { directory, settled, send, close } = caller(1);
    directory.seen("worker", { instance_id: "one", requests_survive_absence: true });
    send("r1", "worker");
    directory.seen("worker", { instance_id: "two", requests_survive_absence: true });
    expect(directory.get("worker")?.instanceId).toBe("two");
    expect(settled.size).toBe(0);
    close();
  });

  it("fails them anyway when ours went at QoS 0 (the broker holds none)", () => {
    const { directory, settled, send, close } = caller(0);
    directory.seen("worker", { instance_id: "one", requests_survive_absence: true });
    send("r1", "worker");
    directory.seen("worker", { instance_id: "two", requests_survive_absence: true });
    expect(Object.fromEntries(settled)).toEqual({ r1: "unavailable (restarted)" });
    close();
  });

  it("keeps a request to a pool waiting while another member is online, else fails it", () => {
    const { directory, settled, send, close } = caller();
    directory.seen("a", { instance_id: "a1", pools: ["shared", "alone"] });
    directory.seen("b", { instance_id: "b1", pools: ["shared"] });
    send("to-shared", "shared");
    send("to-alone", "alone");
    directory.seen("a", { instance_id: "a2" });
    expect(Object.fromEntries(settled)).toEqual({ "to-alone": "unavailable (restarted)" });
    close();
  });
});
