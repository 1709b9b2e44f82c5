"""The loop every form page runs: a posted, valid form goes to a service; the service's refusal
(a ValidationError naming the field, in Vietnamese) is shown on the form, and a success is
flashed and redirected, so a reload cannot post twice."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .forms import add_service_errors


def form_saved(
    request: HttpRequest, form, save: Callable[[dict], tuple[str, object]], aliases: dict | None = None
) -> HttpResponse | None:
    """When `form` was posted and is valid, call `save(form.cleaned_data)`, which calls the service
    and returns (the success message, where to go: a URL, a model or a URL name); flash the message
    and return the redirect. None otherwise — not posted, invalid, or refused by the service, whose
    messages are then on the form (after `aliases`, see add_service_errors) — so the view renders
    the form again: `return form_saved(request, form, save) or render(...)`."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        message, to = save(form.cleaned_data)
    except ValidationError as e:
        add_service_errors(form, e, aliases)
        return None
    messages.success(request, message)
    return redirect(to)
