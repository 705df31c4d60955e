"""Labels in English and Chinese (terms from the glossary, docs/glossary.md)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # key: (English, 中文)
    "title": ("govsim — community governance workshop", "govsim — 社区治理工作坊"),
    "language": ("Language", "语言"),
    "preset": ("Policy preset", "政策方案"),
    "levers": ("Reform levers", "改革措施"),
    "access_control": ("Work-item access control", "社区工作事项准入制度"),
    "fee_follows_task": ("Fee follows task", "费随事转"),
    "purchase_of_services": ("Purchase of services", "政府购买服务"),
    "volunteer_incentives": ("Volunteer incentives", "志愿服务激励"),
    "resident_evaluation": ("Resident evaluation of cadres", "居民评议（双评）"),
    "one_window": ("One-window intake", "一口式接件"),
    "professionalization": ("Certified social workers", "持证社工"),
    "escalation_path": ("Escalation path", "归口办理"),
    "catalogue_share": ("Tasks on the access list (share)", "准入目录内事项比例"),
    "bypass_rate": ("Departments bypassing the list (share)", "部门绕过准入比例"),
    "yuan_per_hour": ("Money per delegated hour (yuan)", "每小时下放经费（元）"),
    "push_rate": (
        "Department tasks pushed down (per 10k residents·year)",
        "部门下派事项（每万人·年）",
    ),
    "residents_per_worker": ("Residents per grid worker", "每名网格员服务居民数"),
    "patrol_share": ("Grid-worker time on patrol (share)", "网格员巡查时间比例"),
    "seed": ("Seed (same seed = same residents and cases)", "随机种子（相同种子＝相同居民与事件）"),
    "reset": ("Reset", "重置"),
    "reset_hint": (
        "Choose, then press Reset to start again with these settings.",
        "选择后按“重置”，用这些设置重新开始。",
    ),
    "step": ("Step", "单步"),
    "step_week": ("+1 week", "前进一周"),
    "play": ("Play", "运行"),
    "pause": ("Pause", "暂停"),
    "intervene": ("Intervene now", "立即干预"),
    "switch_on": ("Switch on", "开启"),
    "switch_off": ("Switch off", "关闭"),
    "day": ("Day", "天数"),
    "map": ("Community map", "社区地图"),
    "map_layer": ("Colour cells by", "地图着色"),
    "open_cases": ("Open cases", "未结事项"),
    "satisfaction": ("Satisfaction", "满意度"),
    "grid_worker": ("Grid worker", "网格员"),
    "social_org": ("Social organization", "社会组织"),
    "committee": ("Committee office", "居委会"),
    "grid_boundary": ("Grid boundary", "网格边界"),
    "open_disputes": ("Open disputes", "未化解矛盾纠纷"),
    "open_services": ("Open service needs", "未满足服务需求"),
    "burden": ("Staff hours on department tasks", "社区工作者用于部门事项的时间"),
    "on_time": ("Disputes closed in 7 working days", "7个工作日内化解的纠纷"),
    "coverage": ("Service needs met", "服务需求满足率"),
    "escalated": ("Petitions (escalated disputes)", "信访（升级纠纷）"),
    "scoreboard": ("Scoreboard", "记分牌"),
    "compare": ("Same seed: baseline vs your policy", "同一种子：现状 vs 你的方案"),
    "baseline": ("Baseline", "现状"),
    "yours": ("Your policy", "你的方案"),
    "difference": ("Difference", "差异"),
    "money": ("Reform spending (yuan)", "改革支出（元）"),
    "days": ("days", "天"),
    "font_warning": (
        "No Chinese font for charts was found: chart text stays in English.",
        "未找到中文字体：图表文字使用英文。",
    ),
}
LANGS = ("en", "zh")


def t(key: str, lang: str) -> str:
    """The label for `key` in `lang` ("en" or "zh")."""
    return LABELS[key][LANGS.index(lang)]
