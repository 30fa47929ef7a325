from allauth.account.adapter import DefaultAccountAdapter

from .models import EmailDomain


class AccountAdapter(DefaultAccountAdapter):
    """Signup joins the organisation that owns the address's domain, and the Learner role."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        user.organisation = EmailDomain.objects.organisation_for_email(user.email)
        if commit:
            user.save()
            from .services import add_default_role

            add_default_role(user)
        return user
