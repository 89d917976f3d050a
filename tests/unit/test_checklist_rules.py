"""The 查控 checklist's pure rules: catalogue per profile, status machine, events, the four service steps."""

from __future__ import annotations

import pytest

from zhixing_tui.domain import checklist as c
from zhixing_tui.errors import Conflict, InvalidValue
from zhixing_tui.profiles import load_profile
from zhixing_tui.profiles.checklist_schema import ChecklistSection

S = c.ItemState


def test_default_catalogue_holds_every_channel_in_order():
    items = c.catalogue()
    assert [i.key for i in items if i.channel == "national"] == [
        "national.deposit",
        "national.online_funds",
        "national.real_estate",
        "national.vehicle",
        "national.securities",
        "national.insurance",
        "national.housing_fund",
        "national.tax",
        "national.business",
    ]
    assert [i.key for i in items if i.channel == "local"] == ["local.real_estate"]
    assert [i.label for i in items if i.channel == "offline"] == [
        "房产",
        "土地",
        "公积金",
        "车辆",
        "股权",
        "工商档案",
        "银行柜面查询（含配偶账户）",
        "实地调查",
    ]
    assert [i.channel for i in items] == sorted((i.channel for i in items), key=list(c.CHANNELS).index)


def test_ruyang_profile_names_its_local_real_estate_query():
    ruyang = {i.key: i.label for i in c.catalogue(load_profile("ruyang").checklist)}
    shihe = {i.key: i.label for i in c.catalogue(load_profile("shihe").checklist)}
    assert ruyang["local.real_estate"] == "洛阳市不动产"
    assert shihe["local.real_estate"] == "本地不动产"
    assert set(ruyang) == set(shihe)


def test_section_adds_and_omits_items():
    section = ChecklistSection.model_validate(
        {
            "items": [{"channel": "local", "asset_type": "deposit", "label": "本市银行"}],
            "omit": ["offline.site_visit"],
        }
    )
    keys = {i.key: i.label for i in c.catalogue(section)}
    assert keys["local.deposit"] == "本市银行"
    assert "offline.site_visit" not in keys


def test_section_rejects_unknown_asset_and_bad_omit():
    with pytest.raises(ValueError, match="不认识的财产类型 boat"):
        ChecklistSection.model_validate({"items": [{"channel": "local", "asset_type": "boat"}]})
    with pytest.raises(ValueError, match="omit 中的 site_visit 应写成 渠道.财产类型"):
        ChecklistSection.model_validate({"omit": ["site_visit"]})


def test_status_machine_forward_path():
    item = S("national", "deposit")
    assert c.allowed_moves(item) == ["started", "feedback"]
    item = c.check_move(item, "started")
    assert item.status == "started" and c.allowed_moves(item) == ["feedback"]
    item = c.check_move(item, "feedback", "found")
    assert c.status_text(item.status, item.result) == "已反馈（有财产）"
    assert c.allowed_moves(item) == ["frozen", "deducted", "delegated"]
    item = c.check_move(item, "frozen")
    assert c.allowed_moves(item) == ["deducted"]
    item = c.check_move(item, "deducted")
    assert c.allowed_moves(item) == []


def test_real_estate_is_sealed_not_frozen():
    found = S("national", "real_estate", "feedback", "found")
    assert c.allowed_moves(found) == ["sealed", "delegated"]
    with pytest.raises(Conflict, match="总对总·不动产不能冻结；可以查封、委托外地"):
        c.check_move(found, "frozen")


def test_moves_refused_with_chinese_reasons():
    with pytest.raises(Conflict, match="当前为「未发起」，不能改为「已查封」；下一步可为：已发起、已反馈"):
        c.check_move(S("offline", "land"), "sealed")
    with pytest.raises(InvalidValue, match="反馈结果应为 有财产 或 无财产"):
        c.check_move(S("offline", "land", "started"), "feedback")
    with pytest.raises(Conflict, match="只能把无财产更正为有财产"):
        c.check_move(S("offline", "land", "feedback", "found"), "feedback", "none")
    with pytest.raises(Conflict, match="总对总·税务查得的是信息，不能冻结、查封或扣划"):
        c.check_move(S("national", "tax", "feedback", "found"), "sealed")
    with pytest.raises(
        Conflict, match="当前为「已扣划」，不能改为「已冻结」；下一步可为：无（已是最后一步）"
    ):
        c.check_move(S("national", "deposit", "deducted", "found"), "frozen")


def test_none_can_be_corrected_to_found():
    item = c.check_move(S("national", "vehicle", "feedback", "none"), "feedback", "found")
    assert (item.status, item.result) == ("feedback", "found")


def test_item_events():
    found = S("national", "real_estate", "feedback", "found")
    assert c.item_events(found, S("national", "real_estate", "sealed", "found")) == [
        ("sealed", "real_estate"),
        ("property_controlled", None),
    ]
    dep = S("national", "deposit", "feedback", "found")
    assert c.item_events(dep, S("national", "deposit", "frozen", "found")) == [("sealed", "deposit")]
    car = S("offline", "vehicle", "feedback", "found")
    assert c.item_events(car, S("offline", "vehicle", "delegated", "found")) == [("delegation_handed", None)]
    assert c.item_events(dep, S("national", "deposit", "deducted", "found")) == []


def test_case_milestones_emitted_once():
    net = [S("national", "deposit"), S("local", "real_estate")]
    off = [S("offline", "land"), S("offline", "site_visit")]
    start = net + off
    one = [S("national", "deposit", "started")] + start[1:]
    assert c.case_events(start, one) == ["national_query_started"]
    two = [S("national", "deposit", "feedback", "none"), S("local", "real_estate", "started")] + off
    assert c.case_events(one, two) == []
    three = [
        S("national", "deposit", "feedback", "none"),
        S("local", "real_estate", "feedback", "none"),
    ] + off
    assert c.case_events(two, three) == ["national_query_done"]
    four = net[:0] + three[:2] + [S("offline", "land", "feedback", "found"), S("offline", "site_visit")]
    assert c.case_events(three, four) == [
        "offline_query_started",
        "offline_property_found",
        "offline_query_registered",
        "offline_done",
    ]
    assert c.case_events(four, four) == []


def test_document_events():
    pending = [c.DocState(k) for k in c.DOCUMENT_KINDS]
    made = [
        c.DocState(k, "made" if k in ("notice", "property_order") else "pending") for k in c.DOCUMENT_KINDS
    ]
    assert c.document_events(pending, made) == ["notices_sent"]
    served = [c.DocState(k, "served" if k in c.NOTICE_SET else "pending") for k in c.DOCUMENT_KINDS]
    assert c.document_events(made, served) == ["notices_served"]
    ban = [*served[:4], c.DocState("consumption_ban", "made"), served[5]]
    assert c.document_events(served, ban) == ["consumption_ban_issued"]


def test_four_service_steps():
    assert c.next_step([]) == "phone"
    assert c.next_step([("phone", "failed")]) == "mail"
    assert c.next_step([("phone", "failed"), ("mail", "returned")]) == "direct"
    assert c.next_step([("phone", "failed"), ("mail", "returned"), ("direct", "failed")]) == "notice"
    assert c.next_step([("phone", "failed"), ("direct", "refused")]) is None
    assert c.served_by("direct", "refused") and not c.served_by("mail", "returned")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"step": "mail", "result": "served"},
            InvalidValue,
            "邮寄送达须写明地址类别：户籍地、暂住地、工商登记地",
        ),
        ({"step": "phone", "result": "returned"}, InvalidValue, "只有邮寄送达才有“邮件退回”"),
        ({"step": "mail", "result": "refused", "address_kind": "户籍地"}, InvalidValue, "只用于直接送达"),
        (
            {"step": "notice", "result": "served", "note": "下落不明"},
            Conflict,
            "公告送达须在电话、邮寄或直接送达未能送达之后进行",
        ),
        (
            {"step": "notice", "result": "served", "earlier": [("mail", "returned")]},
            InvalidValue,
            "公告送达须写明被执行人下落不明的证据材料",
        ),
        ({"step": "phone", "result": "served", "earlier": [("phone", "served")]}, Conflict, "该文书已送达"),
        (
            {"step": "fax", "result": "served"},
            InvalidValue,
            "送达方式应为 电话通知来院领取、邮寄送达、直接送达、公告送达 之一",
        ),
    ],
)
def test_service_attempts_refused(kwargs, error, message):
    step, result = kwargs.pop("step"), kwargs.pop("result")
    with pytest.raises(error) as exc:
        c.check_attempt(step, result, **kwargs)
    assert message in exc.value.message


def test_notice_service_after_failure_with_evidence_is_accepted():
    c.check_attempt(
        "notice", "served", note="村委会证明下落不明", earlier=[("phone", "failed"), ("mail", "returned")]
    )
    c.check_attempt("mail", "returned", address_kind="工商登记地")


def test_a_control_never_exceeds_the_amount_found():
    c.check_amounts(1_200_000, 1_200_000)
    c.check_amounts(0, 5_000_000)  # no amount stated when found (a house): any control amount
    c.check_amounts(1_200_000, 0)
    with pytest.raises(InvalidValue) as refused:
        c.check_amounts(1_200_000, 2_000_000)
    assert refused.value.message == "控制金额 20,000.00 元超过查到的 12,000.00 元"
    assert refused.value.field == "控制金额"
