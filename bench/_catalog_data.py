"""A generated catalog for the search benchmark: realistic Chinese item names, deterministic.

Names follow the patterns of the real 广安区 list (zwfw/catalog/sources/guangan/items_flat.csv):
an object (户籍, 社会保险, 不动产, 建设工程, 食品经营 …) + an action (登记, 许可, 备案, 审批,
确认 …) with the qualifiers the real list uses ((县级), 个体工商户, 城乡居民 …); one name in ten is
a real name from that file verbatim.
"""

from __future__ import annotations

import random

from zwfw.catalog.demo.guangan import guangan_departments, guangan_rows

OBJECTS = (
    "户籍", "户口", "居民身份证", "社会保险", "医疗保险", "医疗保障", "住房公积金", "不动产", "建设工程", "食品经营",
    "食品生产", "药品零售", "医疗器械经营", "道路运输", "巡游出租汽车", "烟草专卖零售", "婚姻", "收养", "出生医学证明",
    "基本养老保险", "失业保险", "工伤保险", "生育保险", "最低生活保障", "特困人员供养", "残疾人证", "机动车",
    "机动车驾驶证", "营业执照", "个体工商户", "农民专业合作社", "林木采伐", "取水", "河道采砂", "排污", "燃气经营",
    "特种设备", "户外广告设施", "营业性演出", "娱乐场所", "互联网上网服务营业场所", "民办学校", "幼儿园", "医疗机构",
    "医师执业", "护士执业", "教师资格", "建筑业企业资质", "安全生产", "消防设计", "人防工程", "城市道路占用挖掘",
    "渔业捕捞", "农作物种子生产经营", "兽药经营", "动物诊疗", "生猪定点屠宰", "宗教活动场所", "社会团体",
    "民办非企业单位", "公墓", "地名", "档案", "测绘成果", "国有建设用地使用权", "采矿权", "植物检疫", "劳动合同",
    "职业技能等级", "就业创业", "高校毕业生就业", "退役军人", "优抚对象", "临时救助", "孤儿基本生活费", "高龄津贴",
    "法律援助", "公证", "人民调解", "纳税", "发票", "个人所得税", "城乡居民基本医疗保险", "新生儿", "外国人工作",
    "危险化学品经营", "放射性物品道路运输", "水土保持方案", "环境影响评价", "施工图设计", "商品房预售",
)
ACTIONS = (
    ("登记", "07"), ("设立登记", "07"), ("变更登记", "07"), ("注销登记", "07"), ("确认", "07"), ("认定", "07"),
    ("许可", "01"), ("许可证核发", "01"), ("许可证变更", "01"), ("许可证延续", "01"), ("许可证注销", "01"),
    ("审批", "01"), ("核准", "01"), ("备案", "10"), ("年检初审", "10"), ("验收", "10"), ("发放", "05"),
    ("补贴申领", "05"), ("待遇领取", "05"), ("查询", "20"), ("证明开具", "20"), ("补办", "20"), ("换领", "20"),
    ("迁入", "20"), ("迁出", "20"), ("转移接续", "20"), ("缴费申报", "20"), ("资格认证", "20"), ("政策咨询", "20"),
)
PREFIXES = ("", "", "", "", "个人", "企业", "城乡居民", "城镇职工", "机关事业单位", "农村", "境外人员", "对")
SUFFIXES = ("", "", "", "", "（县级）", "（市级/县级）", "（首次申请）", "（同址变更）", "（县级权限）", "（补办）",
            "（网上办理）")
CONDITIONS = {
    "01": "申请人具备相应条件，提交的申请材料齐全、符合法定形式",
    "05": "符合享受待遇条件的本地户籍居民，提供居民身份证、户口簿",
    "07": "申请人提交的材料真实有效，持居民身份证、营业执照办理",
    "10": "按规定报送备案材料，材料齐全即予备案",
    "20": "持本人居民身份证或社会保障卡办理",
}
RESULTS = {"01": "准予行政许可决定书", "05": "待遇核定表", "07": "登记证明", "10": "备案回执", "20": "办理结果告知单"}


def generated_names(count: int, seed: int) -> list[tuple[str, str]]:
    """(name, item type) pairs, deterministic for a seed."""
    rng = random.Random(seed)
    real = [(r["name"].strip(), {"1": "01", "5": "05", "7": "07"}.get(r["taskType"], "20"))
            for r in guangan_rows()]
    out = []
    for _ in range(count):
        if rng.random() < 0.1:
            out.append(rng.choice(real))
            continue
        action, item_type = rng.choice(ACTIONS)
        prefix = rng.choice(PREFIXES)
        obj = rng.choice(OBJECTS)
        name = f"{prefix}{obj}{action}{rng.choice(SUFFIXES)}"
        if prefix == "对":
            name = f"对{obj}的{action}"
        out.append((name, item_type))
    return out


def department_names() -> list[str]:
    return [name for name, _code in guangan_departments()]
