"""Swedish display formats: one date format everywhere, "29 november 2026" and "29 november 2026 kl. 08.30".

Django's own Swedish formats, with the time written the Swedish way ("kl. 08.30") and the short formats
the same as the long ones, so no page shows "2026-11-29" next to "29 november 2026". Templates use plain
`|date` / `|date:"DATETIME_FORMAT"`; Python code uses django.utils.formats.date_format.
Input formats stay Django's (ISO first).
"""

from django.conf.locale.sv.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"  # 29 november 2026
TIME_FORMAT = "H.i"  # 08.30
DATETIME_FORMAT = "j F Y \\k\\l. H.i"  # 29 november 2026 kl. 08.30
MONTH_DAY_FORMAT = "j F"  # 29 november
YEAR_MONTH_FORMAT = "F Y"  # november 2026
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
