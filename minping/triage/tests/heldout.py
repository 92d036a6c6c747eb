"""Suggestions never used to write keywords or examples: they measure proposals on new text.

Written after the lexicon and data/examples.tsv were fixed (synthetic; no real person or
case). Each entry: area, department an office clerk would pick (None if several), text.
"""

from __future__ import annotations

HELD_OUT: list[tuple[str, str | None, str]] = [
    ("high-quality-growth", None, "今年好几个大项目都没开工，建议市里盯紧项目进度，稳住经济大盘。"),
    ("high-quality-growth", "市商务局", "建议发展跨境电商，让本地的羊绒制品卖到国外去。"),
    ("reform", None, "建议推进国有林场和国有牧场改革，激发经营活力。"),
    ("reform", None, "各部门数据不互通，群众要反复开证明，建议推进数据共享的体制改革。"),
    (
        "business-environment",
        "市行政审批和政务服务局",
        "办理二手房过户要在好几个窗口之间来回跑，建议合并成一个窗口。",
    ),
    ("business-environment", None, "企业开办后刻章、开户、领发票还要好几天，希望压缩到一天办结。"),
    ("industry", "市能源局", "建议推进煤电和新能源联营，多建一些风光储一体化项目。"),
    (
        "industry",
        "市工业和信息化局",
        "本地企业数字化改造成本高，建议给予技改补贴，支持智能工厂建设。",
    ),
    ("integration", None, "建议让驻市大企业的职工子女在本地就近入学，增进企地感情。"),
    ("integration", None, "希望高校的科研成果能在我们这里转化落地，建立校地合作平台。"),
    (
        "investment-talent",
        None,
        "外地来的投资人反映办事找不到人，建议为重点项目配备专门的服务专员。",
    ),
    (
        "investment-talent",
        "市人力资源和社会保障局",
        "建议给来我市工作的应届大学生发放生活补贴和租房补贴。",
    ),
    (
        "private-economy",
        "市人民政府金融工作办公室",
        "小微企业续贷要先还款再贷款，周转资金压力很大，建议推广无还本续贷。",
    ),
    ("private-economy", None, "建议政府采购多给本地民营企业机会，不要设置隐形门槛。"),
    (
        "city-quality",
        "市城市管理综合执法局",
        "我们楼这几天暖气一直不热，打电话给供热公司也没人来修。",
    ),
    ("city-quality", "市生态环境局", "附近工厂晚上偷偷排放废气，味道刺鼻，建议环保部门夜查。"),
    ("rural", "市农牧局", "建议给养牛户提供饲草补贴，今年干旱草料价格涨了很多。"),
    ("rural", "市乡村振兴局", "村里的老人没人照顾，建议在嘎查建设互助幸福院。"),
    (
        "livelihood",
        "市卫生健康委员会",
        "儿童医院的儿科医生太少了，晚上孩子发烧急诊要排好几个小时。",
    ),
    ("livelihood", "市人力资源和社会保障局", "灵活就业人员缴纳社保负担太重，建议给予缴费补贴。"),
    ("safety", "市应急管理局", "老旧小区的燃气管道老化，闻到过煤气味，担心发生爆炸，请尽快排查。"),
    ("safety", "市市场监督管理局", "超市里经常卖临期和过期的食品，建议加强抽检。"),
    (
        "city-governance",
        "市住房和城乡建设局",
        "物业公司不作为，小区电梯坏了一个月都不修，业主投诉也没用。",
    ),
    (
        "city-governance",
        "市公安局",
        "晚上大货车在城区道路上飙车，噪音大还危险，建议限制货车进城时间。",
    ),
    (
        "culture-tourism",
        "市文化和旅游局",
        "建议在暑期推出草原和沙漠旅游的优惠套票，吸引更多外地游客。",
    ),
    ("culture-tourism", None, "建议晚上在广场和商业街多搞一些演出和市集，让城市夜生活热闹起来。"),
    ("civility", None, "有的市民在公园里随手扔烟头和瓜子皮，建议设置提示牌并加强劝导。"),
    ("civility", None, "建议把文明交通纳入中小学课堂，从孩子抓起培养文明习惯。"),
    ("government", None, "有的部门对群众反映的问题一拖再拖，建议建立限时办结和问责制度。"),
    ("government", None, "政府的各类政策文件太专业，老百姓看不懂，建议出一些通俗易懂的解读。"),
]
