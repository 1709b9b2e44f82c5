"""The district committee's 2016 report: number, date and the narrative parts staff write, through
reports.services. The narrative is synthetic text in the seed's style; it holds no figures —
every figure of the report comes from the records through the indicator catalogue. The report
was issued, so the year is closed (chốt số liệu): the seed's figures are locked."""

import datetime as dt

from dangvu.reports.services import year_close, year_report_save

from ..context import DemoContext

YEAR = 2016
ISSUED = dt.date(2017, 1, 12)  # the day of the conference in the seed

NARRATIVE = {
    "general": (
        "Năm 2016, công tác xây dựng Đảng trên địa bàn quận được triển khai đồng bộ, toàn diện và có những "
        "chuyển biến tích cực; năng lực lãnh đạo, sức chiến đấu của tổ chức Đảng và chất lượng đội ngũ đảng viên "
        "được nâng lên, phát huy tốt vai trò hạt nhân chính trị trong lãnh đạo, chỉ đạo thực hiện nhiệm vụ."
    ),
    "ideology": (
        "Các cấp ủy tổ chức học tập, quán triệt Nghị quyết Đại hội XII của Đảng và Nghị quyết Đại hội Đảng bộ "
        "các cấp; gắn với thực hiện Chỉ thị 05 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo "
        "đức, phong cách Hồ Chí Minh.\n\n"
        "Làm tốt công tác nắm bắt tình hình tư tưởng, định hướng dư luận xã hội; đấu tranh có hiệu quả với các "
        "quan điểm sai trái, thù địch."
    ),
    "organization": (
        "Quận tập trung chỉ đạo xây dựng kế hoạch triển khai Nghị quyết 39 của Bộ Chính trị và Kế hoạch 05 của "
        "Thành ủy về tinh giản biên chế, cơ cấu lại đội ngũ cán bộ, công chức, viên chức; hoàn thành việc rà "
        "soát chức năng, nhiệm vụ, tổ chức bộ máy và xây dựng đề án vị trí việc làm tại các cơ quan, đơn vị."
    ),
    "inspection": (
        "Ủy ban Kiểm tra các cấp chủ động kiểm tra khi có dấu hiệu vi phạm, giải quyết kịp thời đơn thư "
        "tố cáo, xử lý nghiêm những trường hợp sai phạm."
    ),
    "direction": (
        "Năm 2017, Quận ủy tiếp tục tập trung công tác xây dựng Đảng, đổi mới nội dung, phương thức lãnh đạo, "
        "nâng cao chất lượng, hiệu quả công tác giáo dục chính trị, tư tưởng, trọng tâm là thực hiện tốt Nghị "
        "quyết Trung ương 4 (khóa XII) gắn với Chỉ thị 05 của Bộ Chính trị.\n\n"
        "Tăng cường kiểm tra, giám sát thường xuyên và đột xuất; gắn với thực hiện nghiêm “Năm kỷ cương hành "
        "chính 2017”, nâng cao đạo đức, kỷ luật, kỷ cương công vụ, hướng đến xây dựng nền hành chính hành động "
        "và phục vụ."
    ),
}

RECIPIENTS = "\n".join(
    ["- Thành ủy Hà Nội (để báo cáo),", "- Ban Tổ chức Thành ủy,", "- Các đảng bộ, chi bộ trực thuộc,", "- Lưu VPQU."]
)


def build(ctx: DemoContext) -> None:
    year_report_save(
        actor=ctx.actor, org=ctx.org("HM"), year=YEAR, number="45", symbol="BC/QU", place="Hoàng Mai",
        issued_on=ISSUED, signer_name="Nguyễn Đức Vinh",
        recipients=RECIPIENTS,
        sections=NARRATIVE,
    )  # fmt: skip
    ctx.say(f"Báo cáo tổng kết năm {YEAR} của Quận ủy Hoàng Mai: số 45-BC/QU, ngày 12/01/2017.")
    year_close(actor=ctx.actor, org=ctx.org("HM"), year=YEAR)
    ctx.say(f"Đã chốt số liệu năm {YEAR} của Đảng bộ quận Hoàng Mai.")
