"""URL map. Uploaded media has no URL on purpose: files leave only through permission-checked
views (collateral downloads, persona photos)."""

from django.contrib import admin
from django.urls import include, path

from config import brief, changes, profile, search_views, views
from personas import urls as personas_urls

# The call-prep brief combines all three apps, so its view lives in config/ (DESIGN §2); it
# joins the personas namespace here so it is `personas:brief`, next to the persona's pages.
personas_patterns = [
    *personas_urls.urlpatterns,
    path("<slug:slug>/brief/", brief.persona_brief, name="brief"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search_page, name="search"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/profile/", profile.profile, name="profile"),
    path("changes/", changes.change_log, name="change_log"),
    path("changes.csv", changes.change_log_csv, name="change_log_csv"),
    path("personas/", include((personas_patterns, personas_urls.app_name))),
    path("messaging/", include("messaging.urls")),
    path("collateral/", include("collateral.urls")),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request
