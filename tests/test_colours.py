"""Party colours stay apart for every reader: each pair of parties.csv colours, as seen with normal vision and
as simulated for deuteranopia, protanopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1),
is at least a stated CIEDE2000 distance apart. Simulation and distance are implemented here, checked
against published values, so the test needs no colour package."""

from __future__ import annotations

import csv
import itertools
import math
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"bundled": ROOT / "data" / "parties.csv",
            "synthetic": ROOT / "tests" / "fixtures" / "synthetic_election" / "parties.csv"}
# CIEDE2000 distance every pair keeps under every vision. About 10 is where two large flat marks stop
# being easily mistaken for each other; five colours can keep 20 apart (Okabe-Ito's blue with Paul Tol's
# muted sand, cyan, rose and wine), eight from colour-blind-safe palettes at most about 14.
THRESHOLD = {5: 20.0, 8: 13.0}

# Machado et al. 2009, table of simulation matrices for severity 1.0, applied to linear RGB.
MACHADO = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
VISIONS = ("normal", *MACHADO)


def srgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))


def to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def to_srgb(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def simulate(rgb, vision: str):
    """sRGB (0-1) as a reader with this colour vision sees it."""
    if vision == "normal":
        return tuple(rgb)
    linear = [to_linear(c) for c in rgb]
    return tuple(to_srgb(sum(m * c for m, c in zip(row, linear))) for row in MACHADO[vision])


def lab(rgb):
    """sRGB (0-1) -> CIELAB, D65 white."""
    r, g, b = (to_linear(c) for c in rgb)
    x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b

    def f(t):
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
    fx, fy, fz = f(x / 0.95047), f(y / 1.0), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1."""
    (L1, a1, b1), (L2, a2, b2) = lab1, lab2
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c ** 7 / (mean_c ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    d_lp, d_cp = L2 - L1, c2p - c1p
    d_hp = 0.0
    if c1p * c2p:
        d_hp = h2p - h1p
        d_hp = d_hp - 360 if d_hp > 180 else d_hp + 360 if d_hp < -180 else d_hp
    d_big_hp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(d_hp / 2))
    mean_lp, mean_cp = (L1 + L2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        mean_hp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        mean_hp = (h1p + h2p) / 2
    else:
        mean_hp = (h1p + h2p + (360 if h1p + h2p < 360 else -360)) / 2
    t = (1 - 0.17 * math.cos(math.radians(mean_hp - 30)) + 0.24 * math.cos(math.radians(2 * mean_hp))
         + 0.32 * math.cos(math.radians(3 * mean_hp + 6)) - 0.20 * math.cos(math.radians(4 * mean_hp - 63)))
    d_theta = 30 * math.exp(-((mean_hp - 275) / 25) ** 2)
    r_c = 2 * math.sqrt(mean_cp ** 7 / (mean_cp ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (mean_lp - 50) ** 2 / math.sqrt(20 + (mean_lp - 50) ** 2)
    s_c, s_h = 1 + 0.045 * mean_cp, 1 + 0.015 * mean_cp * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((d_lp / s_l) ** 2 + (d_cp / s_c) ** 2 + (d_big_hp / s_h) ** 2
                     + r_t * (d_cp / s_c) * (d_big_hp / s_h))


def distance(first: str, second: str, vision: str) -> float:
    return ciede2000(lab(simulate(srgb(first), vision)), lab(simulate(srgb(second), vision)))


def colours(path: Path) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as f:
        return {row["party"]: row["color"] for row in csv.DictReader(f)}


# --- the measures, against published values --------------------------------------------------------

# Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula", table 1: pairs 1, 7, 17, 25, 34.
SHARMA = [((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
          ((50, 0, 0), (50, -1, 2), 2.3669),
          ((50, 2.5, 0), (73, 25, -18), 27.1492),
          ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
          ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082)]


@pytest.mark.parametrize("first, second, expected", SHARMA)
def test_ciede2000_matches_the_published_test_data(first, second, expected):
    assert ciede2000(first, second) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(second, first) == pytest.approx(expected, abs=1e-4)


# Machado 2009 at severity 1, as colorspacious 1.1.2 ("sRGB1+CVD", severity 100) gives them.
SIMULATED = [("#E69F00", "deuteranopia", (0.7912, 0.7048, 0.0660)),
             ("#0072B2", "protanopia", (0.3244, 0.4571, 0.7085)),
             ("#CC79A7", "tritanopia", (0.8403, 0.4704, 0.5395))]


@pytest.mark.parametrize("colour, vision, expected", SIMULATED)
def test_simulation_matches_published_values(colour, vision, expected):
    assert simulate(srgb(colour), vision) == pytest.approx(expected, abs=1e-4)


def test_simulation_keeps_greys_grey():
    """Each matrix row sums to 1: white stays white, and a grey stays that grey."""
    for vision in MACHADO:
        for grey in (0.0, 0.5, 1.0):
            assert simulate((grey, grey, grey), vision) == pytest.approx((grey,) * 3, abs=1e-3)


def test_lab_of_published_colours():
    assert lab((1, 1, 1)) == pytest.approx((100, 0, 0), abs=1e-2)
    assert lab(srgb("#FF0000")) == pytest.approx((53.24, 80.09, 67.20), abs=0.05)


# --- the party colours -----------------------------------------------------------------------------

@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize("vision", VISIONS)
def test_party_colours_stay_apart(package, vision):
    parties = colours(PACKAGES[package])
    threshold = THRESHOLD[len(parties)]
    close = sorted((round(distance(parties[p], parties[q], vision), 1), p, q)
                   for p, q in itertools.combinations(parties, 2)
                   if distance(parties[p], parties[q], vision) < threshold)
    assert not close, f"{package} parties under {vision}: CIEDE2000 below {threshold}: {close}"


@pytest.mark.parametrize("package", PACKAGES)
def test_party_colours_are_distinct_codes(package):
    parties = colours(PACKAGES[package])
    assert len(set(c.upper() for c in parties.values())) == len(parties)
    assert all(len(c) == 7 and c.startswith("#") for c in parties.values())
