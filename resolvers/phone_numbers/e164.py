"""A phone number as an admin types it, checked and written in E.164."""

import re

import phonenumbers

# What an admin may type besides digits: the separators people write numbers with. Letters
# (vanity numbers), extensions and national forms without a country code are refused.
_TYPED = re.compile(r"\+[0-9 .()\-]+")
MAX_TYPED_LENGTH = 64
# E.164's limit, country code included; libphonenumber allows some countries' longer forms.
MAX_DIGITS = 15


class NotANumber(ValueError):
    """The text is not a number roster can store."""


def to_e164(typed: str) -> str:
    """``typed`` (e.g. "+81 3-1234-5678") in E.164 ("+81312345678"); NotANumber otherwise.

    A possible number is enough: libphonenumber's stricter validity check follows each
    country's current allocation plan, which refuses numbers roster already holds (the demo
    seed's, and real ones allocated after the library's metadata was built).
    """
    text = typed.strip()
    if len(text) > MAX_TYPED_LENGTH or not _TYPED.fullmatch(text):
        raise NotANumber("not a number with a leading +")
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException as error:
        raise NotANumber(str(error)) from None
    # IS_POSSIBLE only: a local-only number (no area code) is not a whole number.
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise NotANumber("impossible for its country")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if len(e164) - 1 > MAX_DIGITS:
        raise NotANumber("longer than E.164 allows")
    return e164
