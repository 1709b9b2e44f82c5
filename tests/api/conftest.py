"""Fixtures of the API tests: tokens bound to users of the shared `tree`, and a clean rate-limit
cache for each test (the counts live in the process's local-memory cache)."""

import pytest
from django.core.cache import cache

from dangvu.accounts.models import Role
from dangvu.api.services import api_token_create


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_for(make_user):
    """token_for(role, org) -> the Bearer header of a new token of a new user with that role."""

    def _token(role, org, username=None):
        user = make_user(role, org, username)
        _, token = api_token_create(actor=None, username=user.username, name=f"Hệ thống {user.username}")
        return {"Authorization": f"Bearer {token}"}

    return _token


@pytest.fixture
def board(tree, token_for):
    """The district's organization board (Ban Tổ chức Quận ủy HM)."""
    return token_for(Role.ORG_BOARD, tree.hm)


@pytest.fixture
def ward_a(tree, token_for):
    """The clerk of ward A (grassroots)."""
    return token_for(Role.GRASSROOTS, tree.a)
