"""The activity-kind catalogue the system starts with. Indicators count kinds by `code`; admins may
add more kinds (they are recorded and listed, and count toward an indicator only if one uses them)."""

POLITICAL_STUDY = "political_study"
THEME_PARTY_DAY = "theme_party_day"
PUBLICITY = "publicity"
VOLUNTEER_SERVICE = "volunteer_service"
PARTY_LECTURE = "party_lecture"
DEFENCE_EDUCATION = "defence_education"
DRILL = "drill"
ECOLOGY_TALK = "ecology_talk"
SIX_CLEAN = "six_clean"
ECOLOGY_SERVICE = "ecology_service"
THREE_TALKS = "three_talks"
FIVE_STAR = "five_star"

# Problems solved (急难愁盼) are counted on these kinds only: the article reports them beside the
# theme party days and the volunteer services that solve them.
PROBLEM_SOLVING_KINDS = (THEME_PARTY_DAY, VOLUNTEER_SERVICE)

# (code, name, pillar, order, description)
CATALOGUE = [
    (POLITICAL_STUDY, "政治学习(“五学”)", "activities", 10, "“五学”模式政治理论学习"),
    (THEME_PARTY_DAY, "主题党日", "activities", 20, ""),
    (PUBLICITY, "宣传活动", "activities", 30, "政策宣讲、宣传教育"),
    (VOLUNTEER_SERVICE, "志愿服务", "activities", 40, "“进村入户、结对认亲交朋友”、党员“三包”"),
    (PARTY_LECTURE, "党课", "capacity", 50, "干部讲党课；在军地共建结对下开展的计入共建"),
    (DEFENCE_EDUCATION, "国防教育", "capacity", 60, ""),
    (DRILL, "演练", "capacity", 70, "军地联合演练"),
    (ECOLOGY_TALK, "生态宣讲", "capacity", 80, ""),
    (SIX_CLEAN, "“六清”环境整治", "capacity", 90, ""),
    (ECOLOGY_SERVICE, "义务服务(植树/清扫/巡逻)", "capacity", 100, "植树造林、清扫、保护区巡逻等义务服务"),
    (THREE_TALKS, "“三讲”", "personnel", 110, ""),
    (FIVE_STAR, "“五星”评比", "personnel", 120, ""),
]
