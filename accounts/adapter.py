from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.signals import email_confirmed
from django.dispatch import receiver


class AccountAdapter(DefaultAccountAdapter):
    """Signup gives the Learner role. The organisation comes only with a verified address (see below)."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        if commit:
            user.save()
            from .services import add_default_role

            add_default_role(user)
        return user


@receiver(email_confirmed)
def join_organisation_when_verified(request, email_address, **kwargs):
    from .services import join_organisation_of_verified_address

    join_organisation_of_verified_address(email_address.user, email_address.email)
