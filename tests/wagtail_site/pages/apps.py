from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "wagtail_site.pages"
    label = "site_pages"
