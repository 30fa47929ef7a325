"""Build the demo site: organisations, people, pages, courses. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from accounts import demo as accounts_demo
from accounts.models import RoleCode
from accounts.roles import LEARNER
from challenges import demo as challenges_demo
from elearning import demo as elearning_demo
from home import demo as home_demo
from home import demo_feedback as home_feedback_demo
from maturity import demo as maturity_demo
from programmes import demo as programmes_demo
from reach import demo as reach_demo
from rollout import demo as rollout_demo
from search import demo as search_demo
from webcasts import demo as webcasts_demo
from workshops import demo as workshops_demo
from workshops.models import Membership, Workshop

DEMO_MAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Create realistic Swedish demo content. Running it again changes nothing."

    def handle(self, *args, **options):
        # Mails the demo causes (booking confirmations with calendar files) go to made-up addresses: they are
        # logged as sent, kept in memory, and not printed over the logins below.
        with override_settings(EMAIL_BACKEND=DEMO_MAIL_BACKEND), transaction.atomic():
            people = accounts_demo.seed()["people"]
            pages = home_demo.seed()
            learning = elearning_demo.seed(pages["home"], people)
            webcasts = webcasts_demo.seed(pages["home"], people, learning["modules"])
            workshop = workshops_demo.seed(learning["modules"])["workshop"]
            self.require_webcast(workshop, webcasts["past"])
            # After the workshop demo: Härnösand's managers, invited to the open survey, exist by then.
            maturity_demo.seed(people, learning["modules"], webcasts["series"])
            rollout_demo.seed(workshop, learning["modules"], people)
            # Last: its new people (Eskilstuna, Timrå, …) stay out of the rounds and plans seeded above.
            programmes_demo.seed(pages["home"], people, learning["modules"])
            reach_demo.seed()  # the rest of the three counties' municipalities: reach's denominator
            challenges_demo.seed(pages["home"], people)
            search_demo.seed()  # promoted results for common searches, pointing at the pages above
            home_feedback_demo.seed()  # last: feedback on pages of every kind made above
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        if getattr(settings, "DEMO_PASSWORDS", False):
            self.stdout.write(f"Demo logins (password: {accounts_demo.DEMO_PASSWORD}):")
            for email, first, last, org, _dept, _tg, roles, _superuser in accounts_demo.PEOPLE:
                codes = roles or [LEARNER]
                role = ", ".join(str(RoleCode(code).label) for code in codes)
                if email in accounts_demo.SOLUTION_EDITORS.values():
                    role = "Lösningsredaktör"  # their page permissions come from their organisation's group
                self.stdout.write(f"  {email:32} {role:16} {first} {last}{' – ' + org if org else ''}")
        else:
            self.stdout.write("Demo users have no password outside development (DEMO_PASSWORDS is off).")

    def require_webcast(self, workshop, webcast):
        """The chefsdag also requires the past webcast (live or its recording); most members have seen it."""
        Workshop.required_webcasts.through.objects.get_or_create(workshop=workshop, webcastpage=webcast)
        members = [m.user for m in Membership.objects.filter(workshop=workshop).select_related("user")]
        webcasts_demo.attend_before_workshop(webcast, members)
