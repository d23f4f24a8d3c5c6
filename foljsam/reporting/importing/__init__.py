"""Import of earlier years' follow-ups from one CSV file or a workbook's sheet
``followups`` (issue 7).

Validate every row first, against the file and the database together; write only
if nothing is wrong, in one transaction. See docs/formats.md for the columns.
"""
