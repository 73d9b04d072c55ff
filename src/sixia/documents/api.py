"""REST API of the documents: a case's statutory notice as Word."""

from __future__ import annotations

from ninja import Router

from sixia.documents import services
from sixia.documents.views import docx_response

router = Router(tags=["documents 文书"])
DOCX_RESPONSE = {"responses": {200: {"description": "Word (.docx)", "content": {
    services.DOCX: {"schema": {"type": "string", "format": "binary"}}}}}}


@router.get("/cases/{case_id}/documents/{kind}.docx",
            summary="诉求文书（.docx）：acceptance 受理告知书、rejection 不予受理告知书、opinion 信访处理意见书、"
                    "review 复查意见书、re_review 复核意见书；案件未到相应状态或不在管辖范围内 → 404；记审计",
            response={200: None}, openapi_extra=DOCX_RESPONSE)
def case_document(request, case_id: int, kind: str):
    return docx_response(services.case_document(actor=request.auth, case_id=case_id, kind=kind))
