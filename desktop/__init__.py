"""Sổ Công dân học tập: the commune register of the Learning Citizen programme."""

__version__ = "0.1.0"
APP_NAME = "Sổ Công dân học tập"
