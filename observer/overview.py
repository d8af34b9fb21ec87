"""The election at a glance: which facts the overview's row of figures shows, in order."""

from __future__ import annotations

from observer.facts import Fact, Facts

# Fact ids of the data contract (facts.csv), not of one election: a package without one simply
# shows one figure fewer.
AT_A_GLANCE = ["registered_voters", "turnout_pct", "parties_contesting", "candidates_total",
               "seats_contested", "precinct_commissions"]


def at_a_glance(facts: Facts) -> list[Fact]:
    return [fact for fact in map(facts.get, AT_A_GLANCE) if fact is not None]
