"""The import pages: choose the kind and the unit → template or upload → column mapping (only
when the headers differ from the template) → dry-run preview of every row (a background job for a
large file, as its commit is) → commit, or download the failed rows to fix them. The file waits on
the server (storage), never in the session."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.core.excel.columns import shown
from dangvu.core.excel.reading import FileProblem, read_rows, read_upload
from dangvu.core.excel.writing import attachment

from . import engine, jobs, storage, workbooks
from .checked import Checked
from .forms import MappingForm, StartForm, _letter
from .importers import IMPORTERS, ImportContext
from .models import SavedMapping, headers_key


@login_required
def start(request):
    scope = Scope.of(request.user)
    form = StartForm(request.POST or None, request.FILES or None, scope=scope, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        importer, org = IMPORTERS[form.cleaned_data["kind"]], form.cleaned_data["unit"]
        scope.require(importer.capability)
        if request.POST.get("action") == "template":
            download_log(user=request.user, kind="import_template", rows=0,
                         filters={"kind": importer.key, "unit": org.pk})  # fmt: skip
            return attachment(workbooks.template(importer, org), f"mau-nhap-{importer.key}-{org.code}.xlsx")
        upload = form.cleaned_data["file"]
        if upload is None:
            form.add_error("file", "Hãy chọn tệp Excel cần nhập.")
        else:
            try:
                data = read_upload(upload)
                rows = read_rows(data, upload.name)
            except FileProblem as e:
                form.add_error("file", e.message)
            else:
                saved = storage.create(
                    data=data, user_id=request.user.pk, kind=importer.key, org_id=org.pk, filename=upload.name
                )
                saved.header_index = engine.find_header(rows, importer)
                headers = rows[saved.header_index] if rows else []
                remembered = _remembered(org, importer, headers)
                saved.mapping = remembered or engine.propose_mapping(headers, importer)
                saved.mapping_confirmed = bool(remembered) or (
                    engine.exact_mapping(headers, importer, saved.mapping)
                    and not engine.missing_required(importer, saved.mapping)
                )
                saved.save()
                if saved.mapping_confirmed:
                    return redirect("import-preview", token=saved.token)
                return redirect("import-mapping", token=saved.token)
    return render(request, "imports/start.html", {"form": form, "importers": IMPORTERS.values()})


def _remembered(org, importer, headers) -> dict | None:
    """The mapping this unit saved for this kind and this very header row, if it still fits the
    file (every column it names exists) and the importer (every field it maps still exists)."""
    saved = SavedMapping.objects.filter(org=org, kind=importer.key, headers_key=headers_key(headers)).first()
    if saved is None:
        return None
    fields = {c.field for c in importer.columns}
    mapping = {f: saved.mapping.get(f) for f in fields}
    if any(i is not None and not 0 <= i < len(headers) for i in mapping.values()):
        return None
    return None if engine.missing_required(importer, mapping) else mapping


def _load(request, token):
    """(upload, importer, org, rows) of the user's own upload, in scope, with the capability."""
    scope = Scope.of(request.user)
    upload = storage.load(token, request.user.pk)
    importer = IMPORTERS[upload.kind]
    org = scope.get_org(upload.org_id)
    scope.require(importer.capability)
    return scope, upload, importer, org, read_rows(upload.data(), upload.filename)


@login_required
def mapping(request, token):
    scope, upload, importer, org, rows = _load(request, token)
    headers = [shown(h) for h in rows[upload.header_index]] if rows else []
    form = MappingForm(request.POST or None, importer=importer, headers=headers, mapping=upload.mapping)
    if request.method == "POST" and form.is_valid():
        upload.mapping, upload.mapping_confirmed, upload.valid_rows = form.mapping(), True, None
        upload.save()
        # Kept for the unit and kind, keyed by the header row: the next export of the same program
        # goes straight to the preview with this mapping.
        SavedMapping.objects.update_or_create(
            org=org, kind=importer.key, headers_key=headers_key(rows[upload.header_index]),
            defaults={"headers": headers, "mapping": upload.mapping, "updated_by": request.user},
        )  # fmt: skip
        return redirect("import-preview", token=token)
    return render(request, "imports/mapping.html", {
        "form": form, "upload": upload, "importer": importer, "org": org, "header_row": upload.header_index + 1,
    })  # fmt: skip


def _run(request, upload, importer, org, rows, **kw):
    scope = Scope.of(request.user)
    ctx = ImportContext(actor=request.user, scope=scope, org=org, filename=upload.filename)
    return engine.run(importer, rows, upload.mapping, ctx, header_index=upload.header_index, **kw)


def _data_rows(upload, rows) -> int:
    return max(0, len(rows) - upload.header_index - 1)


@login_required
def preview(request, token):
    scope, upload, importer, org, rows = _load(request, token)
    if _data_rows(upload, rows) > settings.DANGVU_IMPORT_BACKGROUND_ROWS:
        # A large file is checked by the worker, as it is committed: the clerk watches the check's
        # progress and lands back here, where what it found is read back.
        checked = storage.load_checked(upload)
        if checked is None or request.GET.get("kiem-tra-lai"):
            job = jobs.job_start(
                upload=upload, user=request.user, org=org, importer=importer, total=_data_rows(upload, rows),
                dry_run=True,
            )  # fmt: skip
            return redirect("import-job", job_id=job.pk)
        return _preview_page(request, upload, importer, org, checked, rows=rows, background=True)
    result = _run(request, upload, importer, org, rows)
    upload.valid_rows = result.valid_numbers
    upload.save()
    return _preview_page(request, upload, importer, org, Checked.of(result), rows=rows)


def _mapped(upload, importer, rows) -> list[tuple[str, str]]:
    """(expected column, the file's column it is read from) for the preview's mapping table."""
    headers = rows[upload.header_index] if rows else []
    out = []
    for col in importer.columns:
        i = upload.mapping.get(col.field)
        source = f"Cột {_letter(i)}: {shown(headers[i])}" if i is not None and i < len(headers) else "—"
        out.append((col.header, source))
    return out


def _preview_page(request, upload, importer, org, result: Checked, only_valid=False, rows=(), background=False):
    table = result.kept
    headers = [c.header for c in importer.columns]
    for r in table:
        # Each cell with the error naming its column (the engine writes "Dòng N, cột <header>: …"),
        # so the preview marks the bad cell itself, not only its row.
        cells = zip(r.shown(), headers, strict=True)
        r.marked = [(v, next((e for e in r.errors if f", cột {h}:" in e), "")) for v, h in cells]
    return render(request, "imports/preview.html", {
        "upload": upload, "importer": importer, "org": org, "result": result, "table": table,
        "mapped": _mapped(upload, importer, rows),
        "hidden": result.total - len(table), "headers": [c.header for c in importer.columns],
        "only_valid": only_valid, "checked_in_background": background,
    })  # fmt: skip


@login_required
@require_POST
def commit(request, token):
    scope, upload, importer, org, rows = _load(request, token)
    only_valid = request.POST.get("only_valid") == "1"
    total = _data_rows(upload, rows)
    if total > settings.DANGVU_IMPORT_BACKGROUND_ROWS:
        # A large file is committed by the worker: the clerk watches its progress, may leave.
        job = jobs.job_start(
            upload=upload, user=request.user, org=org, importer=importer, only_valid=only_valid,
            expected=upload.valid_rows if only_valid else None, total=total,
        )  # fmt: skip
        return redirect("import-job", job_id=job.pk)
    result = _run(
        request, upload, importer, org, rows, store=True, only_valid=only_valid,
        expected=upload.valid_rows if only_valid else None,
    )  # fmt: skip
    if not result.stored:
        if not result.file_errors and not result.rows:
            result.file_errors.append("Tệp không có dòng dữ liệu nào để nhập.")
        return _preview_page(request, upload, importer, org, Checked.of(result), only_valid, rows=rows)
    storage.delete(upload)
    skipped = f"; bỏ qua {len(result.bad)} dòng lỗi" if result.bad else ""
    messages.success(request, f"Đã nhập {result.stored} dòng {importer.label.lower()} vào {org.name}{skipped}.")
    url = reverse(importer.list_url)
    if importer.list_url == "member-list":
        url += f"?unit={org.pk}&status=dang"
    return redirect(url)


@login_required
def failed(request, token):
    scope, upload, importer, org, rows = _load(request, token)
    # A large file's check, kept by its background job, is not run again in the request.
    result = storage.load_checked(upload) or Checked.of(_run(request, upload, importer, org, rows))
    download_log(user=request.user, kind="import_failed_rows", rows=len(result.bad),
                 filters={"kind": importer.key, "unit": org.pk})  # fmt: skip
    return attachment(workbooks.failed_rows(importer, result), f"dong-loi-{importer.key}-{org.code}.xlsx")
