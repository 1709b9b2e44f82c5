"""Excel in and out.

Import (pages at /nhap-du-lieu/, command `dangvu import KIND FILE --org CODE`):
  (reading an upload: core.excel.reading, the one gate for every workbook read)
  columns.py   a column's header, field, type, example; one cell → one value or a message
  importers.py one importer per record kind, each calling the same service as the form
  engine.py    header row, column mapping, dry run and the atomic commit (see its docstring for
               what "chỉ nhập các dòng hợp lệ" does)
  storage.py   the uploaded file kept in DATA_DIR/uploads between the steps, deleted after commit
               or after a day
  workbooks.py the template and the failed rows
Export ("Tải Excel" on the list pages): exports.py, the {% export_link %} tag, ExportLog.
synthetic.py makes member workbooks of any size for tests and benchmarks.
"""
