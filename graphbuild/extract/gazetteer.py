"""Country names, capitals, demonyms and government metonyms.

Built once from well-kept data rather than hand lists: ``countryinfo`` gives
each country's name, alternative spellings, capital and demonym, ``pycountry``
its official ISO 3166 names.  ``data/metonyms.json`` adds the few forms
neither has (seats of government such as "the Kremlin", and short names like
"America" or "Britain").
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import countryinfo
import pycountry

from graphbuild.names import name_key


@dataclass(frozen=True)
class CountryRecord:
    code: str  # ISO 3166 alpha-2
    name: str  # short common name ("Russia", "North Korea")


@dataclass
class Gazetteer:
    countries: dict[str, CountryRecord] = field(default_factory=dict)  # code -> record
    names: dict[str, str] = field(default_factory=dict)  # name key -> code (names, official names, capitals, metonyms)
    codes: dict[str, str] = field(default_factory=dict)  # abbreviations news uses ("US", "U.K.", "PRC") -> code
    demonyms: dict[str, str] = field(default_factory=dict)  # adjective key ("chinese") -> code
    capitals: dict[str, str] = field(default_factory=dict)  # capital key -> code
    organizations: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # metonym key -> (org name, code)
    organization_first_words: set[str] = field(default_factory=set)  # "central" of "central intelligence agency"
    regions: dict[str, str] = field(default_factory=dict)  # first-level region key ("north dakota") -> code
    #: First word of every name or demonym -> the most words a name starting with it has ("bosnia" -> 3).
    first_words: dict[str, int] = field(default_factory=dict)

    def country(self, text: str, *, allow_abbreviation: bool = True) -> str | None:
        """ISO code of the country a name, abbreviation, capital or metonym stands for."""
        key = name_key(text)
        if key in self.names:
            return self.names[key]
        if allow_abbreviation:
            return self.codes.get(text.strip())
        return None

    def demonym(self, text: str, *, exact: bool = True) -> str | None:
        """ISO code of the country a demonym or adjective ("Chinese", "U.S.-") belongs to.  Only
        listed demonyms count: a word that merely starts like a country name ("Liberation") does not."""
        key = name_key(text)
        if key in self.demonyms:
            return self.demonyms[key]
        return self.codes.get(text.strip().rstrip("-"))

    def region(self, text: str) -> str | None:
        """ISO code of the country a state, province or region belongs to ("North Dakota" -> US)."""
        return self.regions.get(name_key(text))

    def name_of(self, code: str) -> str:
        return self.countries[code].name


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    metonyms = json.loads(resources.files("graphbuild.data").joinpath("metonyms.json").read_text("utf-8"))
    records = _country_records()
    _add_countries(gaz, records, metonyms)
    _add_names(gaz, records)
    _add_capitals(gaz, records)
    _add_listed(gaz, metonyms)
    _add_demonyms(gaz, records, metonyms)
    _add_regions(gaz)
    for key in [*gaz.names, *gaz.demonyms, *gaz.regions, *(name_key(code) for code in gaz.codes)]:
        words = key.split()
        if words:
            gaz.first_words[words[0]] = max(gaz.first_words.get(words[0], 1), len(words))
    return gaz


def _country_records() -> list[tuple[str, countryinfo.CountryInfo]]:
    """countryinfo's entries that have an ISO code (sub-national entries such as Wales have none)."""
    records = []
    for info in countryinfo.all_countries():
        code = (info.iso() or {}).get("alpha2")
        if code and pycountry.countries.get(alpha_2=code) is not None:
            records.append((code, info))
    return records


def _add_countries(gaz: Gazetteer, records: list, metonyms: dict) -> None:
    # One record per code: the first entry wins, sorted for stable output.
    for code, info in sorted(records, key=lambda r: (r[0], r[1].info().get("name", ""))):
        if code not in gaz.countries:
            name = (
                metonyms["common_names"].get(code)
                or info.info().get("name")
                or pycountry.countries.get(alpha_2=code).name
            )
            gaz.countries[code] = CountryRecord(code, name)


def _add_names(gaz: Gazetteer, records: list) -> None:
    """Tier 1: names, official names and alternative spellings."""
    for code, info in records:
        country = pycountry.countries.get(alpha_2=code)
        spellings = [
            gaz.countries[code].name,
            country.name,
            getattr(country, "official_name", ""),
            getattr(country, "common_name", ""),
        ]
        spellings += info.alt_spellings() or []
        for spelling in filter(None, spellings):
            if len(spelling.replace(".", "")) > 3 or not spelling.isupper():  # codes: only the listed abbreviations
                if key := name_key(spelling):
                    gaz.names.setdefault(key, code)


def _add_capitals(gaz: Gazetteer, records: list) -> None:
    """Tier 2: capitals stand for their government ("Beijing said")."""
    for code, info in records:
        capitals = info.capital() or []
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            capital = re.sub(r"\s+D\.?C\.?$", "", capital).strip()
            if capital and name_key(capital) not in gaz.names:
                gaz.capitals.setdefault(name_key(capital), code)
    for key, code in gaz.capitals.items():
        gaz.names.setdefault(key, code)


def _add_listed(gaz: Gazetteer, metonyms: dict) -> None:
    """The project's own lists: metonyms, states without an ISO code, abbreviations, known bodies."""
    for text, code in metonyms["countries"].items():
        if not text.startswith("_"):
            gaz.names[name_key(text)] = code
    for code, state in metonyms["states_without_iso_code"].items():
        if code.startswith("_"):
            continue
        gaz.countries[code] = CountryRecord(code, state["name"])
        for text in [*state["names"], *state["capitals"]]:
            gaz.names.setdefault(name_key(text), code)
        for text in state["demonyms"]:
            gaz.demonyms.setdefault(name_key(text), code)
    gaz.codes = {text: code for text, code in metonyms["abbreviations"].items() if not text.startswith("_")}
    for text, org in metonyms["organizations"].items():
        if not text.startswith("_"):
            gaz.organizations[name_key(text)] = (org["name"], org.get("country"))
            gaz.organization_first_words.add(name_key(text).split()[0])


def _add_demonyms(gaz: Gazetteer, records: list, metonyms: dict) -> None:
    """Tier 3: demonyms.  Where two countries share one ("Chinese": China and Hong Kong), the one
    whose name it resembles most wins."""
    demonym_codes: dict[str, set[str]] = defaultdict(set)
    for code, info in records:
        if info.demonym():
            demonym_codes[name_key(info.demonym())].add(code)
    for key, codes in sorted(demonym_codes.items()):
        gaz.demonyms[key] = max(sorted(codes), key=lambda c: _common_prefix(key, name_key(gaz.countries[c].name)))
    for text, code in metonyms["demonyms"].items():
        if not text.startswith("_"):
            gaz.demonyms[name_key(text)] = code
    for key, code in list(gaz.names.items()):
        if key not in gaz.capitals:
            gaz.demonyms.setdefault(key, code)  # "Russia-Ukraine", "Panama Trade Minister"


#: First-level subdivisions that name a region people act for ("the governor of Texas", "Bavaria's
#: premier"); districts, municipalities and counties are too many and too often also towns.
_REGION_TYPES = frozenset(
    {
        "State",
        "Province",
        "Region",
        "Land",
        "Autonomous community",
        "Autonomous region",
        "Canton",
        "Prefecture",
        "Governorate",
        "Republic",
        "Territory",
        "Emirate",
        "Voivodship",
        "Regional state",
        "Union territory",
        "Oblast",
    }
)


def _add_regions(gaz: Gazetteer) -> None:
    """Region names unique to one country and not the name of a country or capital (pycountry)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if (
            sub.type in _REGION_TYPES
            and getattr(sub, "parent_code", None) is None
            and sub.country_code in gaz.countries
        ):
            key = name_key(sub.name)
            if len(key) >= 4 and key not in gaz.names and key not in gaz.demonyms:
                owners[key].add(sub.country_code)
    gaz.regions = {key: codes.pop() for key, codes in sorted(owners.items()) if len(codes) == 1}


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
