"""The import machinery (pages at /nhap-du-lieu/, command `dangvu import KIND FILE --org CODE`).
It names no area: each declares its importers and export columns in <area>/excel.py
(core.excel.declare), discovered when this app is ready (apps.py).

  importers.py ImportContext (who imports into which unit, lookups within the scope) and the
               discovered importers
  engine.py    header row, column mapping, dry run and the atomic commit (see its docstring for
               what "chỉ nhập các dòng hợp lệ" does)
  storage.py   the uploaded file kept in DATA_DIR/uploads between the steps, deleted after commit
               or after a day
  workbooks.py the template and the failed rows
  synthetic.py member workbooks of any size for tests and benchmarks
Reading an upload (core.excel.reading, the one gate), the columns (core.excel.columns), writing
(core.excel.writing) and the lists' "Tải Excel" (core.excel.exports, {% load excel %}
{% export_link %}, ExportLog in core) live on the ground floor, where any area may use them.
"""
