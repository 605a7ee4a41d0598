from django.urls import path, re_path

from . import views

app_name = "ervaring"

urlpatterns = [
    path("ervaring/cijfers/", views.cijfers, name="cijfers"),
    path("ervaring/cijfers.csv", views.cijfers_csv, name="cijfers_csv"),
    path("ervaring/<uuid:uuid>/", views.uitnodiging, name="uitnodiging"),
    # Members without an account: the regisseur's codes, and the code pages (no login)
    path("ervaring/plan/<uuid:plan>/codes/", views.codes, name="codes"),
    path("ervaring/code/", views.code_invoeren, name="code_invoeren"),
    path("ervaring/code/antwoord/", views.met_code, name="code_antwoord"),
    re_path(r"^ervaring/code/.+$", views.code_in_adres, name="code_in_adres"),
]
