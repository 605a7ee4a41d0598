from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView

from jeugdketen.core import views as core_views
from jeugdketen.core.access import policy
from jeugdketen.organisaties import views as org_views
from jeugdketen.organisaties.admin import beheer_site

# JSON first: a generator reading the YAML as YAML 1.2 took the code '08' for the number 8.
schema_view = policy(public=True)(
    SpectacularAPIView.as_view(renderer_classes=[OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer])
)

__all__ = ["include", "urlpatterns"]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("inloggen/", org_views.inloggen, name="login"),
    path("inloggen/code/", org_views.tweede_factor, name="tweede_factor"),
    path("inloggen/tweede-factor-instellen/", org_views.tweede_factor_instellen, name="tweede_factor_instellen"),
    path("uitloggen/", org_views.uitloggen, name="uitloggen"),
    path("organisatie-kiezen/", org_views.organisatie_kiezen, name="organisatie_kiezen"),
    path("notificaties/", core_views.notificaties, name="notificaties"),
    path("notificaties/gelezen/", core_views.notificaties_gelezen, name="notificaties_gelezen"),
    path("toegangslog/", core_views.toegangslog, name="toegangslog"),
    path("health/live", core_views.health_live, name="health_live"),
    path("health/ready", core_views.health_ready, name="health_ready"),
    path("beheer/login/", policy(public=True)(RedirectView.as_view(pattern_name="login", query_string=True))),
    path("beheer/", beheer_site.urls),
    path("api/v1/schema/", schema_view, name="api-schema"),
    # Domain apps: one include line each, e.g. path("", include("jeugdketen.<app>.urls")),
    path("", include("jeugdketen.toekomstplan.urls")),
    path("", include("jeugdketen.gezinnen.urls")),
    path("", include("jeugdketen.gezinsplan.urls")),
    path("", include("jeugdketen.jeugdhulp.urls")),
    path("", include("jeugdketen.verwijsindex.urls")),
    path("", include("jeugdketen.digid.urls")),
    path("", include("jeugdketen.crisis.urls")),
    path("", include("jeugdketen.plekvrij.urls")),
    path("", include("jeugdketen.agenda.urls")),
    path("", include("jeugdketen.ervaring.urls")),
    path("", include("jeugdketen.monitor.urls")),
    path("taal/", policy(public=True)(set_language), name="set_language"),
]

handler404 = "jeugdketen.core.views.not_found"
handler500 = "jeugdketen.core.storing.server_error"  # a database outage is a 503 (core/storing.py)
