import { describe, expect, it } from "vitest";
import { callbackPublish, type PublishCallback } from "../../transports/callback-publish.js";
import { PUBLISHED } from "../../transports/transport.js";

describe("publishing through a client library's callback", () => {
  it("returns the shared PUBLISHED promise when the library called back before returning", async () => {
    const sent = callbackPublish((done) => done());
    expect(sent).toBe(PUBLISHED);
    await expect(sent).resolves.toBeUndefined();
  });

  it("rejects, never throws, when the library fails at once or throws", async () => {
    const failedAtOnce = callbackPublish((done) => done(new Error("client disconnecting")));
    await expect(failedAtOnce).rejects.toThrow("client disconnecting");
    const thrown = callbackPublish(() => {
      throw new Error("bad topic");
    });
    await expect(thrown).rejects.toThrow("bad topic");
  });

  it("waits for a callback that comes later (a backed-up socket, a broker's acknowledgement)", async () => {
    const later: PublishCallback[] = [];
    const acked = callbackPublish((done) => later.push(done));
    const refused = callbackPublish((done) => later.push(done));
    expect(acked).not.toBe(PUBLISHED);
    let settled = false;
    void acked.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    later[0]?.();
    later[1]?.(new Error("not authorized"));
    await expect(acked).resolves.toBeUndefined();
    await expect(refused).rejects.toThrow("not authorized");
    expect(settled).toBe(true);
  });

  it("settles once: a second call of the callback changes nothing", async () => {
    const twice = callbackPublish((done) => {
      done();
      done(new Error("late"));
    });
    expect(twice).toBe(PUBLISHED);
    let later: PublishCallback = () => {};
    const once = callbackPublish((done) => {
      later = done;
    });
    later();
    later(new Error("late"));
    await expect(once).resolves.toBeUndefined();
  });
});
