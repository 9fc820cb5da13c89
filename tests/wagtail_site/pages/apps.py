from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "tests.wagtail_site.pages"
    label = "site_pages"
