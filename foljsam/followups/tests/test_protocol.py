"""The protocol: answers saved as you go, checked, never lost to a concurrent
save, with evidence files checked before anything is written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import make_user
from foljsam.accounts.roles import Role
from foljsam.core.models import StoredFile
from foljsam.followups import protocol as proto
from foljsam.followups.models import Answer, Evidence
from foljsam.followups.tests.factories import protocol_followup
from foljsam.requirements.models import Question

pytestmark = pytest.mark.django_db


def _questions(followup) -> list[Question]:
    return list(
        Question.objects.filter(version=followup.template_version).order_by(
            "section__position", "position"
        )
    )


def pdf(name: str = "rutin.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )


def test_saving_writes_only_what_changed_and_raises_the_revision(
    district, district_officer
) -> None:
    followup = protocol_followup(organisation=district)
    q1, q2, _q3 = _questions(followup)
    result = proto.protocol_save(
        actor=district_officer,
        followup=followup,
        revision=0,
        answers={
            q1.pk: proto.AnswerInput("yes", "Rutinen är från 2025."),
            q2.pk: proto.AnswerInput("no"),
        },
    )
    assert (result.revision, result.changed) == (1, 2)
    again = proto.protocol_save(
        actor=district_officer,
        followup=followup,
        revision=1,
        answers={q1.pk: proto.AnswerInput("yes", "Rutinen är från 2025.")},
    )
    assert (again.revision, again.changed) == (1, 0)
    stored = {a.question_id: (a.value, a.comment) for a in Answer.objects.all()}
    assert stored == {q1.pk: ("yes", "Rutinen är från 2025."), q2.pk: ("no", "")}
    rows = [r for s in proto.protocol_rows(followup) for r in s.rows]
    assert [r.number for r in rows] == ["1.1", "1.2", "2.1"]
    assert [r.not_met for r in rows] == [False, True, False]


def test_a_save_from_an_older_revision_is_refused_with_what_changed(
    district, district_officer
) -> None:
    followup = protocol_followup(organisation=district)
    q1, q2, _q3 = _questions(followup)
    proto.protocol_save(
        actor=district_officer,
        followup=followup,
        revision=0,
        answers={q1.pk: proto.AnswerInput("partly", "Saknar datum.")},
    )
    with pytest.raises(proto.ProtocolConflict) as conflict:
        proto.protocol_save(
            actor=None,
            followup=followup,
            revision=0,
            answers={q1.pk: proto.AnswerInput("yes"), q2.pk: proto.AnswerInput("yes")},
        )
    assert conflict.value.revision == 1
    [change] = conflict.value.changes
    assert (change.number, change.comment) == ("1.1", "Saknar datum.")
    assert change.by == district_officer.username
    assert Answer.objects.get(question=q1).value == "partly"
    assert not Answer.objects.filter(question=q2).exists()


@pytest.mark.parametrize(
    ("answer_type", "raw", "stored"),
    [
        ("number", "3,5", "3.5"),
        ("number", " 12 ", "12"),
        ("date", "2026-03-14", "2026-03-14"),
        ("text", "  Ja, i pärmen.  ", "Ja, i pärmen."),
    ],
)
def test_values_are_cleaned_by_type(answer_type, raw, stored) -> None:
    question = Question(answer_type=answer_type, choices=[], not_met_answers=[])
    assert proto.clean_value(question, raw) == stored


@pytest.mark.parametrize(
    ("answer_type", "raw"),
    [("number", "tolv"), ("number", "NaN"), ("date", "14/3"), ("yes_no", "kanske")],
)
def test_bad_values_are_refused(answer_type, raw) -> None:
    question = Question(answer_type=answer_type, choices=[], not_met_answers=[])
    with pytest.raises(ValidationError):
        proto.clean_value(question, raw)


def test_one_bad_answer_or_file_writes_nothing(
    district, district_officer, settings, tmp_path
) -> None:
    settings.FOLJSAM_PRIVATE_DIR = tmp_path
    followup = protocol_followup(organisation=district)
    q1, q2, _q3 = _questions(followup)
    with pytest.raises(ValidationError) as refused:
        proto.protocol_save(
            actor=district_officer,
            followup=followup,
            revision=0,
            answers={
                q1.pk: proto.AnswerInput("yes"),
                q2.pk: proto.AnswerInput("kanske"),
            },
            uploads={q1.pk: [pdf()]},
        )
    assert list(refused.value.message_dict) == [f"q-{q2.pk}"]
    with pytest.raises(ValidationError) as refused:
        proto.protocol_save(
            actor=district_officer,
            followup=followup,
            revision=0,
            answers={q1.pk: proto.AnswerInput("yes")},
            uploads={
                q1.pk: [pdf(), SimpleUploadedFile("program.pdf", b"MZ\x90\x00" * 64)]
            },
        )
    assert list(refused.value.message_dict) == [f"q-{q1.pk}-files"]
    assert "program.pdf" in refused.value.message_dict[f"q-{q1.pk}-files"][0]
    assert not Answer.objects.exists() and not Evidence.objects.exists()
    assert not StoredFile.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    followup.refresh_from_db()
    assert followup.protocol_revision == 0


def test_the_protocol_is_closed_before_start_and_after_completion(district) -> None:
    for status in ("assigned", "completed", "shared", "cancelled"):
        followup = protocol_followup(organisation=district, status=status)
        q1 = _questions(followup)[0]
        with pytest.raises(ValidationError):
            proto.protocol_save(
                actor=None,
                followup=followup,
                revision=0,
                answers={q1.pk: proto.AnswerInput("yes")},
            )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(followup, revision: int, answers: dict[int, str]) -> dict[str, object]:
    data: dict[str, object] = {"revision": str(revision)}
    for qid, value in answers.items():
        data[f"q-{qid}-present"] = "1"
        data[f"q-{qid}"] = value
        data[f"q-{qid}-comment"] = ""
    return data


def test_two_officers_in_two_sessions_lose_no_update(district) -> None:
    """Anna and Bo open the same protocol. Anna saves first; Bo's save, made from
    what he saw before, is refused with Anna's change, and his input stays on the
    page. Saving again (deliberately, from the new revision) goes through."""
    anna = make_user("anna", Role.DISTRICT_OFFICER, organisation=district)
    bo = make_user("bo", Role.DISTRICT_OFFICER, organisation=district)
    followup = protocol_followup(organisation=district)
    q1, q2, _q3 = _questions(followup)
    url = reverse("followups:protocol", args=[followup.pk])
    anna_session, bo_session = _client(anna), _client(bo)
    assert anna_session.get(url).context["revision"] == 0
    assert bo_session.get(url).context["revision"] == 0

    saved = anna_session.post(url, _form(followup, 0, {q1.pk: "no"}))
    assert saved.status_code == 302
    refused = bo_session.post(url, _form(followup, 0, {q1.pk: "yes", q2.pk: "yes"}))
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Någon annan sparade protokollet efter att du öppnade det" in page
    assert "sparat av anna" in page
    assert Answer.objects.get(question=q1).value == "no"
    assert not Answer.objects.filter(question=q2).exists()
    # Bo's own input is still in the form, with the revision he has now seen.
    assert refused.context["revision"] == 1
    bo_rows = {
        r.question.pk: r.values
        for _s, rows in refused.context["sections"]
        for r in rows
    }
    assert bo_rows[q1.pk] == ["yes"] and bo_rows[q2.pk] == ["yes"]

    again = bo_session.post(url, _form(followup, 1, {q1.pk: "yes", q2.pk: "yes"}))
    assert again.status_code == 302
    assert Answer.objects.get(question=q1).value == "yes"


def test_autosave_answers_json_and_a_conflict_is_409(
    district, district_officer
) -> None:
    followup = protocol_followup(organisation=district)
    q1 = _questions(followup)[0]
    url = reverse("followups:protocol", args=[followup.pk])
    session = _client(district_officer)
    ok = session.post(
        url, _form(followup, 0, {q1.pk: "yes"}), headers={"X-Foljsam-Autosave": "1"}
    )
    assert ok.status_code == 200 and ok.json()["revision"] == 1
    stale = session.post(
        url, _form(followup, 0, {q1.pk: "no"}), headers={"X-Foljsam-Autosave": "1"}
    )
    assert stale.status_code == 409
    assert stale.json()["conflict"][0]["number"] == "1.1"
    bad = session.post(
        url, _form(followup, 1, {q1.pk: "kanske"}), headers={"X-Foljsam-Autosave": "1"}
    )
    assert bad.status_code == 400 and f"q-{q1.pk}" in bad.json()["errors"]


def test_evidence_is_stored_and_served_only_to_those_who_see_the_followup(
    district, district_officer, other_district_officer, settings, tmp_path
) -> None:
    settings.FOLJSAM_PRIVATE_DIR = tmp_path
    followup = protocol_followup(organisation=district)
    q1 = _questions(followup)[0]
    url = reverse("followups:protocol", args=[followup.pk])
    data = _form(followup, 0, {q1.pk: "yes"})
    data[f"q-{q1.pk}-files"] = pdf("Rutin hot och våld.pdf")
    assert _client(district_officer).post(url, data).status_code == 302
    evidence = Evidence.objects.get()
    assert (
        evidence.question == q1
        and evidence.file.original_name == "Rutin hot och våld.pdf"
    )
    download = reverse("followups:evidence", args=[followup.pk, evidence.pk])
    response = _client(district_officer).get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert _client(other_district_officer).get(download).status_code == 404
    assert not (tmp_path / "static").exists()


def test_the_protocol_page_runs_the_same_queries_for_3_and_for_30_questions(
    district, district_officer, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (3, 30):
        followup = protocol_followup(organisation=district, questions=n)
        questions = _questions(followup)
        proto.protocol_save(
            actor=district_officer,
            followup=followup,
            revision=0,
            answers={q.pk: proto.AnswerInput("no", "x") for q in questions},
        )
        session = _client(district_officer)
        url = reverse("followups:protocol", args=[followup.pk])
        session.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert session.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
