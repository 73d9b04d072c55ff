"""Rights over persons (一人一表) — see ``sixia.core.permissions``. Revealing personal data in full has its own
rule (``org.roles.CAN_UNMASK``), audited whether allowed or refused."""

from __future__ import annotations

from sixia.core.permissions import Right, declare
from sixia.org.roles import CAN_UNMASK

REGISTER = "people.register"

declare(
    Right(REGISTER, "登记或修改群众信息", "register or edit persons", frozenset({"admin", "dispatcher", "handler", "leader"}),
          "whoever registers a case or receives a visitor records the person once"),
)

REVEAL = "people.reveal"

declare(
    Right(REVEAL, "查看完整个人信息", "view personal data in full", frozenset(str(role) for role in CAN_UNMASK),
          "org.roles.CAN_UNMASK; every reveal is audited, refused ones too, so the service checks it itself"),
)
