"""Money (yuan), kept in whole fen so that conservation is exact.

Money is created only by `endow` (a yearly budget appearing in an account) and leaves the
system only into a sink account such as `wages`; every other movement is a `transfer`. So at any
time: sum of balances == sum of endowments.
"""

from __future__ import annotations

from collections import Counter

FEN_PER_YUAN = 100


def to_fen(yuan: float) -> int:
    return round(yuan * FEN_PER_YUAN)


class Ledger:
    def __init__(self) -> None:
        self.balances: Counter[str] = Counter()
        self.endowed = 0
        self.flows: Counter[str] = Counter()  # fen moved, by purpose

    def endow(self, account: str, yuan: float) -> None:
        fen = to_fen(yuan)
        self.balances[account] += fen
        self.endowed += fen

    def balance(self, account: str) -> float:
        return self.balances[account] / FEN_PER_YUAN

    def transfer(self, source: str, target: str, yuan: float, purpose: str) -> float:
        """Move up to `yuan` (never more than the source holds); return what moved."""
        fen = min(to_fen(yuan), self.balances[source])
        if fen <= 0:
            return 0.0
        self.balances[source] -= fen
        self.balances[target] += fen
        self.flows[purpose] += fen
        return fen / FEN_PER_YUAN

    def moved(self, purpose: str) -> float:
        return self.flows[purpose] / FEN_PER_YUAN

    def total(self) -> int:
        return sum(self.balances.values())
