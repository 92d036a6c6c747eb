"""Demo data: departments at different steps of the review chain, some fully published.

All texts are synthetic; department names are the city's real ones, every person is made up.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from minping.accounts.models import Role, User
from minping.campaigns.models import Deadline, Department
from minping.departments import rules
from minping.departments.actions import (
    do_create_policy,
    do_save_version,
    do_set_scopes,
    do_set_video,
    do_transition,
)
from minping.departments.charcount import count_chars
from minping.departments.content import info_text, targets_text
from minping.departments.models import Material, PolicyDocument, ReviewerScope, Video

S = Material.State

SECTIONS = [
    (
        "一、{year}年度职能目标完成情况",
        "市民代表：今年，{short}围绕全市中心工作，把市民最关心的事摆在前面。年初确定的{n1}项业务目标，"
        "已完成{n2}项，其余{n3}项正在按计划推进，年底前可全部完成。我们把目标分解到科室、落实到人，"
        "每月调度一次进度，每季度向社会公开一次完成情况。在协调、配合旗区完成的工作中，我们主要负责政策指导和资金争取，"
        "具体项目由旗区实施，这一点在此加以说明。回头看这一年，做得比较扎实的有三件事：一是把服务窗口延伸到了苏木乡镇和社区，"
        "群众在家门口就能办成{n4}类事项；二是把“一网通办”的事项从{n5}项增加到{n6}项，办事材料平均减少三分之一；"
        "三是对照年初承诺，逐项回应了市民代表去年提出的意见建议，能解决的已经解决，暂时解决不了的也都当面作了说明。"
        "各项目标的完成情况，已在本页“业务目标”栏目中逐条列出，欢迎市民代表对照检查。"
        "需要说明的是，个别目标受上级政策调整影响，完成时间有所推后，我们已向社会作了公开说明，"
        "并制定了补救措施，确保总体任务不打折扣。在推进目标的过程中，我们坚持问计于民，先后召开座谈会、"
        "走访企业和社区，听取意见{n15}十余次，把市民的意见转化为具体的工作举措。"
        "比如，针对老年人不会用手机办事的问题，我们在每个服务大厅都安排了帮办代办人员，"
        "保留了现场办理和电话预约两条渠道，让不同年龄、不同条件的市民都能方便办事。",
    ),
    (
        "二、深化“放管服”改革、优化营商环境取得的成效",
        "我们把企业和群众办事的感受作为检验改革的标准。全年取消证明材料{n7}项，将{n8}个事项的办理时限压缩一半以上，"
        "推行“容缺受理”和“告知承诺”，企业开办、项目审批中能并联的环节全部并联。我们在政务服务大厅设立了“办不成事”反映窗口，"
        "全年受理反映{n9}件，全部在五个工作日内给出答复。针对企业反映比较集中的融资难、用工难问题，我们会同有关部门开展了"
        "政策直达行动，把惠企政策编成明白卡，送到{n10}家企业手中，做到政策找企业、企业不用跑。我们还建立了重点企业包联制度，"
        "班子成员每人联系若干家企业，定期上门了解困难，现场能解决的现场解决，需要协调的限时办结。"
        "我们还对窗口工作人员开展了服务规范培训，推行首问负责、一次告知、限时办结，"
        "全年窗口服务好差评中，好评率保持在百分之九十九以上。对差评件，我们逐件回访、逐件整改。"
        "同时，我们梳理公布了本部门的权责清单和服务事项清单，哪些事找谁办、要什么材料、多长时间办结，"
        "都在网上一目了然，企业和群众办事心里更有底了。",
    ),
    (
        "三、人大代表建议、政协委员提案办理情况",
        "今年我们共承办人大代表建议{n11}件、政协委员提案{n12}件，全部按期办结，代表委员满意和基本满意率达到百分之百。"
        "对每一件建议提案，我们都坚持办前联系、办中沟通、办后回访，不以答复代替办理。其中，关于改善老旧小区供暖、"
        "增加公共停车位、优化公交线路的建议，已经转化为具体项目，列入明年的工作计划。对涉及多个部门的建议，"
        "我们主动牵头召开协调会，明确分工和时限，防止推诿扯皮。"
        "办理过程中，我们邀请代表委员实地察看项目进展，面对面听取意见，办理结果同步在网上公开，"
        "让代表委员和市民都能看到建议提案是怎样落地的。",
    ),
    (
        "四、政务服务热线、媒体监督曝光问题办理情况",
        "全年通过12345政务服务热线受理涉及本部门的诉求{n13}件，按时办结率百分之九十八以上；"
        "对媒体曝光和网民留言反映的问题，我们建立了当日登记、限期整改、结果公开的工作机制，全年整改问题{n14}个。"
        "对群众反复反映的问题，我们不是简单回复，而是查找制度上的原因，修订完善了{n15}项工作规程。"
        "办理结果通过政府网站和本部门新媒体平台公开，接受市民监督。"
        "今年，我们还对热线诉求进行了分类分析，发现群众反映最多的是办事排队时间长、政策不清楚两类问题，"
        "据此增设了自助服务区，编写了常见问题解答，相关诉求量比去年同期下降了三成。",
    ),
    (
        "五、存在问题和{next_year}年主要工作打算",
        "我们也清醒地看到，工作中还存在一些不足：服务基层的力度还不够均衡，个别事项办理还不够快，"
        "政策宣传解读还不够通俗，离市民的期待还有差距。{next_year}年，我们将重点做好四方面工作：一是继续精简办事环节，"
        "让更多事项“掌上办”“就近办”；二是把市民代表今天提出的意见建议逐条梳理，列出清单，明确时限，办理结果向社会公开；"
        "三是加强干部作风建设，对推诿扯皮、敷衍塞责的问题严肃问责；四是扎实推进年度重点项目，确保按期见效。"
        "我们真诚欢迎市民代表和社会各界继续监督我们的工作。"
        "今天的报告会结束后，我们会把市民代表的评议意见和建议带回去，逐条研究，"
        "在规定时间内答复，并在明年的报告中向大家说明办理结果。",
    ),
]

PRESS_TEMPLATE = (
    "{name}全面推进“一次办好”改革，以增强群众满意度和获得感为目标，精简证明材料、压缩办理时限、提高网办效能。\n"
    "一、材料更“简”。系统梳理业务流程，精简办理要件{n1}件，多项业务取消复印件。\n"
    "二、速度更“快”。逐项梳理各业务环节，将{n2}个事项的办理时限压缩一半以上，群众少跑腿、好办事。\n"
    "三、网办更“优”。依托网上办事大厅和移动端平台，实现{n3}项业务全程网办，截至目前累计办理{n4}万件。"
)

TARGETS = [
    ("重点任务", "深化“一网通办”", "全年新增“一网通办”事项{a}项，网上可办率达到95%以上。"),
    ("重点任务", "优化营商环境", "企业开办时间压缩至1个工作日以内，惠企政策直达企业{b}家。"),
    ("民生实事", "办好市民关心的实事", "完成市民代表意见建议办理{c}件，办结率100%。"),
    ("自身建设", "改进工作作风", "12345热线诉求按时办结率达到98%以上。"),
]

POLICIES = [
    (
        "关于印发本市温暖工程实施方案的通知",
        "测府发〔2026〕11号",
        dt.date(2026, 2, 23),
        "各旗区人民政府，市人民政府各部门，各直属单位：\n《温暖工程实施方案》已经市人民政府常务会议审议通过，现印发给你们，请结合实际，认真组织实施。\n"
        "一、总体要求。坚持以人民为中心，着力提升供暖、供水、供电、供气保障水平。\n"
        "二、重点任务。新建改造供热管网，推进智慧供热，保障农村牧区饮水安全。\n"
        "三、保障措施。加强组织领导，强化资金保障，推进监督考核。",
    ),
    (
        "关于做好全市第四次全国文物普查的通知",
        "测府发〔2026〕6号",
        dt.date(2026, 2, 5),
        "各旗区人民政府，市直各有关部门：\n为全面推进我市第四次全国文物普查工作，现将有关事项通知如下。\n"
        "一、普查范围。对已认定、登记的不可移动文物进行复查，同时调查、认定、登记新发现的不可移动文物。\n"
        "二、时间安排。普查工作分三个阶段进行。\n三、保障措施。落实普查经费，做好普查管理。",
    ),
    (
        "关于印发区域再生水循环利用试点实施方案的通知",
        "测府办发〔2026〕2号",
        dt.date(2026, 1, 8),
        "各旗区人民政府，市直各有关部门：\n经市人民政府同意，现将《区域再生水循环利用试点实施方案》印发给你们，请结合实际，认真贯彻落实。\n"
        "全市城镇污水处理厂再生水利用率达到75%，河湖水质明显提升。",
    ),
    (
        "关于进一步优化营商环境的若干措施",
        "测府发〔2026〕3号",
        dt.date(2026, 1, 20),
        "各旗区人民政府，市人民政府各部门：\n为进一步优化营商环境，激发市场主体活力，提出如下措施。\n"
        "一、压缩企业开办时间。二、推行告知承诺制。三、畅通政企沟通渠道。",
    ),
]

SIGNED_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

# (department, target state of every item, or a per-kind dict)
PLAN: list[tuple[str, Any]] = [
    ("市发展和改革委员会", S.PUBLISHED),
    ("市财政局", S.PUBLISHED),
    ("市商务局", S.PUBLISHED),
    (
        "市公安局",
        {"info": S.REVIEWED, "targets": S.SIGNED, "report": S.SIGNED, "press": S.SUBMITTED},
    ),
    ("市教育体育局", {"info": S.SUBMITTED, "targets": S.SUBMITTED, "report": S.RETURNED}),
    ("市统计局", {"info": S.DRAFT, "report": S.DRAFT}),
]


def _numbers(ctx: Any) -> dict[str, int]:
    r = ctx.random
    n1 = r.randint(18, 30)
    return {
        "n1": n1,
        "n2": n1 - r.randint(1, 3),
        "n3": 0,
        "n4": r.randint(20, 60),
        "n5": r.randint(80, 150),
        "n6": r.randint(160, 260),
        "n7": r.randint(20, 60),
        "n8": r.randint(10, 40),
        "n9": r.randint(50, 200),
        "n10": r.randint(300, 900),
        "n11": r.randint(8, 40),
        "n12": r.randint(8, 40),
        "n13": r.randint(1000, 9000),
        "n14": r.randint(10, 80),
        "n15": r.randint(3, 12),
    }


def report_text(ctx: Any, department: Department) -> str:
    values = _numbers(ctx)
    values["n3"] = values["n1"] - values["n2"]
    year = ctx.campaign.year
    fmt = {
        **values,
        "year": year,
        "next_year": year + 1,
        "short": department.short_name or department.name,
    }
    lines: list[str] = []
    for heading, body in SECTIONS:
        lines.append(heading.format(**fmt))
        lines.append(body.format(**fmt))
    return "\n".join(lines)


def infographic_png(department: Department, seed: int) -> bytes:
    """A simple poster: title band, three number tiles, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1080, 1440
    image = Image.new("RGB", (width, height), "#fff7f2")
    draw = ImageDraw.Draw(image)
    font_path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
    big: ImageFont.FreeTypeFont | ImageFont.ImageFont
    mid: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        big = ImageFont.truetype(font_path, 64)
        mid = ImageFont.truetype(font_path, 44)
    except OSError:
        big = mid = ImageFont.load_default()
    draw.rectangle([0, 0, width, 260], fill="#b4232a")
    draw.text((60, 70), department.name, fill="white", font=big)
    draw.text((60, 160), "图说政府工作", fill="#ffd9d0", font=mid)
    colors = ["#d9483b", "#1f7a4d", "#2f6db5"]
    labels = ["一网通办事项", "惠企政策直达企业", "办结市民诉求"]
    for i, (color, label) in enumerate(zip(colors, labels, strict=True)):
        top = 340 + i * 340
        draw.rounded_rectangle([60, top, width - 60, top + 280], radius=28, fill=color)
        draw.text((110, top + 40), label, fill="white", font=mid)
        draw.text((110, top + 130), f"{(seed * (i + 3)) % 900 + 100}", fill="white", font=big)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def slides_pptx(department: Department) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(13.333), Inches(7.5)
    for title in [department.name, "年度职能目标完成情况", "存在问题和下年打算"]:
        slide = presentation.slides.add_slide(presentation.slide_layouts[5])
        slide.shapes.title.text = title
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _save(ctx: Any, staff: User, department: Department, kind: str) -> None:
    campaign = ctx.campaign
    if kind == "info":
        data = {
            "info": {
                "name": department.name,
                "office_phone": f"0477-83{ctx.random.randrange(10**5):05d}",
                "complaint_phone": "12345",
                "postcode": "017000",
                "hours": "工作日 8:30—12:00，14:30—18:00",
                "address": f"康巴什区市民服务中心{ctx.random.randint(1, 9)}号楼",
                "website": "https://www.example.gov.cn/",
                "duties": f"贯彻执行国家和自治区有关方针政策，拟订并组织实施{department.name}职责范围内的发展规划和政策措施；"
                "负责本领域的行政审批、监督管理和公共服务工作；完成市人民政府交办的其他任务。",
            },
            "leaders": [
                {"name": ctx.faker.name(), "title": title, "duties": duties}
                for title, duties in [
                    ("党组书记、局长", "主持全面工作"),
                    ("副局长", "负责政务服务、营商环境工作"),
                    ("副局长", "负责规划、财务和机关建设工作"),
                ]
            ],
            "units": [
                {
                    "name": name,
                    "duties": duties,
                    "phone": f"0477-83{ctx.random.randrange(10**5):05d}",
                }
                for name, duties in [
                    ("办公室", "负责文电、会务、机要、档案等机关日常运转工作"),
                    ("政策法规科", "负责规范性文件合法性审查和行政执法监督"),
                    ("政务服务科", "负责窗口服务和“一网通办”事项管理"),
                ]
            ],
        }
        do_save_version(staff, campaign, department, kind, data=data, text=info_text(data))
    elif kind == "targets":
        fmt = {
            "a": ctx.random.randint(20, 80),
            "b": ctx.random.randint(200, 800),
            "c": ctx.random.randint(30, 120),
        }
        data = {
            "targets": [
                {"category": c, "seq": str(i), "name": n, "content": t.format(**fmt)}
                for i, (c, n, t) in enumerate(TARGETS, start=1)
            ]
        }
        do_save_version(staff, campaign, department, kind, data=data, text=targets_text(data))
    elif kind == "report":
        html, _unsafe = rules.sanitize(report_text(ctx, department))
        text = rules.html_to_text(html)
        findings = rules.check_report_text(html, text, False)
        do_save_version(
            staff,
            campaign,
            department,
            kind,
            html=html,
            text=text,
            char_count=count_chars(text),
            signed_page=SimpleUploadedFile("签字页.pdf", SIGNED_PDF),
            warnings=[f.message for f in findings],
        )
    elif kind == "infographic":
        intro = f"一张图看懂{department.name}的一年：办事更快了，材料更少了，市民的诉求件件有回音。"
        do_save_version(
            staff,
            campaign,
            department,
            kind,
            text=intro,
            char_count=count_chars(intro),
            file=SimpleUploadedFile(
                "infographic.png", infographic_png(department, ctx.random.randint(1, 999))
            ),
        )
    elif kind == "slides":
        do_save_version(
            staff,
            campaign,
            department,
            kind,
            data={"slides": {"count": 3, "legacy": False}},
            file=SimpleUploadedFile("slides.pptx", slides_pptx(department)),
        )
    elif kind == "press":
        body = PRESS_TEMPLATE.format(
            name=department.name,
            n1=ctx.random.randint(10, 40),
            n2=ctx.random.randint(5, 30),
            n3=ctx.random.randint(50, 200),
            n4=ctx.random.randint(2, 30),
        )
        html, _unsafe = rules.sanitize(body)
        text = rules.html_to_text(html)
        do_save_version(
            staff,
            campaign,
            department,
            kind,
            data={"title": f"{department.name}全面推进“一次办好”", "photos": []},
            html=html,
            text=text,
            char_count=count_chars(text),
        )


def _walk(ctx: Any, material: Material, staff: User, target: str) -> None:
    reviewer, publicity, office = ctx.users["reviewer"], ctx.users["publicity"], ctx.users["office"]
    if target == S.DRAFT:
        return
    if target == S.RETURNED:
        do_transition(staff, material, S.SUBMITTED)
        do_transition(
            reviewer,
            material,
            S.RETURNED,
            comment="第二部分数据请更新至最新；删去开头的称谓以外的寒暄语。",
        )
        return
    steps: list[tuple[str, User, dict[str, Any]]] = [
        (S.SUBMITTED, staff, {}),
        (S.REVIEWED, reviewer, {"comment": "内容属实，同意报分管领导。"}),
        (
            S.SIGNED,
            reviewer,
            {
                "signer": "分管副市长",
                "signed_page": SimpleUploadedFile("分管领导签字.pdf", SIGNED_PDF),
            },
        ),
        (S.CLEARED, publicity, {"comment": "经公开性审核，可以公开。"}),
        (S.PUBLISHED, office, {}),
    ]
    for state, actor, extra in steps:
        do_transition(actor, material, state, **extra)
        material.refresh_from_db()
        if state == target:
            return


def _deadlines(ctx: Any) -> None:
    # Relative to the day the demo is loaded: the demo is a few days before the submission
    # deadline, with six departments ahead and the rest still drafting (a deadline already
    # past made every other department's five materials "overdue", which no office would
    # believe of a campaign in progress).
    today = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    offsets = [
        (Deadline.Stage.MATERIALS_SUBMITTED, 3),
        (Deadline.Stage.MATERIALS_REVIEWED, 7),
        (Deadline.Stage.MATERIALS_SIGNED, 7),
        (Deadline.Stage.PUBLICITY_REVIEWED, 10),
        (Deadline.Stage.MATERIALS_PUBLISHED, 14),
    ]
    for stage, days in offsets:
        Deadline.objects.get_or_create(
            campaign=ctx.campaign, stage=stage, defaults={"due": today + dt.timedelta(days=days)}
        )


def _staff_for(ctx: Any, department: Department) -> User:
    staff = User.objects.filter(role=Role.DEPARTMENT, department=department).first()
    if staff is None:
        from minping.accounts.actions import do_create_user
        from minping.demo import DEMO_PASSWORD

        staff = do_create_user(
            None,
            username=f"dept{department.pk}",
            password=DEMO_PASSWORD,
            role=Role.DEPARTMENT,
            full_name=ctx.faker.name(),
            department=department,
        )
        ctx.add_login(staff.username, department.name)
    return staff


def load(ctx: Any) -> None:
    campaign = ctx.campaign
    office = ctx.users["office"]
    _deadlines(ctx)
    if not ReviewerScope.objects.filter(campaign=campaign).exists():
        all_departments = [
            d for g in campaign.groups.order_by("number") for d in g.ordered_departments()
        ]
        do_set_scopes(
            office, campaign, ctx.users["reviewer"], ReviewerScope.Kind.DESK, all_departments
        )
        do_set_scopes(office, campaign, ctx.users["publicity"], ReviewerScope.Kind.PUBLICITY, [])
    for name, plan in PLAN:
        department = Department.objects.get(name=name)
        staff = _staff_for(ctx, department)
        targets = plan if isinstance(plan, dict) else {kind: plan for kind in Material.Kind.values}
        for kind, state in targets.items():
            if Material.objects.filter(
                campaign=campaign, department=department, kind=kind
            ).exists():
                continue
            _save(ctx, staff, department, kind)
            material = Material.objects.get(campaign=campaign, department=department, kind=kind)
            _walk(ctx, material, staff, state)
    fgw = Department.objects.get(name="市发展和改革委员会")
    if not Video.objects.filter(campaign=campaign, department=fgw).exists():
        do_set_video(office, campaign, fgw, url="https://video.example.org/minping/fgw")
    for title, number, issued_on, body in POLICIES:
        if not PolicyDocument.objects.filter(number=number).exists():
            do_create_policy(
                office, title=title, number=number, issued_on=issued_on, summary="", body=body
            )
