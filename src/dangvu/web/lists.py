"""What the list pages share: the filters an indicator's "records behind" link carries."""


def list_filters(request, scope):
    """(org, year) from ?org=<id>&year=<yyyy>, the links an indicator gives to its records.
    A unit outside the user's scope answers 404 (Scope.get_org)."""
    org = scope.get_org(request.GET["org"]) if request.GET.get("org", "").isdigit() else None
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None
    return org, year
