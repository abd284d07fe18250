"""Search keys: pinyin initials with every reading of a heteronym surname, kept up to date on rename."""

from __future__ import annotations

from factories import activity_data, member_data, partner_data

from dangjian_desktop.common.names import build_search_key, full_pinyin, matches, name_pinyin, pinyin_initials
from dangjian_desktop.reports.data import roll_order
from dangjian_desktop.services.activity import activities
from dangjian_desktop.services.member import members
from dangjian_desktop.services.partner import partners
from dangjian_desktop.store.models import Member


def test_initials_and_full_pinyin():
    assert pinyin_initials("张三") == ["zs"]
    assert full_pinyin("张三") == "zhangsan"
    assert pinyin_initials("") == [] and full_pinyin("") == ""


def test_heteronym_surnames_keep_every_reading():
    assert {"sw", "dw", "cw"} <= set(pinyin_initials("单伟"))
    assert {"zg", "cg"} <= set(pinyin_initials("曾国"))
    key = build_search_key(["单伟"])
    assert all(word in key.split() for word in ("sw", "dw"))


def test_names_read_their_surname_as_a_surname():
    assert name_pinyin("单伟") == "shanwei" and name_pinyin("曾国") == "zengguo"
    assert name_pinyin("尉迟恭") == "yuchigong" and name_pinyin("张三") == "zhangsan"
    assert full_pinyin("单伟") == "danwei"  # the everyday reading stays for other text
    assert {"danwei", "shanwei"} <= set(build_search_key(["单伟"]).split())  # either finds the member
    assert build_search_key(["张三"]).split().count("zhangsan") == 1


def test_printed_rolls_put_shan_among_the_s_names():
    names = ["王五", "单伟", "沈一", "李四", "曾国", "陈三"]
    ordered = sorted(names, key=lambda name: roll_order(name, ""))
    assert ordered == ["陈三", "李四", "单伟", "沈一", "王五", "曾国"]  # not dān before 李, not céng before 陈


def test_pinyin_phrase_tables_are_not_loaded():
    import sys

    build_search_key(["单伟", "重庆"])
    assert "pypinyin.phrases_dict" not in sys.modules  # some 45 MB that personal names do not need


def test_letters_and_digits_are_kept():
    assert pinyin_initials("Tom李2") == ["toml2"]


def test_combinations_are_capped():
    assert len(pinyin_initials("单曾解仇查区朴")) == 16


def test_build_search_key_holds_names_initials_pinyin_and_texts():
    key = build_search_key(["张三"], ["语文教师", "", "13812345678"])
    assert key.split() == ["张三", "zs", "zhangsan", "语文教师", "13812345678"]
    assert build_search_key(["John"]).split()[0] == "john"


def test_matches_every_word_case_insensitively():
    key = build_search_key(["张三"], ["语文教师"])
    assert matches(key, "ZS 语文")
    assert matches(key, "")
    assert not matches(key, "zs 数学")


def test_member_search_key_follows_a_rename(database):
    member = members.create(member_data(name="单伟")).record
    assert matches(member.search_key, "sw") and matches(member.search_key, "第一党小组")
    members.update(member.id, {"name": "曾伟"})
    stored = Member.get_by_id(member.id).search_key
    assert matches(stored, "zw") and matches(stored, "cw") and not matches(stored, "单")
    members.update(member.id, {"job_title": "体育教师"})
    assert matches(Member.get_by_id(member.id).search_key, "体育")


def test_partner_and_activity_search_keys(database):
    partner = partners.create(partner_data(contact="陈明")).record
    assert matches(partner.search_key, "cm") and matches(partner.search_key, "滆湖")
    activity = activities.create(activity_data(organiser="曾红")).record
    assert matches(activity.search_key, "ch") and matches(activity.search_key, "四中全会")
