"""DigiD's URLs: the real SAML flow when DIGID_ENABLED, the library's mock identity provider in the
demo and the tests (settings.DIGID_MOCK), and nothing at all otherwise.

The mock takes any BSN from its URL, so it exists only where settings say DIGID_MOCK — which no
environment variable can switch on in production (tests/digid/test_production.py)."""

from digid_eherkenning.mock.idp.views.digid import DigiDMockIDPBSNLoginView, DigiDMockIDPLoginView
from digid_eherkenning.mock.views.digid import DigiDLoginMockView
from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path

from jeugdketen.core.access import policy

from . import views

public = policy(public=True)


def real_patterns() -> list[URLPattern | URLResolver]:
    digid = [
        path("login/", public(views.LoginView.as_view()), name="login"),
        path("acs/", public(views.AnswerView.as_view()), name="acs"),
        path("logout/", views.uitloggen, name="logout"),
        path("slo/redirect/", public(views.SingleLogoutAnswerView.as_view()), name="slo-redirect"),
        path("slo/soap/", public(views.SingleLogoutSoapView.as_view()), name="slo-soap"),
        path("geen-toegang/", views.geen_toegang, name="geen_toegang"),
    ]
    return [path("digid/", include((digid, "digid")))]


def mock_patterns() -> list[URLPattern | URLResolver]:
    digid = [
        path("login/", public(DigiDLoginMockView.as_view()), name="login"),
        path("acs/", public(views.MockAnswerView.as_view()), name="acs"),
        path("logout/", views.uitloggen, name="logout"),
        path("geen-toegang/", views.geen_toegang, name="geen_toegang"),
    ]
    idp = [
        path("inloggen/", public(DigiDMockIDPLoginView.as_view()), name="login"),
        path("inloggen_bsn/", public(DigiDMockIDPBSNLoginView.as_view()), name="bsn"),
    ]
    return [path("digid/", include((digid, "digid"))), path("digid/idp/", include((idp, "digid-mock")))]


if settings.DIGID_MOCK:
    urlpatterns = mock_patterns()
elif settings.DIGID_ENABLED:
    urlpatterns = real_patterns()
else:
    urlpatterns = []
