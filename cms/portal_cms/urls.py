from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Headless: Wagtail serves no public pages; this only answers page previews' URL lookups.
    path("pages/", include(wagtail_urls)),
]
