from django.urls import path

from . import views

app_name = "toekomstplan"

urlpatterns = [
    path("toekomstplan/", views.mijn, name="mijn"),
    path("toekomstplan/signalen/", views.signalen, name="signalen"),
    path("toekomstplan/starten/<uuid:jeugdige>/", views.starten, name="starten"),
    path("toekomstplan/<uuid:plan>/", views.plan, name="plan"),
    path("toekomstplan/<uuid:plan>/onderwerpen/", views.onderwerpen, name="onderwerpen"),
    path("toekomstplan/<uuid:plan>/onderdeel/<uuid:onderdeel>/", views.onderdeel, name="onderdeel"),
    path("toekomstplan/<uuid:plan>/assistent/", views.assistent, name="assistent"),
    path("toekomstplan/<uuid:plan>/delen/", views.delen, name="delen"),
    path("toekomstplan/<uuid:plan>/pdf/", views.pdf, name="pdf"),
    path("toekomstplan/<uuid:plan>/mijn-gegevens/", views.gegevens, name="gegevens"),
    path("toekomstplan/<uuid:plan>/wie-heeft-gekeken/", views.toegangslog, name="toegangslog"),
]
