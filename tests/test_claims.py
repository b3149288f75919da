"""Claims: quantities, money, dates of facts, ranks and descriptions, each tied to its
sentence and offsets with who says it. Sentences are our own, stating real facts."""
from __future__ import annotations

from datetime import date

import pytest

from bilat.claims import extract_claims, find_money, parse_number
from bilat.claims.normalise import comparable_amounts
from bilat.datafiles import read_validated_mapping
from bilat.errors import KnowledgeError
from bilat.records import Claim, Document, PubDate


def analysed_claims(nlp, kb, text: str, published: date | None = date(2021, 5, 4),
                    outlet: str | None = "example-news.com") -> list[Claim]:
    pub = PubDate(published, published, "metadata") if published else PubDate()
    document = Document(doc_id="d" + str(abs(hash(text))), path="test.txt", text=text, outlet=outlet, published=pub)
    return extract_claims(document, nlp(text), kb)


def of_kind(claims: list[Claim], kind: str) -> list[Claim]:
    return [c for c in claims if c.kind == kind]


# ---------------------------------------------------------------- numbers and money

@pytest.mark.parametrize(("text", "value"), [
    ("5,000", 5000.0), ("5.43", 5.43), ("twelve", 12.0), ("twenty-four", 24.0),
    ("a dozen", 12.0), ("two dozen", 24.0), ("lots", None),
])
def test_normalise_parses_numbers_as_written(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "currency", "amount", "amount_max"), [
    ("a package worth $450 million", "USD", 450e6, None),
    ("for 300 million euros", "EUR", 300e6, None),
    ("at a cost of Rs 5,000 crore", "INR", 5000e7, None),
    ("valued at €1.2bn", "EUR", 1.2e9, None),
    ("about 1.6 billion dollars", "USD", 1.6e9, None),
    ("trade of 8-10 million dollars a year", "USD", 8e6, 10e6),
    ("a US$2.5 billion loan", "USD", 2.5e9, None),
    ("SAR 10bn of orders", "SAR", 10e9, None),
])
def test_normalise_money_to_currency_code_and_units(text, currency, amount, amount_max):
    (money,) = find_money(text)
    assert (money.currency, money.amount, money.amount_max) == (currency, pytest.approx(amount), amount_max)
    assert money.text in text


def test_normalise_money_ignores_ordinary_words_that_are_currency_codes():
    assert find_money("the party won 3 million votes and will try 2 more times") == []


def test_normalise_compares_currencies_only_through_an_official_peg():
    assert comparable_amounts(("SAR", 375.0), ("USD", 100.0)) == pytest.approx((100.0, 100.0))
    assert comparable_amounts(("EUR", 100.0), ("EUR", 120.0)) == (100.0, 120.0)
    assert comparable_amounts(("EUR", 100.0), ("USD", 100.0)) is None


@pytest.mark.parametrize("name", ["currencies.yaml", "claims.yaml", "claim_tolerances.yaml"])
def test_claims_data_files_validate_against_their_schemas(name):
    assert read_validated_mapping(name)


def test_claims_data_file_error_names_the_file_and_field(tmp_path, monkeypatch):
    import bilat.datafiles as datafiles
    data = tmp_path / "data"
    (data / "schemas").mkdir(parents=True)
    (data / "claim_tolerances.yaml").write_text("money: {relative: 2}\nquantity: {exact: 0, approximate: 0.1}\n"
                                                 "dates: {slack_days: 0}\nrank: {exact: 0}\n")
    real = datafiles.data_file("schemas/claim_tolerances.schema.json").read_text(encoding="utf-8")
    (data / "schemas" / "claim_tolerances.schema.json").write_text(real)
    monkeypatch.setattr(datafiles, "data_file", lambda name: data / name)
    with pytest.raises(KnowledgeError, match=r"claim_tolerances.yaml: field 'money.relative'"):
        datafiles.read_validated_mapping("claim_tolerances.yaml")


# ---------------------------------------------------------------- quantities

def test_claims_quantity_of_a_weapon_system_with_its_states_and_stage(nlp, kb):
    text = "Pakistan has delivered 12 Al-Khalid tanks to the army of a friendly state, the ministry said."
    claims = analysed_claims(nlp, kb, text)
    (tanks,) = of_kind(claims, "quantity")
    assert tanks.value == 12 and tanks.text == "12 Al-Khalid tanks"
    assert tanks.subject.kind == "weapon_system" and "PAK" in tanks.subject.countries
    assert tanks.attribute == "count.delivered"
    assert text[tanks.start:tanks.end] == tanks.text and tanks.sentence == text


def test_claims_quantity_change_keeps_both_values_and_claims_the_final(nlp, kb):
    text = ("India ordered more Rafale jets from France this year. "
            "The order takes the Indian Navy's planned fleet from an initial 10 to 24 aircraft.")
    (change,) = [c for c in analysed_claims(nlp, kb, text) if c.qualifier == "change"]
    assert (change.previous, change.value) == (10, 24)
    assert change.attribute.endswith(".total") or change.attribute == "count.total"


def test_claims_quantity_in_words_and_dozens(nlp, kb):
    text = "Turkey supplied two dozen Bayraktar TB2 drones to Ukraine in 2019 and 2020."
    (drones,) = of_kind(analysed_claims(nlp, kb, text), "quantity")
    assert drones.value == 24 and drones.subject.name == "Bayraktar TB2"
    assert set(drones.subject.countries) == {"TUR", "UKR"}


@pytest.mark.parametrize(("text", "qualifier"), [
    ("The framework with South Korea allows Poland to buy up to 1,000 K2 tanks.", "at_most"),
    ("Poland will buy at least 180 K2 tanks from South Korea.", "at_least"),
    ("Poland bought about 180 K2 tanks from South Korea.", "approximate"),
    ("Egypt ordered 30 more Rafale jets from France.", "increment"),
])
def test_claims_quantity_qualifiers(nlp, kb, text, qualifier):
    (claim,) = of_kind(analysed_claims(nlp, kb, text), "quantity")
    assert claim.qualifier == qualifier


@pytest.mark.parametrize("text", [
    "The two countries held talks in Ankara.",          # the parties themselves
    "Both sides discussed 44-day wars and 300mm rockets.",   # glued to units
    "No. 17 Squadron flies from Ambala.",              # a name
    "The remaining 36 aircraft depend on later financing.",  # refers back
])
def test_claims_quantity_not_claimed(nlp, kb, text):
    assert of_kind(analysed_claims(nlp, kb, text), "quantity") == []


def test_claims_quantity_the_whole_a_part_is_taken_from_is_a_total(nlp, kb):
    text = "Nigeria took delivery of the first six of 12 A-29 Super Tucano aircraft bought from the United States."
    (whole,) = of_kind(analysed_claims(nlp, kb, text), "quantity")
    assert (whole.value, whole.attribute) == (12, "count.total")


# ---------------------------------------------------------------- money

def test_claims_money_is_the_price_of_the_weapon_the_sentence_names(nlp, kb):
    text = "India signed a contract with Russia worth about 5.43 billion dollars for five S-400 systems."
    (price,) = of_kind(analysed_claims(nlp, kb, text), "money")
    assert (price.unit, price.value, price.attribute) == ("USD", pytest.approx(5.43e9), "price")
    assert price.subject.name == "S-400 Triumf" and set(price.subject.countries) == {"IND", "RUS"}
    assert price.qualifier == "approximate"


def test_claims_money_is_an_amount_of_what_it_pays_for(nlp, kb):
    text = "Japan announced 8.5 million dollars in emergency aid for Turkey and Syria."
    (aid,) = of_kind(analysed_claims(nlp, kb, text), "money")
    assert (aid.subject.kind, aid.subject.name, aid.attribute) == ("item", "aid", "amount")


# ---------------------------------------------------------------- dates of facts

def test_claims_date_of_an_agreement_signed_in_a_year(nlp, kb):
    text = "Azerbaijan and Pakistan signed a defence cooperation agreement in 2003."
    (signed,) = of_kind(analysed_claims(nlp, kb, text), "date")
    assert signed.attribute == "date.signed" and signed.subject.kind == "agreement"
    assert signed.date.start == date(2003, 1, 1) and signed.date.granularity == "year"
    assert set(signed.subject.countries) == {"AZE", "PAK"}


def test_claims_date_of_an_agreement_named_by_its_year(nlp, kb):
    claims = analysed_claims(nlp, kb, "Egypt's 2015 Rafale contract with France covered 24 jets.")
    (signed,) = of_kind(claims, "date")
    assert (signed.attribute, signed.date.start, signed.subject.name) == (
        "date.signed", date(2015, 1, 1), "contract [Dassault Rafale]")
    (jets,) = of_kind(claims, "quantity")
    assert jets.context_year == 2015          # placed in the contract's year, not the publication's


def test_claims_date_until_uses_the_publication_date_as_anchor(nlp, kb):
    text = "The joint exercise between the Philippines and the United States runs until March 30."
    (until,) = of_kind(analysed_claims(nlp, kb, text, published=date(2023, 3, 20)), "date")
    assert until.attribute == "date.until" and until.date.start == date(2023, 3, 30)


ITALY_QATAR = ("Italy and Qatar have close defence ties. {} Italy trains Qatari pilots, and Qatar buys "
               "Italian ships.")


def test_claims_year_of_an_order_placed_or_made_is_one_subject_across_wordings(nlp, kb):
    # Qatar ordered 28 NH90 helicopters from Leonardo in 2018; the second text gets the year wrong
    from bilat.claims import find_contradictions
    told = [of_kind(analysed_claims(nlp, kb, ITALY_QATAR.format(sentence)), "date") for sentence in (
        "In 2018 Qatar ordered 28 NH90 helicopters from Leonardo.",
        "In 2017 Qatar placed an order for 28 NH90 helicopters with Leonardo.")]
    (ordered,), (placed,) = told
    assert ordered.attribute == placed.attribute == "date.ordered"
    assert ordered.subject.key == placed.subject.key and set(placed.subject.countries) == {"ITA", "QAT"}
    (flagged,) = [c for c in find_contradictions([ordered, placed]) if c.status == "contradiction"]
    assert {flagged.first.date.start.year, flagged.second.date.start.year} == {2017, 2018}


def test_claims_date_needs_a_dated_act(nlp, kb):
    text = "Relations between Ghana and Nigeria were warm in 2010."
    assert of_kind(analysed_claims(nlp, kb, text), "date") == []


# ---------------------------------------------------------------- ranks and descriptions

def test_claims_rank_of_the_state_it_is_predicated_of(nlp, kb):
    text = "Turkey was the first state to recognise the independence of Azerbaijan in 1991."
    (rank,) = of_kind(analysed_claims(nlp, kb, text), "rank")
    assert rank.value == 1 and rank.subject.name == kb.country_name("TUR")
    assert rank.attribute == "rank:state to recognise" and "AZE" in rank.subject.countries


def test_claims_rank_superlative_and_hedge(nlp, kb):
    claims = analysed_claims(nlp, kb, "Russia has long been the largest supplier of arms to India. "
                                      "Pakistan was among the first countries to recognise Azerbaijan.")
    ranks = {c.attribute: c for c in of_kind(claims, "rank")}
    assert ranks["rank:largest supplier"].value == 1 and ranks["rank:largest supplier"].subject.name == kb.country_name("RUS")
    assert ranks["rank:country to recognise"].qualifier == "approximate"


def test_claims_rank_ordinal_superlative(nlp, kb):
    (rank,) = of_kind(analysed_claims(nlp, kb, "Ukraine became the second-largest buyer of Turkish drones in 2022."), "rank")
    assert (rank.value, rank.attribute, rank.subject.name) == (2, "rank:largest buyer", kb.country_name("UKR"))


@pytest.mark.parametrize(("text", "iso3", "words"), [
    ("Serbia, a Balkan nation, bought Rafale jets from France in 2024.", "SRB", "Balkan nation"),
    ("Greece is a NATO member and a close partner of France.", "GRC", "NATO member"),
    # a definite description refers back to the state that was last a subject, not to one it names
    ("Turkey hosted talks with Sweden. The NATO member had blocked Sweden's bid for months.", "TUR", "NATO member"),
])
def test_claims_description_of_an_actor(nlp, kb, text, iso3, words):
    (described,) = of_kind(analysed_claims(nlp, kb, text), "description")
    assert described.description == words and described.subject.countries == (iso3,)


def test_claims_description_skips_names_of_states(nlp, kb):
    text = "The loan is guaranteed by the French state and repaid over ten years."
    assert of_kind(analysed_claims(nlp, kb, text), "description") == []


# ---------------------------------------------------------------- attribution and identity

def test_claims_attribution_is_the_named_source_else_none(nlp, kb):
    said = analysed_claims(nlp, kb, "Egypt has ordered 30 Rafale jets from France, the Egyptian defence ministry said.")
    plain = analysed_claims(nlp, kb, "Egypt has ordered 30 Rafale jets from France.")
    assert of_kind(said, "quantity")[0].attribution == "Egyptian defence ministry"
    assert of_kind(plain, "quantity")[0].attribution is None
    assert of_kind(plain, "quantity")[0].outlet == "example-news.com"


def test_claims_ids_are_stable_for_the_same_text(nlp, kb):
    text = "Greece signed a contract for 18 Rafale jets in January 2021."
    assert [c.id for c in analysed_claims(nlp, kb, text)] == [c.id for c in analysed_claims(nlp, kb, text)]


# ---------------------------------------------------------------- the seeds

def _seed_document(seed_text, prefix: str) -> Document:
    text = seed_text(prefix)
    return Document(doc_id=prefix, path=f"{prefix}.txt", text=text)


def test_claims_on_seeds_find_the_numbers_and_years_they_state(seed_text, nlp, kb):
    """Every claim points at its own words; the counts, amounts and years are read off the text
    (no seed sentence is copied here: values are checked against the text itself)."""
    found: list[Claim] = []
    for prefix in ("000", "001", "002", "003", "004"):
        document = _seed_document(seed_text, prefix)
        claims = extract_claims(document, nlp(document.text), kb)
        for c in claims:
            assert document.text[c.start:c.end] == c.text
            assert c.sentence_start <= c.start < c.end <= c.sentence_end
        found += claims
    kinds = {c.kind for c in found}
    assert {"quantity", "money", "date", "rank"} <= kinds
    for c in found:
        if c.kind == "date":
            assert c.date is not None and str(c.date.start.year) in c.text
        if c.kind == "money":
            assert c.unit == "USD" and c.value >= 1e6
        if c.kind == "quantity" and any(ch.isdigit() for ch in c.text):
            digits = "".join(ch for ch in c.text.split()[0] if ch.isdigit())
            assert c.value == pytest.approx(float(digits) * (1000 if "thousand" in c.text else 1))
    # a weapon count from the knowledge base and a rank of a state among them
    assert any(c.kind == "quantity" and c.subject.kind == "weapon_system" for c in found)
    assert any(c.kind == "rank" and c.subject.kind == "actor" and c.value and c.value > 1 for c in found)
