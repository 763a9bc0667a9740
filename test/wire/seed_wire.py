"""Checks Parley's wire messages with the seed protocol's own code, and makes seed messages.

Usage: seed_wire.py SEED_DIR check   < one JSON message per line  -> one JSON verdict per line
       seed_wire.py SEED_DIR produce                              -> one seed message per line
The seed's A2AMessage.from_json builds its dataclass with cls(**data): an unknown envelope key,
a missing required key, an unknown message_type or priority, or a timestamp Python cannot read
all raise. Expiry is compared the way the seed's _handle_message does, with an aware datetime.
"""
import json
import sys
import uuid
from datetime import datetime, timedelta, timezone

sys.path.insert(0, sys.argv[1])
from seed_a2a import A2AMessage, MessagePriority, MessageType  # noqa: E402


def check(line: str) -> dict:
    try:
        message = A2AMessage.from_json(line)
        now = datetime.now(timezone.utc)
        _ = message.expires_at and now > message.expires_at  # raises for naive datetimes
        _ = now - message.timestamp
        return {"ok": True, "message_type": message.message_type.value, "payload": message.payload}
    except Exception as e:  # the seed logs "Failed to process A2A message" here
        return {"ok": False, "error": repr(e)}


def produce() -> list:
    now = datetime.now(timezone.utc)
    def msg(**kw):
        base = dict(id=str(uuid.uuid4()), sender_id="seed-agent", recipient_id=None,
                    message_type=MessageType.BROADCAST, priority=MessagePriority.NORMAL,
                    timestamp=now, payload={})
        base.update(kw)
        return A2AMessage(**base).to_json()
    return [
        msg(recipient_id="parley-agent", message_type=MessageType.REQUEST,
            payload={"request_type": "delegate_task", "task_type": "knowledge_search",
                     "task_data": {"query": "q"}, "delegating_agent": "seed-agent"},
            correlation_id=str(uuid.uuid4())),
        msg(recipient_id="parley-agent", message_type=MessageType.REQUEST,
            payload={"request_type": "delegate_task"}, correlation_id=str(uuid.uuid4()),
            expires_at=now + timedelta(seconds=30)),
        msg(recipient_id="parley-agent", message_type=MessageType.RESPONSE,
            payload={"status": "completed", "result": {"x": 1}, "agent_id": "seed-agent"},
            correlation_id=str(uuid.uuid4())),
        msg(recipient_id="parley-agent", message_type=MessageType.RESPONSE,
            payload={"error": "Unsupported task type: x", "request_type": "delegate_task"},
            correlation_id=str(uuid.uuid4())),
        msg(priority=MessagePriority.HIGH,
            payload={"broadcast_type": "agent_announcement",
                     "agent_info": {"name": "AlexAI", "version": "1.0.0",
                                    "capabilities": ["chat", "knowledge_base_search"],
                                    "description": "AI Personal Assistant"}}),
        msg(payload={"broadcast_type": "agent_discovery", "requesting_capabilities": True}),
        msg(payload={"broadcast_type": "system_update", "update_type": "capability_enhancement",
                     "details": "Added new document processing capabilities"}),
        msg(message_type=MessageType.HEARTBEAT, priority=MessagePriority.LOW,
            payload={"status": "active", "capabilities": ["chat", "document_processing"]}),
    ]


if __name__ == "__main__":
    if sys.argv[2] == "check":
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(check(line)), flush=True)
    else:
        for line in produce():
            print(line)
