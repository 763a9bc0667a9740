"""A seed agent (the seed's own A2AProtocol, unchanged) driven over stdin/stdout by the interop test.

Usage: seed_agent.py SEED_DIR HOST PORT AGENT_ID
Reads one JSON command per line on stdin and writes one JSON event per line on stdout:
  {"cmd": "discover"}                            -> broadcasts agent_discovery (as the seed's coordinator does)
  {"cmd": "request", "to", "type", "payload"}   -> {"event": "response", "type", "payload"} or {"event": "request_failed", ...}
  {"cmd": "known"}                               -> {"event": "known", "agents": {...}}
  {"cmd": "stop"}                                -> {"event": "stopped", "errors": [...], "updates": [...]} and exit
"""
import asyncio
import json
import sys

sys.path.insert(0, sys.argv[1])
from seed_a2a import A2AProtocol  # noqa: E402

host, port, agent_id = sys.argv[2], int(sys.argv[3]), sys.argv[4]


def emit(event: dict) -> None:
    print(json.dumps(event, default=str), flush=True)


async def main() -> None:
    protocol = A2AProtocol(agent_id, host, port)
    updates = []

    async def echo(payload):
        return {"echo": payload, "agent": agent_id}

    async def explode(payload):
        raise ValueError("Unsupported task type: teleport")

    async def on_update(payload):
        updates.append(payload)

    protocol.register_request_handler("seed_echo", echo)
    protocol.register_request_handler("seed_explode", explode)
    protocol.register_request_handler("broadcast_system_update", on_update)
    await protocol.connect()
    await protocol.announce_agent()
    emit({"event": "ready"})

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            break
        command = json.loads(line)
        cmd = command["cmd"]
        if cmd == "discover":
            await protocol.broadcast_message("agent_discovery", {"requesting_capabilities": True})
            emit({"event": "discovering"})
        elif cmd == "request":
            try:
                result = await protocol.send_request(command["to"], command["type"], command["payload"], timeout=10)
                emit({"event": "response", "type": command["type"], "payload": result})
            except Exception as e:
                emit({"event": "request_failed", "type": command["type"], "error": repr(e)})
        elif cmd == "known":
            emit({"event": "known", "agents": protocol.known_agents})
        elif cmd == "stop":
            await asyncio.sleep(0.3)  # let in-flight messages be parsed before reporting
            emit({"event": "stopped", "errors": protocol.errors, "updates": updates})
            await protocol.disconnect()
            return


asyncio.run(main())
