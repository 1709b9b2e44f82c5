"""Every workbook Dangvu reads or writes goes through here (the ground floor, so any area may).

limits.py   the limits a workbook read is held to, and FileProblem with its Vietnamese messages
scan.py     streaming scans of an .xlsx/.ods's XML, before any reader allocates
reading.py  read_upload / read_rows: the one gate for an uploaded workbook
"""
