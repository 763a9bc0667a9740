import { describe, expect, it } from "vitest";
import { createDispatcher, type Job, type ShedReason } from "../../src/inbound/dispatcher.js";

/** A test's job: it says itself how it runs and what being shed does. */
interface TestJob extends Job {
  run(): Promise<void> | undefined;
  shed(why: ShedReason): void;
}

/** The dispatcher's bounds, with jobs that run and shed themselves. */
const bounds = (concurrency: number, maxQueue: number, maxQueueBytes?: number) =>
  createDispatcher<TestJob>({
    concurrency,
    maxQueue,
    ...(maxQueueBytes === undefined ? {} : { maxQueueBytes }),
    run: (job) => job.run(),
    shed: (job, why) => job.shed(why),
  });

/** A job of normal priority that is never shed in these tests. */
const normal = (run: TestJob["run"]): TestJob => ({ priority: 2, run, shed: () => {} });

describe("dispatcher", () => {
  it("runs waiting jobs highest priority first, first come first served within a priority", async () => {
    const dispatcher = bounds(1, 100);
    const order: string[] = [];
    let release!: () => void;
    const blocker = new Promise<void>((r) => {
      release = r;
    });
    const job = (label: string, priority: number, wait?: Promise<void>) => ({
      priority,
      run: async () => {
        await wait;
        order.push(label);
      },
      shed: () => order.push(`shed ${label}`),
    });
    dispatcher.submit(job("first", 1, blocker));
    for (const [label, p] of [
      ["l1", 1],
      ["n1", 2],
      ["u1", 4],
      ["h1", 3],
      ["l2", 1],
      ["u2", 4],
    ] as const)
      dispatcher.submit(job(label, p));
    expect(dispatcher.queued).toBe(6);
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(["first", "u1", "u2", "h1", "n1", "l1", "l2"]);
  });

  it("sheds the lowest priority, newest job when the backlog overflows", () => {
    const dispatcher = bounds(1, 2);
    const shed: string[] = [];
    const job = (label: string, priority: number) => ({
      priority,
      run: () => new Promise<void>(() => {}),
      shed: () => shed.push(label),
    });
    dispatcher.submit(job("running", 2));
    dispatcher.submit(job("low-old", 1));
    dispatcher.submit(job("high", 3));
    dispatcher.submit(job("low-new", 1));
    expect(shed).toEqual(["low-new"]);
    dispatcher.submit(job("urgent", 4));
    expect(shed).toEqual(["low-new", "low-old"]);
    dispatcher.drain();
    expect(shed.sort()).toEqual(["high", "low-new", "low-old", "urgent"]);
  });

  it("sheds the lowest priority, newest jobs while the backlog's bytes are over maxQueueBytes", () => {
    const dispatcher = bounds(1, 100, 1000);
    const shed: string[] = [];
    const job = (label: string, priority: number, size: number) => ({
      priority,
      size,
      run: () => new Promise<void>(() => {}),
      shed: () => shed.push(label),
    });
    dispatcher.submit(job("running", 2, 900)); // runs at once: not in the backlog
    dispatcher.submit(job("low", 1, 400));
    dispatcher.submit(job("normal", 2, 400));
    expect([shed, dispatcher.queuedBytes]).toEqual([[], 800]);
    // 300 more bytes: over the limit, and the low one goes, though the count is far from full.
    dispatcher.submit(job("high", 3, 300));
    expect([shed, dispatcher.queued, dispatcher.queuedBytes]).toEqual([["low"], 2, 700]);
    // A job larger than the whole limit is shed alone, whatever its priority.
    dispatcher.submit(job("huge", 4, 2000));
    expect([shed, dispatcher.queuedBytes]).toEqual([["low", "huge"], 700]);
  });

  it("runs a backlog of jobs that finish at once in order, without nesting, and frees their slots", async () => {
    const dispatcher = bounds(1, 100_000);
    const order: number[] = [];
    let release!: () => void;
    dispatcher.submit(
      normal(
        () =>
          new Promise<void>((r) => {
            release = r;
          }),
      ),
    );
    // Far more synchronous jobs than the stack would take if each started the next one.
    const count = 50_000;
    for (let i = 0; i < count; i++) dispatcher.submit(normal(() => void order.push(i)));
    expect(dispatcher.queued).toBe(count);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(order.length).toBe(count);
    expect(order.every((n, i) => n === i)).toBe(true);
    expect(dispatcher.active).toBe(0);
    expect(dispatcher.queued).toBe(0);
  });

  it("counts a job that throws as done", () => {
    const dispatcher = bounds(1, 10);
    const ran: string[] = [];
    dispatcher.submit(
      normal(() => {
        throw new Error("broken job");
      }),
    );
    dispatcher.submit(normal(() => void ran.push("next")));
    expect(ran).toEqual(["next"]);
    expect(dispatcher.active).toBe(0);
  });

  it("runs work a job submitted while it held the last slot, once that job is done at once", () => {
    const dispatcher = bounds(1, 10);
    const ran: string[] = [];
    dispatcher.submit(
      normal(() => {
        dispatcher.submit(normal(() => void ran.push("inner")));
        expect(dispatcher.queued).toBe(1);
        ran.push("outer");
        return undefined;
      }),
    );
    expect(ran).toEqual(["outer", "inner"]);
    expect(dispatcher.queued).toBe(0);
    expect(dispatcher.active).toBe(0);
  });
});
