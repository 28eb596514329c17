"""Numbers as admins type them, in E.164; and every number roster already holds passes."""

import inspect
import random

import pytest

from db.seed.lines import UniqueNumbers
from db.seed.spec import NumberFormat, acme_spec, globex_spec
from resolvers.phone_numbers.e164 import NotANumber, to_e164
from tests import factories


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("+81312345678", "+81312345678"),
        ("+81 3-1234-5678", "+81312345678"),
        ("+81 (3) 1234.5678", "+81312345678"),
        ("  +81 50 1234 5678  ", "+815012345678"),
        ("+1 (212) 555-0100", "+12125550100"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_separators_are_removed(typed, e164):
    assert to_e164(typed) == e164


@pytest.mark.parametrize(
    "typed",
    ["", "0312345678", "+81 1", "+999 1234 5678", "+1 800 FLOWERS", "+1 212 555 0100 x12"],
)
def test_what_is_not_a_whole_number_is_refused(typed):
    with pytest.raises(NotANumber):
        to_e164(typed)


def _seed_formats() -> list[NumberFormat]:
    specs = [acme_spec(users=50, calls=10), globex_spec()]
    return [f for spec in specs for f in (spec.user_numbers, spec.line_numbers)]


@pytest.mark.parametrize("number_format", _seed_formats(), ids=str)
def test_every_number_the_demo_seed_draws_passes_unchanged(number_format):
    """The seed draws any digits after its prefixes: the lowest, the highest and a sample
    pass (libphonenumber's is_valid_number would refuse about one in ten of acme's)."""
    digits = number_format.digits
    drawn = UniqueNumbers(random.Random(13))
    numbers = [drawn.draw(number_format) for _ in range(2000)]
    numbers += [f"{number_format.prefix}{'0' * digits}", f"{number_format.prefix}{'9' * digits}"]
    assert [number for number in numbers if to_e164(number) != number] == []


def test_the_numbers_the_test_factories_default_to_pass_unchanged():
    source = inspect.getsource(factories)
    defaults = ["+81300000000", "+81312340001", "+81312340002", "+81312340003"]
    assert "+81300000000" in source
    assert [number for number in defaults if to_e164(number) != number] == []
