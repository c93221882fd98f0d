"""Shared building blocks: the strict base model and the constrained text types."""

import datetime
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Identifier = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]{0,63}$"),
]
ItemRef = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]{0,63}/[a-z0-9][a-z0-9-]{0,63}$"),
]
# Who reviews a department's pull requests, as CODEOWNERS names them: @user, @org/team or an e-mail.
Maintainer = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        pattern=r"^(?:@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})$",
    ),
]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9][0-9 ()+\-转]{2,30}$")]


def _http_link(value: str) -> str:
    # Links end up in href attributes: anything but http(s) (javascript:, data:, file:) is refused.
    if not value.startswith(("https://", "http://")) or len(value) < 10 or any(c.isspace() for c in value):
        raise ValueError("http_link")
    return value


def _calendar_date(value: Any) -> Any:
    # pydantic would read 1728000000 as seconds since 1970: a date is written as a date.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date_type", "a date, not a number")
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else value
        except ValueError:
            raise PydanticCustomError("date_from_datetime_parsing", "not a calendar date") from None
    return value


CalendarDate = Annotated[datetime.date, BeforeValidator(_calendar_date)]

HttpLink = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), AfterValidator(_http_link)]


def is_link(value: str) -> bool:
    return value.startswith(("https://", "http://"))


def _link_or_file(value: str) -> str:
    # A link as HttpLink, or a file of the registry relative to the item's folder: never absolute, never
    # leaving the folder, never another scheme (javascript:, file:, C:).
    if is_link(value):
        return _http_link(value)
    parts = value.split("/")
    if not value or value.startswith("/") or "\\" in value or ":" in value or ".." in parts or "" in parts:
        raise ValueError("link_or_file")
    return value


LinkOrFile = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), AfterValidator(_link_or_file)]


@cache
def _optional_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(name for name, info in model.model_fields.items() if info.default is None)


def field(title: str, description: str, default: Any = ..., **kwargs: Any) -> Any:
    """A model field that documents itself: the Chinese label is the title."""
    return Field(default, title=title, description=description, **kwargs)


class RegistryModel(BaseModel):
    """Strict: an unknown key is a finding, not silently dropped."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=False, str_strip_whitespace=True, coerce_numbers_to_str=True
    )

    @model_validator(mode="before")
    @classmethod
    def _blank_optional_is_absent(cls, data: Any) -> Any:
        # An optional field left as "" (as `new` writes it) means "not given", not a blank error.
        if isinstance(data, dict):
            optional = _optional_fields(cls)
            return {
                key: None if key in optional and isinstance(value, str) and not value.strip() else value
                for key, value in data.items()
            }
        return data
