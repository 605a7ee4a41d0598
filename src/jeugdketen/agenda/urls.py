from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("agenda/", views.overzicht, name="overzicht"),
    path("agenda/<uuid:agenda>/", views.agenda, name="agenda"),
    path("agenda/<uuid:agenda>/agenda.csv", views.agenda_csv, name="agenda_csv"),
    path("agenda/<uuid:agenda>/advies-nieuw/", views.advies_nieuw, name="advies_nieuw"),
    path("agenda/thema/<uuid:thema>/activiteit-nieuw/", views.activiteit_nieuw, name="activiteit_nieuw"),
    path("agenda/activiteit/<uuid:activiteit>/", views.activiteit_wijzigen, name="activiteit_wijzigen"),
    path("agenda/activiteit/<uuid:activiteit>/status/", views.status, name="status"),
    path("agenda/advies/<uuid:advies>/", views.advies_wijzigen, name="advies_wijzigen"),
]
