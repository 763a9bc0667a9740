/**
 * The hub-restart scenario where requests used to be lost: a responder and a requester agent on
 * a hub; the responder is kept away (a gate proxy between it and the hub) while the requester
 * sends requests, the hub restarts on the same port, and the requester reconnects FIRST and
 * sends its pending requests again; only then may the responder back in. The order is forced by
 * the gate, not left to random reconnect delays. Returns how every request ended.
 */
import { type Agent, createAgent } from "../../src/index.js";
import type { Transport } from "../../transports/transport.js";
import { createWebSocketTransport, type WebSocketHub } from "../../transports/websocket/node.js";
import { startGateProxy } from "../harness/gate-proxy.js";
import { onCleanup, waitForStatus } from "./fixture.js";

/** Resolves once `count` more publishes were answered; see {@link countingAnswers}. */
type AnswerCounter = (count: number) => Promise<void>;

/**
 * The transport, counting the publishes to `address` the hub answered, with an ack or a refusal
 * (so the test knows the hub has dealt with the requests).
 */
function countingAnswers(
  inner: Transport,
  address: string,
): { transport: Transport; answered: AnswerCounter } {
  let answers = 0;
  const count = () => {
    answers++;
    for (const waiter of waiters.filter((w) => answers >= w.at)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const waiters: { at: number; resolve: () => void }[] = [];
  const transport: Transport = {
    name: inner.name,
    get features() {
      return inner.features;
    },
    connect: (options) => inner.connect(options),
    close: () => inner.close(),
    publish: (to, bytes, options) => {
      const sent = inner.publish(to, bytes, options);
      if (to !== address) return sent;
      void sent.then(count, count);
      return sent;
    },
    subscribe: (pattern, deliver, options) => inner.subscribe(pattern, deliver, options),
    onStatus: (listener) => inner.onStatus(listener),
  };
  const answered: AnswerCounter = (more) => {
    const at = answers + more;
    return new Promise((resolve) => waiters.push({ at, resolve }));
  };
  return { transport, answered };
}

function agentOn(id: string, transport: Transport): Agent {
  const agent = createAgent({ id, transport, heartbeatIntervalMs: 200 });
  onCleanup(() => agent.close());
  return agent;
}

/** How each request ended: its answer, or its error's name and code. */
export type Outcome = { answer: unknown } | { error: string; code: string | undefined };

/**
 * Runs the scenario with `requests` requests against hubs `start` makes (`port` set: the
 * restarted one). The agents reconnect fast (20 to 200 ms), so a request that is not lost is
 * answered well within `timeoutMs`.
 */
export async function requesterFirstRestart(
  start: (port?: number) => Promise<WebSocketHub>,
  requests: number,
  timeoutMs: number,
): Promise<{ outcomes: Outcome[]; restarted: WebSocketHub; requester: Agent }> {
  const hub = await start();
  const gate = await startGateProxy(hub.port);
  onCleanup(() => gate.stop());
  const fast = { reconnectDelayMs: 20, reconnectMaxDelayMs: 200 };
  const responderTransport = createWebSocketTransport({
    url: `ws://127.0.0.1:${gate.port}`,
    ...fast,
  });
  const responder = agentOn("responder", responderTransport);
  responder.handle<{ n: number }>("echo", ({ n }) => ({ n }));
  await responder.connect();
  const counted = countingAnswers(
    createWebSocketTransport({ url: hub.url, ...fast }),
    "a2a/responder/request",
  );
  const requester = agentOn("requester", counted.transport);
  await requester.connect();
  await requester.request("responder", "echo", { n: -1 }, { timeout: timeoutMs });

  // The responder goes; the requests are sent while it is away, and the hub answers them.
  const away = waitForStatus(responderTransport, (s) => s.state === "disconnected");
  gate.shut();
  await away;
  const sentOnce = counted.answered(requests);
  const answers = Array.from({ length: requests }, (_, n) =>
    requester.request("responder", "echo", { n }, { timeout: timeoutMs }).then(
      (answer): Outcome => ({ answer }),
      (error: { name?: string; code?: string }): Outcome => ({
        error: String(error.name),
        code: error.code,
      }),
    ),
  );
  await sentOnce;

  // The hub restarts; the requester is back first and sends its pending requests again.
  const resumed = waitForStatus(counted.transport, (s) => s.state === "connected");
  await hub.close();
  const restarted = await start(hub.port);
  const resentAnswered = counted.answered(requests);
  await resumed;
  await resentAnswered;

  // Only now may the responder back in.
  gate.open();
  return { outcomes: await Promise.all(answers), restarted, requester };
}
