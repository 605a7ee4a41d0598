"""The project's URLs with the real DigiD flow in place of the mock (as production with
DIGID_ENABLED has them), for the SAML tests."""

from django.urls import URLPattern, URLResolver

from jeugdketen import urls as project
from jeugdketen.digid import urls as digid_urls

urlpatterns: list[URLPattern | URLResolver] = [
    *digid_urls.real_patterns(),
    *(p for p in project.urlpatterns if getattr(p, "urlconf_name", None) is not digid_urls),
]
handler404 = project.handler404
