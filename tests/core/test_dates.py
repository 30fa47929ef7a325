"""One Swedish date format everywhere: "29 november 2026", and "29 november 2026 kl. 08.30" with a time."""

import datetime
import re
import zoneinfo

from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import strip_tags

from elearning.models import Attempt, ModuleProgress, Reflection
from tests.builders import complete
from workshops.models import Membership, Reminder

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
SAVED = datetime.datetime(2026, 11, 29, 8, 30, tzinfo=STOCKHOLM)
STARTS = datetime.datetime(2027, 3, 4, 9, 5, tzinfo=STOCKHOLM)  # in the future: an upcoming workshop
# English month names and abbreviations, and the other formats the pages used to mix in.
ENGLISH_MONTH = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?|January|February|March|April|June|July"
    r"|August|September|October|November|December"
)
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _text(response):
    assert response.status_code == 200
    body = re.sub(r"<(script|svg|template)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return " ".join(strip_tags(body).split())


def _assert_swedish_dates_only(text):
    assert ENGLISH_MONTH.search(text) is None, ENGLISH_MONTH.search(text).group(0)


def test_the_swedish_formats():
    with translation.override("sv"):
        assert formats.date_format(SAVED.date()) == "29 november 2026"
        assert formats.date_format(SAVED.date(), "SHORT_DATE_FORMAT") == "29 november 2026"
        assert formats.date_format(SAVED.replace(tzinfo=None), "DATETIME_FORMAT") == "29 november 2026 kl. 08.30"
        assert formats.date_format(SAVED.replace(tzinfo=None), "SHORT_DATETIME_FORMAT") == "29 november 2026 kl. 08.30"
        assert formats.time_format(SAVED.time()) == "08.30"
    with translation.override("en"):  # English keeps Django's English formats
        assert formats.date_format(SAVED.date()) == "Nov. 29, 2026"


def test_module_overview_and_step_show_swedish_dates(client, learner, module):
    client.force_login(learner)
    question = module.structure.reflection_questions[0]
    client.post(reverse("module_reflect", args=[module.pk, 2, question.id]), {f"r-{question.id}-text": "Min tanke"})
    Reflection.objects.update(updated_at=SAVED)
    step = _text(client.get(reverse("module_step", args=[module.pk, 2]), **ENGLISH_BROWSER))
    assert "Sparad 29 november 2026 kl. 08.30" in step
    _assert_swedish_dates_only(step)

    complete(learner, module)
    ModuleProgress.objects.filter(user=learner).update(completed_at=SAVED)
    Attempt.objects.filter(user=learner).update(finished_at=SAVED)
    overview = _text(client.get(module.url, **ENGLISH_BROWSER))
    assert "29 november 2026" in overview  # "Genomförd 29 november 2026."
    assert "29 november 2026 kl. 08.30" in overview  # the attempts table
    _assert_swedish_dates_only(overview)


def test_my_learning_shows_swedish_dates(client, learner, module, workshop, group):
    Membership.objects.create(workshop=workshop, group=group, user=learner)
    workshop.starts_at = STARTS
    workshop.save()
    complete(learner, module)
    ModuleProgress.objects.filter(user=learner).update(completed_at=SAVED)
    client.force_login(learner)
    text = _text(client.get(reverse("my_learning"), **ENGLISH_BROWSER))
    assert "29 november 2026" in text
    assert "4 mars 2027 kl. 09.05" in text
    _assert_swedish_dates_only(text)


def test_workshop_list_and_admin_panel_show_swedish_dates(client, manager, learner, workshop, group, modules):
    Membership.objects.create(workshop=workshop, group=group, user=learner)
    workshop.starts_at = STARTS
    workshop.save()
    complete(learner, modules[0])
    ModuleProgress.objects.filter(user=learner).update(completed_at=SAVED)
    client.force_login(manager)

    listing = _text(client.get(reverse("workshop_list"), **ENGLISH_BROWSER))
    assert "4 mars 2027 kl. 09.05" in listing
    _assert_swedish_dates_only(listing)

    panel = _text(client.get("/admin/", **ENGLISH_BROWSER))
    assert "4 mars 2027 kl. 09.05" in panel

    admin_list = _text(client.get("/admin/workshops/workshop/", **ENGLISH_BROWSER))
    assert "4 mars 2027 kl. 09.05" in admin_list
    _assert_swedish_dates_only(admin_list)


def test_reminder_log_and_reminder_mail_show_swedish_dates(client, administrator, learner, workshop, group, mailoutbox):
    Membership.objects.create(workshop=workshop, group=group, user=learner)
    workshop.starts_at = STARTS
    workshop.save()
    reminder = Reminder.objects.create(workshop=workshop, user=learner, sent_on=SAVED.date())
    from workshops.tasks import send_reminder

    send_reminder.enqueue(reminder.pk)
    assert len(mailoutbox) == 1
    assert "4 mars 2027 kl. 09.05" in mailoutbox[0].body
    _assert_swedish_dates_only(mailoutbox[0].body)

    client.force_login(administrator)
    log = _text(client.get("/admin/workshops/reminder/", **ENGLISH_BROWSER))
    assert "29 november 2026" in log
    _assert_swedish_dates_only(log)


# Owned by others for now (issue 14): their literal formats are reported to the lead.
# The readiness matrix cell keeps its compact "29/11" (tests/workshops/test_readiness.py reads it).
# A matrix cell has room for day/month only ("29/11"), by design.
NOT_YET = {"workshops/includes/status_cell.html"}
MACHINE_FORMATS = {"Y-m-d", "Y-m-d\\TH:iO", "c", "U"}  # <time datetime="...">, not shown to people


def test_templates_use_the_named_formats_not_literal_ones():
    """The display format lives once in config/formats/sv/formats.py; a literal "j M Y" would bypass it."""
    from django.conf import settings

    root = settings.BASE_DIR / "templates"
    found = []
    for path in [*root.rglob("*.html"), *root.rglob("*.txt")]:
        name = path.relative_to(root).as_posix()
        if name in NOT_YET:
            continue
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
            if fmt not in MACHINE_FORMATS and not re.fullmatch(r"[A-Z_]+_FORMAT", fmt):
                found.append((name, fmt))
    assert found == []
