from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api, views

router = SimpleRouter()
router.register("api/v1/gezinnen", api.GezinViewSet, basename="api-gezin")

app_name = "gezinnen"

urlpatterns = [
    path("gezinnen/nieuw/", views.gezin_nieuw, name="nieuw"),
    path("gezinnen/<uuid:gezin>/", views.gezin_detail, name="detail"),
    path("gezinnen/<uuid:gezin>/leden/nieuw/", views.lid_toevoegen, name="lid_toevoegen"),
    path("gezinnen/<uuid:gezin>/leden/<uuid:lid>/uitnodigen/", views.lid_uitnodigen, name="lid_uitnodigen"),
    path("gezinnen/<uuid:gezin>/netwerk/uitnodigen/", views.netwerk_uitnodigen, name="netwerk_uitnodigen"),
    path("gezinnen/<uuid:gezin>/toestemming/", views.toestemmingen, name="toestemming"),
    path(
        "gezinnen/<uuid:gezin>/toestemming/<uuid:toestemming>/intrekken/zeker-weten/",
        views.toestemming_intrekken_vragen,
        name="toestemming_intrekken_vragen",
    ),
    path(
        "gezinnen/<uuid:gezin>/toestemming/<uuid:toestemming>/intrekken/",
        views.toestemming_intrekken,
        name="toestemming_intrekken",
    ),
    path(
        "gezinnen/<uuid:gezin>/toestemming/<uuid:toestemming>/bevestigen/",
        views.toestemming_bevestigen,
        name="toestemming_bevestigen",
    ),
    path("gezinnen/<uuid:gezin>/mandaat/", views.mandaat_vastleggen, name="mandaat"),
    path("gezinnen/<uuid:gezin>/toegangslog/", views.toegangslog, name="toegangslog"),
    path("uitnodiging/", views.uitnodiging, name="uitnodiging"),
    path("mijn-gezin/", views.mijn_gezin, name="mijn_gezin"),
    path("", include(router.urls)),
]
