"""The one declared table of the early warning: each signal's default weight, and the scores at which
the levels begin. The first weight version (migration 0002) holds a copy of these as they were
then; a new version offers these weights for a signal it does not have yet."""

# signal code -> default weight (points added to the score when the signal is present)
DEFAULT_WEIGHTS = {
    "secretary_vacant": 25,         # 书记空缺3个月以上
    "missed_meetings": 20,          # 三会一课未按期开展
    "no_candidates": 10,            # 村党组织连续两年未确定发展对象
    "term_overdue": 15,             # 到期未换届
    "dues_arrears": 10,             # 有党员欠交党费3个月以上
    "unresolved_disputes": 10,      # 村内矛盾纠纷未化解
    "previous_listing": 15,         # 前三年曾被认定为软弱涣散
    "lost_contact": 10,             # 有失联党员
    "lapse_warning": 10,            # 有党员连续3个月以上无组织生活记录或未交党费（当年）
    "poor_appraisal": 15,           # 书记述职评议考核为“一般”或“差”
}

# The score at which each level begins (below WATCH_FROM: no warning).
WATCH_FROM = 30   # 关注 (yellow)
WARNING_FROM = 60  # 预警 (red)
