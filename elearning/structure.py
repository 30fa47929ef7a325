"""A module's steps and questions, read once from its StreamField and looked up by block id."""

import random
from dataclasses import dataclass, field, replace

from .blocks import INTERACTIVE_TYPES, QuizKind


@dataclass
class Option:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass
class Question:
    id: str
    type: str  # quiz, reflection, discussion
    value: object
    step_id: str
    step_number: int
    options: list[Option] = field(default_factory=list)

    @property
    def is_quiz(self):
        return self.type == "quiz"

    @property
    def kind(self):
        return self.value["kind"] if self.is_quiz else None

    @property
    def allows_many(self):
        return self.kind == QuizKind.MULTIPLE

    @property
    def points(self):
        return self.value["points"] if self.is_quiz else 0

    @property
    def text(self):
        if self.type == "quiz":
            return self.value["question"]
        if self.type == "reflection":
            return self.value["prompt"]
        return self.value["question"]

    @property
    def option_order(self):
        """The options' ids in the order shown, as one string: what a kept fragment of the question varies on."""
        return ",".join(option.id for option in self.options)

    def option_ids(self):
        return {option.id for option in self.options}

    def correct_ids(self):
        return {option.id for option in self.options if option.correct}


def question_for_learner(question, module, user):
    """The question as this learner sees it: with the options in their order.

    The one place the order rule lives; the step page, the answer fragment and the review of an attempt all
    ask it. In a module with `shuffle_options` each learner gets an order of their own, drawn from their id,
    the module's and the question's, so it is the same on every request and in every process (a seeded
    random.Random, never the salted built-in hash()). Otherwise, and for anyone not logged in, the order is
    the authored one. Options keep their ids, so grading never depends on positions. No queries.
    """
    if not question.is_quiz or not getattr(module, "shuffle_options", False):
        return question
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return question
    options = list(question.options)
    random.Random(f"options:{user_id}:{module.pk}:{question.id}").shuffle(options)  # noqa: S311  (not secret)
    return replace(question, options=options)  # a copy: the module's structure is shared by everyone


@dataclass
class Step:
    id: str
    number: int  # 1-based position now; URLs use it, progress uses `id`
    title: str
    value: object
    questions: list[Question] = field(default_factory=list)

    @property
    def quiz_questions(self):
        return [question for question in self.questions if question.is_quiz]


@dataclass
class ModuleStructure:
    steps: list[Step]
    questions: dict[str, Question]

    @classmethod
    def from_page(cls, page):
        steps, questions = [], {}
        for number, step_block in enumerate(page.steps, start=1):
            step = Step(id=step_block.id, number=number, title=step_block.value["title"], value=step_block.value)
            for child in step_block.value["content"]:
                if child.block_type not in INTERACTIVE_TYPES:
                    continue
                question = Question(
                    id=child.id, type=child.block_type, value=child.value, step_id=step.id, step_number=number
                )
                if child.block_type == "quiz":
                    question.options = [
                        Option(
                            id=bound.id,
                            text=bound.value["text"],
                            correct=bool(bound.value["correct"]),
                            feedback=bound.value["feedback"],
                        )
                        for bound in child.value["options"].bound_blocks
                    ]
                step.questions.append(question)
                questions[question.id] = question
            steps.append(step)
        return cls(steps=steps, questions=questions)

    @property
    def step_ids(self):
        return [step.id for step in self.steps]

    def step(self, number):
        if 1 <= number <= len(self.steps):
            return self.steps[number - 1]
        return None

    def step_by_id(self, step_id):
        return next((step for step in self.steps if step.id == step_id), None)

    @property
    def quiz_questions(self):
        return [question for question in self.questions.values() if question.is_quiz]

    @property
    def max_points(self):
        return sum(question.points for question in self.quiz_questions)

    @property
    def discussion_questions(self):
        return [question for question in self.questions.values() if question.type == "discussion"]

    @property
    def reflection_questions(self):
        return [question for question in self.questions.values() if question.type == "reflection"]
