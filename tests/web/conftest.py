import pytest

from ..conftest import D


@pytest.fixture
def an(tree, admit):
    """Nguyễn Văn An, admitted into cell A1 of ward A on 19/5/2016."""
    return admit(tree.a1, on=D(2016, 5, 19), full_name="Nguyễn Văn An", citizen_id="001080012345")


@pytest.fixture
def binh(tree, register):
    """Trần Thị Bình, a full member of cell B1 in ward B."""
    return register(tree.b1, full_name="Trần Thị Bình", sex="F")


@pytest.fixture
def ward_clerk(client, tree, make_user):
    """The test client logged in as the clerk of ward A."""
    client.force_login(make_user("grassroots", tree.a))
    return client
