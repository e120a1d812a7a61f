"""The credentials figures on a known roster (DOMAIN section 5)."""

from __future__ import annotations

from datetime import date

from governance.rules.credentials import Person, credentials_figures, percent

ON = date(2027, 3, 1)
ROSTER = [
    Person("official", "female", 1990, "Tày", "Đại học", "Trung cấp", date(2015, 3, 2)),
    Person("official", "male", 1950, "Kinh", "Đại học", "Cao cấp", date(1972, 1, 1)),
    Person("ex_officio", "male", 1987, "Nùng", "Thạc sĩ", "Cao cấp", date(2017, 3, 2)),
    Person("designated", "female", 1970, "kinh", "", "", None),
]


def test_figures_on_a_known_roster():
    figures = credentials_figures(ROSTER, ON)
    assert figures.total == 4
    assert figures.by_category == {"official": 2, "ex_officio": 1, "designated": 1}
    assert (figures.women, figures.women_pct) == (2, "50.0")
    assert (figures.minority, figures.minority_pct) == (2, "50.0")  # "kinh" is the majority
    # Ages at 2027: 37, 77, 40, 57
    assert (figures.under_40, figures.over_70) == (1, 1)
    assert (figures.oldest, figures.youngest, figures.average_age) == (77, 37, "52.8")
    assert figures.education == [("Đại học", 2), ("Chưa rõ", 1), ("Thạc sĩ", 1)]
    # Party age to 01/03/2027: 11 (2 March not reached), 55, 9, unknown
    assert figures.party_bands == [
        ("Dưới 10 năm", 1),
        ("Từ 10 đến dưới 30 năm", 1),
        ("Từ 30 năm", 1),
    ]
    assert figures.average_party_age == "25.0" and figures.longest_party_age == 55


def test_empty_roster_and_percent_rounding():
    figures = credentials_figures([], ON)
    assert figures.total == 0 and figures.average_age == "—" and figures.women_pct == "0"
    assert percent(1, 3) == "33.3" and percent(2, 3) == "66.7" and percent(1, 8) == "12.5"
