"""The SecDesk data model (SQLAlchemy 2, typed)."""

from secdesk.model import clean_text as _clean_text  # noqa: F401  (cleans text on assignment)
from secdesk.model.action import Action, ActionUpdate, ReferenceCounter
from secdesk.model.agenda import AgendaItem, Decision, MinuteBlock, Paper, PaperFile
from secdesk.model.audit import AuditRecord
from secdesk.model.base import Base, Classified, effective_level, visible_at
from secdesk.model.committee import (
    Committee,
    Membership,
    Organisation,
    Person,
    SeatCategory,
    StandingItem,
)
from secdesk.model.meeting import Attendance, Meeting, attendance_item
from secdesk.model.meta import DatabaseSetting
from secdesk.model.record import MinutesRecord
from secdesk.model.registers import (
    ImpactCategory,
    PlannedItem,
    PlanStatus,
    Rag,
    Risk,
    RiskMitigation,
    RiskReview,
    RiskSettings,
    RiskSnapshot,
    RiskStatus,
)
from secdesk.vocabulary import (
    ActionStatus,
    AttendanceStatus,
    BlockKind,
    Capacity,
    Classification,
    DecisionVerb,
    ItemKind,
    MeetingStatus,
    MemberRole,
    Purpose,
    Section,
    meeting_identifier,
)

__all__ = [
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "AgendaItem",
    "Attendance",
    "AttendanceStatus",
    "AuditRecord",
    "Base",
    "BlockKind",
    "Capacity",
    "Classification",
    "Classified",
    "Committee",
    "DatabaseSetting",
    "Decision",
    "DecisionVerb",
    "ImpactCategory",
    "ItemKind",
    "Meeting",
    "MeetingStatus",
    "MemberRole",
    "Membership",
    "MinuteBlock",
    "MinutesRecord",
    "Organisation",
    "Paper",
    "PaperFile",
    "Person",
    "PlanStatus",
    "PlannedItem",
    "Purpose",
    "Rag",
    "ReferenceCounter",
    "Risk",
    "RiskMitigation",
    "RiskReview",
    "RiskSettings",
    "RiskSnapshot",
    "RiskStatus",
    "SeatCategory",
    "Section",
    "StandingItem",
    "attendance_item",
    "effective_level",
    "meeting_identifier",
    "visible_at",
]
