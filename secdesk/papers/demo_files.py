"""Small generated PDFs for the demo's papers, so a demo pack shows real papers.

The demo lists its papers' files without content; `attach_demo_files` draws a
short paper for each listed file and stores it like an attached file.
`load_demo_database` does both: what `secdesk demo` and `secdesk --with-demo` load.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer
from reportlab.platypus import Paragraph as PdfParagraph
from sqlalchemy import select

from secdesk.documents.common import marking_for, ordinal_date
from secdesk.model import Classification, PaperFile, effective_level
from secdesk.papers.attach import file_store
from secdesk.papers.files import MEDIA_TYPES
from secdesk.services import meetings
from secdesk.services.demo import load_demo
from secdesk.store import Store
from secdesk.writers import pdf_styles

SECTIONS = (
    ("Purpose", "This paper sets out {title_lower} for the Sub-Committee's {purpose_lower}."),
    ("Background", ("The secretariat has gathered views from the parties concerned and from the DCC. "
     "The main points raised are summarised below, with the options considered and their costs where known.")),
    ("Summary of views", ("Most respondents supported a phased approach. Some asked for more time to assess "
     "the impact on their systems and for a clearer view of the testing needed before any change.")),
    ("Next steps", ("Subject to the Sub-Committee's views, the secretariat will prepare the detailed proposal "
     "and bring it back to a future meeting.")),
)


def _paper_pdf(reference: str, title: str, label: str, purpose: str, level: Classification, day: str) -> bytes:
    styles = pdf_styles.paragraph_styles()
    marking = marking_for(level)
    buffer = BytesIO()

    def furniture(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont(pdf_styles.BOLD, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 14 * mm, marking.text)
        canvas.setFont(pdf_styles.FONT, 9)
        canvas.drawString(pdf_styles.MARGIN, 12 * mm, reference)
        canvas.drawRightString(A4[0] - pdf_styles.MARGIN, 12 * mm, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    template = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=pdf_styles.MARGIN, rightMargin=pdf_styles.MARGIN,
                                 topMargin=pdf_styles.TOP_MARGIN, bottomMargin=pdf_styles.BOTTOM_MARGIN,
                                 title=f"{reference} {label}", author="SECAS", initialFontName=pdf_styles.FONT)
    heading = title if label == "Paper" else f"{label}: {title}"
    story = [
        PdfParagraph(escape(heading), styles["title"]),
        PdfParagraph(escape(f"{reference}, {purpose}, {day}"), styles["meta"]),
        Spacer(1, 6 * mm),
    ]
    for index, (name, text) in enumerate(SECTIONS):
        if index == 2:
            story.append(PageBreak())
        story.append(PdfParagraph(f"{index + 1}. {escape(name)}", styles["heading1"]))
        story.append(
            PdfParagraph(
                escape(text.format(title_lower=title.lower(), purpose_lower=purpose.lower().removeprefix("for "))),
                styles["body"],
            )
        )
    template.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


def attach_demo_files(store: Store) -> int:
    """Draw and store a PDF for every listed demo file that has no content yet; returns how many.

    Meetings whose minutes are final are locked records and keep their papers as they are.
    """
    files = file_store(store)
    count = 0
    with store.write() as session:
        listed = session.scalars(select(PaperFile).where(PaperFile.sha256.is_(None))).all()
        for attached in listed:
            paper = attached.paper
            meeting = paper.item.meeting
            if meeting.locked or not attached.filename.lower().endswith(".pdf"):
                continue
            level = effective_level(attached)
            data = _paper_pdf(
                paper.reference, paper.title, attached.label, paper.purpose.label, level, ordinal_date(meeting.date)
            )
            cipher = store.keys.cipher_for_writing() if level is not Classification.WHITE and store.keys else None
            stored = files.put(data, cipher)
            attached.sha256, attached.size, attached.media_type = stored.sha256, stored.size, MEDIA_TYPES[".pdf"]
            count += 1
    return count


def load_demo_database(store: Store) -> int:
    """The demo, with small generated PDFs for the papers of meetings not yet final; returns the meeting count."""
    with store.write() as session:
        load_demo(session)
        count = len(meetings.list_meetings(session))
    attach_demo_files(store)
    return count
