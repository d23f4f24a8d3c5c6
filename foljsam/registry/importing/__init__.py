"""Import of a whole city's registry from one workbook or a folder of CSV files.

Validate every row first, against the file and the database together; write only if
nothing is wrong, in one transaction. See docs/formats.md for the columns.
"""
