"""Shared API schemas."""

from __future__ import annotations

from typing import TypeVar

from ninja import Schema

T = TypeVar("T")


class Error(Schema):
    code: str
    message: str
    field: str | None = None  # the input the refusal is about, when there is one


class Page[T](Schema):
    items: list[T]
    next_cursor: str | None = None
