"""What every renderer needs: the indexed roadmap, its rollups, the day and the language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jobs.figures import Rollups
from jobs.health_wording import percent
from jobs.index import RoadmapIndex
from jobs.messages import report_counted, report_text
from jobs.render.blocks import RichText
from jobs.render.labels import health_badge, health_label
from jobs.wording import Locale, Value, format_number
from schemas.health import Health

NO_VALUE = "—"
"""What a table cell or a line shows for a value nobody can compute."""


@dataclass(frozen=True)
class RenderContext:
    """The roadmap as the renderers see it."""

    index: RoadmapIndex
    rollups: Rollups
    locale: Locale
    today: date

    def say(self, key: str, **values: Value) -> str:
        """One piece of wording from :data:`jobs.messages.REPORT_TEXT`, in the locale."""
        return report_text(key, self.locale, **values)

    def counted(self, key: str, count: int) -> str:
        """``1 epic`` / ``3 epics``, from :data:`jobs.messages.REPORT_COUNTED`."""
        return report_counted(key, count, self.locale)

    def percent(self, share: float | None) -> str:
        """``40%`` (``40 %``), rounded down as health reasons write it: 99.6% is never done."""
        return NO_VALUE if share is None else percent(share, self.locale)

    def number(self, value: float | None) -> str:
        """A KPI value as the locale writes it (``24,5``)."""
        return NO_VALUE if value is None else format_number(value, self.locale)

    def health(self, health: Health) -> str:
        return health_label(health, self.locale)

    def badge(self, health: Health) -> str:
        return health_badge(health, self.locale)

    def and_more(self, hidden: int) -> str:
        """``… and 4 more`` (``… et 4 autres``)."""
        return self.say("more", more=self.counted("more", hidden))

    def more(self, text: RichText, hidden: int) -> None:
        """`` … and 4 more`` after a capped list, when something was left out."""
        if hidden > 0:
            text.text(" " + self.and_more(hidden))
