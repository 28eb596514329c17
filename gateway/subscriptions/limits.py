"""How many subscriptions one credential holds open in this process: an API token, or a
user's sign-in tokens together (each hour's new JWT is still the same person)."""

from collections import Counter

# ("token", api token id) or ("user", user id): TokenCaller.credential_key.
SlotKey = tuple[str, int]


class SubscriptionSlots:
    """Open subscriptions by credential, across every connection of the process; at most
    ``per_token`` each."""

    def __init__(self, per_token: int) -> None:
        self.per_token = per_token
        self._open: Counter[SlotKey] = Counter()

    def open_count(self, key: SlotKey) -> int:
        return self._open[key]

    def take(self, key: SlotKey) -> bool:
        """Take one of the credential's slots; False (nothing taken) when all are in use."""
        if self._open[key] >= self.per_token:
            return False
        self._open[key] += 1
        return True

    def give_back(self, key: SlotKey) -> None:
        self._open[key] -= 1
        if self._open[key] <= 0:
            del self._open[key]

    def refusal(self, key: SlotKey) -> str:
        holder = "This API token" if key[0] == "token" else "This user's sign-in"
        return (
            f"{holder} already holds {self.per_token} open subscriptions, the most "
            "allowed (ROSTER_SUBSCRIPTIONS_PER_TOKEN): close one first."
        )


TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS"
