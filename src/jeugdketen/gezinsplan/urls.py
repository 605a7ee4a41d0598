from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api, views

router = SimpleRouter()
router.register("api/v1/gezinsplannen", api.GezinsplanViewSet, basename="api-gezinsplan")

app_name = "gezinsplan"

urlpatterns = [
    path("gezinnen/", views.lijst, name="lijst"),
    path("gezinnen/<uuid:gezin>/plan/", views.plan, name="plan"),
    path("gezinnen/<uuid:gezin>/plan/starten/", views.plan_starten, name="starten"),
    path("gezinnen/<uuid:gezin>/plan/bewerken/", views.bewerken, name="bewerken"),
    path("gezinnen/<uuid:gezin>/plan/instemmen/", views.instemmen, name="instemmen"),
    path("gezinnen/<uuid:gezin>/plan/reactie/", views.reactie, name="reactie"),
    path("gezinnen/<uuid:gezin>/plan/reactie/<uuid:reactie>/", views.reactie_afhandelen, name="reactie_afhandelen"),
    path("gezinnen/<uuid:gezin>/plan/score/", views.score, name="score"),
    path("gezinnen/<uuid:gezin>/plan/regie/", views.regie, name="regie"),
    path("gezinnen/<uuid:gezin>/plan/bijeenkomst/", views.bijeenkomst, name="bijeenkomst"),
    path("gezinnen/<uuid:gezin>/plan/versies/", views.versies, name="versies"),
    path("gezinnen/<uuid:gezin>/plan/afdrukken/", views.afdrukken, name="afdrukken"),
    path("gezinnen/<uuid:gezin>/plan/pdf/", views.pdf, name="pdf"),
    path("", include(router.urls)),
]
