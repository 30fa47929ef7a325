"""Builders for test data: a module from a small dict, the right and wrong answers, completing a module."""

from core.pagetree import ensure_child_page
from elearning import services as learning_services
from elearning.building import raw_steps
from elearning.models import ModulePage


def quiz(question, kind, options, points=1, explanation="<p>Förklaring: styrning före teknik.</p>"):
    return (
        "quiz",
        {
            "question": question,
            "kind": kind,
            "options": [{"text": t, "correct": c, "feedback": f"Återkoppling {t}"} for t, c in options],
            "explanation": explanation,
            "points": points,
        },
    )


def module_dict(slug="testmodul", steps=3, extra_steps=0, **settings):
    base_steps = [
        {
            "title": "Steg ett",
            "content": [
                ("text", "<p>Digitalisering är en ledningsfråga.</p>"),
                quiz("Vad är viktigast?", "single", [("Tekniken", False), ("Ledningen", True), ("Budgeten", False)]),
            ],
        },
        {
            "title": "Steg två",
            "content": [
                quiz(
                    "Vilka hör till styrningen?",
                    "multiple",
                    [("Mål", True), ("Ansvar", True), ("Färg på logotypen", False)],
                ),
                ("reflection", {"prompt": "Vad betyder det för dig?", "help_text": "Skriv fritt."}),
            ],
        },
        {
            "title": "Steg tre",
            "content": [
                quiz("Chefsdagen hålls före modulen.", "true_false", [("Sant", False), ("Falskt", True)]),
                ("discussion", {"question": "Hur delar vi in grupperna?", "guidance": "Blanda förvaltningar."}),
            ],
        },
    ][:steps]
    for n in range(extra_steps):
        base_steps.append(
            {
                "title": f"Extra steg {n}",
                "content": [
                    ("text", "<p>Mer text.</p>"),
                    quiz(f"Extra fråga {n}a", "single", [("Ja", True), ("Nej", False)]),
                    quiz(f"Extra fråga {n}b", "multiple", [("A", True), ("B", True), ("C", False)]),
                ],
            }
        )
    return {
        "slug": slug,
        "title": f"Modul {slug}",
        "intro": "Introduktion.",
        "estimated_minutes": 15,
        "pass_mark": 60,
        "max_attempts": 0,
        "sequential": False,
        "steps": base_steps,
        **settings,
    }


def make_module(course, **kwargs):
    data = module_dict(**kwargs)
    page, _ = ensure_child_page(
        course,
        ModulePage,
        data["slug"],
        title=data["title"],
        intro=data["intro"],
        estimated_minutes=data["estimated_minutes"],
        pass_mark=data["pass_mark"],
        max_attempts=data["max_attempts"],
        sequential=data["sequential"],
        steps=raw_steps(data),
    )
    return page


def correct_ids(question):
    return sorted(question.correct_ids())


def wrong_ids(question):
    return sorted(question.option_ids() - question.correct_ids())[:1]


def complete(user, module):
    """Complete a module through the same services the views use."""
    for step in module.structure.steps:
        learning_services.record_visit(user, module, step)
    for question in module.structure.quiz_questions:
        learning_services.answer_question(user, module, question.id, correct_ids(question), 0)
    return learning_services.finish_attempt(user, module)


def workshop_member(user, module, days=14):
    """A workshop of the user's organisation in `days` days that requires `module`, with the user in its group
    "Bord 1": a reflection shared on the module then reaches that group's kit (workshops.sharing)."""
    from django.utils import timezone

    from workshops.models import Membership, Workshop, WorkshopGroup

    workshop = Workshop.objects.create(
        title="Chefsdag Härnösand",
        organisation=user.organisation,
        starts_at=timezone.now() + timezone.timedelta(days=days),
    )
    workshop.required_modules.set([module])
    workshop.save()  # a ClusterableModel keeps parental m2m changes in memory until saved
    group = WorkshopGroup.objects.create(workshop=workshop, name="Bord 1")
    Membership.objects.create(workshop=workshop, group=group, user=user)
    return workshop


def signup(client, email, **headers):
    """Signs up through allauth's form as Ingrid Sjölund, a manager, with a good password."""
    from django.urls import reverse

    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "first_name": "Ingrid",
            "last_name": "Sjölund",
            "target_group": "chef",
            "password1": "Tr0gen-Hemlig-Fras",
            "password2": "Tr0gen-Hemlig-Fras",
        },
        **headers,
    )
