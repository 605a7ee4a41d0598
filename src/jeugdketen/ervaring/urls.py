from django.urls import path

from . import views

app_name = "ervaring"

urlpatterns = [
    path("ervaring/cijfers/", views.cijfers, name="cijfers"),
    path("ervaring/<uuid:uuid>/", views.uitnodiging, name="uitnodiging"),
]
