"""Rights of the Open311 face. Submitting a request is ``cases.register``, checked by the intake service on the
client's service account; issuing keys is an administrator's."""

from __future__ import annotations

from sixia.core.permissions import Right, declare

MANAGE_CLIENTS = "open311.manage_clients"

declare(
    Right(MANAGE_CLIENTS, "管理Open311接入方", "manage Open311 clients", frozenset({"admin"}),
          "a key lets an outside application register cases in the name of a service account"),
)
