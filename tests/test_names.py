"""Speaker names across articles: cleaning, merging short forms, organisations (invented names)."""
from __future__ import annotations

import pytest

from stance.names import apposition_organisation, clean_name, merge_names, organisation, speaker_form


@pytest.mark.parametrize("form, name", [
    pytest.param("President Xi", "Xi", id="title"),
    pytest.param("Mr. Osei", "Osei", id="honorific"),
    pytest.param("But Kowal", "Kowal", id="leading-conjunction"),
    pytest.param("As Moreno", "Moreno", id="leading-as"),
    pytest.param("- Interior Ministry spokeswoman Lia Moreno", "Lia Moreno", id="dash-org-role"),
    pytest.param("LIMA - A Trade Ministry spokesman", "Trade Ministry spokesman", id="dateline-description"),
    pytest.param("Ministry of Coastal Affairs Spokesperson Ravi Anand", "Ravi Anand", id="org-of-role"),
    pytest.param("Vice Premier of the State Council Tan Wei", "Tan Wei", id="office-of-council"),
    pytest.param("Harbour Committee Chairman Orrin K. Vale", "Orrin K. Vale", id="initial"),
    pytest.param("Valeria's", "Valeria", id="possessive"),
    pytest.param("the Chinese Foreign Ministry", "Chinese Foreign Ministry", id="org-kept"),
    pytest.param("Chinese observers", "Chinese observers", id="group-kept"),
    pytest.param("KJ Park", "KJ Park", id="initials-name"),
    pytest.param("Ana von der Berg", "Ana von der Berg", id="particles"),
])
def test_clean_name(form, name):
    assert clean_name(form) == name


def test_short_forms_and_titles_merge_into_the_full_name():
    forms = ["Tan Wei", "President Tan", "Tan", "Premier Tan Wei", "Mr. Tan", "But Tan"]
    merged = merge_names(forms)
    assert set(merged.values()) == {"Tan Wei"}


def test_surname_joins_only_an_unambiguous_full_name():
    merged = merge_names(["Ana Kowal", "Kowal", "Osei", "Ben Osei", "Efua Osei"])
    assert merged["Kowal"] == "Ana Kowal"
    assert merged["Osei"] == "Osei"  # two Oseis in the corpus: left alone
    assert merged["Ben Osei"] == "Ben Osei" and merged["Efua Osei"] == "Efua Osei"


def test_long_form_joins_the_full_name_it_ends_with():
    merged = merge_names(["Treasury Ana Kowal", "Ana Kowal"])
    assert merged["Treasury Ana Kowal"] == "Ana Kowal"


def test_case_variants_become_one_spelling():
    merged = merge_names(["the Harbour Administration", "The Harbour Administration", "Harbour administration",
                          "Harbour Administration"])
    assert len(set(merged.values())) == 1


def test_organisations_and_groups_are_not_folded_into_people():
    merged = merge_names(["China", "India", "Ana Kowal", "Critics", "Kowal"])
    assert merged["China"] == "China" and merged["India"] == "India" and merged["Critics"] == "Critics"


@pytest.mark.parametrize("mention, org", [
    pytest.param("a Commerce Ministry spokesman", "Commerce Ministry", id="description"),
    pytest.param("Harbour Committee Chairman Orrin K. Vale", "Harbour Committee", id="role-name"),
    pytest.param("Ministry of Coastal Affairs Spokesperson Ravi Anand", "Ministry of Coastal Affairs", id="of"),
    pytest.param("Vice Premier of the State Council Tan Wei", "State Council", id="office"),
    pytest.param("the EPA administrator", "EPA", id="acronym"),
    pytest.param("President Tan", None, id="title-only"),
    pytest.param("Ana Kowal", None, id="name-only"),
    pytest.param("US Secretary of State Ana Kowal", None, id="country-is-not-an-org"),
    pytest.param(None, None, id="none"),
])
def test_organisation(mention, org):
    assert organisation(mention) == org


def test_apposition_organisation():
    text = "Ana Ruiz, a senior researcher at the Institute of Port Studies, said so. Ben Lee, 54, said no."
    assert apposition_organisation(text, len("Ana Ruiz")) == "Institute of Port Studies"
    assert apposition_organisation(text, text.index("Ben Lee") + len("Ben Lee")) is None


def test_headline_swallowed_by_the_resolver_falls_back_to_the_mention():
    assert speaker_form("Kowal Confirms Exit From Steel Pact Today", "Kowal") == "Kowal"
    assert speaker_form("Ana Kowal", "Kowal") == "Ana Kowal"
    assert speaker_form(None, "he") is None
