from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api, views

app_name = "plekvrij"

router = SimpleRouter()
router.register("api/v1/plekvrij/plekken", api.PlekViewSet, basename="api-plek")
router.register("api/v1/plekvrij/reserveringen", api.ReserveringViewSet, basename="api-reservering")

urlpatterns = [
    # Searching and reserving (access teams, crisis service, GI)
    path("plekvrij/", views.zoeken, name="zoeken"),
    path("plekvrij/crisis/", views.crisis, name="crisis"),
    path("plekvrij/plekken/<uuid:uuid>/", views.plek, name="plek"),
    path("plekvrij/plekken/<uuid:uuid>/reserveren/", views.reserveren, name="reserveren"),
    path("plekvrij/zoekopdrachten/", views.zoekopdrachten, name="zoekopdrachten"),
    path("plekvrij/zoekopdrachten/bewaren/", views.zoekopdracht_bewaren, name="zoekopdracht_bewaren"),
    path(
        "plekvrij/zoekopdrachten/<uuid:uuid>/verwijderen/",
        views.zoekopdracht_verwijderen,
        name="zoekopdracht_verwijderen",
    ),
    # Reservations (both sides)
    path("plekvrij/reserveringen/", views.reserveringen, name="reserveringen"),
    path("plekvrij/reserveringen/<uuid:uuid>/", views.reservering, name="reservering"),
    path("plekvrij/reserveringen/<uuid:uuid>/<str:actie>/", views.reservering_actie, name="reservering_actie"),
    # Providers keep their places current
    path("plekvrij/mijn-plekken/", views.mijn_plekken, name="mijn_plekken"),
    path("plekvrij/mijn-plekken/bestand/", views.bestand, name="mijn_plekken_bestand"),
    path("plekvrij/mijn-plekken/nieuwe-locatie/", views.locatie_nieuw, name="mijn_plekken_locatie"),
    path("plekvrij/mijn-plekken/nieuwe-plek/", views.plek_nieuw, name="mijn_plekken_nieuw"),
    path("plekvrij/mijn-plekken/<uuid:uuid>/snel/", views.plek_snel, name="plek_snel"),
    path("plekvrij/mijn-plekken/<uuid:uuid>/wijzigen/", views.plek_wijzigen, name="plek_wijzigen"),
    path("plekvrij/mijn-plekken/<uuid:uuid>/geschiedenis/", views.plek_geschiedenis, name="plek_geschiedenis"),
    # The provider's own offers on the sociale kaart
    path("plekvrij/aanbod/", views.aanbod_lijst, name="aanbod"),
    path("plekvrij/aanbod/nieuw/", views.aanbod_bewerken, name="aanbod_nieuw"),
    path("plekvrij/aanbod/<uuid:uuid>/", views.aanbod_bewerken, name="aanbod_wijzigen"),
    # Figures (policy staff: aggregates only)
    path("plekvrij/cijfers/", views.cijfers, name="cijfers"),
    # The public sociale kaart: no login
    path("sociale-kaart/", views.kaart, name="sociale_kaart"),
    path("sociale-kaart/<uuid:uuid>/", views.kaart_aanbod, name="sociale_kaart_aanbod"),
    path("", include(router.urls)),
]
