from __future__ import annotations

from django.urls import path

from foljsam.requirements import catalogue_views, editor_views, template_views

app_name = "requirements"

urlpatterns = [
    path("requirements/", catalogue_views.requirement_list, name="requirement_list"),
    path(
        "requirements/new/",
        catalogue_views.requirement_create,
        name="requirement_create",
    ),
    path(
        "requirements/<int:pk>/",
        catalogue_views.requirement_detail,
        name="requirement_detail",
    ),
    path(
        "requirements/<int:pk>/edit/",
        catalogue_views.requirement_edit,
        name="requirement_edit",
    ),
    path(
        "requirements/<int:pk>/history/",
        catalogue_views.requirement_history,
        name="requirement_history",
    ),
    path("templates/", template_views.template_list, name="template_list"),
    path("templates/new/", template_views.template_create_view, name="template_create"),
    path(
        "templates/import/", template_views.template_import_view, name="template_import"
    ),
    path("templates/<int:pk>/", template_views.template_detail, name="template_detail"),
    path(
        "templates/<int:pk>/edit/", template_views.template_edit, name="template_edit"
    ),
    path(
        "templates/<int:pk>/history/",
        template_views.template_history,
        name="template_history",
    ),
    path(
        "templates/<int:pk>/compare/",
        template_views.version_compare,
        name="version_compare",
    ),
    path("versions/<int:pk>/", template_views.version_detail, name="version_detail"),
    path("versions/<int:pk>/note/", template_views.version_note, name="version_note"),
    path(
        "versions/<int:pk>/publish/",
        template_views.version_publish_view,
        name="version_publish",
    ),
    path(
        "versions/<int:pk>/retire/",
        template_views.version_retire_view,
        name="version_retire",
    ),
    path(
        "versions/<int:pk>/copy/", template_views.version_copy_view, name="version_copy"
    ),
    path(
        "versions/<int:pk>/delete/",
        template_views.version_delete_view,
        name="version_delete",
    ),
    path(
        "versions/<int:pk>/export/<str:fmt>/",
        template_views.version_export,
        name="version_export",
    ),
    path(
        "versions/<int:pk>/sections/new/",
        editor_views.section_create,
        name="section_create",
    ),
    path(
        "versions/<int:pk>/questions/new/",
        editor_views.question_create,
        name="question_create",
    ),
    path("sections/<int:pk>/edit/", editor_views.section_edit, name="section_edit"),
    path(
        "sections/<int:pk>/move/", editor_views.section_move_view, name="section_move"
    ),
    path(
        "sections/<int:pk>/delete/",
        editor_views.section_delete_view,
        name="section_delete",
    ),
    path("questions/<int:pk>/edit/", editor_views.question_edit, name="question_edit"),
    path(
        "questions/<int:pk>/move/",
        editor_views.question_move_view,
        name="question_move",
    ),
    path(
        "questions/<int:pk>/delete/",
        editor_views.question_delete_view,
        name="question_delete",
    ),
]
