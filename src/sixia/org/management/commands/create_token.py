from django.core.management.base import BaseCommand, CommandError

from sixia.org.models import User
from sixia.org.services import issue_token


class Command(BaseCommand):
    help = "为用户签发接口令牌 Issue an API bearer token for a user (printed once)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True)
        parser.add_argument("--name", default="cli")

    def handle(self, *args, user, name, **options):
        account = User.objects.filter(username=user, is_active=True).first()
        if account is None:
            raise CommandError(f"用户 {user} 不存在或已停用 (no active user {user})")
        self.stdout.write(issue_token(user=account, name=name, actor=account))
