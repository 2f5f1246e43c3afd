"""A realistic, deterministic demo: the Panel and TABASC, three TABASC meetings.

All names and text are invented for SecDesk; the structure follows real
secretariat practice (standing items, papers, alternates, observers, part
attendance, a confidential item, actions carried forward and closed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from secdesk.errors import ValidationError
from secdesk.model import (
    Action,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Capacity,
    Classification,
    Committee,
    DecisionVerb,
    ItemKind,
    Meeting,
    MeetingStatus,
    MemberRole,
    Person,
    PlanStatus,
    Purpose,
    Section,
)
from secdesk.services import actions, agenda, attendance, committees, decisions, meetings, planner, risks

AMBER = Classification.AMBER
VENUE = "Harcourt House, 14 Tolley Street, London, EC2N 7QP"
VENUE_ALT = "Meeting Room 3, Quayside Chambers, 2 Albion Wharf, Manchester, M3 4LW"

PANEL_SEATS = [
    ("SEC Panel Chair", 1),
    ("Large Suppliers", 2),
    ("Small Suppliers", 2),
    ("Electricity Networks", 1),
    ("Gas Networks", 1),
    ("Other SEC Parties", 2),
    ("DCC", 1),
    ("Consumer Member", 1),
]
PANEL_MEMBERS = [
    ("Margaret Ellwood", "SEC Panel Chair", MemberRole.CHAIR, "SECCo"),
    ("Gareth Pryce", "Large Suppliers", MemberRole.MEMBER, "Northfield Energy"),
    ("Anita Desai", "Large Suppliers", MemberRole.MEMBER, "Brightwater Power"),
    ("Tom Kinsella", "Small Suppliers", MemberRole.MEMBER, "Kestrel Gas & Power"),
    ("Rhiannon Lloyd", "Small Suppliers", MemberRole.MEMBER, "Oakfield Supply"),
    ("Simon Achebe", "Electricity Networks", MemberRole.MEMBER, "Pennine Grid"),
    ("Fiona Strachan", "Gas Networks", MemberRole.MEMBER, "Caledon Gas Networks"),
    ("Priya Natarajan", "Other SEC Parties", MemberRole.MEMBER, "Meridian Metering"),
    ("Colin Abbott", "Other SEC Parties", MemberRole.MEMBER, "Lumen Data Services"),
    ("Helen Marsh", "DCC", MemberRole.MEMBER, "The DCC"),
    ("Daniel Okafor", "Consumer Member", MemberRole.OBSERVER, "Citizens Energy Forum"),
]

TABASC_SEATS = [
    ("TABASC Chair", 1),
    ("Large Supplier Members", 2),
    ("Small Supplier Member", 1),
    ("Network Operator Members", 2),
    ("Other SEC Party Member", 1),
    ("DCC Member", 1),
]
TABASC_MEMBERS = [
    ("Julian Whitcombe", "TABASC Chair", MemberRole.CHAIR, "Independent"),
    ("Sophie Brennan", "Large Supplier Members", MemberRole.MEMBER, "Northfield Energy"),
    ("Marcus Webb", "Large Supplier Members", MemberRole.MEMBER, "Brightwater Power"),
    ("Eilidh Munro", "Small Supplier Member", MemberRole.MEMBER, "Kestrel Gas & Power"),
    ("Rajesh Kapoor", "Network Operator Members", MemberRole.MEMBER, "Pennine Grid"),
    ("Claire Fenwick", "Network Operator Members", MemberRole.MEMBER, "Caledon Gas Networks"),
    ("Owen Tranter", "Other SEC Party Member", MemberRole.MEMBER, "Meridian Metering"),
    ("Natalie Greaves", "DCC Member", MemberRole.MEMBER, "The DCC"),
]
# Named alternates: (alternate, for member).
TABASC_ALTERNATES = [("Ben Holloway", "Marcus Webb"), ("Aisha Rahman", "Rajesh Kapoor")]

SECRETARIAT = ["Laura Pemberton", "Chris Adeyemi", "Hannah Scott"]
MEETING_SECRETARY = "Iris Kowalczyk"
PARTICIPANTS = [
    ("Peter Lindqvist", "DESNZ (Secretary of State)"),
    ("Grace Mbeki", "Ofgem (the Authority)"),
]

STANDING = [
    ("Minutes and Actions Outstanding", Section.MAIN, Purpose.DECISION, ItemKind.MINUTES_AND_ACTIONS, "Chair", 10),
    ("DESNZ Update", Section.MAIN, Purpose.INFORMATION, ItemKind.NORMAL, "DESNZ", 10),
    ("DCC Update", Section.MAIN, Purpose.INFORMATION, ItemKind.NORMAL, "The DCC", 15),
    ("Sub-Committee Update", Section.MAIN, Purpose.INFORMATION, ItemKind.NORMAL, "TABASC Chair", 5),
    ("TABASC Risk Register", Section.MAIN, Purpose.DECISION, ItemKind.RISK_REGISTER, "SECAS", 10),
    ("TABASC Activity Planner", Section.MAIN, Purpose.INFORMATION, ItemKind.ACTIVITY_PLANNER, "SECAS", 5),
    ("Any Other Business", Section.AOB, Purpose.DISCUSSION, ItemKind.NORMAL, "Chair", 5),
]


@dataclass
class DemoItem:
    """A topic item placed before the Risk Register."""

    title: str
    presenter: str
    purpose: Purpose
    minutes: str
    decisions: list[tuple[DecisionVerb, str]]
    actions: list[tuple[str, str, date | None]] = field(default_factory=list)
    paper: str | None = None
    classification: Classification = Classification.WHITE
    public_title: str | None = None
    note: str | None = None
    planned: int = 20
    # Confidential content inside a White item.
    amber_decision: tuple[DecisionVerb, str] | None = None
    amber_action: tuple[str, str, date | None] | None = None


@dataclass
class DemoMeeting:
    number: int
    day: date
    venue: str
    status: MeetingStatus
    standing_minutes: dict[str, str]
    standing_decisions: dict[str, list[tuple[DecisionVerb, str]]]
    topics: list[DemoItem]
    information: list[tuple[str, str]]
    aob: str
    aob_action: tuple[str, str, date | None] | None
    # Review of outstanding actions: reference -> (update text, status); one
    # key may list several references sharing one update.
    reviews: dict[str, tuple[str, ActionStatus]]
    apologies: list[str]
    alternates: list[tuple[str, str]]
    observer: str
    part: tuple[str, str, str]  # person, "arrived"|"left", item title


def _meetings() -> list[DemoMeeting]:
    return [
        DemoMeeting(
            number=44,
            day=date(2026, 8, 17),
            venue=VENUE,
            status=MeetingStatus.FINAL,
            standing_minutes={
                "DESNZ Update": (
                    "DESNZ outlined the consultations it expects to publish over the autumn, including a "
                    "review of the arrangements for prepayment functionality on second-generation meters. "
                    "Members asked for early sight of any proposed changes to device specifications."
                ),
                "DCC Update": (
                    "The DCC summarised live service performance for July 2026, which met all service "
                    "levels, and reported that the next scheduled release remains on track for November "
                    "2026. Members queried the testing window available to Users before the release."
                ),
                "Sub-Committee Update": (
                    "The TABASC Chair summarised recent work of the Security Sub-Committee on firmware "
                    "signing and of the Change Sub-Committee on modification prioritisation."
                ),
                "TABASC Risk Register": (
                    "SECAS presented the monthly review of the risk register. No new risks were proposed "
                    "and the likelihood of the risk on specification drift was left unchanged."
                ),
                "TABASC Activity Planner": (
                    "SECAS presented the forward look at agenda items for the next three months."
                ),
            },
            standing_decisions={
                "DESNZ Update": [(DecisionVerb.NOTED, "the verbal update")],
                "DCC Update": [(DecisionVerb.NOTED, "the contents of the update")],
                "Sub-Committee Update": [(DecisionVerb.NOTED, "the verbal update")],
                "TABASC Risk Register": [
                    (DecisionVerb.NOTED, "the contents of the paper"),
                    (DecisionVerb.APPROVED, "the risk register as presented"),
                ],
                "TABASC Activity Planner": [(DecisionVerb.NOTED, "the contents of the paper")],
            },
            topics=[
                DemoItem(
                    title="Interface Specification Versioning Approach",
                    presenter="SECAS",
                    purpose=Purpose.DECISION,
                    paper="Interface Specification Versioning Approach",
                    minutes=(
                        "SECAS introduced a proposed approach for managing concurrent versions of the "
                        "User interface specification, so that Users are not forced to move to a new "
                        "version at every release.\n\nThe TABASC discussed how many versions should be "
                        "supported at once and the cost to the DCC of running them in parallel. It was "
                        "noted that two concurrent versions would cover most Users' upgrade cycles."
                    ),
                    decisions=[
                        (DecisionVerb.NOTED, "the contents of the paper"),
                        (DecisionVerb.AGREED, "that SECAS develop the two-version approach into a draft principle"),
                    ],
                    actions=[
                        (
                            "SECAS",
                            ("SECAS to draft a versioning principle for concurrent interface specification versions "
                             "and bring it to the September TABASC meeting."),
                            date(2026, 9, 21),
                        ),
                        (
                            "The DCC",
                            ("The DCC to estimate the operational cost of supporting two concurrent interface "
                             "specification versions."),
                            date(2026, 10, 19),
                        ),
                    ],
                ),
                DemoItem(
                    title="Supplier Incident Review: Firmware Roll-back",
                    public_title="Incident Review",
                    presenter="The DCC",
                    purpose=Purpose.DISCUSSION,
                    classification=AMBER,
                    paper="Firmware Roll-back Incident Review",
                    minutes=(
                        "The DCC presented its confidential review of a firmware roll-back affecting a "
                        "batch of communications hubs in the north region in June 2026. The root cause was "
                        "a signing certificate that expired during a staged deployment."
                    ),
                    decisions=[(DecisionVerb.NOTED, "the confidential incident review and its root cause")],
                    actions=[
                        (
                            "The DCC",
                            ("The DCC to share the certificate expiry monitoring plan with TABASC members under "
                             "confidential cover."),
                            date(2026, 9, 21),
                        ),
                    ],
                ),
                DemoItem(
                    title="Effectiveness Review Questionnaire",
                    presenter="SECAS",
                    purpose=Purpose.DISCUSSION,
                    paper="Draft Effectiveness Review Questionnaire",
                    minutes=(
                        "SECAS presented the draft questionnaire for the annual review of the effectiveness "
                        "of the end-to-end technical architecture. Members suggested that each question carry "
                        "a rating scale so that progress can be compared year on year."
                    ),
                    decisions=[(DecisionVerb.DISCUSSED, "the draft questionnaire and provided comments")],
                    actions=[
                        (
                            "The TABASC Members",
                            ("The TABASC Members to send further comments on the draft questionnaire to SECAS by 4th "
                             "September 2026."),
                            date(2026, 9, 4),
                        ),
                    ],
                    amber_decision=(
                        DecisionVerb.AGREED,
                        "that the named respondent list remain confidential to members",
                    ),
                ),
            ],
            information=[
                ("Modification Status Report", "SECAS"),
                ("Release Management Update", "SECAS"),
            ],
            aob="There was no other business and the Chair closed the meeting.",
            aob_action=None,
            reviews={
                "TABASC41/03": (
                    ("SECAS reported that the glossary of architecture terms is being reviewed by the "
                     "Technical and Business Expert Community. An update will follow in September."),
                    ActionStatus.ONGOING,
                ),
            },
            apologies=["Claire Fenwick"],
            alternates=[("Ben Holloway", "Marcus Webb")],
            observer="Daniel Okafor",
            part=("Owen Tranter", "arrived", "DCC Update"),
        ),
        DemoMeeting(
            number=45,
            day=date(2026, 9, 21),
            venue=VENUE_ALT,
            status=MeetingStatus.FINAL,
            standing_minutes={
                "DESNZ Update": (
                    "DESNZ confirmed that the consultation on prepayment functionality will now be "
                    "published in October 2026 and invited members to a stakeholder session."
                ),
                "DCC Update": (
                    "The DCC reported that testing for the November 2026 release had started on schedule "
                    "and that two low-severity defects were being tracked."
                ),
                "Sub-Committee Update": (
                    "The TABASC Chair reported that the Security Sub-Committee had endorsed its updated "
                    "guidance on device firmware signing."
                ),
                "TABASC Risk Register": (
                    "SECAS presented the register. A new risk was proposed on the availability of "
                    "architecture expertise in the industry, scored at likelihood 3 and impact 3."
                ),
                "TABASC Activity Planner": ("SECAS presented the activity planner for October to December 2026."),
            },
            standing_decisions={
                "DESNZ Update": [(DecisionVerb.NOTED, "the verbal update")],
                "DCC Update": [(DecisionVerb.NOTED, "the contents of the update")],
                "Sub-Committee Update": [(DecisionVerb.NOTED, "the verbal update")],
                "TABASC Risk Register": [
                    (DecisionVerb.NOTED, "the contents of the paper"),
                    (DecisionVerb.APPROVED, "the addition of the new risk on architecture expertise"),
                ],
                "TABASC Activity Planner": [(DecisionVerb.NOTED, "the contents of the paper")],
            },
            topics=[
                DemoItem(
                    title="Interface Specification Versioning Principle",
                    presenter="SECAS",
                    purpose=Purpose.DECISION,
                    paper="Draft Versioning Principle",
                    minutes=(
                        "SECAS presented the draft principle for concurrent interface specification "
                        "versions requested at the August meeting. The TABASC welcomed the clearer wording "
                        "and asked that the principle state how long a superseded version remains supported."
                    ),
                    decisions=[
                        (
                            DecisionVerb.ENDORSED,
                            "the draft versioning principle, subject to the amendment on support periods",
                        )
                    ],
                    actions=[
                        (
                            "SECAS",
                            ("SECAS to amend the versioning principle to state the support period and present it to "
                             "the SEC Panel for approval at its October 2026 meeting."),
                            date(2026, 10, 9),
                        ),
                    ],
                    note=(
                        "Following the meeting, SECAS confirmed that the amended principle was included in "
                        "the October 2026 SEC Panel papers."
                    ),
                ),
                DemoItem(
                    title="Security Architecture Gap Analysis",
                    public_title="Security Architecture Review",
                    presenter="SECAS",
                    purpose=Purpose.DISCUSSION,
                    classification=AMBER,
                    paper="Security Architecture Gap Analysis",
                    minutes=(
                        "SECAS presented a confidential gap analysis of the security architecture against "
                        "the latest threat assessment. Three gaps were rated high, all concerning the "
                        "recovery of head-end systems after a compromise."
                    ),
                    decisions=[
                        (DecisionVerb.NOTED, "the confidential gap analysis"),
                        (DecisionVerb.AGREED, "to refer the three high-rated gaps to the Security Sub-Committee"),
                    ],
                    actions=[
                        (
                            "SECAS",
                            "SECAS to refer the three high-rated head-end recovery gaps to the Security Sub-Committee.",
                            date(2026, 10, 14),
                        ),
                    ],
                ),
                DemoItem(
                    title="Business Architecture Model Publication",
                    presenter="SECAS",
                    purpose=Purpose.DECISION,
                    paper="Business Architecture Model: Publication Plan",
                    minutes=(
                        "SECAS set out a plan to publish the business architecture model on the website "
                        "with a feedback log. Members asked that a short guide for new readers accompany it."
                    ),
                    decisions=[(DecisionVerb.APPROVED, "the publication plan for the business architecture model")],
                    actions=[
                        (
                            "SECAS",
                            ("SECAS to prepare a short reader's guide to accompany the published business "
                             "architecture model."),
                            None,
                        ),
                    ],
                    amber_action=(
                        "The DCC",
                        "The DCC to review which model diagrams expose internal network zoning before publication.",
                        date(2026, 10, 12),
                    ),
                ),
            ],
            information=[("Modification Status Report", "SECAS")],
            aob=(
                "A member raised the timing of the December meeting, which falls close to the holiday "
                "period. The TABASC AGREED to hold the December meeting by teleconference."
            ),
            aob_action=(
                "SECAS",
                "SECAS to issue a teleconference invitation for the December 2026 TABASC meeting.",
                date(2026, 10, 30),
            ),
            reviews={
                "TABASC41/03": (
                    ("The glossary review has concluded; SECAS will publish the glossary with the "
                     "business architecture model (see item 7)."),
                    ActionStatus.ONGOING,
                ),
                "TABASC44/01": (
                    "SECAS presented the draft versioning principle under agenda item 5.",
                    ActionStatus.CLOSED,
                ),
                "TABASC44/02": (
                    "The DCC's estimate is being finalised and will be presented at the October meeting.",
                    ActionStatus.ONGOING,
                ),
                "TABASC44/03": (
                    "The DCC shared the monitoring plan with members on 9th September 2026.",
                    ActionStatus.CLOSED,
                ),
                "TABASC44/04": (
                    "Comments were received from four members and have been reflected in the revised questionnaire.",
                    ActionStatus.CLOSED,
                ),
            },
            apologies=["Sophie Brennan", "Rajesh Kapoor"],
            alternates=[("Aisha Rahman", "Rajesh Kapoor")],
            observer="Daniel Okafor",
            part=("Natalie Greaves", "left", "Security Architecture Gap Analysis"),
        ),
        DemoMeeting(
            number=46,
            day=date(2026, 10, 19),
            venue=VENUE,
            status=MeetingStatus.HELD,
            standing_minutes={
                "DESNZ Update": (
                    "DESNZ reported that the consultation on prepayment functionality was published on "
                    "12th October 2026 and closes on 30th November 2026."
                ),
                "DCC Update": (
                    "The DCC confirmed that the November 2026 release had passed its entry criteria for "
                    "pre-production testing. Members asked for the outage schedule to be circulated."
                ),
                "Sub-Committee Update": (
                    "The TABASC Chair noted that the Security Sub-Committee had accepted a referral from "
                    "the TABASC and will report back in December."
                ),
                "TABASC Risk Register": (
                    "SECAS presented the register. The likelihood of the risk on architecture expertise "
                    "was reduced from 3 to 2 following recruitment to the expert community."
                ),
                "TABASC Activity Planner": ("SECAS presented the activity planner for November 2026 to January 2027."),
            },
            standing_decisions={
                "DESNZ Update": [(DecisionVerb.NOTED, "the verbal update")],
                "DCC Update": [(DecisionVerb.NOTED, "the contents of the update")],
                "Sub-Committee Update": [(DecisionVerb.NOTED, "the verbal update")],
                "TABASC Risk Register": [
                    (DecisionVerb.NOTED, "the contents of the paper"),
                    (DecisionVerb.APPROVED, "the amendments to the risk register"),
                ],
                "TABASC Activity Planner": [(DecisionVerb.NOTED, "the contents of the paper")],
            },
            topics=[
                DemoItem(
                    title="Cost of Concurrent Interface Versions",
                    presenter="The DCC",
                    purpose=Purpose.DISCUSSION,
                    paper="Operational Cost of Concurrent Interface Versions",
                    minutes=(
                        "The DCC presented its estimate of the operational cost of supporting two "
                        "concurrent interface specification versions. The TABASC noted that the cost was "
                        "modest compared with the cost to Users of forced upgrades.\n\nMembers asked that "
                        "the estimate be shared with the SEC Panel alongside the versioning principle."
                    ),
                    decisions=[(DecisionVerb.NOTED, "the DCC's cost estimate")],
                    actions=[
                        (
                            "SECAS",
                            ("SECAS to include the DCC's cost estimate in the SEC Panel paper on the versioning "
                             "principle for the November 2026 Panel meeting."),
                            date(2026, 11, 13),
                        ),
                    ],
                    note=(
                        "Following the meeting, the SEC Panel agreed to consider the principle and the "
                        "cost estimate together at its December 2026 meeting."
                    ),
                ),
                DemoItem(
                    title="Supplier Readiness Survey Results",
                    public_title="Readiness Survey",
                    presenter="SECAS",
                    purpose=Purpose.DISCUSSION,
                    classification=AMBER,
                    paper="Supplier Readiness Survey: Named Results",
                    minutes=(
                        "SECAS presented the confidential, named results of the supplier readiness survey "
                        "for the November release. Two suppliers reported that they would not be ready to "
                        "adopt the new interface version before March 2027."
                    ),
                    decisions=[
                        (DecisionVerb.NOTED, "the named survey results"),
                        (DecisionVerb.RECOMMENDED, "that the two suppliers be offered bilateral support sessions"),
                    ],
                    actions=[
                        (
                            "SECAS",
                            "SECAS to arrange bilateral support sessions with the two suppliers not yet ready.",
                            date(2026, 11, 30),
                        ),
                    ],
                ),
                DemoItem(
                    title="Specification Defect Triage Process",
                    presenter="SECAS",
                    purpose=Purpose.DECISION,
                    paper="Specification Defect Triage Process",
                    minutes=(
                        "SECAS presented a revised triage process for reported specification defects, with "
                        "a target of five working days from receipt to an initial view. The TABASC "
                        "questioned whether urgent defects needed a faster route and it was agreed that the "
                        "Chair could convene an extraordinary teleconference."
                    ),
                    decisions=[
                        (DecisionVerb.APPROVED, "the revised defect triage process"),
                        (
                            DecisionVerb.AGREED,
                            "that urgent defects may be considered at an extraordinary teleconference",
                        ),
                    ],
                    actions=[
                        (
                            "SECAS",
                            "SECAS to publish the revised defect triage process on the website by 6th November 2026.",
                            date(2026, 11, 6),
                        ),
                        (
                            "The TABASC Chair",
                            "The TABASC Chair to agree with SECAS the notice period for extraordinary teleconferences.",
                            None,
                        ),
                    ],
                ),
            ],
            information=[
                ("Modification Status Report", "SECAS"),
                ("Architecture Expert Community Membership", "SECAS"),
            ],
            aob="There was no other business and the Chair closed the meeting.",
            aob_action=None,
            reviews={
                "TABASC41/03": (
                    "The glossary was published with the business architecture model on 2nd October 2026.",
                    ActionStatus.CLOSED,
                ),
                "TABASC44/02, TABASC45/01": (
                    ("The DCC presented its cost estimate under agenda item 5, and the amended principle was "
                     "considered by the SEC Panel at its October 2026 meeting."),
                    ActionStatus.CLOSED,
                ),
                "TABASC45/02": (
                    ("The referral was made on 13th October 2026 and the Security Sub-Committee will "
                     "report on the head-end recovery gaps in December."),
                    ActionStatus.CLOSED,
                ),
                "TABASC45/03": (
                    "The reader's guide is in draft and will be published before the end of November.",
                    ActionStatus.ONGOING,
                ),
                "TABASC45/04": ("The DCC completed its review; no diagrams needed to change.", ActionStatus.CLOSED),
                "TABASC45/05": ("The invitation has been issued.", ActionStatus.CLOSED),
            },
            apologies=["Eilidh Munro"],
            alternates=[("Ben Holloway", "Marcus Webb")],
            observer="Daniel Okafor",
            part=("Claire Fenwick", "arrived", "Cost of Concurrent Interface Versions"),
        ),
    ]


# (description, likelihood, impact, owner, mitigations, classification)
RISKS = [
    (
        ("There is a risk that changes to the technical specifications are not assessed for their end-to-end "
         "architectural impact, leading to defects that reach live operation."),
        3,
        4,
        "SECAS",
        [
            ("Architectural impact assessment of every modification at refinement", True),
            ("Checklist of cross-document dependencies for reviewers", False),
        ],
        Classification.WHITE,
    ),
    (
        ("There is a risk that the specifications drift from the open protocol standards they reference, "
         "reducing interoperability of new devices."),
        2,
        4,
        "TABASC",
        [("Annual review of referenced standard versions", True)],
        Classification.WHITE,
    ),
    (
        "There is a risk that the business architecture model is not kept current after publication.",
        3,
        2,
        "SECAS",
        [("Feedback log published with the model", False)],
        Classification.WHITE,
    ),
    (
        ("There is a risk that a compromise of a head-end system cannot be recovered from within the "
         "recovery time objective."),
        2,
        5,
        "The DCC",
        [("Recovery exercise with the Security Sub-Committee", False)],
        Classification.AMBER,
    ),
    (
        "There is a risk that Users cannot adopt a new interface version in time for its release.",
        2,
        3,
        "SECAS",
        [("Two concurrent interface versions supported", False)],
        Classification.WHITE,
    ),
]
NEW_RISK_AT_45 = (
    ("There is a risk that too few people with architecture expertise take part in reviews, slowing the "
     "TABASC's assessments."),
    3,
    3,
    "SECAS",
    [("Recruitment campaign for the expert community", False)],
    Classification.WHITE,
)
IMPACT_SCALE = [
    (
        "Operational",
        [
            "No noticeable effect",
            "Minor delay to one process",
            "Delay to a release",
            "Service degraded for many Users",
            "Service unavailable",
        ],
    ),
    (
        "Reputation",
        [
            "Internal only",
            "Noted by a few parties",
            "Raised at the Panel",
            "Reported in the trade press",
            "Regulatory or ministerial attention",
        ],
    ),
    ("Financial", ["Under 10k", "10k to 50k", "50k to 250k", "250k to 1m", "Over 1m"]),
]
# (month, title, owner, classification)
PLANNED = [
    (date(2026, 10, 1), "Specification Defect Triage Process", "SECAS", Classification.WHITE),
    (date(2026, 10, 1), "Release Readiness Lessons Learned", "The DCC", Classification.WHITE),
    (date(2026, 11, 1), "Annual Effectiveness Review Results", "SECAS", Classification.WHITE),
    (date(2026, 11, 1), "Interface Versioning: Panel Outcome", "SECAS", Classification.WHITE),
    (date(2026, 12, 1), "Head-end Recovery: Security Sub-Committee Report", "SSC Chair", AMBER),
    (date(2027, 1, 1), "Business Architecture Model Feedback Review", "SECAS", Classification.WHITE),
]


def _register(session: Session, tabasc: Committee) -> None:
    risks.set_thresholds(session, tabasc, amber_from=8, red_from=15)
    for name, descriptors in IMPACT_SCALE:
        risks.set_impact_category(session, tabasc, name, descriptors)
    for description, likelihood, impact, owner, mitigations, level in RISKS:
        risks.add_risk(
            session,
            tabasc,
            description,
            likelihood,
            impact,
            owner=owner,
            mitigations=mitigations,
            classification=level,
            impact_category="Operational",
        )
    for month, title, owner, level in PLANNED:
        planner.plan(session, tabasc, month, title, owner=owner, classification=level, today=date(2026, 8, 1))


def _review_register(session: Session, meeting: Meeting) -> None:
    """The register changes a little at each meeting and every review keeps a snapshot."""
    committee = meeting.committee
    if meeting.number == 45:
        description, likelihood, impact, owner, mitigations, level = NEW_RISK_AT_45
        risks.add_risk(
            session,
            committee,
            description,
            likelihood,
            impact,
            owner=owner,
            mitigations=mitigations,
            classification=level,
            impact_category="Operational",
        )
    if meeting.number == 46:
        risks.set_likelihood(session, risks.get_risk(session, committee, 6), 2)
        risks.get_risk(session, committee, 3).mitigations[0].in_place = True
    item = next(i for i in meeting.items if i.title.endswith("Risk Register"))
    approved = next((d for d in item.decisions if d.verb is DecisionVerb.APPROVED), None)
    risks.review(session, committee, meeting=meeting, decision=approved)


def _planner_at_46(session: Session, meeting: Meeting) -> None:
    for offered in planner.offered_for(session, meeting):
        match = next((i for i in meeting.items if i.title == offered.title), None)
        if match is not None:
            offered.status, offered.agenda_item = PlanStatus.TAKEN, match
    session.flush()
    planner.roll_untaken(session, meeting)


def _people(session: Session, rows: list[tuple[str, str, MemberRole, str]]) -> dict[str, Person]:
    found = {}
    for name, _seat, _role, org in rows:
        found[name] = committees.person(session, name, committees.organisation(session, org))
    return found


def _setup_committee(
    session: Session,
    code: str,
    name: str,
    voice: str,
    parent: Committee | None,
    quorum: int,
    seats: list[tuple[str, int]],
    members: list[tuple[str, str, MemberRole, str]],
) -> Committee:
    committee = committees.create_committee(
        session, code, name, voice, parent=parent, quorum=quorum, default_venue=VENUE
    )
    categories = {seat: committees.add_seat_category(session, committee, seat, count) for seat, count in seats}
    people = _people(session, members)
    for member_name, seat, role, _org in members:
        committees.add_membership(
            session, committee, people[member_name], categories[seat], role, start=date(2024, 4, 1)
        )
    return committee


def _panel(session: Session) -> Committee:
    panel = _setup_committee(
        session, "SECP", "Smart Energy Code Panel", "The Panel", None, 6, PANEL_SEATS, PANEL_MEMBERS
    )
    for title, section, purpose, kind, presenter, minutes in STANDING:
        committees.add_standing_item(
            session,
            panel,
            title.replace("TABASC", "SEC Panel"),
            section=section,
            purpose=purpose,
            kind=kind,
            presenter=presenter,
            planned_minutes=minutes,
        )
    return panel


def _tabasc(session: Session, panel: Committee) -> Committee:
    tabasc = _setup_committee(
        session,
        "TABASC",
        "Technical Architecture and Business Architecture Sub-Committee",
        "The TABASC",
        panel,
        5,
        TABASC_SEATS,
        TABASC_MEMBERS,
    )
    for alternate, member in TABASC_ALTERNATES:
        stand_in = committees.person(session, alternate)
        for_member = committees.person(session, member)
        seat = next(m.seat_category for m in tabasc.memberships if m.person is for_member)
        stand_in.organisation = for_member.organisation
        committees.add_membership(
            session, tabasc, stand_in, seat, MemberRole.ALTERNATE, start=date(2025, 1, 1), alternate_for=for_member
        )
    observer = committees.person(session, "Daniel Okafor")
    committees.add_membership(session, tabasc, observer, None, MemberRole.OBSERVER, start=date(2024, 4, 1))
    for title, section, purpose, kind, presenter, minutes in STANDING:
        committees.add_standing_item(
            session,
            tabasc,
            title,
            section=section,
            purpose=purpose,
            kind=kind,
            presenter=presenter.replace("Chair", "TABASC Chair") if presenter == "Chair" else presenter,
            planned_minutes=minutes,
        )
    return tabasc


def _attendance(session: Session, meeting: Meeting, spec: DemoMeeting) -> None:
    by_name = {row.person.name: row for row in meeting.attendance}
    for name in spec.apologies:
        attendance.set_status(session, by_name[name], AttendanceStatus.APOLOGIES)
    for alternate, member in spec.alternates:
        attendance.set_status(session, by_name[alternate], AttendanceStatus.PRESENT)
        if by_name[member].status is AttendanceStatus.PRESENT:
            attendance.set_status(session, by_name[member], AttendanceStatus.APOLOGIES)
    # Alternates not standing in today are not listed at all.
    for row in list(meeting.attendance):
        if row.capacity is Capacity.ALTERNATE and row.status is AttendanceStatus.ABSENT:
            meeting.attendance.remove(row)
            session.delete(row)
    person, how, title = spec.part
    item = next(i for i in meeting.items if i.title == title)
    (attendance.arrived_at if how == "arrived" else attendance.left_after)(session, by_name[person], item)
    for name, represents in PARTICIPANTS:
        org = committees.organisation(session, represents)
        attendance.add_attendee(
            session, meeting, committees.person(session, name, org), Capacity.PARTICIPANT, representing=org
        )
    secas = committees.organisation(session, "SECAS")
    for name in SECRETARIAT:
        attendance.add_attendee(session, meeting, committees.person(session, name, secas), Capacity.SECRETARIAT)
    attendance.add_attendee(
        session, meeting, committees.person(session, MEETING_SECRETARY, secas), Capacity.MEETING_SECRETARY
    )
    session.flush()


def _topic(session: Session, meeting: Meeting, topic: DemoItem, before: AgendaItem, paper_no: list[int]) -> None:
    item = agenda.add_item(
        session,
        meeting,
        topic.title,
        purpose=topic.purpose,
        presenter=topic.presenter,
        planned_minutes=topic.planned,
        classification=topic.classification,
        public_title=topic.public_title,
        minutes=topic.minutes,
        post_meeting_note=topic.note,
    )
    agenda.move_item(session, item, before.position)
    if topic.paper:
        paper_no[0] += 1
        paper = agenda.add_paper(
            session,
            item,
            topic.paper,
            reference=agenda.paper_reference(meeting, paper_no[0]),
            purpose=topic.purpose,
            classification=topic.classification,
        )
        agenda.add_paper_file(session, paper, "Paper", f"{paper.reference}.pdf", topic.classification)
        if topic.classification is Classification.WHITE and topic.amber_decision:
            agenda.add_paper_file(session, paper, "Confidential Appendix A", f"{paper.reference}_AppA.pdf", AMBER)
    for verb, text in topic.decisions:
        decisions.add(session, item, verb, text, topic.classification)
    if topic.amber_decision:
        decisions.add(session, item, topic.amber_decision[0], topic.amber_decision[1], AMBER)
    for owner, text, due in topic.actions:
        actions.raise_action(
            session, meeting, text, owner=owner, item=item, due=due, classification=topic.classification
        )
    if topic.amber_action:
        owner, text, due = topic.amber_action
        actions.raise_action(session, meeting, text, owner=owner, item=item, due=due, classification=AMBER)


def _review(session: Session, meeting: Meeting, reviews: dict[str, tuple[str, ActionStatus]]) -> None:
    for references, (text, status) in reviews.items():
        reviewed = [actions.get_action(session, ref.strip()) for ref in references.split(",")]
        actions.record_update(session, reviewed, meeting, text, status)


def _hold(session: Session, committee: Committee, spec: DemoMeeting, previous: Meeting | None) -> Meeting:
    meeting = meetings.create_meeting(
        session, committee, spec.day, number=spec.number, venue=spec.venue, start=time(10, 0), end=time(13, 0)
    )
    by_title = {i.title: i for i in meeting.items}
    for title, text in spec.standing_minutes.items():
        by_title[title].minutes = text
        for verb, decision in spec.standing_decisions.get(title, []):
            decisions.add(session, by_title[title], verb, decision)
    paper_no = [0]
    for topic in spec.topics:
        _topic(session, meeting, topic, by_title["TABASC Risk Register"], paper_no)
    for title, presenter in spec.information:
        info = agenda.add_item(session, meeting, title, section=Section.INFORMATION, presenter=presenter)
        paper_no[0] += 1
        agenda.add_paper(session, info, title, reference=agenda.paper_reference(meeting, paper_no[0]))
    aob = by_title["Any Other Business"]
    aob.minutes = spec.aob
    if spec.aob_action:
        owner, text, due = spec.aob_action
        actions.raise_action(session, meeting, text, owner=owner, item=aob, due=due)
    _attendance(session, meeting, spec)
    first = by_title["Minutes and Actions Outstanding"]
    first.minutes = "The TABASC reviewed the Actions Outstanding from previous meetings; updates are set out below."
    meeting.status = MeetingStatus.HELD
    session.flush()
    _review_register(session, meeting)
    if meeting.number == 46:
        _planner_at_46(session, meeting)
    if previous is not None:
        meetings.agree_final(session, previous, meeting)
    _review(session, meeting, spec.reviews)
    return meeting


def _legacy_action(session: Session, tabasc: Committee) -> None:
    """An action from before SecDesk was adopted, still open."""
    reference = actions.validate_legacy_reference(session, tabasc, "TABASC41/03")
    session.add(
        Action(
            reference=reference,
            committee=tabasc,
            owner="SECAS",
            text="SECAS to compile a glossary of architecture terms used across the technical specifications.",
            status=ActionStatus.ONGOING,
            classification=Classification.WHITE,
        )
    )
    session.flush()


def _panel_meeting(session: Session, panel: Committee) -> None:
    meeting = meetings.create_meeting(session, panel, date(2026, 10, 9), number=151, start=time(10, 0), end=time(15, 0))
    titles = {i.title: i for i in meeting.items}
    titles["Minutes and Actions Outstanding"].minutes = "There were no actions outstanding."
    titles["DCC Update"].minutes = "The DCC reported on live service performance and the November release."
    decisions.add(session, titles["DCC Update"], DecisionVerb.NOTED, "the contents of the update")
    principle = agenda.add_item(
        session,
        meeting,
        "Interface Specification Versioning Principle",
        purpose=Purpose.DECISION,
        presenter="SECAS",
        minutes=(
            "SECAS presented the versioning principle recommended by the TABASC. The Panel asked for the "
            "DCC's cost estimate before taking a decision."
        ),
    )
    agenda.move_item(session, principle, 4)
    decisions.add(session, principle, DecisionVerb.NOTED, "the contents of the paper")
    decisions.add(
        session, principle, DecisionVerb.DEFERRED, "its decision on the principle to the December 2026 meeting"
    )
    actions.raise_action(
        session,
        meeting,
        "SECAS to bring the versioning principle and the DCC's cost estimate to the December 2026 Panel meeting.",
        owner="SECAS",
        item=principle,
        due=date(2026, 12, 11),
    )
    titles["Any Other Business"].minutes = "There was no other business and the Chair closed the meeting."
    meeting.status = MeetingStatus.DRAFT_CIRCULATED
    session.flush()


def load_demo(session: Session) -> None:
    """Fill an empty database with the demo; refuses a database that has committees."""
    if session.scalar(select(Committee.id).limit(1)) is not None:
        raise ValidationError("The database already holds committees; the demo goes into an empty database.")
    panel = _panel(session)
    tabasc = _tabasc(session, panel)
    _legacy_action(session, tabasc)
    _register(session, tabasc)
    previous = None
    for spec in _meetings():
        previous = _hold(session, tabasc, spec, previous)
    _panel_meeting(session, panel)
