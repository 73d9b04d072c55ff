from django.core.management.base import BaseCommand, CommandError

from sixia.core.errors import DomainError
from sixia.open311.services import issue_client
from sixia.org.models import User


class Command(BaseCommand):
    help = ("为 Open311 接入方签发密钥 Issue an Open311 api_key for a client acting as a service user "
            "(printed once; only its SHA-256 is stored).")

    def add_arguments(self, parser):
        parser.add_argument("name", help="the client's name, e.g. the city app")
        parser.add_argument("--user", required=True, help="the service account it registers cases as")

    def handle(self, *args, name, user, **options):
        account = User.objects.filter(username=user, is_active=True).first()
        if account is None:
            raise CommandError(f"用户 {user} 不存在或已停用 (no active user {user})")
        try:
            # the operator at the server's shell is the system (actor None), as for the other setup commands
            _client, key = issue_client(actor=None, name=name, user=account)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(key)
