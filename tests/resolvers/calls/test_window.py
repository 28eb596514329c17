"""A window cut into whole local days and raw edges, in zones whose days are not 24 hours."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from resolvers.calls.window import WindowSplit, split_window


def _at(zone: str, *fields: int) -> datetime:
    return datetime(*fields, tzinfo=ZoneInfo(zone))  # type: ignore[misc]


def test_a_window_on_local_midnights_is_whole_days_with_empty_edges():
    split = split_window("Asia/Tokyo", _at("Asia/Tokyo", 2026, 3, 1), _at("Asia/Tokyo", 2026, 3, 5))
    assert split == WindowSplit(
        start=datetime(2026, 2, 28, 15, tzinfo=UTC),
        end=datetime(2026, 3, 4, 15, tzinfo=UTC),
        first_day=date(2026, 3, 1),
        end_day=date(2026, 3, 5),
        days_start=datetime(2026, 2, 28, 15, tzinfo=UTC),
        days_end=datetime(2026, 3, 4, 15, tzinfo=UTC),
    )


def test_a_window_off_midnight_starts_its_days_the_next_local_day():
    split = split_window(
        "Asia/Kathmandu",
        _at("Asia/Kathmandu", 2026, 3, 1, 0, 0, 1),
        _at("Asia/Kathmandu", 2026, 3, 5, 23, 59, 59),
    )
    assert (split.first_day, split.end_day) == (date(2026, 3, 2), date(2026, 3, 5))
    assert split.days_start == datetime(2026, 3, 1, 18, 15, tzinfo=UTC)  # 00:00 +05:45
    assert split.days_end == datetime(2026, 3, 4, 18, 15, tzinfo=UTC)


def test_a_day_whose_midnight_is_skipped_begins_at_the_end_of_the_gap():
    # Havana springs forward at 00:00 on 2026-03-08: that day begins at 01:00 (-04:00).
    split = split_window(
        "America/Havana", _at("America/Havana", 2026, 3, 7, 12), _at("America/Havana", 2026, 3, 10)
    )
    assert split.first_day == date(2026, 3, 8)
    assert split.days_start == datetime(2026, 3, 8, 5, tzinfo=UTC)
    # Beirut too (2026-03-29 00:00 +02:00 -> 01:00 +03:00): the window's end day.
    split = split_window(
        "Asia/Beirut", _at("Asia/Beirut", 2026, 3, 26), _at("Asia/Beirut", 2026, 3, 29, 12)
    )
    assert (split.first_day, split.end_day) == (date(2026, 3, 26), date(2026, 3, 29))
    assert split.days_end == datetime(2026, 3, 28, 22, tzinfo=UTC)


def test_lord_howe_moves_its_clock_by_half_an_hour():
    # 2026-04-05 02:00 +11:00 becomes 01:30 +10:30; local midnights either side.
    zone = "Australia/Lord_Howe"
    split = split_window(zone, _at(zone, 2026, 4, 4, 6), _at(zone, 2026, 4, 7, 6))
    assert (split.first_day, split.end_day) == (date(2026, 4, 5), date(2026, 4, 7))
    assert split.days_start == datetime(2026, 4, 4, 13, tzinfo=UTC)  # 00:00 +11:00
    assert split.days_end == datetime(2026, 4, 6, 13, 30, tzinfo=UTC)  # 00:00 +10:30


def test_windows_without_a_whole_day_are_read_raw():
    zone = "Europe/London"
    for start, end in [
        (_at(zone, 2026, 3, 29), _at(zone, 2026, 3, 29, 0, 0, 1)),  # one second
        (_at(zone, 2026, 3, 29, 0, 30), _at(zone, 2026, 3, 30, 0, 29)),  # no midnight to midnight
        (_at(zone, 2026, 3, 30), _at(zone, 2026, 3, 29)),  # end before start
    ]:
        split = split_window(zone, start, end)
        assert not split.has_days
        assert (split.start, split.end) == (start.astimezone(UTC), end.astimezone(UTC))


def test_a_23_hour_day_is_a_whole_day():
    zone = "Europe/London"  # 2026-03-29 lasts 23 hours
    split = split_window(zone, _at(zone, 2026, 3, 29), _at(zone, 2026, 3, 30))
    assert (split.first_day, split.end_day) == (date(2026, 3, 29), date(2026, 3, 30))


def test_a_local_date_going_backwards_near_an_edge_is_read_raw():
    # Sitka in 1867 (Alaska bought): on 10-18 local the clock went back a whole day.
    zone = "America/Sitka"
    near_start = split_window(
        zone, datetime(1867, 10, 17, tzinfo=UTC), datetime(1867, 11, 9, tzinfo=UTC)
    )
    assert not near_start.has_days
    near_end = split_window(
        zone, datetime(1867, 9, 1, tzinfo=UTC), datetime(1867, 10, 20, tzinfo=UTC)
    )
    assert not near_end.has_days
    # Far from both edges, the repeated day lies wholly inside the window's days.
    inside = split_window(zone, datetime(1867, 9, 1, tzinfo=UTC), datetime(1867, 11, 9, tzinfo=UTC))
    assert (inside.first_day, inside.end_day) == (date(1867, 9, 2), date(1867, 11, 8))


def test_instants_at_the_ends_of_time_do_not_overflow():
    first, last = datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"):
        split = split_window(zone, first, last)
        assert split.has_days and split.start == first and split.end == last
        assert split.days_start is not None and split.days_end is not None
        assert first + timedelta(days=10) < split.days_start < first + timedelta(days=14)
        assert last - timedelta(days=14) < split.days_end < last - timedelta(days=10)
        assert not split_window(zone, first, first + timedelta(days=3)).has_days
