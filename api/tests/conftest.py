import datetime

import pytest

from accounts.models import User
from ali_party.scoping import Role
from api.services import token_create
from conftest import make_user


@pytest.fixture
def officer(db):
    return make_user("olga", Role.SECURITY_OFFICER)


@pytest.fixture
def token_for(world):
    """token_for(user) -> the key of a new token of `user` (made by the admin sam)."""
    def make(user: User, days: int = 30) -> str:
        return token_create(actor=world.sam, user=user, name="大屏", valid_days=days).key
    return make


def auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


D = datetime.date
