"""Paging without a total, for lists whose COUNT(*) costs as much as reading every row (each
row passes access checks in SQL, such as the partner inbox). A page reads one row more than it
shows, to know whether there is a next one: "Vorige" and "Volgende", no page count.

The same interface as Django's Paginator and Page as far as the templates use it, so
templates/partners/_paginering.html serves both."""

MAX_PAGINA = 1_000_000  # a larger number would overflow OFFSET (bigint): page 1 instead


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
