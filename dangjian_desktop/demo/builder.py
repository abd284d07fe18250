"""The demo database: the year 2025 of a primary-school party branch (政平小学), written through the services.

It recreates `2025-summary.txt`: 主题党日 12, 书记党课 5, 支委会 12, 支部党员大会 6, 示范课 41 节, 专题讲座 20 次,
one 转正, three young teachers in development, the new partner units and the three problems of the
组织生活会. A few records of 2026 (to October) give the current year something to show. Names are fictional;
the data are fixed tables and a seeded random generator, so every run writes the same database.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from dangjian_desktop.domain.validation import ID_CHECK_CODES, ID_WEIGHTS
from dangjian_desktop.services import activity as activity_service
from dangjian_desktop.services.category import add_category
from dangjian_desktop.services.development import record_step
from dangjian_desktop.services.meeting import AttendanceRow, expected_members, meetings
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store.connection import close_database, db
from dangjian_desktop.store.models import (
    Activity,
    ActivityCategory,
    Attendance,
    DevelopmentStep,
    Meeting,
    Member,
    Partner,
    Rectification,
)
from dangjian_desktop.store.session import open_database

SETTINGS = {
    "branch_name": "常州市武进区政平小学党支部",
    "parent_committee": "中共常州市武进区礼嘉镇委员会",
    "committee_term_start": dt.date(2023, 12, 15),
    "committee_term_years": 3,
    "lecture_period": "quarter",
}
REGION = "320412"  # 常州市武进区

# name, gender, born, education, job, party post, party group, 入党 (the 支部大会 vote; full member a year later)
MEMBERS = (
    ("周振华", "男", "1972-03-14", "大学本科", "校长", "书记", "第一党小组", "1995-06-28"),
    ("钱玥", "女", "1980-11-02", "研究生", "副校长", "副书记", "第一党小组", "2003-05-20"),
    ("单志强", "男", "1978-07-19", "大学本科", "教导主任", "组织委员", "第二党小组", "2001-12-10"),
    ("陈珺", "女", "1985-01-25", "大学本科", "德育处主任、大队辅导员", "宣传委员", "第三党小组", "2007-04-18"),
    ("李祎", "女", "1983-09-08", "大学本科", "总务处主任", "纪检委员", "第一党小组", "2006-06-15"),
    ("孙丽萍", "女", "1979-04-03", "大学本科", "英语教研组长", "党小组长", "第一党小组", "2004-11-26"),
    ("王堃", "男", "1988-05-30", "大学本科", "语文教师、年级组长", "党小组长", "第二党小组", "2010-05-12"),
    ("张喆", "男", "1990-10-11", "大学本科", "数学教研组长", "党小组长", "第三党小组", "2012-06-08"),
    ("刘静怡", "女", "1975-12-21", "大学本科", "语文教师", "", "第二党小组", "1998-07-01"),
    ("吴建国", "男", "1967-08-17", "大学专科", "体育教师", "", "第三党小组", "1990-06-30"),
    ("徐海燕", "女", "1982-02-14", "大学本科", "数学教师", "", "第三党小组", "2005-12-20"),
    ("朱明", "男", "1986-06-06", "大学本科", "科学教师", "", "第三党小组", "2009-05-25"),
    ("胡晓雯", "女", "1991-03-27", "大学本科", "音乐教师", "", "第二党小组", "2013-06-20"),
    ("郭玉兰", "女", "1970-09-30", "大学专科", "语文教师", "", "第二党小组", "1996-12-18"),
    ("何俊杰", "男", "1984-12-05", "大学本科", "信息技术教师、网络管理员", "", "第一党小组", "2008-06-26"),
    ("高雅琴", "女", "1987-08-22", "大学本科", "美术教师", "", "第二党小组", "2011-11-15"),
    ("沈涛", "男", "1981-01-09", "研究生", "教科室主任", "", "第一党小组", "2004-06-18"),
    ("蒋欣", "女", "1989-07-12", "大学本科", "英语教师", "", "第三党小组", "2014-05-30"),
    ("邵敏", "女", "1973-04-19", "大学专科", "会计", "", "第一党小组", "1997-06-20"),
    ("黄佳", "女", "1979-10-16", "大学本科", "语文教师", "", "第二党小组", "2002-06-20"),
)
LEAVER = ("黄佳", "转出", "2025-08-31", "随工作调动，组织关系转至区内兄弟学校党支部。")

# name, gender, born, education, job, party group, applied, activist, candidate, probation, full
DEVELOPMENT = (
    ("林昇", "男", "1996-02-18", "大学本科", "数学教师", "第三党小组",
     "2021-09-10", "2022-03-15", "2023-05-10", "2024-06-20", "2025-06-20"),
    ("顾雨桐", "女", "1997-11-03", "大学本科", "语文教师（行政跟岗）", "", "2022-10-10", "2023-03-20", "2024-09-10", "", ""),
    ("陆子涵", "男", "1998-04-26", "大学本科", "体育教师（行政跟岗）", "", "2023-09-15", "2024-03-18", "2025-04-11", "", ""),
    ("范可欣", "女", "1999-08-09", "研究生", "数学教师（行政跟岗）", "", "2024-09-20", "2025-03-07", "", "", ""),
    ("谢梓萱", "女", "2000-01-15", "大学本科", "英语教师", "", "2025-05-06", "", "", "", ""),
)

# Steps of 《发展党员工作细则》 other than the five dates on the member: (step, date, note)
DEVELOPMENT_STEPS = {
    "林昇": ((2, "2021-09-28", "钱玥"), (4, "2022-03-22", ""), (5, "2022-03-15", "张喆、徐海燕"), (6, "2022-09-09", ""),
             (6, "2023-03-03", ""), (8, "2023-05-17", ""), (9, "2023-05-10", "张喆、徐海燕"), (10, "2023-09-28", ""),
             (11, "2023-11-10", "镇党委发展对象培训班，3天"), (12, "2024-05-31", ""), (13, "2024-06-07", ""),
             (14, "2024-06-12", ""), (16, "2024-07-05", ""), (17, "2024-07-18", ""), (18, "2024-07-25", ""),
             (19, "2024-07-19", "第三党小组"), (20, "2024-08-30", ""), (21, "2024-12-20", ""), (21, "2025-05-16", ""),
             (22, "2025-05-20", ""), (23, "2025-06-20", "赞成20票，反对0票，弃权0票"), (24, "2025-07-10", ""),
             (25, "2025-07-25", "")),
    "顾雨桐": ((2, "2022-10-28", "单志强"), (4, "2023-03-27", ""), (5, "2023-03-20", "孙丽萍、王堃"), (6, "2023-09-15", ""),
               (6, "2024-03-15", ""), (8, "2024-09-18", ""), (9, "2024-09-10", "孙丽萍、王堃"), (10, "2024-10-30", ""),
               (11, "2024-11-22", "镇党委发展对象培训班，3天")),
    "陆子涵": ((2, "2023-10-10", "单志强"), (4, "2024-03-25", ""), (5, "2024-03-18", "张喆、吴建国"), (6, "2024-09-13", ""),
               (6, "2025-03-07", ""), (8, "2025-04-18", ""), (9, "2025-04-11", "张喆、吴建国"), (10, "2025-06-27", ""),
               (11, "2025-07-18", "镇党委发展对象培训班，3天")),
}  # 范可欣 and 谢梓萱 have only their dates on the member: the development view shows what is due next

# name, kind, since, contact, address, what is done there
PARTNERS = (
    ("党员活动室", "校内阵地", "2018-09-01", "单志强", "学校行政楼二楼", "组织生活和主题党日的固定场所，配学习书架与必读书目"),
    ("360阳光驿站", "校内阵地", "2023-03-01", "李祎", "学校大门东侧", "面向师生和家长的党员便民服务站"),
    ("礼嘉镇政平村党总支部", "结对共建单位", "2021-06-01", "蒋主任", "常州市武进区礼嘉镇政平村", "关爱留守儿童、志愿暑托"),
    ("江南抗日义勇军指挥部旧址", "红色教育基地", "2022-04-01", "许老师", "常州市武进区", "清明祭扫、重温入党誓词"),
    ("武进法院", "法治教育基地", "2023-05-01", "周法官", "常州市武进区", "模拟庭审体验、法治讲座"),
    ("嘉·德馨", "红色教育基地", "2023-09-01", "杨老师", "常州市武进区礼嘉镇", "“教育嘉”党建品牌德育实践基地"),
    ("嘉·智享", "红色教育基地", "2024-03-01", "韩老师", "常州市武进区礼嘉镇", "“教育嘉”党建品牌阅读与科创基地"),
    ("嘉·体健", "红色教育基地", "2024-09-01", "冯老师", "常州市武进区礼嘉镇", "“教育嘉”党建品牌体育实践基地"),
    ("洛阳初级中学", "法治教育基地", "2024-10-01", "邓老师", "常州市武进区洛阳镇", "法治教育实践基地研学"),
    ("嘉·美创", "红色教育基地", "2025-03-01", "彭老师", "常州市武进区礼嘉镇", "“教育嘉”党建品牌书法与美育基地"),
    ("常州大学安全科学与工程学院", "结对共建单位", "2025-03-18", "唐老师", "常州市武进区滆湖中路21号",
     "党建结对共建、安全教育进校园、大中小学联合主题党日"),
    ("常州大学史良法学院", "结对共建单位", "2025-04-22", "曹老师", "常州市武进区滆湖中路21号", "法治副校长、宪法宣讲"),
    ("武进区“五金”思政联盟", "思政联盟", "2025-05-13", "袁老师", "常州市武进区", "大中小学思政课一体化教研"),
    ("常大红馆", "红色教育基地", "2025-06-27", "田老师", "常州大学武进校区", "党史学习、重温入党誓词"),
    ("华渡戎耀之家", "红色教育基地", "2025-09-05", "董老师", "常州市武进区", "退役军人事迹宣讲、国防教育"),
    ("嘉·劳悦", "红色教育基地", "2025-09-01", "潘老师", "常州市武进区礼嘉镇", "“教育嘉”党建品牌劳动实践基地"),
)

FIRST_TOPICS = {
    "纲要": "学习《教育强国建设规划纲要（2024—2035年）》",
    "纪委": "学习习近平总书记在二十届中央纪委四次全会上的重要讲话精神",
    "两会": "学习2025年全国两会精神和《政府工作报告》",
    "八项": "学习贯彻习近平总书记关于加强党的作风建设和开展深入贯彻中央八项规定精神学习教育的重要讲话重要指示精神",
    "摘编": "学习《习近平关于加强党的作风建设论述摘编》",
    "党建": "学习习近平总书记关于党的建设的重要思想",
    "抗战": "学习习近平总书记在纪念中国人民抗日战争暨世界反法西斯战争胜利80周年大会上的重要讲话精神",
    "五卷": "学习《习近平谈治国理政》第五卷",
    "全会": "学习党的二十届四中全会精神",
    "百问": "学习党的二十届四中全会《建议》学习辅导百问",
    "教育": "学习习近平总书记关于教育的重要论述",
    "两会26": "学习2026年全国两会精神",
    "规划": "学习国民经济和社会发展第十五个五年规划纲要",
}

# date, kind, topic, first topic, place ("" = the kind's usual place)
MEETINGS = (
    ("2025-01-06", "支委会", "研究2025年支部工作计划和主题党日安排", "纲要", ""),
    ("2025-01-10", "主题党日", "学习贯彻全国教育大会精神 争做新时代“四有”好老师", "纲要", ""),
    ("2025-01-17", "党课", "守纪律 讲规矩：以严的基调推进作风建设常态化", "纪委", ""),
    ("2025-02-14", "主题党日", "新学期 新担当：党员教师公开承诺", "纪委", ""),
    ("2025-02-17", "支委会", "研究新学期党建工作要点和党员示范课安排", "纪委", ""),
    ("2025-02-21", "支部党员大会", "传达上级会议精神，部署2025年党建工作", "纪委", ""),
    ("2025-03-07", "支委会", "讨论确定入党积极分子；研究学习教育实施方案", "两会", ""),
    ("2025-03-14", "主题党日", "学雷锋 见行动：党员志愿服务进社区", "两会", ""),
    ("2025-03-28", "党课", "以严的基调强化作风建设：深入贯彻中央八项规定精神", "八项", ""),
    ("2025-04-03", "主题党日", "清明缅怀先烈 传承红色基因", "八项", "江南抗日义勇军指挥部旧址"),
    ("2025-04-11", "支委会", "讨论确定发展对象", "八项", ""),
    ("2025-04-18", "支部党员大会", "深入贯彻中央八项规定精神学习教育动员部署", "八项", ""),
    ("2025-05-09", "支委会", "研究“七一”系列活动方案", "摘编", ""),
    ("2025-05-16", "主题党日", "深入贯彻中央八项规定精神 锤炼过硬作风", "摘编", ""),
    ("2025-06-13", "支委会", "审议林昇同志转正申请", "摘编", ""),
    ("2025-06-13", "党课", "弘扬教育家精神 争做“四有”乡村良师", "党建", ""),
    ("2025-06-20", "支部党员大会", "讨论林昇同志预备党员转正", "党建", ""),
    ("2025-06-27", "主题党日", "庆“七一” 重温入党誓词", "党建", "常大红馆"),
    ("2025-07-04", "支委会", "研究暑期志愿暑托和党员暑期学习安排", "党建", ""),
    ("2025-07-11", "主题党日", "志愿暑托 服务群众急难愁盼", "党建", ""),
    ("2025-08-22", "主题党日", "匠心筑梦 师德筑魂：暑期师德集中学习", "教育", ""),
    ("2025-08-29", "支委会", "研究新学年党建工作安排和党员岗位分工", "教育", ""),
    ("2025-09-05", "主题党日", "铭记历史 缅怀先烈：纪念抗战胜利80周年", "抗战", "华渡戎耀之家"),
    ("2025-09-12", "支委会", "研究“行走的思政课”和结对共建活动方案", "抗战", ""),
    ("2025-09-19", "支部党员大会", "通报上半年党建工作，部署新学年工作", "抗战", ""),
    ("2025-09-26", "党课", "读《习近平谈治国理政》第五卷 坚定理想信念", "五卷", ""),
    ("2025-10-10", "支委会", "研究与常州大学联合主题党日方案", "五卷", ""),
    ("2025-10-17", "主题党日", "融思政 启心智 向未来：大中小学联合主题党日", "五卷", "常州大学安全科学与工程学院"),
    ("2025-11-07", "支委会", "研究组织生活会和民主评议党员工作方案", "全会", ""),
    ("2025-11-14", "主题党日", "学习贯彻党的二十届四中全会精神", "全会", ""),
    ("2025-11-21", "支部党员大会", "学习贯彻党的二十届四中全会精神", "全会", ""),
    ("2025-11-28", "党课", "学习贯彻党的二十届四中全会精神 以高质量党建引领乡村教育高质量发展", "百问", ""),
    ("2025-12-03", "支委会", "研究组织生活会问题清单和年度党建工作总结", "百问", ""),
    ("2025-12-05", "组织生活会", "2025年度组织生活会：深入贯彻中央八项规定精神学习教育专题", "百问", ""),
    ("2025-12-05", "民主评议党员", "2025年度民主评议党员", "", ""),
    ("2025-12-12", "主题党日", "“阳光360”党建品牌内涵大家谈", "百问", ""),
    ("2025-12-19", "支部党员大会", "通报组织生活会情况和整改清单，审议年度党建工作总结", "百问", ""),
    # 2026 up to October; no 主题党日 and no 支委会 in April
    ("2026-01-09", "支委会", "研究寒假及新学期党建工作安排", "全会", ""),
    ("2026-01-16", "主题党日", "回顾2025 展望2026：党员教师年度述学", "全会", ""),
    ("2026-02-27", "支委会", "研究新学期党员示范课和护学岗安排", "教育", ""),
    ("2026-02-27", "主题党日", "新学期 新征程：党员教师公开承诺", "教育", ""),
    ("2026-03-06", "支委会", "研究组织生活会整改事项推进情况", "两会26", ""),
    ("2026-03-13", "支部党员大会", "部署2026年党建工作", "两会26", ""),
    ("2026-03-20", "主题党日", "学雷锋 见行动：党员志愿服务", "两会26", ""),
    ("2026-03-27", "党课", "读懂“十五五”：乡村教育的新机遇", "规划", ""),
    ("2026-05-08", "支委会", "研究“七一”系列活动方案", "规划", ""),
    ("2026-05-15", "主题党日", "“阳光360”党员示范课展示周", "规划", ""),
    ("2026-06-05", "支委会", "研究上半年党建工作总结", "教育", ""),
    ("2026-06-12", "党课", "作风建设永远在路上", "八项", ""),
    ("2026-06-19", "主题党日", "庆“七一” 重温入党誓词", "党建", ""),
    ("2026-06-26", "支部党员大会", "通报上半年党建工作", "党建", ""),
    ("2026-07-03", "支委会", "研究暑期志愿暑托安排", "教育", ""),
    ("2026-07-10", "主题党日", "志愿暑托 服务群众", "教育", ""),
    ("2026-08-21", "主题党日", "暑期师德集中学习", "教育", ""),
    ("2026-08-28", "支委会", "研究新学年党建工作安排", "教育", ""),
    ("2026-09-11", "支委会", "研究教师节表彰和结对共建活动", "教育", ""),
    ("2026-09-18", "主题党日", "铭记历史 勿忘国耻", "党建", ""),
    ("2026-09-25", "支部党员大会", "通报整改落实情况，部署第四季度工作", "规划", ""),
    ("2026-09-25", "党课", "在教育强国建设中彰显党员担当", "教育", ""),
    ("2026-10-09", "支委会", "研究第四季度党建工作", "规划", ""),
    ("2026-10-16", "主题党日", "重阳敬老 志愿服务", "规划", ""),
)
# 党小组会, held by every group on these days: monthly in 2025, monthly but April in 2026
GROUP_MEETINGS = (
    ("2025-01-23", "对照支部年度学习计划，交流寒假学习安排", "纲要"),
    ("2025-02-27", "交流新学期岗位目标与党员承诺", "纪委"),
    ("2025-03-27", "学习全国两会精神交流", "两会"),
    ("2025-04-24", "交流深入贯彻中央八项规定精神学习教育体会", "八项"),
    ("2025-05-23", "交流学习《习近平关于加强党的作风建设论述摘编》体会", "摘编"),
    ("2025-06-26", "交流上半年党员示范岗履职情况", "党建"),
    ("2025-07-03", "暑期志愿暑托分工", "教育"),
    ("2025-08-28", "新学年师德承诺交流", "抗战"),
    ("2025-09-25", "交流《习近平谈治国理政》第五卷学习体会", "五卷"),
    ("2025-10-31", "学习二十届四中全会公报，开展谈心谈话", "全会"),
    ("2025-11-27", "交流组织生活会对照检查材料", "百问"),
    ("2025-12-25", "交流年度学习收获与下一年学习打算", "百问"),
    ("2026-01-22", "对照支部年度学习计划，制定个人学习清单", "全会"),
    ("2026-02-26", "新学期岗位承诺交流", "教育"),
    ("2026-03-26", "学习全国两会精神交流", "两会26"),
    ("2026-05-21", "“阳光360”党建品牌内涵小组讨论", "规划"),
    ("2026-06-18", "交流上半年党员示范岗履职情况", "党建"),
    ("2026-07-02", "暑期志愿服务分工", "教育"),
    ("2026-08-27", "新学年师德承诺交流", "教育"),
    ("2026-09-24", "交流课程思政实践案例", "教育"),
    ("2026-10-22", "学习第四季度重点工作安排", "规划"),
)
# kind → (start, end, place, host, recorder); 党小组会 are held by the group leader
KIND_DEFAULTS = {
    "主题党日": ("15:40", "17:00", "党员活动室", "周振华", "陈珺"),
    "党课": ("15:40", "17:00", "党员活动室", "钱玥", "单志强"),
    "支委会": ("12:10", "13:00", "校长室", "周振华", "单志强"),
    "支部党员大会": ("15:40", "17:10", "党员活动室", "周振华", "单志强"),
    "党小组会": ("12:10", "13:00", "党员活动室", "", ""),
    "组织生活会": ("13:30", "15:30", "党员活动室", "周振华", "单志强"),
    "民主评议党员": ("15:40", "17:00", "党员活动室", "周振华", "单志强"),
}
LECTURER = "周振华"
RESOLUTIONS = {"支委会": "同意上述安排，由分管支委牵头落实。", "支部党员大会": "会议一致同意上述工作部署。"}
EXTRAS = {
    ("2025-03-07", "支委会"): {"resolution": "同意确定范可欣同志为入党积极分子，由钱玥、王堃同志担任培养联系人，报上级党委备案。"},
    ("2025-04-11", "支委会"): {"resolution": "同意确定陆子涵同志为发展对象，报上级党委备案，开展政治审查并参加集中培训。"},
    ("2025-06-13", "支委会"): {"resolution": "林昇同志预备期内表现良好，同意提交支部党员大会讨论其转正。"},
    ("2025-06-20", "支部党员大会"): {
        "guests": "入党积极分子、发展对象", "vote_on": "林昇",
        "points": [("林昇", "汇报预备期思想、学习和工作情况，表示将继续以党员标准严格要求自己。"),
                   ("张喆", "作为入党介绍人，介绍林昇同志预备期表现：主动承担示范课和护学岗，同意按期转正。"),
                   ("单志强", "宣读支委会审查意见，通报党内外群众意见；组织表决。")],
        "resolution": "同意林昇同志按期转为中共正式党员，党龄自2025年6月20日算起，报上级党委审批。"},
    ("2025-10-17", "主题党日"): {"guests": "常州大学安全科学与工程学院师生党员代表"},
    ("2025-12-05", "组织生活会"): {
        "guests": "上级党委联系领导",
        "points": [("周振华", "代表支委会对照检查，查摆理论学习、调研解决问题、品牌建设三方面问题并剖析原因。"),
                   ("钱玥", "开展自我批评：学习教育中有时满足于读原文、记笔记，联系教学实际不够。"),
                   ("单志强", "对周振华同志提出批评意见：深入年级组调研的次数偏少，要多听一线教师的意见。"),
                   ("陈珺", "建议提炼“阳光360”品牌内涵，让更多师生参与进来。")],
        "resolution": "查摆出理论学习不够系统、调研与问题解决能力欠缺、党建品牌建设缺少提炼三方面问题，形成整改清单，逐项落实。"},
    ("2025-12-05", "民主评议党员"): {
        "points": [("单志强", "说明评议方法：个人自评、党员互评、民主测评，优秀比例不超过三分之一。"),
                   ("孙丽萍", "作为党员代表作自评，谈履行岗位职责和发挥先锋作用情况。")],
        "resolution": "评议结果：优秀 6 人，合格 14 人，基本合格 0 人，不合格 0 人。"},
}
REMARKS = (
    "作为一线教师，要把学习成果落实到课堂，上好每一节课，关爱每一名学生。",
    "要把作风建设要求落到日常工作中，从小事做起，守住师德底线。",
    "年级组要发挥党员示范作用，在提高教学质量上走在前、做表率。",
    "青年教师要多听党员教师的示范课，在青蓝结对中提高教学能力。",
    "建议把学习内容和学校实际结合起来，形成可操作的措施。",
    "乡村学校更要关注留守儿童，党员教师要主动承担帮扶任务。",
    "学习不能停留在读原文，要结合本学科挖掘思政元素。",
    "护学岗、志愿服务要常态化，让家长看到党员的担当。",
    "安全教育要抓在平时，把责任落实到每个岗位、每个人。",
    "会后要及时整理学习笔记，用好党建平台开展自主学习。",
)
LEAVE_REASONS = ("病假", "外出培训", "公差", "事假", "带学生参加区级比赛")

# teacher, subject, date, lessons (节), content
LESSONS = (
    ("王堃", "语文", "2025-03-20", 4, "《守株待兔》《草船借箭》等课例"),
    ("张喆", "数学", "2025-03-27", 3, "《分数的意义》等课例"),
    ("孙丽萍", "英语", "2025-04-10", 3, "绘本阅读课例"),
    ("朱明", "科学", "2025-04-24", 3, "《植物的一生》单元实验课"),
    ("胡晓雯", "音乐", "2025-05-08", 2, "红色歌曲欣赏课"),
    ("高雅琴", "美术", "2025-05-22", 2, "书法与红色经典融合课"),
    ("林昇", "数学", "2025-06-05", 3, "《图形的运动》等课例"),
    ("徐海燕", "数学", "2025-09-25", 4, "新教材《认识图形》等课例"),
    ("蒋欣", "英语", "2025-10-09", 3, "单元整体教学课例"),
    ("何俊杰", "信息科技", "2025-10-23", 2, "编程启蒙课例"),
    ("陈珺", "道德与法治", "2025-11-06", 3, "《我们的国家机构》等课例"),
    ("钱玥", "语文", "2025-11-20", 2, "整本书阅读《小英雄雨来》导读课"),
    ("刘静怡", "语文", "2025-12-04", 3, "古诗词诵读课例"),
    ("沈涛", "科学", "2025-12-11", 4, "项目化学习课例"),
    ("王堃", "语文", "2026-03-19", 3, "新教材单元整体教学课例"),
    ("张喆", "数学", "2026-04-16", 2, "《数据的收集与整理》课例"),
)
LECTURE_PARTS = ("分“观优励志”“讲德传风”“学规明向”“诵典润心”“悟思共话”五个环节：观看优秀教师事迹，党员教师讲述身边的"
                 "师德故事，学习《新时代中小学教师职业行为十项准则》，诵读经典，分组交流心得。")

# category, date, title, place, partner, organiser, participants, quantity, description
ACTIVITIES = (
    ("专题讲座", "2025-02-20", "新学期教学常规专题讲座", "学校报告厅", "", "单志强", "全体教师", 1, ""),
    ("专题讲座", "2025-03-13", "“向阳书院”青年教师成长系列讲座（春季学期）", "学校报告厅", "", "钱玥", "青年教师", 4,
     "青蓝结对，每月一讲"),
    ("专题讲座", "2025-04-10", "整本书阅读教学策略", "学校报告厅", "", "王堃", "语文教师", 1, ""),
    ("专题讲座", "2025-04-24", "廉洁从教专题讲座", "党员活动室", "", "李祎", "全体党员", 1, ""),
    ("专题讲座", "2025-05-15", "《论语》与儿童品格养成", "学校报告厅", "", "刘静怡", "全体教师", 1, ""),
    ("专题讲座", "2025-05-29", "心理健康教育专题讲座（教师场、家长场）", "学校报告厅", "", "陈珺", "教师、家长", 2, ""),
    ("专题讲座", "2025-06-05", "防溺水与校园安全专题讲座", "学校报告厅", "常州大学安全科学与工程学院", "唐老师",
     "全体师生", 2, "高校专家进校园，分低年级、高年级两场"),
    ("专题讲座", "2025-09-18", "“向阳书院”青年教师成长系列讲座（秋季学期）", "学校报告厅", "", "沈涛", "青年教师", 4,
     "青蓝结对，每月一讲"),
    ("专题讲座", "2025-10-23", "课程思政的课堂落点", "学校报告厅", "武进区“五金”思政联盟", "袁老师", "全体教师", 1, ""),
    ("专题讲座", "2025-11-06", "宪法与未成年人保护", "学校报告厅", "常州大学史良法学院", "曹老师", "五、六年级学生", 2,
     "宪法宣传周系列讲座"),
    ("专题讲座", "2025-12-04", "信息技术赋能课堂教学", "录播教室", "", "何俊杰", "全体教师", 1, ""),
    ("师德讲堂", "2025-03-21", "师德讲堂：学习身边榜样", "学校报告厅", "", "钱玥", "全体教师", 1, LECTURE_PARTS),
    ("师德讲堂", "2025-08-28", "师德讲堂：匠心筑梦 师德筑魂", "学校报告厅", "", "钱玥", "全体教师", 1, LECTURE_PARTS),
    ("师德讲堂", "2025-12-18", "师德讲堂：弘扬教育家精神 争做“四有”乡村良师", "学校报告厅", "", "钱玥", "全体教师", 1,
     LECTURE_PARTS),
    ("志愿服务", "2025-03-05", "学雷锋志愿服务：文明宣传进社区", "政平村", "礼嘉镇政平村党总支部", "陈珺", "党员教师8人", 1, ""),
    ("志愿服务", "2025-07-07", "社区志愿暑托（第一期）", "政平村暑托点", "礼嘉镇政平村党总支部", "单志强",
     "党团员教师12人", 1, "为家中无人照看的孩子开设书法、阅读、科学实验等课程"),
    ("志愿服务", "2025-08-04", "社区志愿暑托（第二期）", "政平村暑托点", "礼嘉镇政平村党总支部", "单志强",
     "党团员教师10人", 1, "为家中无人照看的孩子开设书法、阅读、科学实验等课程"),
    ("红色教育", "2025-04-03", "行走的思政课：江南抗日义勇军指挥部旧址", "", "江南抗日义勇军指挥部旧址", "周振华",
     "全体党员", 1, "清明缅怀先烈，重温入党誓词"),
    ("红色教育", "2025-06-27", "行走的思政课：常大红馆", "", "常大红馆", "周振华", "全体党员", 1, "参观党史展陈，重温入党誓词"),
    ("红色教育", "2025-09-05", "行走的思政课：华渡戎耀之家", "", "华渡戎耀之家", "周振华", "全体党员", 1,
     "聆听退役军人讲述戍边故事"),
    ("法治教育", "2025-05-20", "走进武进法院：模拟庭审体验", "", "武进法院", "陈珺", "党员教师带领团员、队员40人", 1,
     "旁听讲解、模拟庭审，感受法律权威"),
    ("法治教育", "2025-11-18", "法治基地研学：走进洛阳初级中学", "", "洛阳初级中学", "陈珺", "党员教师带领团员、队员36人", 1, ""),
    ("护学岗", "2025-06-30", "“向阳花”护学岗（春季学期）", "学校门口", "", "李祎", "党员教师轮值", 36,
     "上学、放学时段在校门口和斑马线护导"),
    ("护学岗", "2025-12-30", "“向阳花”护学岗（秋季学期）", "学校门口", "", "李祎", "党员教师轮值", 38,
     "上学、放学时段在校门口和斑马线护导"),
    ("共建活动", "2025-03-18", "与常州大学安全科学与工程学院签订党建结对共建协议", "", "常州大学安全科学与工程学院",
     "周振华", "支委", 1, ""),
    ("共建活动", "2025-04-22", "与常州大学史良法学院签订党建结对共建协议", "", "常州大学史良法学院", "周振华", "支委", 1, ""),
    ("共建活动", "2025-05-13", "加入武进区“五金”思政联盟", "", "武进区“五金”思政联盟", "钱玥", "支委", 1, ""),
    ("共建活动", "2025-10-17", "“融思政 启心智 向未来”大中小学联合主题党日", "", "常州大学安全科学与工程学院", "周振华",
     "支部全体党员、常州大学师生党员、少先队员代表", 1, "大中小学党员共上一堂思政课"),
    ("共建活动", "2025-10-30", "“聚力课程思政 践行立德树人”教育教学研讨", "学校报告厅", "武进区“五金”思政联盟", "钱玥",
     "联盟学校教师", 1, ""),
    ("其他", "2025-04-25", "“新课标视域下整本书阅读的乡村实践”教育教学研讨", "学校报告厅", "", "王堃", "语文教师", 1, ""),
    ("其他", "2025-05-30", "“相约论语 文化中国”经典诵读展示", "学校操场", "", "刘静怡", "全校师生", 1, ""),
    ("其他", "2025-10-28", "嘉·劳悦劳动实践研学", "", "嘉·劳悦", "朱明", "党员教师带领四年级学生", 1, ""),
    ("其他", "2025-12-09", "嘉·美创书法与红色经典作品展", "", "嘉·美创", "高雅琴", "全校师生", 1, ""),
    ("专题讲座", "2026-04-16", "新学期作风建设专题讲座", "党员活动室", "", "李祎", "全体党员", 1, ""),
    ("红色教育", "2026-06-19", "行走的思政课：常大红馆", "", "常大红馆", "周振华", "全体党员", 1, ""),
    ("志愿服务", "2026-07-13", "社区志愿暑托", "政平村暑托点", "礼嘉镇政平村党总支部", "单志强", "党团员教师11人", 1, ""),
)
NEW_CATEGORIES = (("法治教育", "次"),)
HEADCOUNTS = {"全体党员": 20, "全体教师": 46, "青年教师": 14, "支委": 5, "全校师生": 812, "全体师生": 812}

# problem, cause, measure, owner, deadline, status, completed on, evidence, review (from the 组织生活会)
RECTIFICATIONS = (
    ("党的理论学习不够系统。党支部党员学习呈现碎片化状态，缺乏连贯性和深度，对党的创新理论未形成系统性认知框架。",
     "理论学习机制不完善。学习安排以共性要求为主，缺乏个性化设计，导致党员教师参与积极性不高，学习深度不足。",
     "强化理论学习，打造学习型党支部。(1)优化学习机制，建立“共性+个性”学习模式，在完成规定动作基础上，鼓励党员教师"
     "根据专业特点开展个性化学习。(2)建立学习成果转化机制，鼓励党员教师将学习成果转化为教育教学改进措施，并形成实践案例。",
     "周振华", "2026-03-31", "已完成", "2025-12-26", "《2026年度支部理论学习计划》及党员个性化学习清单",
     "经支委会复查，学习计划已印发执行。"),
    ("调研与问题解决能力欠缺。对新形势下党建新情况敏感性不足，问题发现滞后，解决问题缺乏系统规划。",
     "问题解决模式传统。面对复杂问题时，跨部门协作机制不健全，资源整合能力不足。",
     "坚持问题导向，提升服务效能。(1)深入师生、家长群体，听取意见建议，部门联动抓好整改落实。(2)推行“首问负责制”和"
     "“限时办结制”，建立党员志愿服务长效机制，定期开展专题调研与集中帮扶。",
     "单志强", "2026-06-30", "整改中", "", "", "已推行“首问负责制”，专题调研机制尚在完善。"),
    ("学校党建品牌建设缺少提炼。“阳光360”党建品牌内涵提炼不足，师生参与度有待提高。",
     "品牌建设深度不足。对党建品牌内涵挖掘不够深入，特色不够鲜明，宣传推广力度不足。",
     "深入挖掘品牌内涵，扩大影响力。(1)内化于心：让更多师生参与解读党建品牌的内涵特质。(2)外化于形：推进党建工作与"
     "教育教学深度融合，让党建活动更贴教学，让党员教师更显担当。",
     "陈珺", "2026-10-31", "未开始", "", "", ""),
)


def write_demo(path: Path) -> dict[str, int]:
    """Write the demo database at `path` (replacing any file there); return counts by Chinese label.

    Every record goes through its service, so the demo obeys the same rules as typed-in data. The
    database is left open at `path`.
    """
    path = Path(path)
    close_database()
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    open_database(path)
    rng = random.Random(2025)
    with db.atomic():
        save_settings(**SETTINGS)
        for name, unit in NEW_CATEGORIES:
            add_category(name, unit)
        partner_ids = _write_partners(rng)
        member_ids = _write_members(rng)
        for name, steps in DEVELOPMENT_STEPS.items():
            for number, day, note in steps:
                record_step(member_ids[name], number, _day(day), note)
        meeting_ids = _write_meetings(rng, member_ids)
        _write_activities(partner_ids)
        _write_rectifications(meeting_ids)
    return {
        "党员": Member.select().count(),
        "会议": Meeting.select().count(),
        "出席记录": Attendance.select().count(),
        "发展步骤": DevelopmentStep.select().count(),
        "活动": Activity.select().count(),
        "活动类别": ActivityCategory.select().count(),
        "共建单位与阵地": Partner.select().count(),
        "整改事项": Rectification.select().count(),
    }


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _quoted(text: str) -> str:
    """“text”, its own quotation marks turned into single ones."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _id_number(born: dt.date, serial: int, male: bool) -> str:
    """A 身份证号 of 武进区 with the GB 11643 check digit; the serial's last digit is odd for men."""
    body = f"{REGION}{born:%Y%m%d}{serial % 100:02d}{1 if male else 2}"
    return body + ID_CHECK_CODES[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


def _write_partners(rng: random.Random) -> dict[str, int]:
    ids = {}
    for name, kind, since, contact, address, description in PARTNERS:
        ids[name] = partners.create({
            "name": name, "kind": kind, "since": _day(since), "contact": contact,
            "phone": f"0519-8{rng.randrange(10**7):07d}", "address": address, "description": description,
        }).record.id
    return ids


def _write_members(rng: random.Random) -> dict[str, int]:
    rows = [(name, gender, born, edu, job, post, group, "", "", "", joined, f"{int(joined[:4]) + 1}{joined[4:]}")
            for name, gender, born, edu, job, post, group, joined in MEMBERS]
    rows += [(name, gender, born, edu, job, "", group, *dates) for name, gender, born, edu, job, group, *dates
             in DEVELOPMENT]
    ids = {}
    for serial, (name, gender, born, edu, job, post, group, applied, activist, candidate, probation, full) \
            in enumerate(rows, start=1):
        birth = _day(born)
        ids[name] = members.create({
            "name": name, "gender": gender, "ethnicity": "汉族", "birth_date": birth,
            "id_number": _id_number(birth, serial, gender == "男"), "education": edu, "job_title": job,
            "party_post": post, "party_group": group, "phone": _phone(rng), "status": "正常",
            "applied_on": _day(applied), "activist_on": _day(activist), "candidate_on": _day(candidate),
            "probation_on": _day(probation), "full_on": _day(full),
        }).record.id
    name, status, left_on, note = LEAVER
    members.update(ids[name], {"status": status, "left_on": _day(left_on), "notes": note})
    return ids


def _meeting_plan() -> list[tuple[dt.date, str, str, str, str, str]]:
    """(date, kind, topic, first topic key, place, party group) of every meeting, in date order."""
    groups = sorted({group for *_rest, group, _joined in MEMBERS})
    plan = [(_day(day), kind, topic, ft, place, "") for day, kind, topic, ft, place in MEETINGS]
    plan += [(_day(day), "党小组会", topic, ft, "", group) for day, topic, ft in GROUP_MEETINGS for group in groups]
    return sorted(plan, key=lambda row: (row[0], row[1]))


def _write_meetings(rng: random.Random, ids: dict[str, int]) -> dict[tuple[str, str], int]:
    names = {member_id: name for name, member_id in ids.items()}
    leaders = {group: name for name, _g, _b, _e, _j, post, group, _d in MEMBERS if post == "党小组长"}
    written = {}
    for day, kind, topic, ft, place, group in _meeting_plan():
        start, end, usual_place, host, recorder = KIND_DEFAULTS[kind]
        expected = [m.id for m in expected_members(kind, day, group)]
        if group:
            host = leaders[group]
            recorder = next(names[i] for i in expected if names[i] != host)
        lecturer = LECTURER if kind == "党课" else ""
        extra = EXTRAS.get((day.isoformat(), kind), {})
        busy = {ids[host], ids[recorder], ids.get(lecturer, 0), ids.get(extra.get("vote_on"), 0)}
        away = _absentees(rng, kind, expected, busy)
        present = [i for i in expected if i not in away]
        points = extra.get("points") or [(names[i], rng.choice(REMARKS))
                                         for i in rng.sample([i for i in present if i not in busy], 2)]
        first_topic = FIRST_TOPICS.get(ft, "")
        opening = [f"{host}：{'领学第一议题，' if first_topic else ''}"
                   + ("介绍本次党课。" if lecturer else f"就{_quoted(topic)}作说明。")]
        opening += [f"{lecturer}：以{_quoted(topic)}为题讲授党课。"] * bool(lecturer)
        items = [f"第一议题：{first_topic}"] * bool(first_topic) + [topic, "其他事项"]
        data = {
            "kind": kind, "date": day, "start_time": start, "end_time": end, "place": place or usual_place,
            "topic": topic, "party_group": group, "host": ids[host], "recorder": ids[recorder],
            "lecturer": ids.get(lecturer), "guests": extra.get("guests", ""), "first_topic": first_topic,
            "agenda": "\n".join(f"{'一二三'[n]}、{item}" for n, item in enumerate(items)),
            "minutes": "\n".join([*opening, *(f"{who}：{what}" for who, what in points),
                                  f"{host}：会议要求全体同志把学习成果转化为教书育人的实际行动。"]),
            "resolution": extra.get("resolution", RESOLUTIONS.get(kind, "")),
            "attendance": [away.get(i, AttendanceRow(i, "出席")) for i in expected],
        }
        if "vote_on" in extra:
            data.update(_votes(day, present, ids[extra["vote_on"]]))
        written[(day.isoformat(), kind)] = meetings.create(data).record.id
    return written


def _absentees(rng: random.Random, kind: str, expected: list[int], busy: set[int]) -> dict[int, AttendanceRow]:
    """Who is away from one meeting, with a reason: at most one of a committee, at most two of the branch."""
    wanted = 0 if rng.random() < 0.5 else 1 if kind == "支委会" or rng.random() < 0.6 else 2
    rows = {}
    for member_id in rng.sample([i for i in expected if i not in busy], wanted):
        if rng.random() < 0.1:
            rows[member_id] = AttendanceRow(member_id, "缺席", "临时处理学生突发情况，未及时请假")
        else:
            rows[member_id] = AttendanceRow(member_id, "请假", rng.choice(LEAVE_REASONS))
    return rows


def _votes(day: dt.date, present: list[int], candidate: int) -> dict[str, int]:
    """Every full member present, other than the one voted on, votes for."""
    voters = Member.select().where(Member.id.in_(present) & (Member.id != candidate)
                                   & Member.full_on.is_null(False) & (Member.full_on <= day)).count()
    return {"votes_for": voters, "votes_against": 0, "votes_abstain": 0}


def _write_activities(partner_ids: dict[str, int]) -> None:
    category_ids = {c.name: c.id for c in ActivityCategory.select()}
    rows = [("示范课", day, f"党员示范课：{subject}（{teacher}）", "录播教室", "", teacher, f"{subject}教研组教师",
             lessons, f"{teacher}执教{content}，课后说课、评课。")
            for teacher, subject, day, lessons, content in LESSONS]
    for category, day, title, place, partner, organiser, participants, quantity, description in rows + list(ACTIVITIES):
        activity_service.activities.create({
            "category": category_ids[category], "title": title, "date": _day(day), "place": place or partner,
            "partner": partner_ids.get(partner), "organiser": organiser, "participants": participants,
            "participant_count": _headcount(participants),
            "quantity": quantity, "description": description,
        })


def _headcount(participants: str) -> int | None:
    """How many took part: the number written in the text (党员教师8人), or the size of a known group."""
    number = re.search(r"\d+", participants)
    return int(number.group()) if number else HEADCOUNTS.get(participants)


def _write_rectifications(meeting_ids: dict[tuple[str, str], int]) -> None:
    found_on = "2025-12-05"
    for problem, cause, measure, owner, deadline, status, done, evidence, review in RECTIFICATIONS:
        rectifications.create({
            "source": "组织生活会", "meeting": meeting_ids[(found_on, "组织生活会")], "found_on": _day(found_on),
            "problem": problem, "cause": cause, "measure": measure, "owner": owner, "deadline": _day(deadline),
            "status": status, "completed_on": _day(done), "evidence": evidence, "review": review,
        })
