from django.urls import path

from personas import photos, views

app_name = "personas"

urlpatterns = [
    path("", views.persona_list, name="list"),
    # "new" is a reserved slug (see forms.RESERVED_SLUGS), so this never hides a persona.
    path("new/", views.persona_create, name="create"),
    path("<slug:slug>/", views.persona_detail, name="detail"),
    path("<slug:slug>/edit/", views.persona_edit, name="edit"),
    path("<slug:slug>/preview/", views.persona_preview, name="preview"),
    path("<slug:slug>/print/", views.persona_print, name="print"),
    path("<slug:slug>/publish/", views.persona_publish, name="publish"),
    path("<slug:slug>/archive/", views.persona_archive, name="archive"),
    path("<slug:slug>/redraft/", views.persona_redraft, name="redraft"),
    path("<slug:slug>/history/", views.persona_history, name="history"),
    path("<slug:slug>/reviewed/", views.persona_mark_reviewed, name="mark_reviewed"),
    path("<slug:slug>/photo/", photos.persona_photo, name="photo"),
    path("<slug:slug>/thumbnail/", photos.persona_thumbnail, name="thumbnail"),
]
