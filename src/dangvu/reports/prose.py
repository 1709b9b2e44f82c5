"""The report's sections in the seed's words: the sentences written from the catalogue's figures
(general situation, organization and cadres, inspection, awards), before or after the staff's own
narrative. Pure functions of the figures, except where a sentence names who set a target."""

from dangvu.core import numbers as n
from dangvu.core.dates import format_date_prose
from dangvu.indicators.selectors import records_behind
from dangvu.organizations.models import Level, Lineage, Organization
from dangvu.reviews.rulebooks import NoRulebook, rulebook_for
from dangvu.targets.selectors import target_for

from . import heading


def top_labels(year: int) -> tuple[str, str | None]:
    """The top class as the year's rulebook names it, and its exemplary label (HD 27 only)."""
    try:
        book = rulebook_for(year)
    except NoRulebook:
        return "Trong sạch, vững mạnh", None
    top = next(g for g in book.org_classes if g.top)
    return top.label, (f"{top.label} tiêu biểu" if top.code == "tsvm" else None)


def _under_qd366(year: int) -> bool:
    try:
        return rulebook_for(year).code.startswith("qd366")
    except NoRulebook:
        return False


def review_qd366(year: int, v: dict, top_label: str, style: n.FigureStyle) -> list[str]:
    """The year's review in the wording of Quy định 366-QĐ/TW: classed on 100 points with the
    classes' names used since 2018, the rates of "hoàn thành tốt nhiệm vụ trở lên" in the committee's
    style, and the share of the year's tasks done on time (the regulation ties the class to them)."""
    out = []
    lead = f"Qua đánh giá, xếp loại chất lượng năm {year} theo Quy định 366-QĐ/TW (chấm điểm theo thang 100 điểm)"
    parts = []
    rated = v.get("review.orgs.rated")
    if rated:
        text = (
            f"{share(v['review.orgs.good_or_better'], rated)} tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên, "
            f"đạt tỷ lệ {style.rate(v['review.orgs.good_or_better'], rated)}"
        )
        if v.get("review.orgs.top"):
            text += f", trong đó {n.format_int(v['review.orgs.top'])} tổ chức “{top_label}”"
        parts.append(text)
    cells = v.get("review.cells.rated")
    if cells:  # the cells a ward committee holds directly, rated beside its grassroots organizations
        text = (
            f"{share(v.get('review.cells.good_or_better', 0), cells)} chi bộ trực thuộc hoàn thành tốt nhiệm vụ "
            f"trở lên, đạt tỷ lệ {style.rate(v.get('review.cells.good_or_better', 0), cells)}"
        )
        if v.get("review.cells.top"):
            text += f", trong đó {n.format_int(v['review.cells.top'])} chi bộ “{top_label}”"
        parts.append(text)
    members = v.get("review.members.rated")
    if members:
        text = (
            f"{share(v['review.members.good_or_better'], members)} đảng viên hoàn thành tốt nhiệm vụ trở lên, "
            f"đạt tỷ lệ {style.rate(v['review.members.good_or_better'], members)}"
        )
        top = v["review.members.good_or_better"] - v.get("review.members.good", 0)
        if top:
            text += f", trong đó {n.format_int(top)} đảng viên “{top_label}”"
        parts.append(text)
    if parts:
        out.append(f"{lead}, có " + "; ".join(parts) + ".")
    if v.get("tasks.due"):
        out.append(
            f"Có {share(v.get('tasks.on_time', 0), v['tasks.due'])} nhiệm vụ được giao trong năm hoàn thành đúng hạn, "
            f"đạt {style.rate(v.get('tasks.on_time', 0), v['tasks.due'])}."
        )
    return out


def target_word(org: Organization, key: str, year: int) -> str:
    target = target_for(org, key, year)
    if target is None or target.assigned_by_id == org.pk:
        return "kế hoạch"
    return f"chỉ tiêu {heading.assigner_word(target.assigned_by)} giao"


def review_orgs_sentence(year, v, top_label, exemplary_label, style: n.FigureStyle) -> str:
    """The review sentence, "Qua đánh giá, phân loại năm …, có … tổ chức cơ sở đảng được xếp loại “…”"
    (no full stop), in the committee's style: the narrative and the news brief write this one."""
    cells, top = v.get("review.cells.rated"), v.get("review.cells.top")  # a ward's cells held directly
    beside = f" và {n.format_share(top, cells)} chi bộ trực thuộc" if top else ""
    text = (
        f"Qua đánh giá, phân loại năm {year}, có "
        f"{n.format_share(v['review.orgs.top'], v['review.orgs.rated'])} tổ chức cơ sở đảng{beside} được xếp loại "
        f"“{top_label}”"
    )
    if style.class_rates:  # "38 tổ chức cơ sở đảng đạt …, đạt tỷ lệ 52,1%", the good ones alone beside
        rated = v["review.orgs.rated"]
        text = (
            f"Qua đánh giá, phân loại năm {year}, có {n.format_int(v['review.orgs.top'])} tổ chức cơ sở đảng "
            f"được xếp loại “{top_label}”, đạt tỷ lệ {style.rate(v['review.orgs.top'], rated)}"
        )
        if v.get("review.orgs.good"):
            text += (
                f"; {n.format_int(v['review.orgs.good'])} tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, đạt tỷ lệ "
                f"{style.rate(v['review.orgs.good'], rated)}"
            )
    if exemplary_label and v.get("review.orgs.top_exemplary"):
        text += (
            f", trong đó có {n.format_int(v['review.orgs.top_exemplary'])} tổ chức cơ sở đảng đạt “{exemplary_label}”"
        )
    return text


def section_facts(
    org, year, figures, v, top_label, exemplary_label, *, style: n.FigureStyle = n.SEED_STYLE
) -> dict[str, list[str]]:
    f = figures
    out: dict[str, list[str]] = {}
    end = f"31/12/{year}"
    general = []
    if v.get("elections.registered"):
        names = list(
            records_behind("elections.turnout", org, year).values_list("election__name", flat=True).distinct()[:2]
        )
        what = f"cuộc bầu cử {names[0][0].lower() + names[0][1:]}" if len(names) == 1 else "các cuộc bầu cử"
        general.append(
            f"Lãnh đạo, chỉ đạo tổ chức thành công {what} bảo đảm dân chủ, đúng luật, an toàn, tiết kiệm; "
            f"tỷ lệ cử tri đi bầu cao, đạt {n.format_percent(f['elections.turnout']['value'])}."
        )
    general.append(
        f"Đến ngày {end}, Đảng bộ có {units_phrase(v)} với "
        f"{n.format_int(v['members.total'])} đảng viên ({n.format_int(v['members.full'])} đảng viên chính thức, "
        f"{n.format_int(v['members.probationary'])} đảng viên dự bị)."
    )
    formed = formation(org, year)
    if formed:
        general.insert(0, formed)
    out["general"] = general

    org_work = []
    parts = []
    founded = f["orgs.founded.non_state_enterprise"]
    if founded["value"]:
        text = (
            f"thành lập mới {n.format_int(founded['value'])} tổ chức Đảng trong các doanh nghiệp ngoài khu vực Nhà nước"
        )
        if founded["target"]:
            word = target_word(org, founded["key"], year)
            text += f", {style.plan(founded['value'], founded['target'], word)}"
        parts.append(text)
    admitted = f["members.admitted"]
    text = f"kết nạp {n.format_int(admitted['value'] or 0)} đảng viên mới"
    if admitted["target"]:
        text += f" ({style.plan(admitted['value'] or 0, admitted['target'])})"
    parts.append(text)
    org_work.append(sentence("Trong năm, Đảng bộ đã " + "; ".join(parts)))
    if _under_qd366(year):
        org_work += review_qd366(year, v, top_label, style)
    elif v.get("review.orgs.rated"):
        org_work.append(review_orgs_sentence(year, v, top_label, exemplary_label, style) + ".")
    if _under_qd366(year):
        pass
    elif v.get("review.members.rated") and style.class_rates:
        rated, good = v["review.members.rated"], v.get("review.members.good", 0)
        org_work.append(
            f"Có {n.format_int(v['review.members.good_or_better'])} đảng viên được xếp loại hoàn thành tốt nhiệm vụ "
            f"trở lên, đạt tỷ lệ {style.rate(v['review.members.good_or_better'], rated)}; trong đó "
            f"{n.format_int(good)} đảng viên hoàn thành tốt nhiệm vụ, đạt tỷ lệ {style.rate(good, rated)}."
        )
    elif v.get("review.members.rated"):
        org_work.append(
            f"Có {share(v['review.members.good_or_better'], v['review.members.rated'])} đảng viên được "
            "xếp loại hoàn thành tốt nhiệm vụ trở lên."
        )
    cadre = []
    if v.get("cadres.actions"):
        cadre.append(f"điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại {n.format_int(v['cadres.actions'])} đồng chí")
    if v.get("training.classes"):
        cadre.append(
            f"mở {n.format_int(v['training.classes'])} lớp bồi dưỡng nghiệp vụ công tác với "
            f"{n.format_thousands_over(v.get('training.attendances', 0))} lượt cán bộ tham dự"
        )
    if cadre:
        org_work.append(sentence("Công tác cán bộ được coi trọng: đã " + "; ".join(cadre)))
    out["organization"] = org_work

    checks = []
    for key, what in (("inspection", "kiểm tra"), ("supervision", "giám sát")):
        o, m = v.get(f"{key}.orgs", 0), v.get(f"{key}.members", 0)
        if o or m:
            checks.append(f"{what} {n.format_int(o)} tổ chức đảng và {n.format_int(m)} đảng viên")
    dm, do = v.get("discipline.members", 0), v.get("discipline.orgs", 0)
    if dm or do:
        whom = [f"{n.format_int(dm)} đảng viên vi phạm"] if dm else []
        whom += [f"{n.format_int(do)} tổ chức đảng vi phạm"] if do else []
        checks.append("thi hành kỷ luật " + " và ".join(whom))
    out["inspection"] = (
        [sentence("Tích cực triển khai công tác kiểm tra, giám sát: " + "; ".join(checks))] if checks else []
    )

    awards = awards_phrase(v)
    out["awards"] = [sentence(f"Đảng bộ đã khen thưởng {awards}")] if awards else []
    return out


def units_phrase(v: dict) -> str:
    """ "54 tổ chức cơ sở đảng", and the cells the committee holds directly when it has any (a ward
    committee from 1/7/2025: "12 tổ chức cơ sở đảng và 25 chi bộ trực thuộc"; a grassroots
    committee: "8 chi bộ trực thuộc")."""
    grassroots, cells = v.get("orgs.grassroots", 0), v.get("orgs.cells_direct", 0)
    parts = [f"{n.format_int(grassroots)} tổ chức cơ sở đảng"] if grassroots or not cells else []
    if cells:
        parts.append(f"{n.format_int(cells)} chi bộ trực thuộc")
    return " và ".join(parts)


def formation(org: Organization, year: int) -> str:
    """For a unit founded in `year` by a reorganization, the sentence naming its predecessors from the
    lineage records: "… được thành lập ngày 01/7/2025 (Quyết định số …) trên cơ sở phần lớn Đảng bộ
    phường Yên Sở, …; một phần …". A predecessor passed "toàn bộ" when all it passed came here,
    "phần lớn" when this unit alone received its largest part, else "một phần"; a dissolved district
    is named by the grassroots organizations it passed."""
    if org.founded_on.year != year:
        return ""
    mine = list(
        Lineage.objects.filter(successor=org, on=org.founded_on).select_related("predecessor", "reorganization")
    )
    if not mine:
        return ""
    size = {}  # (predecessor, successor) -> units and members passed
    for x in Lineage.objects.filter(predecessor__in=[m.predecessor_id for m in mine], on=org.founded_on):
        size[(x.predecessor_id, x.successor_id)] = len(x.unit_ids) + len(x.member_ids)
    groups: dict[str, list[str]] = {"toàn bộ": [], "phần lớn": [], "một phần": []}
    upper = []  # a dissolved district passes its grassroots organizations, not a share of itself
    for x in sorted(mine, key=lambda m: m.predecessor.name):
        if x.predecessor.level == Level.DISTRICT:
            upper.append(f"{n.format_int(len(x.unit_ids))} tổ chức cơ sở đảng trực thuộc {x.predecessor.name}")
            continue
        parts = [n for (pred, _), n in size.items() if pred == x.predecessor_id]
        ours = size[(x.predecessor_id, org.pk)]
        largest = ours == max(parts) and parts.count(ours) == 1
        word = "toàn bộ" if len(parts) == 1 else "phần lớn" if largest else "một phần"
        groups[word].append(x.predecessor.name)
    basis = "; ".join([*(f"{word} {', '.join(names)}" for word, names in groups.items() if names), *upper])
    decision = mine[0].reorganization.decision if mine[0].reorganization else ""
    by = f" (Quyết định số {decision})" if decision else ""
    return (
        f"{org.name} được thành lập {format_date_prose(org.founded_on)}/{org.founded_on.year}{by} trên cơ sở {basis}."
    )


def awards_phrase(v) -> str:
    groups = []
    tsvm = []
    if v.get("awards.orgs.tsvm_exemplary"):
        tsvm.append(
            f"{n.format_int(v['awards.orgs.tsvm_exemplary'])} tổ chức cơ sở đảng đạt danh hiệu "
            "“Trong sạch vững mạnh tiêu biểu”"
        )
    if v.get("awards.orgs.tsvm"):
        tsvm.append(f"{n.format_int(v['awards.orgs.tsvm'])} tổ chức cơ sở đảng đạt danh hiệu “Trong sạch vững mạnh”")
    if tsvm:
        groups.append(", ".join(tsvm))
    c, p = v.get("awards.collectives.ct03", 0), v.get("awards.persons.ct03", 0)
    if c or p:
        who = " và ".join(x for x in (c and f"{n.format_int(c)} tập thể", p and f"{n.format_int(p)} cá nhân") if x)
        groups.append(
            f"{who} có thành tích xuất sắc trong thực hiện Chỉ thị 03 của Bộ Chính trị về học tập và làm theo "
            "tấm gương đạo đức Hồ Chí Minh"
        )
    return "; ".join(groups)


def share(part, whole) -> str:
    """ "13.235/14.938": a share whose parts have thousands."""
    return n.format_share(part, whole)


def sentence(text: str) -> str:
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
