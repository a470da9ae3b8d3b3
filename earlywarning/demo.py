"""The early warning on the demo data. No score is typed in: the scores of every demo year are
computed from the records the pillars' demos loaded (indicators.demo calls this after them).

Those records alone put no organization at the red level in the article's year, so a few
organizations get one more record of their history: a former secretary who left in March 2022
(their current secretaries start in 2025, branches.demo), which leaves the post vacant through
2022. Leadership posts feed no figure of the article.
"""
import datetime
import random

from branches.models import CommitteePost

from . import services

YEAR = 2022  # the article's year
LEFT_ON = datetime.date(YEAR, 3, 31)
RED_ORGANIZATIONS = 3


def load(*, seed: int) -> None:
    if not CommitteePost.objects.filter(role=CommitteePost.Role.SECRETARY, left_on=LEFT_ON).exists():
        _former_secretaries(random.Random(seed))
    services.scores_recompute(years=services.stored_years())


def _former_secretaries(rng) -> None:
    weight_set = services.weight_set_for(YEAR)
    if weight_set is None:
        return
    vacancy = services.weights_of(weight_set).get("secretary_vacant", 0)
    later = set(CommitteePost.objects.filter(role=CommitteePost.Role.SECRETARY, term_start__gt=LEFT_ON)
                .values_list("organization_id", flat=True))
    # The vacancy lasts from 2022 until the current secretaries start: red in 2022 or 2023.
    # Those red in 2022 first, then those red in 2023.
    best = {}
    for year in (YEAR, YEAR + 1):
        for s in services.scores_compute(year):
            if s.organization_id in later and all(x["code"] != "secretary_vacant" for x in s.signals) \
                    and s.score + vacancy >= weight_set.warning_from:
                best.setdefault(s.organization_id, year)
    candidates = sorted(best, key=lambda org_id: (best[org_id], org_id))
    posts = [CommitteePost(organization_id=org_id, role=CommitteePost.Role.SECRETARY,
                           person_name=rng.choice(("次仁", "扎西", "卓玛", "旦增", "尼玛")),
                           term_start=datetime.date(YEAR - 5, 7, 1), term_end=datetime.date(YEAR, 6, 30),
                           left_on=LEFT_ON)
             for org_id in candidates[:RED_ORGANIZATIONS]]
    CommitteePost.objects.bulk_create(posts)
