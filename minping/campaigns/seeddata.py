"""The city's fixed lists, taken from the seeds (department and district names only)."""

from __future__ import annotations

# The 9 旗区 (seed 004, 附件3): name and GB/T 2260 code.
DISTRICTS: list[tuple[str, str]] = [
    ("东胜区", "150602"),
    ("康巴什区", "150603"),
    ("达拉特旗", "150621"),
    ("准格尔旗", "150622"),
    ("伊金霍洛旗", "150627"),
    ("乌审旗", "150626"),
    ("杭锦旗", "150625"),
    ("鄂托克旗", "150624"),
    ("鄂托克前旗", "150623"),
]

# The 2023 grouping of the 33 departments (seed 004, 附件2), in reporting order.
GROUPS_2023: list[tuple[str, list[str]]] = [
    (
        "第一组",
        [
            "市发展和改革委员会",
            "市财政局",
            "市商务局",
            "市统计局",
            "市文化和旅游局",
            "市自然资源局",
            "市科学技术局",
            "市工业和信息化局",
            "市国有资产监督管理委员会",
            "市能源局",
            "市人民政府金融工作办公室",
        ],
    ),
    (
        "第二组",
        [
            "市公安局",
            "市司法局",
            "市审计局",
            "市生态环境局",
            "市应急管理局",
            "市民族事务委员会",
            "市交通运输局",
            "市信访局",
            "市水利局",
            "市林业和草原局",
            "市农牧局",
        ],
    ),
    (
        "第三组",
        [
            "市教育体育局",
            "市人力资源和社会保障局",
            "市卫生健康委员会",
            "市退役军人事务局",
            "市医疗保障局",
            "市城市管理综合执法局",
            "市住房和城乡建设局",
            "市市场监督管理局",
            "市民政局",
            "市行政审批和政务服务局",
            "市乡村振兴局",
        ],
    ),
]

# Representative categories (seed 000 市民代表选聘方案 and seed 004 附件3): code, name, kind.
CATEGORIES: list[tuple[str, str, str]] = [
    ("community", "社区或村居民代表", "service"),
    ("key-project", "重点项目单位代表", "service"),
    ("key-private", "重点民营企业代表", "service"),
    ("small-micro", "小微企业代表", "service"),
    ("self-employed", "个体经营者代表", "service"),
    ("new-citizen", "新市民代表", "service"),
    ("dept-town", "部门、镇村代表", "service"),
    ("public-inst", "事业单位代表", "service"),
    ("association", "行业协会、商会代表", "service"),
    ("intermediary", "中介机构代表", "service"),
    ("maker", "创客代表", "service"),
    ("party-congress", "党代表", "society"),
    ("npc", "人大代表", "society"),
    ("cppcc", "政协委员代表", "society"),
    ("democratic", "民主党派、工商联、无党派代表", "society"),
    ("mass-org", "群团组织代表", "society"),
    ("researcher", "科研技术人员代表", "society"),
    ("volunteer", "自愿报名市民代表", "volunteer"),
]

MAIN_VENUE = ("市融媒体中心演播厅", "康巴什区市融媒体中心")
