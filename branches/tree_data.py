"""阿里地区's administrative tree: the 7 real counties and their townships.

Village names other than 噶尔县狮泉河镇加木村 are placeholders numbered within their township:
the article gives the count of village-level units (145), not their names. Of the 145, each county
seat's last unit is an urban 社区 (a placeholder name too), so that the annual report's 设在村 and
设在社区 columns both have figures.
"""
PREFECTURE = "阿里地区"

COUNTIES = {
    "噶尔县": ["狮泉河镇", "昆莎乡", "左左乡", "门士乡", "扎西岗乡"],
    "普兰县": ["普兰镇", "巴嘎乡", "霍尔乡"],
    "札达县": ["托林镇", "底雅乡", "萨让乡", "达巴乡", "香孜乡", "曲松乡", "楚鲁松杰乡"],
    "日土县": ["日土镇", "热帮乡", "日松乡", "东汝乡", "多玛乡"],
    "革吉县": ["革吉镇", "亚热乡", "盐湖乡", "文布当桑乡", "雄巴乡"],
    "改则县": ["改则镇", "物玛乡", "先遣乡", "麻米乡", "洞措乡", "古姆乡", "察布乡", "措折强玛乡"],
    "措勤县": ["措勤镇", "曲洛乡", "江让乡", "达雄乡", "磁石乡"],
}

VILLAGE_COUNT = 145
NAMED_VILLAGES = {"狮泉河镇": ["加木村"]}
NUMERALS = "一二三四五六七八九十"
COMMUNITY_TOWNS = ("狮泉河镇", "普兰镇", "托林镇", "日土镇", "革吉镇", "改则镇", "措勤镇")


def villages_per_township() -> dict[str, list[str]]:
    """145 villages spread as evenly as possible over the townships, in a fixed order."""
    townships = [t for county in COUNTIES.values() for t in county]
    base, extra = divmod(VILLAGE_COUNT, len(townships))
    result = {}
    for i, township in enumerate(townships):
        count = base + (1 if i < extra else 0)
        names = list(NAMED_VILLAGES.get(township, []))
        stem = township.removesuffix("乡").removesuffix("镇")
        n = 0
        while len(names) < count:
            names.append(f"{stem}{NUMERALS[n]}村")
            n += 1
        if township in COMMUNITY_TOWNS:
            names[-1] = community_name(township)
        result[township] = names
    return result


def community_name(township: str) -> str:
    return f"{township.removesuffix('镇')}社区"


def communities() -> dict[str, tuple[str, str]]:
    """Per county seat: (its 社区's name, the placeholder village name the same unit had before 社区
    were told apart), so that a tree loaded earlier is renamed rather than given a 146th unit."""
    result = {}
    for township, names in villages_per_township().items():
        if township in COMMUNITY_TOWNS:
            numbered = len(names) - len(NAMED_VILLAGES.get(township, []))
            result[township] = (names[-1], f"{township.removesuffix('镇')}{NUMERALS[numbered - 1]}村")
    return result
