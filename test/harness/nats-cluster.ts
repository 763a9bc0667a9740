/**
 * A private three-node nats-server cluster on free loopback ports. Each node routes to the other
 * two; `startNatsCluster` resolves once every node reports both routes (from its monitoring
 * endpoint), so messages published on one node reach subscribers on the others.
 */
import { freePort } from "./free-port.js";
import { type NatsServer, startNatsServer } from "./nats-server.js";

/** A running cluster. */
export interface NatsCluster {
  readonly nodes: readonly NatsServer[];
  /** Client URLs of all nodes, in node order. */
  readonly urls: readonly string[];
  /** Stops every node. Idempotent. */
  stop(): Promise<void>;
}

const CLUSTER_SIZE = 3;
const ROUTES_TIMEOUT_MS = 15_000;

async function routeCount(monitorPort: number): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${monitorPort}/routez`);
    const body = (await res.json()) as { num_routes?: number };
    return body.num_routes ?? 0;
  } catch {
    return 0;
  }
}

/** Resolves once the node behind `monitorPort` has `expected` routes, or rejects after a timeout. */
async function waitForRoutes(
  monitorPort: number,
  expected: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + ROUTES_TIMEOUT_MS;
  while ((await routeCount(monitorPort)) < expected) {
    if (Date.now() > deadline) {
      throw new Error(
        `nats cluster node did not get ${expected} routes in ${ROUTES_TIMEOUT_MS} ms:\n${output()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts three routed nats-server nodes on loopback. */
export async function startNatsCluster(): Promise<NatsCluster> {
  const clusterPorts: number[] = [];
  const monitorPorts: number[] = [];
  for (let i = 0; i < CLUSTER_SIZE; i++) {
    clusterPorts.push(await freePort());
    monitorPorts.push(await freePort());
  }
  const routeUrl = (port: number) => `nats://127.0.0.1:${port}`;
  const nodes: NatsServer[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    for (let i = 0; i < CLUSTER_SIZE; i++) {
      const routes = clusterPorts.filter((_, j) => j !== i).map(routeUrl);
      const extraArgs = [
        ["-n", `parley-node-${i}`],
        ["-m", String(monitorPorts[i])],
        ["--cluster_name", "parley-test"],
        ["--cluster", routeUrl(clusterPorts[i] as number)],
        ["--routes", routes.join(",")],
      ].flat();
      nodes.push(await startNatsServer({ extraArgs }));
    }
    await Promise.all(
      nodes.map((node, i) =>
        waitForRoutes(monitorPorts[i] as number, CLUSTER_SIZE - 1, node.output),
      ),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes, urls: nodes.map((node) => node.url), stop };
}
