import pytest

from dangvu.accounts.scope import Scope
from dangvu.imports.importers import ImportContext


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def ctx(tree, actor):
    """ctx(org=tree.a1) -> an ImportContext of the superuser into `org`."""

    def _ctx(org=None):
        return ImportContext(actor=actor, scope=Scope.of(actor), org=org or tree.a1)

    return _ctx
