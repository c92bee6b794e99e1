"""Settings are declared once, read from IOMGRAPH_* variables, and documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from iomgraph.settings import (
    SETTINGS,
    load_settings,
    settings_environment,
    settings_match_declarations,
)

PROJECT = Path(__file__).resolve().parents[1]


def test_declarations_match_the_settings_class() -> None:
    assert settings_match_declarations()


def test_environment_overrides_defaults() -> None:
    settings = load_settings(
        {"IOMGRAPH_PORT": "9001", "IOMGRAPH_CACHE_ENABLED": "off", "IOMGRAPH_BASE_IRI": "http://x"}
    )
    assert settings.port == 9001
    assert settings.cache_enabled is False
    assert settings.base_iri == "http://x/"


def test_options_override_environment() -> None:
    assert load_settings({"IOMGRAPH_PORT": "9001"}, port=9002).port == 9002


@pytest.mark.parametrize(
    ("name", "raw"), [("IOMGRAPH_PORT", "eighty"), ("IOMGRAPH_CACHE_ENABLED", "2")]
)
def test_unreadable_values_name_the_variable(name: str, raw: str) -> None:
    with pytest.raises(ValueError, match=name):
        load_settings({name: raw})


def test_every_setting_is_documented() -> None:
    documented = "\n".join(
        p.read_text(encoding="utf-8") for p in [PROJECT / "README.md", *PROJECT.glob("docs/*.md")]
    )
    missing = [s.env_var for s in SETTINGS if s.env_var not in documented]
    assert not missing, f"document these settings: {missing}"


def test_settings_survive_the_trip_through_the_environment() -> None:
    chosen = load_settings({}, port=9003, cache_enabled=False, base_iri="http://x/", threads=3)
    assert load_settings(settings_environment(chosen)) == chosen
