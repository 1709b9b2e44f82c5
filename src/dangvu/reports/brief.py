"""The news brief: a few paragraphs in the seed's style announcing the year-end conference, every
figure from the report's context."""

from dangvu.core import numbers as n
from dangvu.core.dates import format_date_prose

from . import prose


def brief(
    org, year, report, derived, figures, v, top_label, exemplary_label, *, style: n.FigureStyle = n.SEED_STYLE
) -> list[str]:
    """A short news brief in the seed's style; every figure from the catalogue."""
    body = derived.body_name
    when = f"{format_date_prose(report.issued_on)}, " if report.issued_on else ""
    lead = (
        f"{when[0].upper() + when[1:] if when else ''}{body} tổ chức hội nghị tổng kết công tác xây dựng Đảng năm "
        f"{year} và triển khai công tác năm {year + 1}."
    )
    paras = [lead]
    highlights = []
    if v.get("elections.registered"):
        highlights.append(f"tỷ lệ cử tri đi bầu đạt {n.format_percent(figures['elections.turnout']['value'])}")
    founded = figures["orgs.founded.non_state_enterprise"]
    if founded["value"]:
        text = f"thành lập mới {n.format_int(founded['value'])} tổ chức Đảng trong các DN ngoài khu vực Nhà nước"
        if founded["target"]:
            # The seed's brief abbreviates: "chỉ tiêu TP giao".
            word = prose.target_word(org, founded["key"], year).replace("chỉ tiêu Thành phố", "chỉ tiêu TP")
            text += f", {style.plan(founded['value'], founded['target'], word)}"
        highlights.append(text)
    adm = figures["members.admitted"]
    text = f"kết nạp {n.format_int(adm['value'] or 0)} đảng viên mới"
    if adm["target"]:
        text += f" ({style.plan(adm['value'] or 0, adm['target'])})"
    highlights.append(text)
    second = f"Năm {year}, {body} hoàn thành, vượt nhiều chỉ tiêu, nhiệm vụ: " + "; ".join(highlights) + "."
    if v.get("review.orgs.rated"):
        second += " " + prose.review_orgs_sentence(year, v, top_label, exemplary_label, style) + "."
    paras.append(second)
    work = []
    if v.get("cadres.actions"):
        work.append(f"điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại {n.format_int(v['cadres.actions'])} đồng chí")
    if v.get("training.classes"):
        work.append(
            f"mở {n.format_int(v['training.classes'])} lớp bồi dưỡng nghiệp vụ công tác với "
            f"{n.format_thousands_over(v.get('training.attendances', 0))} lượt cán bộ tham dự"
        )
    if v.get("discipline.members"):
        work.append(f"thi hành kỷ luật {n.format_int(v['discipline.members'])} đảng viên vi phạm")
    if work:
        paras.append(f"Trong công tác cán bộ và kiểm tra, giám sát, năm {year} đã " + "; ".join(work) + ".")
    awards = prose.awards_phrase(v)
    if awards:
        paras.append(f"Nhân dịp này, {body} đã khen thưởng {awards}.")
    return paras


def brief_text(ctx: dict) -> str:
    return "\n\n".join(ctx["brief"]) + "\n"
