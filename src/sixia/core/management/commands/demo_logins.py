from django.core.management.base import BaseCommand

from sixia.org import otp
from sixia.org.demo import DEMO_PASSWORD
from sixia.org.models import User

ROLE_NOTES = {
    "admin": "系统管理员 (administrator)",
    "dispatcher": "受理派单员 (dispatcher, 县信访局)",
    "handler": "承办人 (handler, 县住建局)",
    "leader": "领导 (leader, 县委书记)",
    "supervisor": "督查 (supervisor, 县委督查室)",
    "auditor": "审计员 (auditor, read-only + audit log)",
    "township": "乡镇受理/承办 (township dispatcher + handler)",
    "head": "机关负责人 (head of 县住建局: approves extensions)",
    "discipline": "纪检监察 (discipline inspection, 县纪委: 检举控告)",
}


class Command(BaseCommand):
    help = "打印演示账号 Print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args, url, **options):
        present = set(User.objects.filter(username__in=ROLE_NOTES).values_list("username", flat=True))
        if not present:
            return
        self.stdout.write("")
        self.stdout.write(f"  四下基层工作平台 Sixia is starting on {url}/  (login: {url}/accounts/login/)")
        self.stdout.write(f"  Demo logins — password for all: {DEMO_PASSWORD}")
        needs_otp = set()
        for user in User.objects.filter(username__in=present):
            if otp.required_for(user):
                needs_otp.add(user.username)
        for username, note in ROLE_NOTES.items():
            if username in present:
                mark = "  *TOTP" if username in needs_otp else ""
                self.stdout.write(f"    {username:<11} {note}{mark}")
        if needs_otp:
            self.stdout.write("  *TOTP: the first login enrols a second factor (scan the QR code with any TOTP "
                              "authenticator app, or type the secret shown); later logins ask for its code.")
            self.stdout.write("         SIXIA_OTP_REQUIRED_ROLES= (empty) turns the requirement off for a demo.")
        self.stdout.write("")
