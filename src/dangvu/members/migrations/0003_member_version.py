import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_drop_unused_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="member",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="cập nhật lúc"
            ),
            preserve_default=False,
        ),
    ]
