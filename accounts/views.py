import json

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import audit, personal_data
from core.middleware import choose_language

from .forms import DeleteAccountForm, ProfileForm


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # The saved language is this device's too, from the next page on (and after logging out).
        choose_language(request, user.preferred_language)
        messages.success(request, _("Your details have been saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def my_data(request):
    return render(
        request,
        "accounts/my_data.html",
        {"sources": personal_data.sources(), "delete_form": DeleteAccountForm(user=request.user)},
    )


@login_required
def my_data_export(request):
    """Everything stored about the person, as one JSON file (GDPR art. 15 and 20)."""
    data = {"exported_at": timezone.now().isoformat(), **personal_data.export_all(request.user)}
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
    audit.log("personal_data.exported", "my data (json)", actor=request.user, obj=request.user, format="json")
    return response


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(
            request,
            "accounts/my_data.html",
            {"sources": personal_data.sources(), "delete_form": form},
            status=400,
        )
    user = request.user
    with transaction.atomic():
        personal_data.erase_all(user)
        EmailAddress.objects.filter(user=user).delete()
        user.delete()
    logout(request)
    messages.success(request, _("Your account has been deleted."))
    return redirect("/")
