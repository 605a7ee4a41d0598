from django.urls import include, path

from . import api, views

app_name = "jeugdhulp"

urlpatterns = [
    path("jeugdhulp/", views.trajecten, name="trajecten"),
    path("jeugdhulp/trajecten/<uuid:uuid>/", views.traject, name="traject"),
    path("jeugdhulp/trajecten/<uuid:uuid>/start/", views.traject_starten, name="traject_starten"),
    path("jeugdhulp/trajecten/<uuid:uuid>/stop/", views.traject_stoppen, name="traject_stoppen"),
    path("jeugdhulp/trajecten/<uuid:uuid>/wachttijd/", views.traject_wachttijd, name="traject_wachttijd"),
    path("jeugdhulp/besluiten/nieuw/", views.beschikking_nieuw, name="beschikking_nieuw"),
    path("jeugdhulp/besluiten/<uuid:uuid>/", views.beschikking, name="beschikking"),
    path("jeugdhulp/besluiten/<uuid:uuid>/pdf/", views.beschikking_pdf, name="beschikking_pdf"),
    path("jeugdhulp/mijn/", views.mijn, name="mijn"),
    path("jeugdhulp/ijw/", views.ijw, name="ijw"),
    path("jeugdhulp/ijw/voorbeeld/<slug:soort>/", views.ijw_voorbeeld, name="ijw_voorbeeld"),
    path("jeugdhulp/ijw/<uuid:uuid>/", views.ontvangst, name="ontvangst"),
    path("jeugdhulp/ijw/<uuid:uuid>/retourbericht/", views.ontvangst_retour, name="ontvangst_retour"),
    path("jeugdhulp/bestand/", views.csv_upload, name="csv"),
    path("jeugdhulp/maatregelen/", views.maatregelen, name="maatregelen"),
    path("jeugdhulp/maatregelen/nieuw/", views.maatregel_nieuw, name="maatregel_nieuw"),
    path("jeugdhulp/maatregelen/<uuid:uuid>/", views.maatregel, name="maatregel"),
    path("jeugdhulp/thuiszitters/", views.thuiszitters, name="thuiszitters"),
    path("jeugdhulp/thuiszitters/nieuw/", views.thuiszitter_nieuw, name="thuiszitter_nieuw"),
    path("jeugdhulp/thuiszitters/<uuid:uuid>/", views.thuiszitter, name="thuiszitter"),
    path("api/v1/jeugdhulp/", include(api.router.urls)),
]
