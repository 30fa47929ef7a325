"""Maturity survey pages: rounds for managers, answering for respondents, results."""

from django.urls import path

from .views import answer, results, rounds

urlpatterns = [
    path("", rounds.home, name="maturity_home"),
    path("omgangar/ny/", rounds.create, name="maturity_round_create"),
    path("omgangar/<int:round_id>/", rounds.detail, name="maturity_round"),
    path("omgangar/<int:round_id>/skicka/", rounds.invite, name="maturity_round_invite"),
    path("omgangar/<int:round_id>/paminn/", rounds.remind, name="maturity_round_remind"),
    path("omgangar/<int:round_id>/stang/", rounds.close, name="maturity_round_close"),
    path("omgangar/<int:round_id>/svara/", answer.answer, name="maturity_answer"),
    path("omgangar/<int:round_id>/mina-svar/", answer.my_answers, name="maturity_my_answers"),
    path("omgangar/<int:round_id>/resultat/", results.results, name="maturity_results"),
    path("urval/", rounds.selections, name="maturity_selections"),
    path("urval/<int:selection_id>/ta-bort/", rounds.delete_selection, name="maturity_selection_delete"),
]
