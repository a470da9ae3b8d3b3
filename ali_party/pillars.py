"""The six pillars (六个基本) every record belongs to: what indicators, an organization's record
summary and the import/export specs are grouped and ordered by."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Pillar(models.TextChoices):
    ORGANIZATION = "organization", _("基本组织")
    PERSONNEL = "personnel", _("基本队伍")
    ACTIVITIES = "activities", _("基本活动")
    SYSTEMS = "systems", _("基本制度")
    CAPACITY = "capacity", _("基本能力")
    FUNDING = "funding", _("基本保障")


# The apps that hold the records clerks enter (the pillars and the lifecycles built on them), in the
# order their demo data is loaded: each one's records may refer to those of the apps before it. The
# one list that the indicators' change receivers, the demo loader and the whole-project tests read.
RECORD_APPS = ("branches", "cadres", "activities", "capacity", "evaluations", "funding", "orglife", "dues",
               "mobility", "development", "lapse")
