"""ExportLog moves from the imports app to core without touching its table (imports_exportlog):
the state is created here and deleted from imports in imports.0002; the content type follows, so
permissions and admin log entries that point at it stay valid."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="core", model="exportlog").exists():
        ContentType.objects.filter(app_label="imports", model="exportlog").update(app_label="core")


def _move_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="imports", model="exportlog").exists():
        ContentType.objects.filter(app_label="core", model="exportlog").update(app_label="imports")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ExportLog",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="thời điểm")),
                        ("kind", models.CharField(max_length=40, verbose_name="danh sách")),
                        ("filters", models.JSONField(blank=True, default=dict, verbose_name="bộ lọc")),
                        ("row_count", models.PositiveIntegerField(verbose_name="số dòng")),
                        ("with_citizen_id", models.BooleanField(default=False, verbose_name="có số CCCD")),
                        (
                            "user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="người tải",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "lần tải danh sách",
                        "verbose_name_plural": "nhật ký tải danh sách (Excel)",
                        "ordering": ["-at"],
                        "db_table": "imports_exportlog",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_move_content_type, _move_back),
    ]
