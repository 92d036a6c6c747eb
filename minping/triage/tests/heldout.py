"""Suggestions never used to write keywords or examples: they measure proposals on new text.

Written after the lexicon and data/examples.tsv were fixed (synthetic; no real person or
case). Each entry: area, department an office clerk would pick (None if several), text.
"""

from __future__ import annotations

HELD_OUT: list[tuple[str, str | None, str]] = [
    (
        "high-quality-growth",
        "市商务局",
        "建议在春节前举办年货节，组织本地企业和商户集中让利，拉动消费。",
    ),
    (
        "high-quality-growth",
        "市发展和改革委员会",
        "几个重点项目的前期手续拖得太久，建议建立项目推进专班，加快落地见效。",
    ),
    ("reform", None, "建议继续深化国资国企改革，推动市属企业整合重组，做强做优。"),
    ("reform", None, "希望在教育、医疗领域探索集团化改革，让优质资源下沉到基层。"),
    (
        "business-environment",
        "市行政审批和政务服务局",
        "办理社保、医保、公积金要去三个不同的地方，建议集中到一个大厅办理。",
    ),
    (
        "business-environment",
        None,
        "有的审批事项承诺三天办结，实际上要等半个月，建议公开办理进度。",
    ),
    ("industry", "市能源局", "建议加快煤矿智能化改造，提高安全水平，减少井下作业人员。"),
    (
        "industry",
        "市科学技术局",
        "本地企业研发投入少，建议设立科技创新基金，支持企业和高校联合攻关。",
    ),
    ("integration", None, "建议发挥驻市大型能源企业的作用，带动本地配套企业发展。"),
    ("integration", None, "希望驻地部队和地方共建国防教育基地，增强青少年国防意识。"),
    (
        "investment-talent",
        "市人力资源和社会保障局",
        "建议为高技能人才评定职称开辟绿色通道，留住一线技术骨干。",
    ),
    (
        "investment-talent",
        "市商务局",
        "建议利用各种展会和推介会宣传我市投资环境，引进更多优质项目。",
    ),
    ("private-economy", None, "民营企业参与政府项目招标时常遇到隐性门槛，建议一视同仁。"),
    (
        "private-economy",
        "市市场监督管理局",
        "小商户办理食品经营许可证流程复杂，建议简化，帮助个体户开业。",
    ),
    (
        "city-quality",
        "市城市管理综合执法局",
        "建议在主干道两侧增加绿化，夏天走在路上太晒了，也能改善城市景观。",
    ),
    (
        "city-quality",
        "市住房和城乡建设局",
        "老旧小区雨季一下雨就积水，排水管道堵塞，建议改造雨污管网。",
    ),
    ("rural", "市农牧局", "建议推广节水灌溉技术，帮助农民降低种植成本，提高粮食产量。"),
    ("rural", "市乡村振兴局", "村里的留守儿童和老人多，建议建设村级综合服务站。"),
    ("livelihood", "市教育体育局", "学校食堂饭菜质量差、价格高，家长意见很大，建议加强监管。"),
    ("livelihood", "市民政局", "建议提高高龄老人津贴标准，并简化领取手续。"),
    ("safety", "市公安局", "小区附近经常有人深夜聚集喝酒闹事，建议加强夜间巡逻。"),
    ("safety", "市应急管理局", "建议在人员密集场所多配备灭火器和应急疏散指示，定期组织演练。"),
    (
        "city-governance",
        "市城市管理综合执法局",
        "路边的流动摊贩占道经营，垃圾乱扔，建议设置规范的便民摊点。",
    ),
    ("city-governance", "市交通运输局", "建议在早晚高峰增加通勤公交，缩短发车间隔。"),
    ("culture-tourism", "市文化和旅游局", "建议修缮市里的老建筑和历史街区，开发成文化旅游街区。"),
    ("culture-tourism", "市教育体育局", "建议在社区多建一些笼式足球场和健身器材，方便居民锻炼。"),
    ("civility", None, "建议在公交车和地铁站开展文明乘车宣传，倡导排队上车。"),
    ("civility", None, "不少家长带孩子在公共场所大声喧哗，建议加强公共文明引导。"),
    ("government", None, "建议政府部门定期公开预算和三公经费，接受群众监督。"),
    (
        "government",
        "市行政审批和政务服务局",
        "12345热线反映的问题有时候被退回好几次，建议明确责任单位，限时办结。",
    ),
]
