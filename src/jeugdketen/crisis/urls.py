from django.urls import path

from . import views

app_name = "crisis"

urlpatterns = [
    path("crisis/", views.bord, name="bord"),
    path("crisis/melding/", views.melding, name="melding"),
    path("crisis/overdrachten/", views.overdrachten, name="overdrachten"),
    path("crisis/casus/<uuid:casus>/", views.casus, name="casus"),
    path("crisis/casus/<uuid:casus>/triage/", views.triage, name="triage"),
    path("crisis/casus/<uuid:casus>/moment/", views.moment, name="moment"),
    path("crisis/casus/<uuid:casus>/jongere/", views.jeugdige, name="jeugdige_nieuw"),
    path("crisis/casus/<uuid:casus>/jongere/<uuid:jeugdige>/", views.jeugdige, name="jeugdige"),
    path("crisis/casus/<uuid:casus>/gezin-koppelen/", views.gezin_koppelen, name="gezin_koppelen"),
    path("crisis/casus/<uuid:casus>/deelname/", views.deelname, name="deelname"),
    path("crisis/casus/<uuid:casus>/crisisplek/", views.crisisplek, name="crisisplek"),
    path("crisis/casus/<uuid:casus>/overdragen/", views.overdragen, name="overdragen"),
    path("crisis/casus/<uuid:casus>/overdracht/", views.overdracht_bekijken, name="overdracht_bekijken"),
    path("crisis/casus/<uuid:casus>/sluiten/", views.sluiten, name="sluiten"),
    path("crisis/casus/<uuid:casus>/terugblik/", views.terugblik, name="terugblik"),
    path("crisis/casus/<uuid:casus>/voor-het-gezin/", views.gezin, name="gezin"),
]
