"""What a window or a command opens: the register with every service over it, composed here and only here.

Sending, receiving and the upper level's area work on a whole `Register` (services/register.py); this
module puts them beside it, so that no service below imports another that imports it back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.services.register import DamagedRegister, OpenError, Register, open_services

if TYPE_CHECKING:  # loaded when first used: the window's start needs none of the exchange's libraries
    from desktop.services.area import AreaService
    from desktop.services.receiving import ReceivingService
    from desktop.services.sending import SendingService

__all__ = ["DamagedRegister", "Desk", "OpenError", "open_register"]


class Desk(Register):
    """The register and the exchange over it (services made when first used)."""

    @cached_property
    def sending(self) -> SendingService:
        from desktop.services.sending import SendingService

        return SendingService(self, self.keys)

    @cached_property
    def receiving(self) -> ReceivingService:
        from desktop.services.receiving import ReceivingService

        return ReceivingService(self, self.keys)

    @cached_property
    def area(self) -> AreaService:
        from desktop.services.area import AreaService

        return AreaService(self)


def open_register(folder: Path, url: str | None = None, today: Callable[[], date] = date.today) -> Desk:
    return open_services(folder, url, today, Desk)
