"""Promoted search results and the count of searches (wagtail.contrib.search_promotions).

Editors recommend pages (or an external link) for common searches in the admin (Settings → Promoted
search results); the search page shows them first, under "Rekommenderat". Each search is counted per day
in Wagtail's own tables (Query, QueryDailyHits), which is where the admin's "popular searches" come
from. Only the words are kept, never who searched.

Both read through one lookup: the query's row and its promotions come in one query (a join). Counting
then costs one UPDATE for words searched today already, and two more statements for new words (an upsert
of the query that returns its id, and the day's row). That is why the count is written here rather than
with `Query.get(words).add_hit()`, which does the same in up to eight (two get_or_create with their
savepoints, and an update).
"""

from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core import sites

PICK_FIELDS = (
    "editors_picks__pk",
    "editors_picks__page_id",
    "editors_picks__external_link_url",
    "editors_picks__external_link_text",
    "editors_picks__description",
    "editors_picks__sort_order",
)


class Search:
    """One search's words (normalised as Wagtail stores them), its Query row if any, and its promotions."""

    def __init__(self, words):
        self.words = normalise_query_string(words or "")
        self.query_id = None
        self._picks = []
        if not self.words:
            return
        rows = Query.objects.filter(query_string=self.words).values_list("pk", *PICK_FIELDS)
        for query_id, pick_id, page_id, link_url, link_text, description, sort_order in rows:
            self.query_id = query_id
            if pick_id is not None:
                self._picks.append(
                    (sort_order if sort_order is not None else 0, pick_id, page_id, link_url, link_text, description)
                )
        self._picks.sort()

    def promoted(self, describe):
        """The promotions as dicts (title, url, description, page), in the editors' order.

        A page must be live and public (a draft or a page behind a view restriction is left out); an
        external link is shown as it is. `describe(page)` gives a page's text when the promotion has none.
        """
        page_ids = [pick[2] for pick in self._picks if pick[2]]
        pages = sites.public(Page.objects.live().filter(pk__in=page_ids)).specific().in_bulk() if page_ids else {}
        items = []
        for _order, _pk, page_id, link_url, link_text, description in self._picks:
            if page_id:
                page = pages.get(page_id)
                if page is not None:
                    items.append(
                        {
                            "title": page.title,
                            "url": page.url,
                            "description": description or describe(page),
                            "page": page,
                        }
                    )
            elif link_url:
                items.append(
                    {"title": link_text or link_url, "url": link_url, "description": description, "page": None}
                )
        return items

    def count(self):
        """One more search of these words today. Two first searches of a day at the same instant may count once."""
        if not self.words:
            return
        today = timezone.now().date()  # the day as Wagtail's own add_hit() counts it
        if self.query_id is not None:
            if QueryDailyHits.objects.filter(query_id=self.query_id, date=today).update(hits=F("hits") + 1):
                return
        else:  # new words: one upsert that returns the row's id, also when another search made it meanwhile
            (query,) = Query.objects.bulk_create(
                [Query(query_string=self.words)],
                update_conflicts=True,
                unique_fields=["query_string"],
                update_fields=["query_string"],
            )
            self.query_id = query.pk
        QueryDailyHits.objects.bulk_create(
            [QueryDailyHits(query_id=self.query_id, date=today, hits=1)], ignore_conflicts=True
        )
