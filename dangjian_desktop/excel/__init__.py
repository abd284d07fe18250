"""Excel exchange: export every record kind to one workbook, import members, meetings and activities."""


class ExcelFileError(Exception):
    """A workbook that cannot be read or written; the message is Chinese and names the file."""
