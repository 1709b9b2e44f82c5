import pytest


@pytest.fixture
def ward_clerk(client, tree, make_user):
    """The test client logged in as the clerk of ward A."""
    client.force_login(make_user("grassroots", tree.a))
    return client


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, as a newly started server does."""
    from django.core.cache import cache

    cache.clear()
