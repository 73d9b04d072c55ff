import json
from datetime import date

from django.core.management.base import BaseCommand

from sixia.quotas.services import send_reminders


class Command(BaseCommand):
    help = "履职提醒：期末前向进度滞后的干部发送提醒（同一干部、规则、统计期只提醒一次）."

    def add_arguments(self, parser):
        parser.add_argument("--day", type=date.fromisoformat, default=None, help="as of this day (YYYY-MM-DD)")

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(send_reminders(options["day"]).as_dict(), ensure_ascii=False))
