from django.apps import AppConfig
from django.db.models import CharField, TextField
from django.db.models.signals import pre_save

_TEXT_FIELDS: dict = {}  # model -> the attnames of its text fields, read once


def _drop_invisible_characters(sender, instance, raw=False, **kwargs):
    """Every text field of Dangvu's own records is stored without control and format characters,
    whichever way it came (a form, an import, the API, the Django admin, a command): the services
    clean what they are given, and this catches a field one of them did not. Spacing and line
    breaks stay as the service left them. Loading a fixture (raw) stores what it says."""
    if raw:
        return
    from dangvu.core.text import drop_invisible

    names = _TEXT_FIELDS.get(sender)
    if names is None:
        names = _TEXT_FIELDS[sender] = [
            f.attname for f in sender._meta.concrete_fields if isinstance(f, (CharField, TextField))
        ]
    for name in names:
        value = getattr(instance, name)
        # isprintable() is False for every control and format character (and for line breaks):
        # the common case, a printable text, costs one C-level scan.
        if isinstance(value, str) and not value.isprintable():
            setattr(instance, name, drop_invisible(value))


class CoreConfig(AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = "Dùng chung"

    def ready(self):
        # Connected here, before any app registers its models with django-auditlog in its own
        # ready() (core comes first among Dangvu's apps): auditlog's pre_save diff then sees the
        # value as stored.
        for config in self.apps.get_app_configs():
            if config.name.startswith("dangvu."):
                for model in config.get_models():
                    pre_save.connect(
                        _drop_invisible_characters, sender=model, dispatch_uid=f"dangvu-text-{model._meta.label}"
                    )
