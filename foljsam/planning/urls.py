from __future__ import annotations

from django.urls import path

from foljsam.planning import plan_views, run_views

app_name = "planning"

urlpatterns = [
    path("", plan_views.overview, name="overview"),
    path("plans/new/", plan_views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plan_views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/delete/", plan_views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/entries/new/", plan_views.entry_create, name="entry_create"),
    path("entries/<int:pk>/edit/", plan_views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", plan_views.entry_delete, name="entry_delete"),
    path("calendar/<int:year>/", plan_views.calendar_edit, name="calendar_edit"),
    path("capacity/", plan_views.capacity_list, name="capacity_list"),
    path("capacity/<int:pk>/", plan_views.capacity_edit, name="capacity_edit"),
    path("selections/", run_views.run_list, name="run_list"),
    path("selections/new/", run_views.run_create, name="run_create"),
    path("selections/<int:pk>/", run_views.run_detail, name="run_detail"),
    path(
        "selections/<int:pk>/candidates/",
        run_views.run_candidates,
        name="run_candidates",
    ),
    path(
        "selections/<int:pk>/export/<str:fmt>/",
        run_views.run_export,
        name="run_export",
    ),
    path(
        "selections/<int:pk>/reallocate/",
        run_views.run_reallocate,
        name="run_reallocate",
    ),
    path("selections/<int:pk>/publish/", run_views.run_publish, name="run_publish"),
    path("selections/<int:pk>/delete/", run_views.run_delete, name="run_delete"),
    path("candidates/<int:pk>/", run_views.candidate_detail, name="candidate_detail"),
    path("candidates/<int:pk>/add/", run_views.candidate_add, name="candidate_add"),
    path(
        "candidates/<int:pk>/remove/",
        run_views.candidate_remove,
        name="candidate_remove",
    ),
    path(
        "candidates/<int:pk>/reassign/",
        run_views.candidate_reassign,
        name="candidate_reassign",
    ),
    path(
        "followups/<int:pk>/why/",
        run_views.followup_reason,
        name="followup_reason",
    ),
]
