"""Every URL of the project, with how to reach it and who may: the one catalogue
that the page tests, the accessibility test, the header test and the access matrix
walk. A URL pattern missing here fails ``test_catalogue_lists_every_url``.

``access`` says who may use a URL (see ``ACCESS``); ``target`` says what kind of
object its argument is, so that the access matrix can try an object the persona
owns and one it does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from foljsam.accounts.access import Capability
from foljsam.accounts.models import Organisation, User
from foljsam.accounts.tokens import invitation_tokens
from foljsam.complaints.models import Signal
from foljsam.financial.models import FinancialCheck
from foljsam.findings.models import ContractAction, Deficiency, Measure
from foljsam.followups.models import Evidence, FollowUp
from foljsam.planning.models import Candidate, Plan, PlanEntry, SelectionRun
from foljsam.portal.services import answer_link_create
from foljsam.registry.models import Agreement, ContractArea, Provider, Unit
from foljsam.requirements.models import (
    Question,
    Requirement,
    Section,
    Template,
    TemplateVersion,
)
from foljsam.screening.models import Campaign, Respondent, ScreeningDocument
from foljsam.screening.services import token_for

# Who may use a URL: the capabilities that open it (any of them), or a word.
ACCESS: dict[str, frozenset[Capability] | str] = {
    "internal": frozenset({Capability.READ_REGISTRY}),
    "either": frozenset({Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER}),
    "history": frozenset({Capability.VIEW_HISTORY}),
    "import": frozenset({Capability.IMPORT_REGISTRY}),
    "manage": frozenset({Capability.MANAGE_USERS}),
    "templates": frozenset({Capability.READ_TEMPLATES}),
    "build": frozenset({Capability.MANAGE_TEMPLATES}),
    "signals": frozenset({Capability.READ_ALL_SIGNALS, Capability.READ_OWN_SIGNALS}),
    "record_signals": frozenset({Capability.RECORD_SIGNALS}),
    "import_signals": frozenset({Capability.IMPORT_SIGNALS}),
    "followups": frozenset(
        {Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS}
    ),
    "plans": frozenset({Capability.READ_PLANS}),
    "selections": frozenset({Capability.READ_SELECTIONS}),
    "manage_plans": frozenset({Capability.MANAGE_PLANS}),
    # A selection's candidate: the selection's readers, and the district whose
    # published follow-up it became.
    "candidates": frozenset(
        {Capability.READ_SELECTIONS, Capability.READ_OWN_FOLLOWUPS}
    ),
    # A follow-up's report: the city's readers, and a provider its own once the
    # follow-up is completed or shared with it.
    "reports": frozenset(
        {
            Capability.READ_ALL_FOLLOWUPS,
            Capability.READ_OWN_FOLLOWUPS,
            Capability.READ_PROVIDER_FOLLOWUPS,
        }
    ),
    # A correction request's letter: the same readers as "followups", a word of
    # its own because the demo city has no correction requests to sample.
    "contract_letters": frozenset(
        {Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS}
    ),
    # Performing follow-ups: the protocol, the steps, deficiencies and measures.
    "perform": frozenset({Capability.PERFORM_FOLLOWUPS}),
    # The central office's decisions under an agreement.
    "decide": frozenset({Capability.DECIDE_CONTRACT_ACTIONS}),
    # The provider portal: a provider's own follow-ups once shown to it.
    "provider_followups": frozenset({Capability.READ_PROVIDER_FOLLOWUPS}),
    # Issue 7: the annual report and the city's dashboards; the import of
    # earlier years' follow-ups.
    "city_reports": frozenset({Capability.READ_CITY_REPORTS}),
    "import_followups": frozenset({Capability.IMPORT_FOLLOWUPS}),
    # Issue 8: proposing results for publication, and publishing them.
    "publishing": frozenset(
        {Capability.PROPOSE_PUBLICATION, Capability.PUBLISH_RESULTS}
    ),
    "propose": frozenset({Capability.PROPOSE_PUBLICATION}),
    "publish": frozenset({Capability.PUBLISH_RESULTS}),
    # Issue 9: screening campaigns are read as follow-ups are (city-wide, or
    # those of the user's own organisation); the central office changes them.
    "screening": frozenset(
        {Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS}
    ),
    "manage_screening": frozenset({Capability.MANAGE_SCREENING}),
    "logged_in": "any logged-in user",
    "public": "anyone, logged in or not",
}

TARGET_MODELS: dict[str, Any] = {
    "unit": Unit,
    "provider": Provider,
    "agreement": Agreement,
    "contract_area": ContractArea,
    "organisation": Organisation,
    "user": User,
    "requirement": Requirement,
    "template": Template,
    "version": TemplateVersion,  # a published version: every reader sees it
    "draft": TemplateVersion,  # a draft: only those who build templates see it
    "section": Section,  # in a draft
    "question": Question,  # in a draft
    # An organisation's work: its own district sees it, others get a 404.
    "signal": Signal,
    "followup": FollowUp,
    "planned_followup": FollowUp,  # one that a published selection made
    "candidate": Candidate,
    "plan": Plan,
    "entry": PlanEntry,
    "run": SelectionRun,
    "contract_action": ContractAction,  # a correction request
    # Issue 6: a protocol's evidence file, a deficiency, a measure with a file.
    "evidence": Evidence,
    "deficiency": Deficiency,
    "measure": Measure,
    "financial_check": FinancialCheck,  # issue 6: with an evidence file
    # The portal: a provider's own follow-up, once complements are asked for or
    # it is completed (owned by a provider, not an organisation).
    "provider_followup": FollowUp,
    # The same, with a complement file the provider sent (its download).
    "provider_complement": FollowUp,
    # Issue 8: a unit with a published result (its public page).
    "published_unit": Unit,
    # Issue 9: a screening campaign (a sent one where there is one), a draft
    # (the pages that change one; a sent one says it cannot be changed), a
    # provider in a campaign (one that answered where there is one) and a
    # document a provider attached.
    "campaign": Campaign,
    "draft_campaign": Campaign,
    "respondent": Respondent,
    "screening_document": ScreeningDocument,
}

# Targets that belong to an organisation, with the capability that sees them all.
ORGANISATION_TARGETS: dict[str, Capability] = {
    "signal": Capability.READ_ALL_SIGNALS,
    "followup": Capability.READ_ALL_FOLLOWUPS,
    "planned_followup": Capability.READ_ALL_FOLLOWUPS,
    "candidate": Capability.READ_SELECTIONS,
    "contract_action": Capability.READ_ALL_FOLLOWUPS,
    "evidence": Capability.READ_ALL_FOLLOWUPS,
    "deficiency": Capability.READ_ALL_FOLLOWUPS,
    "measure": Capability.READ_ALL_FOLLOWUPS,
    "financial_check": Capability.READ_ALL_FOLLOWUPS,
    "campaign": Capability.READ_ALL_FOLLOWUPS,
    "draft_campaign": Capability.READ_ALL_FOLLOWUPS,
    "respondent": Capability.READ_ALL_FOLLOWUPS,
    "screening_document": Capability.READ_ALL_FOLLOWUPS,
}

# What each target's sample must be: the editor's pages need a draft, the
# reading pages a version that every reader may see.
TARGET_FILTERS: dict[str, dict[str, Any]] = {
    "version": {"status": "published"},
    "draft": {"status": "draft"},
    "section": {"version__status": "draft"},
    "question": {"version__status": "draft"},
    "planned_followup": {"candidate__isnull": False},
    "contract_action": {"kind": "correction_request"},
    # The evidence page downloads the credit rating's file: a check that has one.
    "financial_check": {
        "items__item": "credit_rating",
        "items__evidence__isnull": False,
    },
    "provider_followup": {"status__in": ["awaiting_complement", "completed", "shared"]},
    "provider_complement": {
        "status__in": ["awaiting_complement", "completed", "shared"],
        "deficiencies__measures__kind": "complement_received",
        "deficiencies__measures__files__isnull": False,
    },
    "measure": {"files__isnull": False},
    "published_unit": {"followups__publication__status": "published"},
}

# The sample a target prefers, when the database has one (else any).
TARGET_PREFERENCES: dict[str, dict[str, Any]] = {
    "campaign": {"status": "sent"},
    "draft_campaign": {"status": "draft"},
    "respondent": {"submitted_at__isnull": False},
}


@dataclass(frozen=True)
class Page:
    name: str
    access: str
    # page | download | action (POST only) | form (GET and POST) | redirect
    kind: str = "page"
    target: str | None = None
    args: tuple[str, ...] = ()

    def url(self, pk: int | None = None) -> str:
        """The URL, for ``pk`` or for a sample object in the database."""
        if self.name == "accounts:invitation":
            return invitation_url(User.objects.filter(is_active=True).first())
        if self.name == "password_reset_confirm":
            return reverse(self.name, args=["MQ", "set-password"])
        if self.name in {"portal:answer", "portal:answer_submit"}:
            return answer_link_url(self.name)
        if self.name.startswith("screening:answer"):
            return screening_answer_url(self.name)
        if self.target is None:
            return reverse(self.name, args=list(self.args))
        if pk is None:
            pk = sample(self.target)
        if self.name == "portal:file":  # /portal/followups/<pk>/files/<file>/
            file_id = (
                Measure.files.through.objects.filter(
                    measure__deficiency__followup_id=pk,
                    measure__kind="complement_received",
                )
                .values_list("storedfile_id", flat=True)
                .first()
            )
            return reverse(self.name, args=[pk, file_id or 0])
        if self.target == "evidence":  # /followups/<followup>/evidence/<pk>/
            followup_id = (
                Evidence.objects.filter(pk=pk)
                .values_list("followup_id", flat=True)
                .first()
            )
            return reverse(self.name, args=[followup_id or 1, pk, *self.args])
        if self.target == "measure":  # /findings/measures/<pk>/files/<file>/
            file_id = (
                Measure.files.through.objects.filter(measure_id=pk)
                .values_list("storedfile_id", flat=True)
                .first()
            )
            return reverse(self.name, args=[pk, file_id or 1])
        return reverse(self.name, args=[pk, *self.args])

    @property
    def writes(self) -> bool:
        return self.kind in {"action", "form"}


def answer_link_url(name: str) -> str:
    """A working answer link, made now (only its hash is stored, so a sample
    cannot be looked up), or an unknown token if no follow-up can have one."""
    followup = (
        FollowUp.objects.filter(
            status__in=["preparing", "visited"],
            template_version__questions__respondent="manager",
        )
        .order_by("pk")
        .first()
    )
    if followup is None:
        return reverse(name, args=["no-such-token"])
    _link, token = answer_link_create(
        actor=None, followup=followup, email="chef@utforare.example.org"
    )
    return reverse(name, args=[token])


def screening_answer_url(name: str) -> str:
    """A working screening link: a sent respondent's token, made again from its
    stored nonce (one with a document and answers still open where there is
    one, for the document's pages), or an unknown token."""
    live = Respondent.objects.filter(
        token_hash__isnull=False,
        sent_at__isnull=False,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
        campaign__status__in=["sending", "sent"],
    ).order_by("pk")
    respondent = (
        live.filter(documents__isnull=False, submitted_at__isnull=True).first()
        or live.first()
    )
    token = (token_for(respondent) if respondent else None) or "no-such-token"
    if name in {"screening:answer_document", "screening:answer_document_remove"}:
        document = respondent.documents.order_by("pk").first() if respondent else None
        return reverse(name, args=[token, document.pk if document else 0])
    return reverse(name, args=[token])


def invitation_url(user: User | None) -> str:
    if user is None:
        return reverse("accounts:invitation", args=["MQ", "no-token"])
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_tokens.make_token(user)
    return reverse("accounts:invitation", args=[uid, token])


def sample(target: str) -> int:
    """An object to show: for units a KTT school, the demo's most telling case."""
    model = TARGET_MODELS[target]
    objects = model._default_manager.order_by("pk").filter(
        **TARGET_FILTERS.get(target, {})
    )
    if target == "unit":
        ktt = objects.filter(agreements__contract_area__code="korttidstillsyn")
        objects = ktt if ktt.exists() else objects
    if target in TARGET_PREFERENCES:
        preferred = objects.filter(**TARGET_PREFERENCES[target])
        objects = preferred if preferred.exists() else objects
    if target == "published_unit" and not objects.exists():
        return 0  # nothing published yet: the public page answers 404
    return int(objects.values_list("pk", flat=True)[0])


PAGES: list[Page] = [
    Page("home", "either"),
    Page("registry:map", "internal"),
    Page("registry:map_export", "internal", "download", args=("csv",)),
    Page("registry:gaps", "internal"),
    Page("registry:gaps_export", "internal", "download", args=("xlsx",)),
    Page("registry:unit_list", "either"),
    Page("registry:unit_detail", "either", target="unit"),
    Page("registry:unit_history", "history", target="unit"),
    Page("registry:provider_list", "either"),
    Page("registry:provider_detail", "either", target="provider"),
    Page("registry:provider_history", "history", target="provider"),
    Page("registry:agreement_list", "either"),
    Page("registry:agreement_detail", "either", target="agreement"),
    Page("registry:agreement_history", "history", target="agreement"),
    Page("registry:contract_area_list", "internal"),
    Page("registry:contract_area_detail", "internal", target="contract_area"),
    Page("registry:contract_area_history", "history", target="contract_area"),
    Page("registry:organisation_list", "internal"),
    Page("registry:organisation_detail", "internal", target="organisation"),
    Page("registry:organisation_history", "history", target="organisation"),
    Page("registry:rule_list", "internal"),
    Page("registry:import", "import", "form"),
    Page("registry:import_confirm", "import", "action"),
    Page("registry:import_template", "import", "download"),
    Page("requirements:requirement_list", "templates"),
    Page("requirements:requirement_create", "build", "form"),
    Page("requirements:requirement_detail", "templates", target="requirement"),
    Page("requirements:requirement_edit", "build", "form", target="requirement"),
    Page("requirements:requirement_history", "history", target="requirement"),
    Page("requirements:template_list", "templates"),
    Page("requirements:template_create", "build", "form"),
    Page("requirements:template_import", "build", "form"),
    Page("requirements:template_detail", "templates", target="template"),
    Page("requirements:template_edit", "build", "form", target="template"),
    Page("requirements:template_history", "history", target="template"),
    Page("requirements:version_compare", "templates", target="template"),
    Page("requirements:version_detail", "templates", target="version"),
    Page("requirements:version_note", "build", "form", target="draft"),
    Page("requirements:version_publish", "build", "action", target="draft"),
    Page("requirements:version_retire", "build", "action", target="version"),
    Page("requirements:version_copy", "build", "action", target="version"),
    Page("requirements:version_delete", "build", "action", target="draft"),
    Page(
        "requirements:version_export",
        "templates",
        "download",
        target="version",
        args=("docx",),
    ),
    Page("requirements:section_create", "build", "form", target="draft"),
    Page("requirements:question_create", "build", "form", target="draft"),
    Page("requirements:section_edit", "build", "form", target="section"),
    Page("requirements:section_move", "build", "action", target="section"),
    Page("requirements:section_delete", "build", "action", target="section"),
    Page("requirements:question_edit", "build", "form", target="question"),
    Page("requirements:question_move", "build", "action", target="question"),
    Page("requirements:question_delete", "build", "action", target="question"),
    # Complaints and signals (issue 5).
    Page("complaints:signal_list", "signals"),
    Page("complaints:signal_create", "record_signals", "form"),
    Page("complaints:signal_detail", "signals", target="signal"),
    Page("complaints:signal_edit", "record_signals", "form", target="signal"),
    Page("complaints:signal_history", "history", target="signal"),
    Page("complaints:signal_import", "import_signals", "form"),
    Page("complaints:signal_import_confirm", "import_signals", "action"),
    Page("complaints:signal_import_template", "import_signals", "download"),
    # The import of earlier years' follow-ups (issue 7).
    Page("reporting:followup_import", "import_followups", "form"),
    Page("reporting:followup_import_confirm", "import_followups", "action"),
    Page("reporting:followup_import_template", "import_followups", "download"),
    # Follow-ups and planning (issue 5).
    Page("followups:list", "followups"),
    Page("dashboard:home", "followups"),  # issue 6: the district dashboard
    Page("followups:detail", "followups", target="followup"),
    Page("followups:history", "history", target="followup"),
    # Performing a follow-up (issue 6).
    Page("followups:prepare", "perform", "form", target="followup"),
    Page("followups:visit", "perform", "form", target="followup"),
    Page("followups:assess", "perform", "action", target="followup"),
    Page("followups:share", "perform", "action", target="followup"),
    Page("followups:cancel", "perform", "form", target="followup"),
    Page("followups:protocol", "followups", target="followup"),
    Page("followups:evidence", "followups", "download", target="evidence"),
    Page("followups:evidence_remove", "perform", "action", target="evidence"),
    Page("findings:followup_deficiencies", "followups", target="followup"),
    Page("findings:deficiency_add", "perform", "action", target="followup"),
    Page(
        "findings:deficiency_confirm",
        "perform",
        "action",
        target="followup",
        args=("0",),
    ),
    Page("findings:complements_request", "perform", "action", target="followup"),
    Page("findings:followup_complete", "perform", "action", target="followup"),
    Page("findings:contract_action_create", "decide", "action", target="followup"),
    Page(
        "findings:deficiency_measure",
        "perform",
        "action",
        target="deficiency",
        args=("escalate",),
    ),
    Page("findings:measure_file", "followups", "download", target="measure"),
    # The follow-up report and the correction-request letter (issue 6).
    Page("findings:report", "reports", target="followup"),
    Page(
        "findings:report_download",
        "reports",
        "download",
        target="followup",
        args=("docx",),
    ),
    Page(
        "findings:action_letter",
        "contract_letters",
        "download",
        target="contract_action",
        args=("docx",),
    ),
    # The financial and seriousness check (issue 6).
    Page("financial:list", "followups"),
    Page("financial:start", "perform", "form"),
    Page("financial:detail", "followups", target="financial_check"),
    Page("financial:history", "history", target="financial_check"),
    Page(
        "financial:item_record",
        "perform",
        "action",
        target="financial_check",
        args=("credit_rating",),
    ),
    Page(
        "financial:evidence",
        "followups",
        "download",
        target="financial_check",
        args=("credit_rating",),
    ),
    # The provider portal (issue 6).
    Page("portal:home", "provider_followups"),
    Page("portal:followup", "provider_followups", target="provider_followup"),
    Page(
        "portal:complement",
        "provider_followups",
        "action",
        target="provider_followup",
    ),
    Page("portal:file", "provider_followups", "download", target="provider_complement"),
    # Answer links: the officer sends or withdraws one; the provider answers
    # through it without an account (the token is the credential).
    Page("portal:link_create", "perform", "action", target="followup"),
    Page("portal:link_revoke", "perform", "action", target="followup"),
    Page("portal:answer", "public", "form"),
    Page("portal:answer_submit", "public", "action"),
    Page("planning:overview", "plans"),
    Page("planning:plan_create", "manage_plans", "form"),
    Page("planning:plan_detail", "plans", target="plan"),
    Page("planning:plan_edit", "manage_plans", "form", target="plan"),
    Page("planning:plan_delete", "manage_plans", "action", target="plan"),
    Page("planning:entry_create", "manage_plans", "form", target="plan"),
    Page("planning:entry_edit", "manage_plans", "form", target="entry"),
    Page("planning:entry_delete", "manage_plans", "action", target="entry"),
    Page("planning:calendar_edit", "manage_plans", "form", args=("2027",)),
    Page("planning:capacity_list", "manage_plans"),
    Page("planning:capacity_edit", "manage_plans", "form", target="organisation"),
    Page("planning:run_list", "selections"),
    Page("planning:run_create", "manage_plans", "form"),
    Page("planning:run_detail", "selections", target="run"),
    Page("planning:run_candidates", "selections", target="run"),
    Page("planning:run_export", "selections", "download", target="run", args=("xlsx",)),
    Page("planning:run_reallocate", "manage_plans", "action", target="run"),
    Page("planning:run_publish", "manage_plans", "form", target="run"),
    Page("planning:run_delete", "manage_plans", "action", target="run"),
    Page("planning:candidate_detail", "candidates", target="candidate"),
    Page("planning:candidate_add", "manage_plans", "action", target="candidate"),
    Page("planning:candidate_remove", "manage_plans", "action", target="candidate"),
    Page("planning:candidate_reassign", "manage_plans", "action", target="candidate"),
    Page(
        "planning:followup_reason",
        "candidates",
        "redirect",
        target="planned_followup",
    ),
    # Issue 7: the annual report (its catalogue download is the JSON, the
    # quickest; every format shares the view and its access).
    Page("reporting:annual", "city_reports"),
    Page(
        "reporting:annual_download", "city_reports", "download", args=("2023", "json")
    ),
    # Issue 7: the city's dashboards, and a provider's results (the city's
    # readers see any provider's, a provider user its own).
    Page("reporting:dashboard", "city_reports"),
    Page("reporting:overdue_units", "city_reports"),
    Page("reporting:overdue_deficiencies", "city_reports"),
    Page("reporting:provider_results", "either", target="provider"),
    Page("reporting:provider_followups", "either", target="provider"),
    Page("publishing:list", "publishing"),
    Page("publishing:detail", "publishing", target="followup"),
    Page("publishing:propose", "propose", "action", target="followup"),
    Page("publishing:publish", "publish", "action", target="followup"),
    Page("publishing:decline", "publish", "action", target="followup"),
    Page("publishing:withdraw", "publish", "action", target="followup"),
    # Issue 9: screening campaigns; the provider answers through its personal
    # link without an account (the token is the credential).
    Page("screening:list", "screening"),
    Page("screening:create", "manage_screening", "form"),
    Page("screening:detail", "screening", target="campaign"),
    Page("screening:progress", "screening", "download", target="campaign"),
    Page("screening:edit", "manage_screening", "form", target="draft_campaign"),
    Page("screening:delete", "manage_screening", "form", target="draft_campaign"),
    Page("screening:send", "manage_screening", "action", target="draft_campaign"),
    Page("screening:remind", "manage_screening", "action", target="campaign"),
    Page("screening:close", "manage_screening", "action", target="campaign"),
    Page("screening:triage", "screening", "form", target="campaign"),
    Page("screening:respondent", "screening", target="respondent"),
    Page(
        "screening:respondent_email",
        "manage_screening",
        "action",
        target="respondent",
    ),
    Page(
        "screening:respondent_revoke",
        "manage_screening",
        "action",
        target="respondent",
    ),
    Page(
        "screening:respondent_reissue",
        "manage_screening",
        "action",
        target="respondent",
    ),
    Page("screening:document", "screening", "download", target="screening_document"),
    Page("screening:answer", "public", "form"),
    Page("screening:answer_submit", "public", "action"),
    Page("screening:answer_document", "public", "download"),
    Page("screening:answer_document_remove", "public", "action"),
    Page("accounts:user_list", "manage"),
    Page("accounts:user_invite", "manage", "form"),
    Page("accounts:user_detail", "manage", target="user"),
    Page("accounts:user_history", "manage", target="user"),
    Page("accounts:user_access", "manage", "action", target="user"),
    Page("accounts:user_deactivate", "manage", "action", target="user"),
    Page("accounts:user_reactivate", "manage", "action", target="user"),
    Page("accounts:user_resend", "manage", "action", target="user"),
    Page("accounts:invitation", "public", "form"),
    Page("login", "public", "form"),
    Page("logout", "logged_in", "action"),
    Page("password_change", "logged_in", "form"),
    Page("password_change_done", "logged_in"),
    Page("password_reset", "public", "form"),
    Page("password_reset_done", "public"),
    Page("password_reset_confirm", "public", "form"),
    Page("password_reset_complete", "public"),
    Page("oidc_authentication_init", "public"),
    Page("oidc_authentication_callback", "public"),
    Page("set_language", "public", "action"),
    # Issue 8: the open data and the accessibility statement, in Swedish (at /)
    # and in English (at /en/).
    *(
        entry
        for namespace in ("public", "public_en")
        for entry in (
            Page(f"{namespace}:open_data", "public"),
            Page(f"{namespace}:open_data_csv", "public", "download"),
            Page(f"{namespace}:open_data_json", "public", "download"),
            Page(f"{namespace}:open_data_dcat", "public", "download"),
            Page(f"{namespace}:accessibility", "public"),
        )
    ),
    # Issue 8: the public comparison pages, in Swedish and in English.
    *(
        entry
        for namespace in ("public", "public_en")
        for entry in (
            Page(f"{namespace}:search", "public"),
            Page(f"{namespace}:unit", "public", target="published_unit"),
        )
    ),
]

BY_NAME = {page.name: page for page in PAGES}
