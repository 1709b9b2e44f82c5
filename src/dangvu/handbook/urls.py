from django.urls import path

from . import assessment_views, correction_views, document_views, dues_views, meeting_views, pwa, views

urlpatterns = [
    path("", views.home, name="handbook-home"),
    path("kich-hoat/", views.activate, name="handbook-activate"),
    path("phieu-dang-vien/", views.record_sheet, name="handbook-sheet"),
    path("tai-khoan/", views.cells, name="handbook-cells"),
    path("chi-bo/<str:code>/tai-khoan/", views.cell_accounts, name="handbook-accounts"),
    path("chi-bo/<str:code>/trieu-tap/", meeting_views.call, name="handbook-meeting-call"),
]

urlpatterns += [
    path("de-nghi-sua/", correction_views.correction_new, name="handbook-correction-new"),
    path("de-nghi-sua/cho-xu-ly/", correction_views.correction_list, name="handbook-corrections"),
    path("de-nghi-sua/<int:pk>/xu-ly/", correction_views.correction_decide_view, name="handbook-correction-decide"),
]

urlpatterns += [
    path("sinh-hoat/", meeting_views.meetings, name="handbook-meetings"),
    path("sinh-hoat/lich.ics", meeting_views.calendar_feed, name="handbook-calendar"),
    path("sinh-hoat/<int:pk>/tra-loi/", meeting_views.reply, name="handbook-meeting-reply"),
    path(
        "sinh-hoat/<int:pk>/bien-ban/",
        meeting_views.meeting_file,
        {"which": "minutes"},
        name="handbook-meeting-minutes",
    ),
    path(
        "sinh-hoat/<int:pk>/nghi-quyet/",
        meeting_views.meeting_file,
        {"which": "resolution"},
        name="handbook-meeting-resolution",
    ),  # fmt: skip
]

urlpatterns += [
    path("dang-phi/", dues_views.dues, name="handbook-dues"),
    path("dang-phi/bien-lai/<int:pk>/", dues_views.receipt, name="handbook-receipt"),
]

urlpatterns += [
    path("van-ban/", document_views.documents, name="handbook-documents"),
    path("van-ban/<int:pk>/", document_views.document, name="handbook-document"),
    path("van-ban/<int:pk>/tep/", document_views.document_file, name="handbook-document-file"),
    path("van-ban/<int:pk>/danh-dau/", document_views.bookmark, name="handbook-document-bookmark"),
    path("van-ban/phat-hanh/", document_views.publish, name="handbook-publish"),
    path("van-ban/phat-hanh/<int:pk>/", document_views.document_receipts, name="handbook-document-receipts"),
    path("van-ban/phat-hanh/<int:pk>/tep/", document_views.publisher_file, name="handbook-document-publisher-file"),
    path("van-ban/phat-hanh/<int:pk>/thu-hoi/", document_views.withdraw, name="handbook-document-withdraw"),
]

urlpatterns += [
    path("thong-bao/", views.notices, name="handbook-notices"),
    path("tu-danh-gia/", assessment_views.self_assessment, name="handbook-self-assessment"),
]

urlpatterns += [
    path("manifest.webmanifest", pwa.manifest, name="handbook-manifest"),
    path("sw.js", pwa.service_worker, name="handbook-sw"),
    path("ngoai-tuyen/", pwa.offline, name="handbook-offline"),
]
