"""``sixia permissions [--markdown]``: the role × right matrix of the one permission model."""

from django.core.management.base import BaseCommand

from sixia.core import permissions


class Command(BaseCommand):
    help = "权限矩阵：角色 × 操作 (the role × right matrix; --markdown writes docs/permissions.md's text)."

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true", help="the generated docs/permissions.md")

    def handle(self, *args, markdown, **options):
        if markdown:
            self.stdout.write(permissions.matrix_markdown(), ending="")
            return
        for code, right in sorted(permissions.rights().items()):
            self.stdout.write(f"{code:32} {','.join(sorted(right.roles)):50} {right.label_zh}")
