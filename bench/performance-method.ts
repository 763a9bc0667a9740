/**
 * The fixed prose of docs/performance.md: how to run the bench and how it measures. Kept apart
 * from the figures (bench/performance-page.ts) so that a new run changes only the tables.
 */

export const RUNNING = `\`\`\`sh
npm run bench                      # everything, 3 interleaved rounds, median (15-25 min on 2 cores)
npm run bench -- --quick           # one short round, presence up to 100 agents, no codegen timing (under a minute)
npm run bench -- --only nats       # the scenarios whose id contains "nats", and their ratios' baselines (\`presence\` for that part alone)
npm run bench -- --rounds 5        # more rounds (median of 5): steadier ratios, for comparing two commits
npm run bench -- --write-docs      # also refresh docs/bench-report.json, docs/bench-chart.svg and this page
npm run docs:performance           # this page again from docs/bench-report.json, without a run
node --expose-gc --import tsx bench/validation-cost.ts   # validation cost alone (about 10 s)
\`\`\`

Profiling: after \`npx tsc -p tsconfig.bench.json\`, \`node .bench-build/bench/profile-rr.js
memory|mqtt|nats|websocket\` prints CPU µs per request in one process (steadier than req/s; add
\`--cpu-prof\` for a profile), \`node .bench-build/bench/cpu-per-process.js parley mqtt3 0\` the CPU
µs per request of each process, and \`node .bench-build/bench/cpu-ratio.js mqtt3|mqtt5|hub [qos]\`
Parley's and its raw baseline's CPU per request in one process, round after round, with their ratio.
\`node .bench-build/bench/interceptor-overhead.js\` gives the same, interleaved, for plain agents,
agents with an empty pass-through interceptor, and agents with OpenTelemetry but no SDK.`;

export const METHOD = `\`npm run bench\` compiles Parley and the harness with \`tsc\` (into \`.bench-build/\`, ignored by
git) and runs that JavaScript, as users run the package's \`dist/\`: under \`tsx\` every closure
Parley makes per message would pay for esbuild's \`keepNames\` wrapper, which the raw clients and
Moleculer, plain JavaScript, never do.

Each scenario echoes a 100-byte JSON body. The broker (a private mosquitto with
\`set_tcp_nodelay true\`, another as shipped, with Nagle on, a private nats-server, the embedded
aedes broker, the WebSocket hub, a minimal raw WebSocket relay), the responder and the requester
are separate processes on free loopback ports; the memory transport and the JSON floor run in
one process. The scenarios compared with each other (the rows of one transport, and the rows
their ratios divide by) run together: each on a fresh responder and requester process of its own
(no client library's code arrives JIT-compiled by another scenario), all connected at once; each
warms up in turn, then at each of 1, 10, 100 and 1,000 requests in flight (closed loop) they take
turns in three windows of 0.5 s (A B C, C B A, A B C), so a slow moment of the shared machine is
likely to fall on all of them. A ratio (and a p50 difference) is taken within a round; the
figures are medians of the rounds. On a shared virtual machine that is not enough alone: one
virtual CPU can run at two thirds of the other's speed for seconds (the host's load; no steal
time shows inside), and two processes compared with each other that sat on different CPUs would
differ by that much with no difference in code. So the in-process scenarios (the memory
transport and its floor) all run on the last CPU (\`taskset\`; the report's \`pinning\` says what
was done): two processes running the same code in alternate windows gave ratios (per six
windows) of 0.94 to 1.33 unpinned, 0.97 to 1.07 on the same CPU and up to 1.53 on different CPUs.
Over a broker nothing is pinned: requester, responder and broker pinned apart wake each other
across CPUs for every message, a cost the same for every client (a quarter less throughput in a
trial) that would pull every ratio towards 1.
The run prints tables and writes \`bench/results/report.json\` (per scenario and in-flight level:
req/s, p50/p99 µs, ratio to the raw client of the same transport and to Moleculer on the same
broker), \`summary.md\` and \`bench-chart.svg\`. Every broker and
child process is killed at the end, on an error and on Ctrl-C.

"Raw" is: mqtt.js with an MQTT 5 response topic and correlation data (MQTT 5), or the correlation
id and reply topic in a JSON wrapper (3.1.1), no-delay on its socket; nats.js \`nc.request\`, with
and without \`noAsyncTraces\`; \`ws\` multiplexed by id, through a minimal relay (it routes by the
name on a frame's first line and parses nothing: the same two hops as Parley through the hub; the
ratio is taken against it) and straight to the responder (the ceiling). In one process there is
no client library: the memory transport's "x raw" is its ratio to the JSON floor of a round trip
in the same run, what any round trip over an in-process transport must do and nothing else: the
request and the response envelope, byte for byte as Parley writes them, each to UTF-8 bytes and
back to an object (no ids or instants made, nothing checked, routed or delivered). Over NATS a floor of
the same kind runs beside them: raw nats.js carrying the seed's envelopes as Parley writes them (a
fresh UUID and instant each, replies matched by correlation id, nothing checked); "x floor" is
Parley's ratio to it, and the floor's own "x Moleculer" bounds what any agent that speaks the
seed's wire format can reach against Moleculer there. Moleculer 0.15
uses its NATS and MQTT transporters (the latter with mqtt.js defaults: 3.1.1, QoS 0). Parley runs
without contracts, over the network and in memory (the raw clients and the floor check nothing
either; validation's cost is under "Also measured"), with default options except \`qos\` (the
row's QoS for requests and responses) and a responder \`concurrency\` of 2,000.

Absolute figures move by 1.5-2x between runs with the machine's load, and a ratio by ±15%
whenever its two rows drift apart within a run: read one row against its neighbours, not across
runs or machines.`;

export const PRESENCE = `With the seed's heartbeats every agent hears every agent, N² per interval (at the seed's 30 s,
1,000 agents cost 33,000 deliveries a second, forever). With retained cards and a Last Will an
idle mesh sends nothing; a load or card change, a death or a seed agent's heartbeat reaches N
agents. Start-up stays O(N²) for a whole mesh (every directory learns N - 1 others: cards,
announcements, discovery answers); convergence is bounded by the one process decoding millions
of messages, not by the broker. \`discoverOnConnect: false\` drops the discovery answers (about
N²/2), which agents across a hub bridge need.`;

export const NAGLE = `The rows "stock mosquitto: Nagle on" run against a mosquitto with its shipped
\`set_tcp_nodelay false\`. Parley sets no-delay on its own sockets, so at QoS 1 only the broker's
stall is left, where mqtt.js with its defaults stalls on both sides. Both vanish with
\`set_tcp_nodelay true\` ([transports/mqtt.md](transports/mqtt.md#what-it-needs)). Under load (100
in flight and more) segments fill before the timer and the stall fades for both.`;
