"""URL map. Uploaded media has no URL on purpose: files leave only through permission-checked
views (collateral downloads, persona photos)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import search_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search_page, name="search"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("personas/", include("personas.urls")),
    path("messaging/", include("messaging.urls")),
    path("collateral/", include("collateral.urls")),
    path("admin/", admin.site.urls),
]
