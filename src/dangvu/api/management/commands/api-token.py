"""`dangvu api-token create --user USERNAME --name NAME`: a token for a system, printed once.
`dangvu api-token revoke ID`, `dangvu api-token list`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.api.models import ApiToken
from dangvu.api.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Tạo, liệt kê, thu hồi token API cho các hệ thống tích hợp."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="tạo token (chỉ hiện một lần)")
        create.add_argument("--user", required=True, help="tên đăng nhập mà token đại diện (vai trò, đơn vị)")
        create.add_argument("--name", required=True, help="tên hệ thống dùng token")
        revoke = sub.add_parser("revoke", help="thu hồi token")
        revoke.add_argument("id", type=int, help="số thứ tự token (xem `dangvu api-token list`)")
        sub.add_parser("list", help="liệt kê token")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except ValidationError as e:
            raise CommandError(" ".join(m for ms in e.message_dict.values() for m in ms), returncode=1) from None

    def _create(self, *, user, name, **_):
        record, token = api_token_create(actor=None, username=user, name=name)
        self.stderr.write(
            f"Đã tạo token #{record.pk} “{record.name}” cho tài khoản {record.user.username}. "
            "Hãy lưu lại ngay: token chỉ hiện một lần."
        )
        self.stdout.write(token)

    def _revoke(self, *, id, **_):
        token = ApiToken.objects.filter(pk=id).first()
        if token is None:
            raise CommandError(f"Không có token #{id}; xem `dangvu api-token list`.", returncode=1)
        api_token_revoke(actor=None, token=token)
        self.stdout.write(f"Đã thu hồi token #{token.pk} “{token.name}”.")

    def _list(self, **_):
        for t in ApiToken.objects.select_related("user"):
            used = f"{t.last_used_at:%d/%m/%Y %H:%M}" if t.last_used_at else "chưa dùng"
            state = "đã thu hồi" if t.revoked else "đang dùng"
            self.stdout.write(f"#{t.pk}\t{t.hint}…\t{t.name}\t{t.user.username}\t{state}\t{used}")
