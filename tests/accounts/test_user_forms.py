"""The users admin's department dropdown: each department named with its organisation, grouped by it."""

import pytest
from django.urls import reverse

from accounts.forms import WagtailUserCreationForm, WagtailUserEditForm
from tests.factories import DepartmentFactory


@pytest.fixture
def departments(organisation, other_organisation):
    return {
        "harnosand_social": DepartmentFactory(organisation=organisation, name="Socialförvaltningen"),
        "harnosand_school": DepartmentFactory(organisation=organisation, name="Barn- och utbildning"),
        "sundsvall_social": DepartmentFactory(organisation=other_organisation, name="Socialförvaltningen"),
    }


@pytest.mark.parametrize("form_class", [WagtailUserCreationForm, WagtailUserEditForm])
def test_departments_are_labelled_and_grouped_by_organisation(form_class, departments, administrator):
    kwargs = {"instance": administrator} if form_class is WagtailUserEditForm else {}
    field = form_class(**kwargs).fields["department"]
    choices = list(field.choices)
    assert choices[0][0] == ""  # the empty choice stays first, outside any group
    groups = {label: [(str(value), text) for value, text in options] for label, options in choices[1:]}
    assert list(groups) == ["Härnösands kommun", "Sundsvalls kommun"]
    assert groups["Härnösands kommun"] == [
        (str(departments["harnosand_school"].pk), "Barn- och utbildning (Härnösands kommun)"),
        (str(departments["harnosand_social"].pk), "Socialförvaltningen (Härnösands kommun)"),
    ]
    assert groups["Sundsvalls kommun"] == [
        (str(departments["sundsvall_social"].pk), "Socialförvaltningen (Sundsvalls kommun)"),
    ]


def test_user_edit_page_renders_optgroups(client, administrator, learner, departments):
    client.force_login(administrator)
    html = client.get(reverse("wagtailusers_users:edit", args=[learner.pk])).content.decode()
    assert '<optgroup label="Härnösands kommun">' in html
    assert '<optgroup label="Sundsvalls kommun">' in html
    assert "Socialförvaltningen (Sundsvalls kommun)</option>" in html
    assert "Socialförvaltningen (Härnösands kommun)</option>" in html


def test_department_must_belong_to_the_chosen_organisation(learner, organisation, departments):
    form = WagtailUserEditForm(instance=learner)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(organisation=organisation.pk, department=departments["sundsvall_social"].pk)
    form = WagtailUserEditForm(data, instance=learner)
    assert not form.is_valid()
    assert "department" in form.errors
    data["department"] = departments["harnosand_social"].pk
    form = WagtailUserEditForm(data, instance=learner)
    form.is_valid()
    assert "department" not in form.errors
