"""URL map. Uploaded media has no URL on purpose: files leave only through permission-checked
views (collateral downloads, persona photos)."""

from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("personas/", include("personas.urls")),
    path("messaging/", include("messaging.urls")),
    path("collateral/", include("collateral.urls")),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request
