from .feedback import PageFeedback
from .forms import FormField, FormPage, FormPageSubmission
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .pages import AccessibilityStatementPage, AssessmentMethod, ComplianceStatus, ContentPage, HomePage, SiteFooter

__all__ = [
    "AccessibilityStatementPage",
    "AssessmentMethod",
    "ComplianceStatus",
    "ContentPage",
    "FormField",
    "FormPage",
    "FormPageSubmission",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PageFeedback",
    "SiteFooter",
]
