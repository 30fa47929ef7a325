from .pages import CourseIndexPage, CoursePage, ModulePage
from .progress import Answer, Attempt, ModuleProgress, ProgressStatus, Reflection, StepVisit

__all__ = [
    "Answer",
    "Attempt",
    "CourseIndexPage",
    "CoursePage",
    "ModulePage",
    "ModuleProgress",
    "ProgressStatus",
    "Reflection",
    "StepVisit",
]
