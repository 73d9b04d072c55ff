"""``POST /api/v1/sms/receipts``: the SMS gateway's delivery receipts (``cases.sms_http``).

No user calls this: the gateway does, and it is authenticated by the HMAC-SHA256 signature of the raw body with
``SIXIA_SMS_HTTP_SECRET`` (``X-Sixia-Signature``, ``X-Sixia-Timestamp`` within 5 minutes). A missing or wrong
signature — or no secret configured — answers 403 before the body is even parsed; nothing is written. The
permission-model test allows exactly this path without a right (tests/foundation/test_permission_model.py).
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.conf import settings
from ninja import Router, Schema
from pydantic import Field, ValidationError

from sixia.api.schemas import Error
from sixia.api.validation import SafeChars, SaneDateTime
from sixia.cases import sms_http
from sixia.cases.services import receipts
from sixia.core import throttle
from sixia.core.errors import Forbidden, InvalidInput

router = Router(tags=["sms 短信回执"])
PATH = "/sms/receipts"


class SmsReceiptIn(Schema):
    id: Annotated[str, Field(max_length=64, description="the gateway's message id (its answer to the send)"),
                  SafeChars] = ""
    reference: Annotated[str, Field(max_length=20, description="our reference sent with the message (its id)"),
                         SafeChars] = ""
    status: Literal["delivered", "undelivered"]
    error: Annotated[str, Field(max_length=200), SafeChars] = ""
    at: SaneDateTime | None = None


class SmsReceiptOut(Schema):
    id: str
    delivery: str


RECEIPT_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": SmsReceiptIn.model_json_schema()}}}}


# throttle: sms_receipts
@router.post(PATH, auth=None, response={200: SmsReceiptOut, 403: Error, 404: Error, 422: Error},
             openapi_extra=RECEIPT_BODY, summary="短信网关送达回执（网关以共享密钥签名调用，非用户接口）")
def receipt(request):
    throttle.limit(request, scope="sms_receipts", key="ip")
    body = request.body
    if not sms_http.verify(getattr(settings, "SIXIA_SMS_HTTP_SECRET", ""),
                           request.headers.get(sms_http.TIMESTAMP_HEADER, ""),
                           request.headers.get(sms_http.SIGNATURE_HEADER, ""), body):
        raise Forbidden("bad_signature", "回执签名无效", "the receipt's signature is missing or wrong")
    try:
        data = SmsReceiptIn.model_validate_json(body)
    except ValidationError:
        raise InvalidInput("invalid_receipt", "回执格式不正确", "the receipt is not valid JSON of the documented shape") \
            from None
    row = receipts.record_receipt(gateway_id=data.id, reference=data.reference, error=data.error,
                                  delivered=data.status == "delivered", at=data.at)
    return {"id": row.gateway_id or str(row.pk), "delivery": row.delivery}
