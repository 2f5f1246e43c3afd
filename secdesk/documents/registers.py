"""The risk register and the activity planner as classified documents."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from secdesk import glossary
from secdesk.documents import heatmap
from secdesk.documents.common import marking_for, ordinal_date, refuse_locked
from secdesk.documents.model import (
    META,
    SUBTITLE,
    TITLE,
    Block,
    Cell,
    Document,
    Heading,
    Image,
    Paragraph,
    Run,
    Table,
    plain,
)
from secdesk.model import Classification, Committee
from secdesk.services import planner, risks

RAG_CELL = {"red": "F4B6B0", "amber": "FFE08A", "green": "B9DFB0"}
RISK_HEADERS = ("No.", "Risk", "L", "I", "Severity", "RAG", "Mitigations", "Owner")
RISK_WIDTHS = (0.5, 4.2, 0.4, 0.4, 0.8, 0.9, 4.0, 1.2)


def _heading(committee: Committee, label: str, as_at: str) -> list[Block]:
    return [
        Paragraph(plain(committee.name), TITLE),
        Paragraph(plain(f"{committee.code} {label}"), SUBTITLE),
        Paragraph(plain(as_at), META),
    ]


def _risk_row(risk: risks.RiskView) -> tuple[Cell, ...]:
    mitigations = tuple(
        (Run(text, italic=not in_place),) for text, in_place in risk.mitigations
    ) or ((Run(""),),)
    rag = glossary.RAG_COLOUR[risk.rag] + (" (set)" if risk.rag_overridden else "")
    return (
        Cell.of(str(risk.number)),
        Cell.of(risk.description),
        Cell.of(str(risk.likelihood)),
        Cell.of(str(risk.impact)),
        Cell.of(str(risk.severity)),
        Cell(((Run(rag, bold=True),),), fill=RAG_CELL[risk.rag]),
        Cell(mitigations),
        Cell.of(risk.owner),
    )


def build_risk_register(
    session: Session, committee: Committee, level: Classification, *, today: date | None = None
) -> Document:
    """Landscape table in severity order, RAG written and coloured, then the heat map."""
    today = today or date.today()
    shown = risks.register(session, committee, level)
    thresholds = risks.settings(session, committee)
    latest = risks.reviews(session, committee)
    reviewed = f"; last reviewed {ordinal_date(latest[-1].reviewed_on)}" if latest else ""
    blocks = _heading(committee, "Risk Register", f"As at {ordinal_date(today)}{reviewed}")
    blocks.append(Paragraph(
        plain(f"Severity is likelihood x impact (1 to 5 each): {glossary.rag_label('red')} from {thresholds.red_from}, "
              f"{glossary.rag_label('amber')} from {thresholds.amber_from}, otherwise {glossary.rag_label('green')}. "
              "Planned mitigations are in italics."),
        META,
    ))
    blocks.append(Table(RISK_HEADERS, tuple(_risk_row(r) for r in shown), RISK_WIDTHS))
    blocks.append(Heading("Heat map"))
    picture = heatmap.draw(risks.heat_map(shown), lambda s: risks.rag_for(s, thresholds).value)
    blocks.append(Image(picture, 110, "Risk numbers placed by likelihood (up) and impact (across)."))
    scale = risks.impact_scale(session, committee)
    if scale:
        blocks.append(Heading("Impact scale"))
        blocks.append(Table(
            ("Category", "1", "2", "3", "4", "5"),
            tuple((Cell.of(c.name, bold=True), *(Cell.of(d) for d in c.descriptors())) for c in scale),
            (1.2, 1.5, 1.5, 1.5, 1.5, 1.5),
        ))
    refuse_locked(session, level, f"risk register of {committee.code}")
    stamp = f"{today:%Y%m%d}"
    return Document(
        kind="risk_register",
        title=f"{committee.code} Risk Register",
        subject=f"Risk register of the {committee.name}",
        author=committee.secretariat,
        identifier=f"{committee.file_code} Risk Register {today:%d/%m/%Y}",
        marking=marking_for(level),
        file_stem=f"{committee.file_code}_Risk_Register_{stamp}_{level.value.upper()}",
        landscape=True,
        blocks=tuple(blocks),
    )


def build_planner(
    session: Session, committee: Committee, level: Classification, *, start: date | None = None, months: int = 3
) -> Document:
    """One table, month by month: what is planned for each of the coming months."""
    start = planner.first_of_month(start or date.today())
    planned = planner.planner(session, committee, start=start, months=months, level=level)
    rows: list[tuple[Cell, ...]] = []
    month = start
    for _ in range(months):
        items = [p for p in planned if p.month == month]
        label = Cell(((Run(f"{month:%B %Y}", bold=True),),))
        if not items:
            rows.append((label, Cell.of("No items planned yet"), Cell.of(""), Cell.of("")))
        for index, item in enumerate(items):
            rows.append((
                label if index == 0 else Cell.of(""),
                Cell.of(item.title),
                Cell.of(item.owner),
                Cell.of(glossary.PURPOSE[item.purpose]),
            ))
        month = planner.next_month(month)
    refuse_locked(session, level, f"activity planner of {committee.code}")
    blocks = _heading(committee, "Activity Planner", f"From {start:%B %Y}, as at {ordinal_date(date.today())}")
    blocks.append(Table(("Month", "Agenda item", "Owner", "Purpose"), tuple(rows), (1.3, 5.0, 1.5, 1.4)))
    return Document(
        kind="planner",
        title=f"{committee.code} Activity Planner",
        subject=f"Activity planner of the {committee.name}",
        author=committee.secretariat,
        identifier=f"{committee.file_code} Activity Planner {start:%m/%Y}",
        marking=marking_for(level),
        file_stem=f"{committee.file_code}_Activity_Planner_{start:%Y%m}_{level.value.upper()}",
        blocks=tuple(blocks),
    )
