"""How many subscriptions one API token holds open in this process."""

from collections import Counter


class SubscriptionSlots:
    """Open subscriptions by token id, across every connection of the process; at most
    ``per_token`` each."""

    def __init__(self, per_token: int) -> None:
        self.per_token = per_token
        self._open: Counter[int] = Counter()

    def open_count(self, token_id: int) -> int:
        return self._open[token_id]

    def take(self, token_id: int) -> bool:
        """Take one of the token's slots; False (nothing taken) when all are in use."""
        if self._open[token_id] >= self.per_token:
            return False
        self._open[token_id] += 1
        return True

    def give_back(self, token_id: int) -> None:
        self._open[token_id] -= 1
        if self._open[token_id] <= 0:
            del self._open[token_id]

    def refusal(self) -> str:
        return (
            f"This API token already holds {self.per_token} open subscriptions, the most "
            "allowed (ROSTER_SUBSCRIPTIONS_PER_TOKEN): close one first."
        )


TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS"
