"""Issue 14 item 4: one upload pipeline (``core.uploads``) for case attachments, activity attachments and photos.

Type allow-list per purpose, nested archives inspected to a depth limit, the request refused from its
``Content-Length`` before it is read, EXIF location dropped from every photo unless the uploader keeps it.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from sixia.core import uploads
from sixia.core.errors import InvalidInput

GPS = 0x8825


@pytest.fixture(autouse=True)
def var_dir(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    return tmp_path


def zip_of(**members: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "."), data)
    return out.getvalue()


def photo_with_location() -> bytes:
    img = Image.new("RGB", (40, 30), (30, 120, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS] = {1: "N", 2: (26.0, 52.0, 0.0), 3: "E", 4: (120.0, 0.0, 0.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def location_of(data: bytes):
    return Image.open(io.BytesIO(data)).getexif().get_ifd(GPS)


# ---- the pipeline ----

def test_a_zip_inside_a_zip_holding_an_exe_is_refused():
    inner = zip_of(setup__exe=b"MZ" + b"\x00" * 64)
    with pytest.raises(InvalidInput) as err:
        uploads.prepare(zip_of(photos__zip=inner), "材料.zip")
    assert err.value.code == "executable_refused"


def test_an_exe_renamed_inside_a_nested_zip_is_refused_by_its_content():
    inner = zip_of(readme__txt=b"MZ\x90\x00" + b"\x00" * 64)
    with pytest.raises(InvalidInput) as err:
        uploads.prepare(zip_of(docs__zip=inner), "材料.zip")
    assert err.value.code == "executable_refused"


def test_archives_nested_deeper_than_the_limit_are_refused():
    deepest = zip_of(a__txt=b"harmless")
    for _ in range(uploads.MAX_ARCHIVE_DEPTH):
        deepest = zip_of(inner__zip=deepest)
    with pytest.raises(InvalidInput) as err:
        uploads.prepare(deepest, "材料.zip")
    assert err.value.code == "archive_too_deep"


def test_a_harmless_zip_in_a_zip_is_accepted():
    assert uploads.prepare(zip_of(inner__zip=zip_of(a__pdf=b"%PDF-1.4")), "材料.zip").ext == "zip"


@pytest.mark.parametrize("name", ["page.mht", "data.xml", "page.html", "logo.svg", "note.mhtml", "noext"])
def test_documents_take_only_the_allow_list(name):
    with pytest.raises(InvalidInput) as err:
        uploads.prepare(b"<html><script>alert(1)</script></html>", name)
    assert err.value.code in ("file_type_refused", "executable_refused")


def test_a_photo_purpose_takes_only_images():
    with pytest.raises(InvalidInput) as err:
        uploads.prepare(b"%PDF-1.4", "scan.pdf", purpose="photo")
    assert err.value.code == "file_type_refused"
    assert uploads.prepare(photo_with_location(), "现场.jpg", purpose="photo").is_image


def test_a_photo_loses_its_location_unless_the_uploader_keeps_it():
    raw = photo_with_location()
    assert location_of(raw)
    assert not location_of(uploads.prepare(raw, "现场.jpg").data)
    assert location_of(uploads.prepare(raw, "现场.jpg", keep_location=True).data)


# ---- the faces ----

@pytest.fixture
def new_case(owner):
    from sixia.cases.services import create_case

    def make():
        return create_case(actor=owner, channel="visit", petition_class="appeal", title="路灯损坏",
                           content="村口路灯损坏。", region_code="350921101")

    return make


def test_a_case_photo_is_stored_without_its_location(client, owner, new_case, var_dir):
    from sixia.cases.models import Attachment

    case = new_case()
    client.force_login(owner)
    upload = io.BytesIO(photo_with_location())
    upload.name = "现场.jpg"
    response = client.post(f"/cases/{case.pk}/attachments/", {"file": upload})
    assert response.status_code == 302, response.content[:300]
    row = Attachment.objects.get(case=case)
    assert not location_of((var_dir / "attachments" / row.file.name).read_bytes())

    kept = io.BytesIO(photo_with_location())
    kept.name = "位置.jpg"
    assert client.post(f"/cases/{case.pk}/attachments/", {"file": kept, "keep_location": "on"}).status_code == 302
    row = Attachment.objects.filter(case=case).latest("pk")
    assert location_of((var_dir / "attachments" / row.file.name).read_bytes())


@pytest.mark.parametrize("name,data", [("page.mht", b"MIME-Version: 1.0"), ("data.xml", b"<?xml version='1.0'?>"),
                                       ("pack.zip", None)])
def test_case_attachments_refuse_mht_xml_and_a_nested_exe(client, owner, new_case, name, data):
    from sixia.cases.models import Attachment

    case = new_case()
    client.force_login(owner)
    upload = io.BytesIO(data or zip_of(inner__zip=zip_of(run__exe=b"MZ" + b"\x00" * 64)))
    upload.name = name
    response = client.post(f"/cases/{case.pk}/attachments/", {"file": upload})
    assert response.status_code == 422
    assert not Attachment.objects.filter(case=case).exists()


def test_a_body_larger_than_the_limit_is_refused_from_its_content_length(client, owner, settings):
    settings.SIXIA_UPLOAD_MAX_BYTES = 1024
    settings.SIXIA_ATTACHMENT_MAX_BYTES = 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(owner)
    # The test client's body is empty: a view that read it to the announced length would fail, not answer 413.
    too_big = str(uploads.max_request_bytes() + 1)
    response = client.generic("POST", "/cases/1/attachments/", b"", CONTENT_TYPE="multipart/form-data; boundary=x",
                              CONTENT_LENGTH=too_big)
    assert response.status_code == 413
    api = client.generic("POST", "/api/v1/activities/items/1/attachments", b"",
                         CONTENT_TYPE="multipart/form-data; boundary=x", CONTENT_LENGTH=too_big)
    assert api.status_code == 413 and api.json()["code"] == "request_too_large"
