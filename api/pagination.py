from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """?page= and ?page_size= (1–200, 50 by default), the same sizes as the list pages."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
