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
