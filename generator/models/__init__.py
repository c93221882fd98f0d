"""The registry's data model (pydantic v2): one class per kind of record."""

from generator.models.bundle import Bundle, BundlesFile
from generator.models.department import Department, DepartmentsFile
from generator.models.enums import (
    ItemType,
    Level,
    Audience,
    TimeUnit,
    Handling,
    OnlineDepth,
    Delivery,
    ResultType,
    CrossRegion,
    Status,
    MaterialKind,
    MaterialForm,
    Original,
    Necessity,
    MaterialSource,
)
from generator.models.item import (
    Contact,
    Fee,
    Form,
    Item,
    LegalBasis,
    Material,
    Online,
    Question,
    Result,
    SpecialProcedure,
    Step,
    TimeLimit,
    Window,
    WorkflowStep,
)
