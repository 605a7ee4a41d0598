from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from . import api, views

app_name = "monitor"

router = SimpleRouter()
router.register("api/v1/monitor/indicatoren", api.IndicatorViewSet, basename="api-indicator")

urlpatterns = [
    # Policy staff
    path("monitor/", views.overzicht, name="overzicht"),
    path("monitor/overzicht.csv", views.overzicht_csv, name="overzicht_csv"),
    path("monitor/herberekenen/", views.herberekenen, name="herberekenen"),
    path("monitor/bevolking/", views.bevolking, name="bevolking"),
    path("monitor/bevolking.csv", views.bevolking_csv, name="bevolking_csv"),
    path("monitor/basiswaarden/", views.basiswaarden, name="basiswaarden"),
    path("monitor/basiswaarden.csv", views.basiswaarden_csv, name="basiswaarden_csv"),
    # A year, not an id (SECURITY B2 forbids <int:> ids): four digits, checked by the regex.
    re_path(r"^monitor/jaarrapport/(?P<jaar>[0-9]{4})\.pdf$", views.jaarrapport, name="jaarrapport"),
    path("monitor/indicator/<slug:code>/", views.indicator, name="indicator"),
    path("monitor/indicator/<slug:code>.csv", views.indicator_csv, name="indicator_csv"),
    # Providers: their own figures
    path("monitor/mijn-cijfers/", views.aanbieder, name="aanbieder"),
    path("monitor/mijn-cijfers.csv", views.aanbieder_csv, name="aanbieder_csv"),
    # Open data (public, suppressed, no person): stable addresses per region and indicator
    path("open/monitor/", views.open_index, name="open"),
    path("open/monitor/<uuid:regio>/<slug:code>.csv", views.open_csv, name="open_csv"),
    path("open/monitor/<uuid:regio>/<slug:code>.json", views.open_json, name="open_json"),
    # The API (policy staff and policy organisations' systems)
    path("", include(router.urls)),
]
