from django.urls import include, path

from . import api, views

app_name = "verwijsindex"

urlpatterns = [
    path("verwijsindex/", views.meldingen, name="meldingen"),
    path("verwijsindex/melden/", views.melden, name="melden"),
    path("verwijsindex/zoeken/", views.zoeken, name="zoeken"),
    path("verwijsindex/bestand/", views.upload, name="upload"),
    path("verwijsindex/meldingen/<uuid:uuid>/", views.melding, name="melding"),
    path("verwijsindex/meldingen/<uuid:uuid>/weghalen/", views.melding_verwijderen, name="melding_verwijderen"),
    path("verwijsindex/meldingen/<uuid:uuid>/informeren/", views.melding_informeren, name="melding_informeren"),
    path("verwijsindex/matches/", views.matches, name="matches"),
    path("verwijsindex/matches/<uuid:uuid>/", views.match, name="match"),
    path("verwijsindex/matches/<uuid:uuid>/regie/", views.match_regie, name="match_regie"),
    path("verwijsindex/matches/<uuid:uuid>/contact/", views.match_contact, name="match_contact"),
    path("verwijsindex/gezinsmatches/<uuid:uuid>/", views.gezinsmatch, name="gezinsmatch"),
    path("verwijsindex/beheer/", views.beheer, name="beheer"),
    path("verwijsindex/beheer/organisaties/<uuid:uuid>/", views.beheer_organisatie, name="beheer_organisatie"),
    path("verwijsindex/beheer/regie/", views.beheer_regie, name="beheer_regie"),
    path("verwijsindex/beheer/regie/<uuid:uuid>/", views.beheer_regie_toewijzen, name="beheer_regie_toewijzen"),
    path("verwijsindex/beheer/regels/", views.beheer_regels, name="beheer_regels"),
    path("verwijsindex/beheer/gebruik/", views.beheer_gebruik, name="beheer_gebruik"),
    path("verwijsindex/beheer/logboek/", views.beheer_logboek, name="beheer_logboek"),
    path("verwijsindex/beheer/overlijden/", views.beheer_overlijden, name="beheer_overlijden"),
    path("api/v1/verwijsindex/", include(api.router.urls)),
]
