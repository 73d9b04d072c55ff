"""core.uploads: size limit, executables refused by name and by content, images re-encoded without EXIF."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from sixia.core import uploads
from sixia.core.errors import InvalidInput


@pytest.fixture(autouse=True)
def var_dir(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    return tmp_path


def _jpeg_with_exif() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (26.0, 52.0, 0.0)}  # GPS
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_it_reencodes_a_photo_and_drops_exif(var_dir):
    raw = _jpeg_with_exif()
    assert Image.open(io.BytesIO(raw)).getexif()
    stored = uploads.store(raw, "现场照片.JPG", area="activities")
    data = (var_dir / "uploads" / stored.path).read_bytes()
    assert stored.is_image and stored.content_type == "image/jpeg" and stored.name == "现场照片.JPG"
    assert not Image.open(io.BytesIO(data)).getexif()
    assert stored.path.startswith("activities/") and stored.path.endswith(".jpg")
    assert uploads.open_stored(stored.path) == data


def test_it_refuses_a_corrupt_image(var_dir):
    with pytest.raises(InvalidInput) as err:
        uploads.store(b"\xff\xd8\xff\xe0 not really a jpeg" * 10, "photo.jpg")
    assert err.value.code == "image_corrupt"
    assert not (var_dir / "uploads").exists()


@pytest.mark.parametrize("data,name", [
    (b"MZ\x90\x00" + b"\x00" * 100, "report.pdf"),  # a Windows executable renamed
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "notes.txt"),
    (b"#!/bin/sh\nrm -rf /\n", "readme.txt"),
    (b"%PDF-1.4 harmless", "invoice.exe"),
    (b"echo hi", "run.sh"),
    (b"<svg onload=alert(1)>", "logo.svg"),
])
def test_it_refuses_executables_by_name_or_content(data, name):
    with pytest.raises(InvalidInput) as err:
        uploads.store(data, name)
    assert err.value.code == "executable_refused"
    assert "可执行" in err.value.message


def test_it_refuses_a_zip_holding_an_executable():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("photos/setup.exe", b"MZ....")
    with pytest.raises(InvalidInput):
        uploads.store(buf.getvalue(), "photos.zip")
    clean = io.BytesIO()
    with zipfile.ZipFile(clean, "w") as z:
        z.writestr("minutes.txt", "会议纪要")
    assert uploads.store(clean.getvalue(), "minutes.zip").content_type == "application/zip"


def test_it_enforces_the_size_limit(settings):
    settings.SIXIA_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(InvalidInput) as err:
        uploads.store(b"%PDF-1.4" + b"x" * 2000, "big.pdf")
    assert err.value.code == "file_too_large"
    assert uploads.store(b"%PDF-1.4 small", "small.pdf").size == len(b"%PDF-1.4 small")


def test_it_refuses_unknown_types_and_empty_files():
    with pytest.raises(InvalidInput) as err:
        uploads.store(b"data", "thing.xyz")
    assert err.value.code == "file_type_refused"
    with pytest.raises(InvalidInput) as err:
        uploads.store(b"", "empty.pdf")
    assert err.value.code == "empty_file"


def test_it_refuses_paths_leaving_the_root():
    with pytest.raises(InvalidInput):
        uploads.open_stored("../../etc/passwd")


def test_an_activity_photo_through_the_api(api, headers, county_leader, client, var_dir):
    made = api.post("/activities/lectures", {"region_code": "350921101", "start_day": "2026-01-27",
                                             "official_ids": [county_leader.pk], "audience": 40}, headers).json()
    photo = io.BytesIO(_jpeg_with_exif())
    photo.name = "宣讲现场.jpg"
    ok = client.post(f"/api/v1/activities/items/{made['id']}/attachments", {"file": photo}, headers=headers)
    assert ok.status_code == 201, ok.content
    bad = io.BytesIO(b"MZ" + b"\x00" * 64)
    bad.name = "宣讲材料.docx"
    refused = client.post(f"/api/v1/activities/items/{made['id']}/attachments", {"file": bad}, headers=headers)
    assert refused.status_code == 422 and refused.json()["code"] == "executable_refused"
