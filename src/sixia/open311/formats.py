"""The two wire formats of GeoReport v2: XML (mandatory) and JSON (the "Spark convention" mapping of it).

One payload (lists and dicts of strings, numbers, booleans, None) is written either way: the XML root element
is dropped in JSON, a list becomes a container of repeated singular children in XML. ``xml.etree`` escapes the
markup characters; characters XML 1.0 cannot carry at all are dropped from both formats, so a text that came in
through another face can never break a document.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# container element → its repeated child (GeoReport v2 and Service Discovery)
SINGULAR = {"services": "service", "service_requests": "request", "errors": "error", "attributes": "attribute",
            "values": "value", "endpoints": "endpoint", "formats": "format"}
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def stamp(moment: datetime | None) -> str | None:
    """W3C date-time in the deployment's zone, with the zone: ``2026-12-02T14:07:46+08:00``."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        for item in value:
            _fill(ET.SubElement(element, SINGULAR[element.tag]), item)
    else:
        element.text = _scalar(value)


def to_xml(root: str, payload: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, _clean(payload))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="utf-8", xml_declaration=False)


def to_json(payload: Any) -> bytes:
    # ``< > &`` as \u escapes: a JSON answer pasted into a page can never open a tag
    body = json.dumps(_clean(payload), ensure_ascii=False, separators=(",", ":"))
    return body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def respond(fmt: str, root: str, payload: Any, status: int = 200) -> HttpResponse:
    body = to_xml(root, payload) if fmt == "xml" else to_json(payload)
    response = HttpResponse(body, status=status, content_type=FORMATS[fmt])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def errors(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    """The spec's error array: ``[{"code": 404, "description": "…"}]`` / ``<errors><error>…``."""
    return respond(fmt, "errors", [{"code": status, "description": d} for d in descriptions], status)
