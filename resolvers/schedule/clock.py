"""What "now" is to scheduling: injectable, so tests need not wait for the wall clock."""

from collections.abc import Callable
from datetime import datetime

from db.types import utcnow

Clock = Callable[[], datetime]

SYSTEM_CLOCK: Clock = utcnow
