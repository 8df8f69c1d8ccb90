"""Paging for long lists.

`IdsEerstPaginator`: a page of a sorted list read in two steps. PostgreSQL joins and reads
every matching row before it sorts and cuts a page, so a team list of thousands of cases read
each case with its household and consulenten for 25 lines. First the page's ids, in the list's
order, from the table alone (an index-only scan where an index covers the filter and the sort
key), then those rows with their joins.

`PaginatorZonderTotaal`: paging without a total, for lists whose COUNT(*) costs as much as
reading every row (each row passes access checks in SQL, such as the partner inbox). A page
reads one row more than it shows, to know whether there is a next one: "Vorige" and
"Volgende", no page count.

The same interface as Django's Paginator and Page as far as the templates use it, so
templates/partners/_paginering.html serves both."""

from django.core.paginator import Paginator

MAX_PAGINA = 1_000_000  # a larger number would overflow OFFSET (bigint): page 1 instead
PER_PAGINA = 25


def pagina(request, queryset, *, per_pagina: int | None = None, paginator=Paginator):
    """The page of `queryset` that the query string's `pagina` asks for (PER_PAGINA rows)."""
    return paginator(queryset, per_pagina or PER_PAGINA).get_page(request.GET.get("pagina"))


class Pagina:
    def __init__(self, object_list: list, number: int, volgende: bool, paginator):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator
        self._volgende = volgende

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._volgende

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


class PaginatorZonderTotaal:
    num_pages = None  # not counted

    def __init__(self, object_list, per_page: int):
        self.object_list = object_list
        self.per_page = per_page

    def get_page(self, number) -> Pagina:
        """Page `number` (from the query string); page 1 when it is not a whole number from 1 to
        MAX_PAGINA. Past the end the page is empty, with a link back."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if not 1 <= number <= MAX_PAGINA:
            number = 1
        begin = (number - 1) * self.per_page
        rijen = list(self.object_list[begin : begin + self.per_page + 1])
        return Pagina(rijen[: self.per_page], number, len(rijen) > self.per_page, self)


class IdsEerstPaginator(Paginator):
    def page(self, number):
        number = self.validate_number(number)
        begin = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[begin : begin + self.per_page])
        rijen = self.object_list.filter(pk__in=ids).order_by().in_bulk()
        return self._get_page([rijen[pk] for pk in ids if pk in rijen], number, self)
