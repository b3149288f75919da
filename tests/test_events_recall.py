"""Event patterns found while measuring recall on held-out style articles.

Each sentence is our own, about real public events; each case names the
pattern it guards: who is implied by "its"/"the air force", what a state is
called, agreements raised "to" a partnership, second signings, weapons that
arrive as a raised subject.
"""
from __future__ import annotations

from datetime import date

import pytest

from bilat.events.extract import extract_events
from bilat.records import Document, PubDate

pytestmark = pytest.mark.slow


def events_of(nlp, kb, text: str, published: date = date(2023, 6, 1)):
    doc = Document(doc_id="doc-recall", path="notes/recall.txt", text=text,
                   published=PubDate(published, published, "metadata"), genre="news")
    return extract_events(doc, nlp(doc.text), kb)


def categories_for(events, pair: set[str]) -> set[str]:
    return {e.category for e in events if pair <= set(e.countries)}


@pytest.mark.parametrize(("text", "pair", "category"), [
    ("Since 2020, when Azerbaijan bought drones from Turkey and used them in its war with Armenia that autumn, "
     "interest in the drones has grown.", {"AZE", "ARM"}, "armed_conflict"),
    ("Nigeria and the United States have deepened ties.\n\nIn May the air force inducted three JF-17 fighters "
     "bought from Pakistan.", {"NGA", "PAK"}, "arms_transfer"),
    ("Serbian President Aleksandar Vucic has called China a steel friend.", {"SRB", "CHN"}, "support"),
    ("France's foreign minister called the Australian decision a stab in the back.", {"FRA", "AUS"}, "criticism"),
    ("Xi Jinping visited Serbia in June 2016, when the two countries raised their ties to a comprehensive "
     "strategic partnership.", {"CHN", "SRB"}, "agreement"),
    ("Algeria suspends friendship treaty with Spain.", {"DZA", "ESP"}, "agreement"),
    ("Egypt said it stood firmly with Somalia and its sovereignty.", {"EGY", "SOM"}, "support"),
    ("Kuwait mediated between Qatar and Saudi Arabia throughout the crisis.", {"KWT", "QAT"}, "other_cooperation"),
    ("Solomon Islands switched its diplomatic recognition from Taiwan to China in September 2019.",
     {"SLB", "CHN"}, "recognition"),
    ("The United States closed its embassy in the Solomon Islands in 1993.", {"USA", "SLB"}, "recognition"),
    ("Somalia brought the case against Kenya at the International Court of Justice in 2014.", {"SOM", "KEN"},
     "criticism"),
    ("Venezuelan President Nicolas Maduro and Guyanese President Irfaan Ali shook hands on Thursday.",
     {"VEN", "GUY"}, "meeting"),
    ("For decades Armenia relied almost entirely on Russian arms.", {"ARM", "RUS"}, "arms_transfer"),
    ("German troops have been deployed in Lithuania since 2017.", {"DEU", "LTU"}, "other_cooperation"),
    ("At the summit in Tokyo, the leaders of Japan and India launched an initiative to track illegal fishing.",
     {"IND", "JPN"}, "agreement"),
    ("Defence ties between India and the United States were deepened in October 2020 by the signing of the "
     "BECA agreement by their ministers.", {"IND", "USA"}, "agreement"),
    ("Warsaw signed deals with Seoul in July. The first K2 tanks are due to arrive in Poland in December.",
     {"KOR", "POL"}, "arms_transfer"),
    ("The governments first agreed on the purchase of S-400 systems in October 2016, when Modi and Putin met in Goa "
     "on the sidelines of a BRICS summit.", {"IND", "RUS"}, "meeting"),
])
def test_recall_pattern_yields_the_event(nlp, kb, text, pair, category):
    assert category in categories_for(events_of(nlp, kb, text), pair)


@pytest.mark.parametrize(("text", "pair", "category", "factuality"), [
    ("An Israeli delegation flew to Rabat in December 2020.", {"ISR", "MAR"}, "visit", "asserted"),
    ("Russian President Vladimir Putin met Kim Jong Un in Pyongyang. From Pyongyang he flew on to Vietnam.",
     {"RUS", "VNM"}, "visit", "asserted"),
    ("The United States approved a possible sale of 36 F-15 fighters to Indonesia.", {"IDN", "USA"},
     "arms_transfer", "negotiating"),
    ("Iran's foreign minister said Iran had not given Russia any missiles.", {"IRN", "RUS"}, "arms_transfer", "negated"),
    ("The United States and Iran have had no diplomatic relations since 1980.", {"IRN", "USA"}, "recognition", "negated"),
])
def test_recall_pattern_with_factuality(nlp, kb, text, pair, category, factuality):
    found = [e for e in events_of(nlp, kb, text) if pair <= set(e.countries) and e.category == category]
    assert found and found[0].factuality == factuality


def test_recall_a_second_signing_is_a_second_agreement(nlp, kb):
    text = ("Kazakhstan will assemble Turkish drones. The plan was announced during a state visit. "
            "Kazakh President Kassym-Jomart Tokayev and Turkish President Tayyip Erdogan signed a joint declaration "
            "in Ankara. Their ministers separately signed a set of further documents on defence and trade.")
    agreements = [e for e in events_of(nlp, kb, text) if e.category == "agreement"]
    assert len(agreements) == 2


def test_recall_a_title_line_does_not_swallow_the_first_verb(nlp, kb):
    text = ("How Brazil learned to build a fighter with Swedish help\n\n"
            "When Brazil chose the Saab Gripen in December 2013, price was only part of the story.")
    transfers = [e for e in events_of(nlp, kb, text) if e.category == "arms_transfer"]
    assert any({"BRA", "SWE"} <= set(e.countries) and e.date.start == date(2013, 12, 1) for e in transfers)


@pytest.mark.parametrize("text", [
    "The American philanthropist Bill Gates has funded polio vaccination campaigns in Pakistan.",
    "A Pakistani analyst discussed the prospects of military cooperation with Azerbaijan.",
    "For centuries, the people of both Greece and Cyprus have been visiting each other.",
])
def test_private_people_and_commentators_make_no_event(nlp, kb, text):
    assert events_of(nlp, kb, text) == []


@pytest.mark.parametrize("text", [
    "Officials of Azerbaijan and Pakistan met in Baku. Both sides expressed concerns about terrorism and extremism.",
    "Officials of Azerbaijan and Pakistan met in Baku. The two sides lauded their strategic partnership.",
])
def test_a_pair_sharing_a_view_is_not_support_or_criticism(nlp, kb, text):
    assert not {"support", "criticism"} & {e.category for e in events_of(nlp, kb, text)}


def test_a_pair_criticising_a_third_state_is_criticism(nlp, kb):
    text = "Greece and Cyprus met in Athens. Both sides condemned Turkey's drilling off Cyprus."
    assert "criticism" in categories_for(events_of(nlp, kb, text), {"TUR"})


def test_the_first_such_agreement_is_a_comparison_not_a_new_signing(nlp, kb):
    text = ("Japan and the Philippines signed a reciprocal access agreement in Manila on July 8, 2024. "
            "It is the first such agreement Japan has signed with an Asian country.")
    agreements = [e for e in events_of(nlp, kb, text) if e.category == "agreement"]
    assert len(agreements) == 1


def test_a_shared_concern_stays_apart_from_a_purchase_in_the_same_sentence(nlp, kb):
    text = ("Officials of Azerbaijan and Pakistan met in Baku. Both sides expressed concerns about terrorism, "
            "and Azerbaijan continued to purchase armoured vehicles from Pakistan.")
    found = {e.category for e in events_of(nlp, kb, text)}
    assert "arms_transfer" in found and "criticism" not in found


def test_the_significance_of_conducting_training_is_a_topic_not_training(nlp, kb):
    text = ("The Azerbaijani president received Pakistan's army chief in Baku and underscored the significance "
            "of conducting joint military training.")
    assert "training" not in {e.category for e in events_of(nlp, kb, text)}


def test_a_pledge_in_a_coordinated_predicate_does_not_make_thanks_planned(nlp, kb):
    text = ("The president of Azerbaijan expressed gratitude for Pakistan's assistance and pledged to raise "
            "cooperation between the two countries' armed forces.")
    support = [e for e in events_of(nlp, kb, text) if e.category == "support"]
    assert support and support[0].factuality == "asserted"


@pytest.mark.parametrize("text", [
    "Poland signs first contracts for South Korean tanks and howitzers.",
    "Armenia has bought Indian artillery radars.",
])
def test_the_state_named_on_the_weapons_supplies_them(nlp, kb, text):
    transfers = [e for e in events_of(nlp, kb, text) if e.category == "arms_transfer"]
    assert transfers
    sources = {a.country for a in transfers[0].actors if a.role == "source"}
    targets = {a.country for a in transfers[0].actors if a.role == "target"}
    assert sources & {"KOR", "IND"} and targets & {"POL", "ARM"}


def test_recognising_a_fact_is_not_diplomatic_recognition(nlp, kb):
    text = "The treaty between Australia and Tuvalu recognises that climate change threatens the islands."
    assert "recognition" not in {e.category for e in events_of(nlp, kb, text)}


def test_leaders_who_are_to_meet_plan_a_meeting(nlp, kb):
    text = "Guyanese President Irfaan Ali and Venezuelan President Nicolas Maduro are to meet in Brazil next month."
    meetings = [e for e in events_of(nlp, kb, text) if e.category == "meeting"]
    assert meetings and meetings[0].factuality == "planned"


def test_a_state_that_follows_does_the_same_with_the_same_counterpart_at_its_own_date(nlp, kb):
    events = events_of(nlp, kb, "Egypt made peace with Israel in 1979 and Jordan followed in 1994.")
    by_pair = {tuple(e.countries): e for e in events if e.category == "agreement"}
    assert by_pair[("EGY", "ISR")].date.start.year == 1979
    assert by_pair[("ISR", "JOR")].date.start.year == 1994


def test_following_a_meeting_is_not_an_ellipsis(nlp, kb):
    events = events_of(nlp, kb, "Turkey and Greece held talks in Athens. A dinner followed the talks.")
    assert all(set(e.countries) <= {"TUR", "GRC"} for e in events)


@pytest.mark.parametrize(("text", "pair", "category"), [
    ("The exercise follows a visit to Manila by US Defense Secretary Lloyd Austin in February.", {"PHL", "USA"},
     "visit"),
    ("The United States and Bolivia have not had full diplomatic relations since 2008.", {"USA", "BOL"},
     "recognition"),
    ("Ecuador declared the Mexican ambassador persona non grata.", {"ECU", "MEX"}, "criticism"),
    ("Chinese coast guard ships fired water cannon at Philippine supply boats in March.", {"CHN", "PHL"},
     "armed_conflict"),
    ("French President Emmanuel Macron and Brazilian President Lula attended the launch of a Scorpene submarine "
     "built in Brazil with French help.", {"BRA", "FRA"}, "defence_industry"),
])
def test_recall_patterns_from_held_out_wire_copy(nlp, kb, text, pair, category):
    assert category in categories_for(events_of(nlp, kb, text), pair)


def test_jets_sent_to_strike_are_fighting_not_a_transfer(nlp, kb):
    text = "Thailand sent F-16 jets to strike Cambodian military targets in July."
    found = {e.category for e in events_of(nlp, kb, text)}
    assert "arms_transfer" not in found and "armed_conflict" in found


def test_a_title_and_its_lead_naming_more_states_are_one_event(nlp, kb):
    text = ("Armenia and Azerbaijan sign peace declaration\n\n"
            "Armenia and Azerbaijan signed a joint declaration with US President Donald Trump at the White House "
            "on Friday.")
    signings = [e for e in events_of(nlp, kb, text, date(2025, 8, 9)) if e.category == "agreement"]
    assert len(signings) == 1 and len(signings[0].mentions) == 2


def test_a_third_state_named_as_the_venue_is_not_a_party(nlp, kb):
    text = ("Guyana and Venezuela agreed at Argyle not to use force. Guyanese President Irfaan Ali spoke to "
            "reporters. The two leaders are to meet again in Brazil within three months.")
    planned = [e for e in events_of(nlp, kb, text, date(2023, 12, 15)) if e.category == "meeting"]
    assert planned and set(planned[0].countries) == {"GUY", "VEN"}


@pytest.mark.parametrize("text", [
    "In June 2017 Saudi Arabia cut ties with Qatar, accusing it of supporting terrorism and of being too close to Iran.",
    "The government in Kinshasa accuses Rwanda of arming the M23 rebels and of sending its own soldiers to fight "
    "alongside them.",
])
def test_what_a_state_is_accused_of_is_the_criticism_not_an_event(nlp, kb, text):
    events = events_of(nlp, kb, text)
    assert "criticism" in {e.category for e in events}
    assert not {e.category for e in events} & {"support", "armed_conflict", "arms_transfer"}


def test_a_state_beside_experts_is_still_a_doer(nlp, kb):
    events = events_of(nlp, kb, "Kinshasa and United Nations experts accuse Rwanda of arming the rebels.")
    assert categories_for(events, {"COD", "RWA"}) == {"criticism"}


def test_a_third_state_receiving_both_ministers_hosts_the_pair(nlp, kb):
    text = ("Rwanda and the Democratic Republic of Congo signed a peace agreement in Washington on June 27, 2025.\n\n"
            "President Donald Trump received both ministers at the White House.")
    events = events_of(nlp, kb, text, published=date(2025, 6, 28))
    visit = next(e for e in events if e.category == "visit" and {"USA", "RWA", "COD"} <= set(e.countries))
    assert {a.country for a in visit.actors if a.role == "target"} == {"USA"}


def test_talks_that_failed_took_place(nlp, kb):
    events = events_of(nlp, kb, "Somalia took Kenya to the International Court of Justice in 2014 after talks between "
                                "the two neighbours failed.")
    assert any(e.category == "meeting" and e.factuality == "asserted" for e in events)


def test_failing_to_hold_talks_is_still_negated(nlp, kb):
    events = events_of(nlp, kb, "Serbia and Kosovo failed to hold talks in Brussels last month.")
    assert {e.factuality for e in events if e.category == "meeting"} == {"negated"}


def test_hosting_forces_is_stationing_not_a_meeting(nlp, kb):
    events = events_of(nlp, kb, "Cambodia again denied that it would host Chinese forces at Ream.")
    assert categories_for(events, {"KHM", "CHN"}) == {"other_cooperation"}
    assert {e.factuality for e in events} == {"negated"}


def test_calling_on_a_state_to_act_is_a_demand(nlp, kb):
    events = events_of(nlp, kb, "Somalia's president called on Kenya to respect the ruling of the court.")
    assert categories_for(events, {"KEN", "SOM"}) == {"criticism"}


def test_welcoming_a_ruling_is_no_support_for_a_state(nlp, kb):
    events = events_of(nlp, kb, "In Santiago, Chilean President Sebastian Pinera welcomed the ruling against Bolivia.")
    assert "support" not in {e.category for e in events}


def test_training_for_a_crew_is_training(nlp, kb):
    events = events_of(nlp, kb, "Australia gave a patrol boat to Tuvalu in 2019 and provides training for its crew.")
    assert "training" in categories_for(events, {"AUS", "TUV"})


def test_a_phone_call_to_congratulate_is_no_appeal(nlp, kb):
    events = events_of(nlp, kb, "President Biden called President-elect Lula on October 31 to congratulate him, and "
                                "Jake Sullivan, the national security adviser, traveled to Brasilia in December to meet him.",
                       published=date(2023, 2, 10))
    assert "proposed" not in {e.factuality for e in events}
    assert "visit" in categories_for(events, {"BRA", "USA"})


def test_a_coordinated_clause_with_its_own_subject_is_its_own_report(nlp, kb):
    events = events_of(nlp, kb, "Analysts urged restraint, and the Greek prime minister visited Ankara in December.")
    assert {e.factuality for e in events if e.category == "visit"} == {"asserted"}


@pytest.mark.parametrize("text", [
    "Nigeria first sought the aircraft in 2015, but Washington put the deal on hold in January 2017.",
    "The French president's state visit to Germany, planned for last July, was called off at short notice.",
])
def test_deals_on_hold_and_visits_called_off_are_negated(nlp, kb, text):
    events = events_of(nlp, kb, text)
    assert "negated" in {e.factuality for e in events}


def test_a_traveller_in_a_relative_clause_visits(nlp, kb):
    events = events_of(nlp, kb, "Erdogan spoke at a news conference with Finnish President Sauli Niinisto, who flew to "
                                "Ankara for the talks.")
    assert "visit" in categories_for(events, {"FIN", "TUR"})


def test_a_meeting_held_in_one_of_the_two_states_is_a_visit(nlp, kb):
    events = events_of(nlp, kb, "Greek Prime Minister Kyriakos Mitsotakis sat down with Recep Tayyip Erdogan in Ankara "
                                "on Monday.", published=date(2024, 5, 16))
    visit = next(e for e in events if e.category == "visit")
    assert {a.country for a in visit.actors if a.role == "target"} == {"TUR"}


def test_a_phone_call_stays_a_meeting(nlp, kb):
    events = events_of(nlp, kb, "Greek Prime Minister Kyriakos Mitsotakis held a phone call with Recep Tayyip Erdogan "
                                "in Athens on Monday.", published=date(2024, 5, 16))
    assert categories_for(events, {"GRC", "TUR"}) == {"meeting"}


def test_welcoming_a_leader_to_the_capital_hosts_a_visit(nlp, kb):
    events = events_of(nlp, kb, "President Joe Biden welcomed Brazilian President Lula to the White House on Friday.",
                       published=date(2023, 2, 11))
    visit = next(e for e in events if e.category == "visit")
    assert {a.country for a in visit.actors if a.role == "target"} == {"USA"}
    assert "support" not in {e.category for e in events}


@pytest.mark.parametrize("text", [
    "Prime Minister Plenkovic welcomed the French-built aircraft at a ceremony in Zagreb.",
    "The two presidents reaffirmed that democracy is the foundation of relations between Brazil and the United States.",
])
def test_welcoming_things_and_reaffirming_principles_is_no_support(nlp, kb, text):
    assert "support" not in {e.category for e in events_of(nlp, kb, text)}


def test_how_a_reported_purchase_is_paid_for_is_no_new_event(nlp, kb):
    events = events_of(nlp, kb, "Egypt ordered 30 more Rafale jets from France. The military spokesman said the purchase "
                                "would be financed through a loan from French banks.")
    assert [(e.category, e.factuality) for e in events] == [("arms_transfer", "asserted")]


@pytest.mark.parametrize(("text", "pair", "category", "factuality"), [
    ("President Vladimir Putin spoke by phone with Armenian Prime Minister Nikol Pashinyan on Sunday.",
     {"ARM", "RUS"}, "meeting", "asserted"),
    ("Saudi Arabia opened its airspace to Israeli airlines in July 2022.", {"ISR", "SAU"}, "other_cooperation", "asserted"),
    ("Finland and Sweden halted new arms export licences to Turkey in October 2019.", {"FIN", "TUR"}, "arms_transfer",
     "negated"),
    ("In August 2020 Greek and Turkish frigates collided in the eastern Mediterranean.", {"GRC", "TUR"}, "armed_conflict",
     "asserted"),
    ("Washington imposed tariffs on Colombian goods on Sunday.", {"COL", "USA"}, "criticism", "asserted"),
])
def test_wordings_from_the_fourth_set(nlp, kb, text, pair, category, factuality):
    events = events_of(nlp, kb, text)
    assert (category, factuality) in {(e.category, e.factuality) for e in events if pair <= set(e.countries)}


def test_receiving_a_counterpart_at_home_is_a_visit(nlp, kb):
    events = events_of(nlp, kb, "Erdogan received his Egyptian counterpart in Ankara on Monday.")
    assert categories_for(events, {"EGY", "TUR"}) == {"visit"}


@pytest.mark.parametrize(("text", "pair"), [
    ("Spain withdraws its ambassador from Buenos Aires as Milei refuses to apologise", {"ARG", "ESP"}),
    ("Ankara later complained that Sweden was implementing its pledges too slowly.", {"SWE", "TUR"}),
])
def test_withdrawn_ambassadors_and_complaints_are_asserted_criticism(nlp, kb, text, pair):
    events = events_of(nlp, kb, text)
    assert [(e.category, e.factuality) for e in events if pair <= set(e.countries)] == [("criticism", "asserted")]


def test_a_visit_introduced_as_a_setting_is_a_visit(nlp, kb):
    events = events_of(nlp, kb, "Boris Johnson offered the training programme during a visit to Kyiv in June 2022.")
    assert "visit" in categories_for(events, {"GBR", "UKR"})


def test_the_visit_as_a_setting_stays_a_reference(nlp, kb):
    events = events_of(nlp, kb, "The Turkish president visited Cairo on Wednesday. During the visit, Egypt and Turkey "
                                "signed a trade agreement.", published=date(2024, 2, 16))
    assert [e.category for e in events].count("visit") == 1


def test_an_invitation_to_visit_is_a_planned_visit(nlp, kb):
    events = events_of(nlp, kb, "Turkish President Recep Tayyip Erdogan invited Egyptian President Abdel Fattah al-Sisi "
                                "to pay a return visit to Turkey.")
    assert [(e.category, e.factuality) for e in events] == [("visit", "planned")]


def test_calling_a_leader_a_putschist_is_criticism(nlp, kb):
    events = events_of(nlp, kb, "Turkish President Recep Tayyip Erdogan called Egyptian President Abdel Fattah al-Sisi "
                                "a putschist for years.")
    assert categories_for(events, {"EGY", "TUR"}) == {"criticism"}


def test_a_deal_that_collapsed_is_negated(nlp, kb):
    events = events_of(nlp, kb, "Croatia's deal to buy used F-16 jets from Israel collapsed in January 2019.")
    assert {(e.category, e.factuality) for e in events} == {("arms_transfer", "negated")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Tokyo concluded similar pacts with Australia in January 2022 and with Britain in January 2023.",
     {(("AUS", "JPN"), date(2022, 1, 1)), (("GBR", "JPN"), date(2023, 1, 1))}),
    ("The Indian prime minister visited Japan in 2014 and the United States in 2016.",
     {(("IND", "JPN"), date(2014, 1, 1)), (("IND", "USA"), date(2016, 1, 1))}),
])
def test_counterparts_with_dates_of_their_own_are_separate_happenings(nlp, kb, text, expected):
    assert {(e.countries, e.date.start) for e in events_of(nlp, kb, text)} == expected


def test_counterparts_sharing_one_date_stay_one_happening(nlp, kb):
    events = events_of(nlp, kb, "Japan signed access agreements with Australia and Britain in 2022.")
    assert [e.countries for e in events] == [("AUS", "GBR", "JPN")]


def test_the_content_of_a_dismissed_claim_is_negated(nlp, kb):
    events = events_of(nlp, kb, "Turkey dismisses Armenian claim that its F-16 shot down an Armenian warplane")
    assert [(e.category, e.factuality) for e in events] == [("armed_conflict", "negated")]


def test_rejecting_reports_is_a_denial_not_criticism(nlp, kb):
    events = events_of(nlp, kb, "Ankara rejected reports that it had sold drones to Ethiopia.")
    assert [(e.category, e.factuality) for e in events] == [("arms_transfer", "negated")]


@pytest.mark.parametrize(("text", "pair", "factuality"), [
    ("Moscow suspended all flights to Egypt after a Russian airliner was brought down over Sinai in October 2015.",
     {"EGY", "RUS"}, "negated"),
    ("Direct flights between Cairo and Moscow resumed in April 2018.", {"EGY", "RUS"}, "asserted"),
])
def test_flights_between_states_are_cooperation(nlp, kb, text, pair, factuality):
    events = events_of(nlp, kb, text)
    assert ("other_cooperation", factuality) in {(e.category, e.factuality) for e in events if pair <= set(e.countries)}


def test_an_opinion_writers_if_there_were_is_a_proposal(nlp, kb):
    doc = Document(doc_id="doc-op", path="notes/op.md", text="If there were a direct flight between Baku and Islamabad, "
                   "tourism between Azerbaijan and Pakistan would grow.",
                   published=PubDate(date(2023, 6, 1), date(2023, 6, 1), "metadata"), genre="opinion")
    events = extract_events(doc, nlp(doc.text), kb)
    assert {(e.category, e.factuality) for e in events} == {("other_cooperation", "proposed")}


@pytest.mark.parametrize(("text", "pair"), [
    ("The International Court of Justice ruled on Monday that Chile is not obliged to negotiate with Bolivia over "
     "access to the sea.", {"BOL", "CHL"}),
    ("An international tribunal ruled in 2016, in a case brought by Manila, that China's claims in the South China Sea "
     "had no legal basis.", {"CHN", "PHL"}),
])
def test_a_court_ruling_between_states_is_criticism_and_its_content_no_event(nlp, kb, text, pair):
    events = events_of(nlp, kb, text)
    assert [(e.category, e.factuality) for e in events if pair <= set(e.countries)] == [("criticism", "asserted")]


def test_ruling_out_is_no_court_ruling(nlp, kb):
    events = events_of(nlp, kb, "The Turkish president ruled out talks with Armenia this year.")
    assert "criticism" not in {e.category for e in events}


def test_a_demand_and_a_rejection_are_acts_of_their_own(nlp, kb):
    text = ("Spain withdraws its ambassador from Argentina\n\nSpain has withdrawn its ambassador to Argentina for good "
            "after President Javier Milei insulted the Spanish prime minister's wife.\n\nMadrid demanded a public apology "
            "within hours. Buenos Aires refused. Madrid rejected the statement by Argentina's presidential office.")
    criticisms = [e for e in events_of(nlp, kb, text, published=date(2024, 5, 22)) if e.category == "criticism"]
    assert len(criticisms) >= 3


@pytest.mark.parametrize(("text", "pair"), [
    ("Washington lobbied against the sale of Chinese jets to Argentina.", {"ARG", "USA"}),
    ("Turkey opposes Sweden's bid to join NATO.", {"SWE", "TUR"}),
    ("US senators objected to the sale of F-16 jets to Turkey.", {"TUR", "USA"}),
])
def test_opposing_and_lobbying_against_are_criticism(nlp, kb, text, pair):
    assert "criticism" in categories_for(events_of(nlp, kb, text), pair)


def test_envoys_ordered_home_are_a_protest_not_an_arms_order(nlp, kb):
    events = events_of(nlp, kb, "Israel's foreign minister ordered the ambassadors in Dublin, Oslo and Madrid home for "
                                "consultations.")
    assert {e.category for e in events} == {"criticism"}


def test_a_demanding_course_and_thanks_are_no_demand(nlp, kb):
    events = events_of(nlp, kb, "Croatian officials said the Rafale training in France had been demanding, and thanked "
                                "the French side for its help.")
    assert [(e.category, e.factuality) for e in events if e.category in {"support", "criticism"}] == [("support", "asserted")]


def test_a_verb_coordinated_under_a_refusal_is_still_refused(nlp, kb):
    events = events_of(nlp, kb, "Armenia refused to meet Turkish officials and sign the protocols in 2010.")
    assert {e.factuality for e in events} == {"negated"}


def test_a_signed_contract_under_which_a_state_will_acquire_jets_is_an_order(nlp, kb):
    # Greece signed for 18 Rafale jets on 25 January 2021; the terms are worded in the future
    events = events_of(nlp, kb, "The French and Greek defence ministers today signed a contract under which Greece "
                                "will acquire 18 Rafale fighter jets.", date(2021, 1, 25))
    transfer = [e for e in events if e.category == "arms_transfer"]
    assert [(e.factuality, e.stage) for e in transfer] == [("asserted", "order")]


def test_putting_ones_signature_to_an_agreement_signs_it(nlp, kb):
    # Japan and the Philippines signed their reciprocal access agreement in Manila on 8 July 2024
    events = events_of(nlp, kb, "Japanese Foreign Minister Yoko Kamikawa put her signature to a reciprocal access "
                                "agreement with the Philippines in Manila on Monday.", date(2024, 7, 9))
    assert "agreement" in categories_for(events, {"JPN", "PHL"})


def test_sitting_down_with_a_counterpart_is_a_meeting(nlp, kb):
    # Albanese met Xi Jinping in Beijing on Monday 6 November 2023
    events = events_of(nlp, kb, "Australian Prime Minister Anthony Albanese is sitting down with Chinese President "
                                "Xi Jinping on Monday.", date(2023, 11, 5))
    assert categories_for(events, {"AUS", "CHN"}) == {"meeting"}


@pytest.mark.parametrize(("text", "expected"), [
    # Kishida's state visit to Washington, 10 April 2024: the allies agreed to upgrade their command structures
    ("Japanese Prime Minister Fumio Kishida held talks with President Joe Biden at the White House on Wednesday "
     "that ended with the two allies agreeing to upgrade their military command structures.",
     {("meeting", "asserted"), ("agreement", "asserted")}),
    ("Kishida sat down with Biden at the White House on Wednesday for talks that ended with Japan and the United "
     "States upgrading their alliance to a global partnership.", {("meeting", "asserted")}),
])
def test_what_talks_ended_with_is_their_outcome_not_their_topic(nlp, kb, text, expected):
    events = events_of(nlp, kb, text, date(2024, 4, 11))
    assert {(e.category, e.factuality) for e in events if {"JPN", "USA"} <= set(e.countries)} == expected


def test_a_negated_consideration_is_negated(nlp, kb):
    events = events_of(nlp, kb, "Spanish officials said they were not considering breaking off relations with Argentina.")
    assert {e.factuality for e in events} == {"negated"}


def test_not_announcing_an_agreement_is_negated(nlp, kb):
    events = events_of(nlp, kb, "The two presidents did not announce any agreement on the supply of tanks to Ukraine.")
    assert "asserted" not in {e.factuality for e in events}


def test_an_envoy_presenting_credentials_is_recognition(nlp, kb):
    events = events_of(nlp, kb, "Saudi Arabia's first envoy to the Palestinians presented his credentials in Ramallah "
                                "on Tuesday.")
    assert categories_for(events, {"PSE", "SAU"}) == {"recognition"}


@pytest.mark.parametrize(("text", "category"), [
    # criticism from campaign groups is no state's act
    ("The new Rafale order is likely to draw criticism from human rights groups in France.", "criticism"),
    # receiving a prize is no meeting
    ("In Munster, the French president will receive a peace prize from German officials.", "meeting"),
    # a joint flight of bombers is a patrol
    ("It was the fourth joint flight of Chinese and Russian bombers over the Sea of Japan.", "other_cooperation"),
    # an air base named as the place of something else
    ("Romania and the Netherlands opened an F-16 training centre at the Fetesti air base.", "other_cooperation"),
])
def test_a_cue_word_out_of_context_makes_no_event_of_its_category(nlp, kb, text, category):
    assert category not in {e.category for e in events_of(nlp, kb, text)}


def test_a_fact_stated_in_its_own_clause_inside_an_accusation_is_an_event(nlp, kb):
    events = events_of(nlp, kb, "Somalia cut diplomatic ties with Kenya in December 2020, accusing it of meddling in "
                                "its affairs after Kenyan President Uhuru Kenyatta hosted the leader of Somaliland.")
    assert {"recognition", "criticism", "visit"} <= categories_for(events, {"KEN", "SOM"})


def test_the_one_praised_for_an_act_is_its_doer(nlp, kb):
    events = events_of(nlp, kb, "Azerbaijani President Ilham Aliyev praised Pakistan for refusing to establish "
                                "diplomatic relations with Armenia.")
    refusal = next(e for e in events if e.category == "recognition")
    assert {"ARM", "PAK"} <= set(refusal.countries) and refusal.factuality == "negated"


def test_a_visit_referred_back_to_keeps_its_own_states(nlp, kb):
    events = events_of(nlp, kb, "Pakistan's army chief General Asim Munir visited Azerbaijan on Monday.\n\nThe visit of "
                                "General Munir also matters because of growing military ties between Armenia and India.")
    visits = [e for e in events if e.category == "visit"]
    assert visits and all(set(v.countries) == {"AZE", "PAK"} for v in visits)


def test_a_counterpart_without_a_demonym_is_the_other_state_of_the_pair(nlp, kb):
    text = ("Azerbaijan and Pakistan discuss air force ties\n\nThe Azerbaijani defence minister thanked his counterpart "
            "for training Azerbaijani pilots at the Pakistan Air Force Academy.")
    training = next(e for e in events_of(nlp, kb, text, published=date(2021, 6, 20)) if e.category == "training")
    assert {a.country for a in training.actors if a.role == "source"} == {"PAK"}


def test_a_named_exercise_running_until_a_later_day_is_the_same_exercise(nlp, kb):
    text = ("Japan and the Philippines began their first joint air drills on Monday. "
            "The drills include fighter escort missions. "
            "The Kamandag exercise will run until June 16.")
    events = [e for e in events_of(nlp, kb, text, date(2023, 6, 7)) if e.category == "exercise"]
    assert len(events) == 1 and events[0].factuality == "asserted" and len(events[0].mentions) >= 2


def test_the_side_that_signs_for_the_jets_is_the_buyer(nlp, kb):
    events = events_of(nlp, kb, "Poland signed for 96 of the attack helicopters in Warsaw on Tuesday, the US "
                                "embassy said.")
    (transfer,) = [e for e in events if e.category == "arms_transfer"]
    roles = {(a.role, a.country) for a in transfer.actors if a.country}
    assert ("target", "POL") in roles and ("source", "POL") not in roles


def test_an_order_a_maker_landed_or_received_is_the_order_not_a_delivery_or_a_meeting(nlp, kb):
    text = ("Indonesia orders 42 Rafale jets from France. "
            "Dassault Aviation has landed the largest export order the Rafale has ever received, "
            "after Indonesia signed for 42 of the jets in Jakarta on Thursday.")
    events = events_of(nlp, kb, text, date(2022, 2, 11))
    assert {e.category for e in events} == {"arms_transfer"}
    assert {e.stage for e in events} == {"order"}
