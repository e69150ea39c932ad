"""Sổ Công dân học tập: the commune register of the Learning Citizen programme."""

__version__ = "0.1.0"
APP_NAME = "Sổ Công dân học tập"
# written into every file the program makes (PDF, workbook, backup, receipt, log), so a file says what made it
PRODUCER = f"{APP_NAME} {__version__}"
