"""The standard catalogues of sources and purposes (admins may extend them). The migration that seeds
them (funding/migrations/0002) holds its own frozen copy; the demo loader seeds from this one."""

SOURCES = [
    ("central", "中央三部委", 10),
    ("region", "自治区", 20),
    ("prefecture", "地区财政", 30),
    ("county", "县", 40),
    ("township", "乡", 50),
    ("self", "自筹", 60),
    ("other", "其他", 90),
]

PURPOSES = [
    ("cadre_pay", "村干部报酬", 10),
    ("party_work", "村级组织党建工作经费", 20),
    ("venue", "活动场所建设", 30),
    ("collective_economy", "村级集体经济", 40),
    ("other", "其他", 90),
]


def seed(source_model, purpose_model) -> None:
    """Create the standard entries that are missing (idempotent; never changes edited ones)."""
    for model, rows in ((source_model, SOURCES), (purpose_model, PURPOSES)):
        for code, name, order in rows:
            if not model.objects.filter(code=code).exists():
                model.objects.create(code=code, name=name, order=order)
