"""The DateTime scalar's fast path (the standard library, for RFC 3339's own form) reads
every string exactly as Strawberry's parser does, and refuses what it refuses."""

from datetime import UTC, datetime

import pytest
from graphql import GraphQLError
from hypothesis import given, settings
from hypothesis import strategies as st
from strawberry.schema.types.base_scalars import DateTimeDefinition

from schemas.scalars import NEEDS_OFFSET, OUT_OF_RANGE, parse_instant


def _library(value: str) -> datetime | str:
    try:
        moment = DateTimeDefinition.parse_value(value)  # type: ignore[misc]
    except GraphQLError as error:
        return error.message
    assert isinstance(moment, datetime)
    return moment


def _ours(value: str) -> datetime | str:
    try:
        return parse_instant(value)
    except GraphQLError as error:
        return error.message


digits = st.text(alphabet="0123456789", min_size=1, max_size=4)
rfc3339_like = st.builds(
    "{}-{}-{}T{}:{}:{}{}{}".format,
    digits,
    digits,
    digits,
    digits,
    digits,
    digits,
    st.sampled_from(["", ".1", ".123456", ".1234567"]),
    st.sampled_from(["Z", "+09:00", "-05:30", "+14:00", "-00:00", "+24:00", "z", ""]),
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(rfc3339_like, st.datetimes(timezones=st.timezones()).map(datetime.isoformat)))
def test_every_string_reads_as_strawberry_reads_it(value: str) -> None:
    ours, library = _ours(value), _library(value)
    if isinstance(library, str):
        assert ours == library
    elif library.utcoffset() is None:
        assert ours == NEEDS_OFFSET
    elif not _representable(library):
        assert ours == OUT_OF_RANGE
    else:
        assert isinstance(ours, datetime)
        assert (ours, ours.utcoffset()) == (library, library.utcoffset())


def _representable(moment: datetime) -> bool:
    try:
        moment.astimezone(UTC)
    except OverflowError:
        return False
    return True


@pytest.mark.parametrize(
    "value",
    ["2026-11-24T09:30:00+09:00", "2026-11-24T09:30:00.123456Z", "0001-01-01T00:00:00Z"],
)
def test_rfc3339_instants_keep_their_offset(value: str) -> None:
    moment = parse_instant(value)
    library = _library(value)
    assert isinstance(library, datetime)
    assert moment.isoformat() == library.isoformat()


def test_non_ascii_digits_are_refused_as_the_library_refuses_them() -> None:
    value = "٢٠٢٦-11-24T09:30:00Z"
    library = _library(value)
    assert isinstance(library, str)
    assert _ours(value) == library
