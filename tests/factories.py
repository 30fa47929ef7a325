"""Factories that build a valid object in one line."""

import factory

from accounts.models import County, Department, EmailDomain, Organisation, OrganisationKind, User
from accounts.roles import LEARNER, group_for

PASSWORD = "test-password-123"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    kind = OrganisationKind.MUNICIPALITY
    county = County.Y


class EmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailDomain

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.Sequence(lambda n: f"kommun{n}.se")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Förvaltning {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    department = factory.LazyAttribute(
        lambda o: DepartmentFactory(organisation=o.organisation) if o.organisation else None
    )
    target_group = "chef"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save()

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        for code in [LEARNER, *(extracted or [])]:
            self.groups.add(group_for(code))
