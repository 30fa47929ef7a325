"""E-module blocks: a module is a list of steps; a step holds content and questions.

Per-user progress is keyed to each block's stable `id` (never to its position), so editors can
reorder, add and remove steps and questions without breaking anyone's record.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from core.blocks import RICH_TEXT_FEATURES, DocumentBlock, FactBoxBlock, ImageBlock


class QuizKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    CHOICES = [
        (SINGLE, _("Single choice")),
        (MULTIPLE, _("Multiple choice")),
        (TRUE_FALSE, _("True or false")),
    ]


class QuizOptionBlock(blocks.StructBlock):
    """One answer option, edited on two rows: the text with its "correct" tick, then the feedback.

    The compact layout is CSS on `kl-quiz-option` (static/css/admin.css); the help for the feedback is
    given once per question (on the options list) instead of once per option.
    """

    text = blocks.CharBlock(label=_("Answer option"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(label=_("Feedback"), required=False, max_length=600)

    class Meta:
        icon = "radio-full"
        label = _("Option")
        form_classname = "struct-block kl-quiz-option"
        label_format = "{text}"


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"), max_length=500)
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=QuizKind.CHOICES, default=QuizKind.SINGLE)
    options = blocks.ListBlock(
        QuizOptionBlock(),
        label=_("Options"),
        min_num=2,
        max_num=8,
        help_text=_(
            "Tick the correct options. The feedback for an option is shown after the learner has answered, "
            "if they chose it."
        ),
    )
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        required=False,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Shown after answering, whatever the answer."),
    )
    points = blocks.IntegerBlock(label=_("Points"), default=1, min_value=0, max_value=10)

    class Meta:
        icon = "help"
        template = "elearning/blocks/quiz_question.html"
        label = _("Quiz question")
        description = _("A graded question with options, feedback per option and an explanation")
        preview_value = {
            "question": "Vilket påstående stämmer bäst?",
            "kind": "single",
            "options": [
                {"text": "Digitalisering är främst en teknisk fråga", "correct": False, "feedback": "Nej."},
                {"text": "Digitalisering är en ledningsfråga", "correct": True, "feedback": "Ja."},
            ],
            "explanation": "<p>Styrning, organisation och kompetens betyder mer än tekniken.</p>",
            "points": 1,
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = dict(QuizKind.CHOICES).get(value.get("kind"), "")  # "Ett svar", not "single"
        return context

    def clean(self, value):
        value = super().clean(value)
        options = value["options"]
        correct = sum(1 for option in options if option["correct"])
        kind = value["kind"]
        error = None
        if kind == QuizKind.MULTIPLE and correct < 1:
            error = _("Mark at least one option as correct.")
        elif kind in (QuizKind.SINGLE, QuizKind.TRUE_FALSE) and correct != 1:
            error = _("Mark exactly one option as correct.")
        if kind == QuizKind.TRUE_FALSE and len(options) != 2:
            error = _("A true-or-false question has exactly two options.")
        if error:
            raise StructBlockValidationError(block_errors={"options": ValidationError(error)})
        return value


class ReflectionQuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Reflection question"), max_length=500)
    help_text = blocks.CharBlock(label=_("Guidance"), required=False, max_length=300)

    class Meta:
        icon = "edit"
        template = "elearning/blocks/reflection_question.html"
        label = _("Reflection question")
        description = _("A free-text answer, private unless the learner shares it with their workshop group")
        preview_value = {"prompt": "Vad betyder digitalisering i din verksamhet?", "help_text": ""}


class DiscussionQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Discussion question"), max_length=500)
    guidance = blocks.TextBlock(label=_("Guidance for the group"), required=False, max_length=600)

    class Meta:
        icon = "group"
        template = "elearning/blocks/discussion_question.html"
        label = _("Discussion question")
        description = _("A question to read now and discuss later at the workshop")
        preview_value = {"question": "Vilka beslut behöver ledningen fatta först?", "guidance": ""}


class VideoBlock(blocks.StructBlock):
    """A self-hosted video with captions and a required transcript; nothing loads from other hosts."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"), required=False)
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"), required=False)
    external_url = blocks.URLBlock(
        label=_("Link to the video elsewhere"),
        required=False,
        help_text=_("Shown as a link, never embedded, so no third party is contacted without the learner's choice."),
    )
    transcript = blocks.RichTextBlock(label=_("Transcript"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        template = "elearning/blocks/video.html"
        label = _("Video")
        description = _("A video with captions and a transcript")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("video") and not value.get("external_url"):
            raise StructBlockValidationError(
                block_errors={"video": ValidationError(_("Choose a video file or give a link."))}
            )
        return value


INTERACTIVE_TYPES = ("quiz", "reflection", "discussion")


class StepContentBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph.html",
        icon="pilcrow",
        description=_("Formatted text"),
    )
    image = ImageBlock()
    video = VideoBlock()
    fact_box = FactBoxBlock()
    document = DocumentBlock()
    quiz = QuizQuestionBlock()
    reflection = ReflectionQuestionBlock()
    discussion = DiscussionQuestionBlock()


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step title"), max_length=150)
    content = StepContentBlock(label=_("Content"))

    class Meta:
        icon = "list-ol"
        label = _("Step")
        description = _("One screen of the module")
        template = "elearning/blocks/step.html"
