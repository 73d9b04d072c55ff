"""Writes of the Open311 face: issuing client keys, and turning a POSTed service request into a case through the
one intake service (``sixia.cases.services.create_case``), as the client's service account."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sixia.cases import permissions as case_rights
from sixia.cases.models import Case
from sixia.cases.services import create_case
from sixia.core import audit, permissions
from sixia.core.errors import InvalidInput, NotFound
from sixia.open311 import permissions as rights
from sixia.open311 import selectors
from sixia.open311.models import Client

CHANNEL = "online"  # 网上信访 (engines/workflow/catalog.py CHANNELS)
TITLE_CHARS = 60


@dataclass(frozen=True)
class Submission:
    """A POST's fields, already bounded and neutralised by ``sixia.open311.inputs``."""

    service_code: str
    description: str = ""
    lat: float | None = None
    long: float | None = None
    address_string: str = ""
    address_id: str = ""
    region_code: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    media_url: str = ""


def issue_client(*, actor, name: str, user) -> tuple[Client, str]:
    """A new client acting as ``user``; returns the row and the key, which is never stored and shown once."""
    permissions.require(actor, rights.MANAGE_CLIENTS)
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise InvalidInput("invalid_name", "名称不能为空且不超过60字", "a name of 1–60 characters is required",
                           field="name")
    if not permissions.allows(user, case_rights.REGISTER):
        raise InvalidInput("user_cannot_register", "代理账号须有登记诉求的权限", "the service user needs the right "
                           "cases.register", field="user")
    if Client.objects.filter(name=name).exists():
        raise InvalidInput("name_taken", f"接入方 {name} 已存在", f"client {name} exists", field="name")
    key = Client.new_key()
    with transaction.atomic():
        client = Client.objects.create(name=name, user=user, prefix=key[:8], key_digest=Client.digest_of(key))
        audit.record(audit.Action.CREATE, obj=client, actor=actor, summary=f"签发Open311密钥 {name} {client.prefix}…",
                     changes={"user": user.username})
    return client, key


def authenticate(api_key: str) -> Client | None:
    """The active client holding ``api_key`` (its service account active too), or None."""
    if not api_key:
        return None
    client = (Client.objects.select_related("user", "user__unit")
              .filter(key_digest=Client.digest_of(api_key), is_active=True, user__is_active=True).first())
    if client is not None:
        Client.objects.filter(pk=client.pk).update(last_used=timezone.now())
    return client


def _content(sub: Submission) -> str:
    lines = [sub.description or "（未填写描述）"]
    if sub.address_string:
        lines.append(f"位置：{sub.address_string}")
    if sub.lat is not None and sub.long is not None:
        lines.append(f"坐标（WGS84）：{sub.lat:.6f}, {sub.long:.6f}")
    if sub.address_id:
        lines.append(f"地址编号：{sub.address_id}")
    if sub.media_url:
        lines.append(f"附件链接：{sub.media_url}")
    return "\n".join(lines)


def _title(category_name: str, description: str) -> str:
    first_line = description.splitlines()[0].strip() if description.strip() else ""
    title = f"{category_name}：{first_line}" if first_line else category_name
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"


def submit_request(*, client: Client, submission: Submission, now=None) -> Case:
    """Register the request as a case of channel 网上信访 in the named region (or the endpoint's), as the client's
    service account. The person, when named, goes through ``people`` (phone encrypted, never in the text)."""
    sub = submission
    permissions.require(client.user, case_rights.REGISTER)
    category = selectors.service(sub.service_code)
    if category is None:
        raise NotFound("unknown_service", f"服务代码不存在：{sub.service_code}", f"unknown service_code {sub.service_code}")
    if not (sub.address_string or sub.address_id or (sub.lat is not None and sub.long is not None)):
        raise InvalidInput("location_required", "须提供位置：lat 与 long、address_string 或 address_id 之一",
                           "a location is required: lat and long, address_string or address_id", field="lat")
    region_code = sub.region_code or selectors.endpoint_region()
    if selectors.region_in_endpoint(region_code) is None:
        raise InvalidInput("invalid_region", f"区划 {region_code} 不存在或不在本平台辖区内",
                           f"region {region_code} is unknown or outside this endpoint", field="attribute[region]")
    name = f"{sub.last_name}{sub.first_name}".strip()
    petitioners = [{"name": name, "phone": sub.phone}] if name else []
    if sub.phone and not name:
        raise InvalidInput("name_required", "提供电话时须同时提供姓名", "a phone needs a first or last name",
                           field="last_name")
    with transaction.atomic():
        case = create_case(actor=client.user, channel=CHANNEL, title=_title(category.name, sub.description),
                           content=_content(sub), region_code=region_code, category=category.code,
                           petitioners=petitioners, now=now)
        audit.record(audit.Action.ACTION, obj=case, actor=client.user,
                     summary=f"Open311 接入方 {client.name} 提交 {case.tracking_no}",
                     changes={"client": client.name, "service_code": category.code})
    return case
