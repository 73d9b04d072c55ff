"""Client keys: issued by an administrator (or the operator's CLI), shown once, stored as a SHA-256 only."""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sixia.core.errors import Forbidden, InvalidInput
from sixia.core.models import AuditEntry
from sixia.open311.models import Client
from sixia.open311.services import authenticate, issue_client

pytestmark = pytest.mark.django_db


def test_the_cli_prints_a_key_once_and_stores_only_its_hash(service_user, capsys):
    call_command("open311_client", "city app", user=service_user.username)
    key = capsys.readouterr().out.strip()
    client = Client.objects.get()
    assert client.key_digest == hashlib.sha256(key.encode()).hexdigest() and key not in str(client.__dict__)
    assert client.user == service_user and client.is_active and client.last_used is None
    assert authenticate(key) == client and authenticate(key + "x") is None
    assert AuditEntry.objects.filter(object_type="open311.client", object_id=str(client.pk)).exists()


def test_the_cli_refuses_unknown_users_and_users_who_cannot_register(colleague):
    with pytest.raises(CommandError):
        call_command("open311_client", "x", user="nobody")
    with pytest.raises(CommandError):
        call_command("open311_client", "x", user=colleague.username)  # a handler: no cases.register
    assert not Client.objects.exists()


def test_only_an_administrator_issues_keys(owner, service_user, colleague):
    with pytest.raises(Forbidden):
        issue_client(actor=service_user, name="a", user=service_user)  # a dispatcher, not an admin
    client, _key = issue_client(actor=owner, name="a", user=service_user)
    with pytest.raises(InvalidInput):
        issue_client(actor=owner, name="a", user=service_user)  # the name is taken
    assert list(Client.objects.all()) == [client]
