"""Input validation at the API's edge, before any schema or service sees a value (issue 14).

``SafeParser`` is the NinjaAPI's parser: it reads the JSON body and the query string and refuses, for every
operation at once, what no column can hold — NUL characters, lone surrogates (``"\\ud800"`` in JSON), NaN and
infinities (Python's ``json`` accepts ``NaN``), integers beyond a 64-bit column, and dates outside
``MIN_YEAR..MAX_YEAR`` (an ISO date string anywhere in the body or the query). The refusal is an
``InvalidInput`` (422, ``field`` = the key's path).

The pydantic types below carry the same rules into the schemas (and so into the OpenAPI): ``Id``,
``SafeText`` (``Annotated[str, Field(max_length=n), SafeChars]`` for a column of n), ``SaneDate``,
``SaneDateTime``, ``FiniteFloat``.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Annotated, Any

from ninja.parser import Parser
from pydantic import AfterValidator, Field

from sixia.core import validation
from sixia.core.errors import InvalidInput

MAX_DEPTH = 32  # nested JSON deeper than this is not a form of this platform


def _reject_constant(name: str):
    raise InvalidInput("number_not_finite", "数值无效（NaN 或无穷大）", f"{name} is not a finite number")


def _check_scalar(value: Any, path: str) -> None:
    if isinstance(value, str):
        problem = validation.text_problem(value)
        if problem:
            code, zh, en = problem
            raise InvalidInput(code, f"{path}：{zh}", f"{path} {en}", field=path)
        match = validation.ISO_DATE.fullmatch(value)
        if match and validation.year_problem(int(match["year"])):
            raise InvalidInput("date_out_of_range", f"{path}：日期应在 {validation.MIN_YEAR} 年到 {validation.MAX_YEAR} 年之间",
                               f"{path}: the date must lie between the years {validation.MIN_YEAR} and "
                               f"{validation.MAX_YEAR}", field=path)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if abs(value) > validation.MAX_ID:
            raise InvalidInput("integer_out_of_range", f"{path}：数值超出范围", f"{path} is out of range", field=path)
    elif isinstance(value, float) and not math.isfinite(value):
        _reject_constant(path)


def check_json(value: Any, path: str = "", depth: int = 0) -> None:
    """Every key and leaf of a parsed JSON document (see the module's rules)."""
    if depth > MAX_DEPTH:
        raise InvalidInput("too_deep", "数据嵌套层级过深", "the document is nested too deeply", field=path or None)
    if isinstance(value, dict):
        for key, item in value.items():
            _check_scalar(key, path or "body")
            check_json(item, f"{path}.{key}" if path else str(key), depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_json(item, f"{path}[{i}]", depth + 1)
    else:
        _check_scalar(value, path or "body")


def _check_query_integer(text: str, key: str) -> None:
    """A query value made of digits is an id, a count or a year: one that no column holds is refused here
    (a query string is text; the JSON body's numbers are checked as numbers)."""
    if validation.ASCII_INT.fullmatch(text) and (len(text) > 20 or abs(int(text)) > validation.MAX_ID):
        raise InvalidInput("integer_out_of_range", f"{key}：数值超出范围", f"{key} is out of range", field=key)


class SafeParser(Parser):
    def parse_body(self, request):
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput("invalid_encoding", "请求内容不是有效的 UTF-8", "the body is not valid UTF-8")
        data = json.loads(text, parse_constant=_reject_constant)
        check_json(data)
        return data

    def parse_querydict(self, data, list_fields, request):
        for key, values in data.lists():
            for value in values:
                if isinstance(value, str):
                    _check_scalar(key, "query")
                    _check_scalar(value, key)
                    _check_query_integer(value.strip(), key)
        return super().parse_querydict(data, list_fields, request)


# ---- pydantic types for the schemas ----

def _text(max_len: int | None):
    def check(value: str) -> str:
        problem = validation.text_problem(value, max_len)
        if problem:
            raise ValueError(problem[2])
        return value
    return check


def _sane_date(value: date | datetime) -> date | datetime:
    if validation.year_problem(value.year):
        raise ValueError(f"the date must lie between the years {validation.MIN_YEAR} and {validation.MAX_YEAR}")
    return value


SafeChars = AfterValidator(_text(None))  # no NUL, no lone surrogate; with Field(max_length=…) for a column
Id = Annotated[int, Field(ge=1, le=validation.MAX_ID)]
SafeText = Annotated[str, SafeChars]
SaneDate = Annotated[date, AfterValidator(_sane_date)]
SaneDateTime = Annotated[datetime, AfterValidator(_sane_date)]
FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
