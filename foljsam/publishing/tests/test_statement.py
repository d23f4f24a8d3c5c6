"""The accessibility statement (issue 8): Digg's sections in order, the facts of
``accessibility.STATEMENT`` on the page in both languages, the ways to reach the
city and Digg, a link to it from every page; and some of its known gaps held to
the code, so that the statement changes when they are fixed."""

from __future__ import annotations

import io
import itertools
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from pypdf import PdfReader

from foljsam.findings import report_render
from foljsam.publishing import accessibility
from foljsam.publishing.accessibility import STATEMENT

pytestmark = pytest.mark.django_db

URLS = {"sv": "/tillganglighetsredogorelse/", "en": "/en/tillganglighetsredogorelse/"}

# Digg's model statement, in its order (the msgids of the page's headings).
SECTIONS = [
    "How accessible is the website?",
    "What can you do if you cannot use parts of the website?",
    "Report shortcomings in the website's accessibility",
    "Supervisory authority",
    "Technical information about the website's accessibility",
    "Content that is not accessible",
    "How we tested the website",
]


class Headings(HTMLParser):
    """The page's headings, (level, text), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self._level: int | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._level = int(tag[1])
            self.found.append((self._level, ""))

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._level = None

    def handle_data(self, data: str) -> None:
        if self._level is not None:
            level, text = self.found[-1]
            self.found[-1] = (level, (text + data).strip())


def headings(html: str) -> list[tuple[int, str]]:
    parser = Headings()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_statement_in_diggs_form(client, language) -> None:
    response = client.get(URLS[language])
    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert "public" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    found = headings(html)
    # One h1 first, and no level skipped on the way down.
    assert found[0][0] == 1
    assert [level for level, _text in found].count(1) == 1
    assert all(b <= a + 1 for (a, _x), (b, _y) in itertools.pairwise(found))
    with translation.override(language):
        wanted = [gettext(section) for section in SECTIONS]
        level_two = [text for level, text in found if level == 2]
        assert level_two == [t for t in level_two if t in wanted] == wanted
        assert escape(str(STATEMENT.conformance_text)) in html
        for gap in STATEMENT.gaps:
            assert (3, str(gap.title)) in found
            assert escape(str(gap.description)) in html
            for criterion in gap.criteria:
                assert criterion in html
        assert escape(str(STATEMENT.method)) in html
        for day in (STATEMENT.assessed_on, STATEMENT.updated_on):
            assert formats.date_format(day, "j F Y") in html
    assert f'href="{accessibility.DIGG_REPORT_URL}"' in html
    email = django_settings.FOLJSAM_ACCESSIBILITY_CONTACT_EMAIL
    assert f'href="mailto:{email}"' in html
    assert escape(django_settings.FOLJSAM_PUBLISHER_NAME) in html
    assert f'href="{URLS[language]}" aria-current="page"' in html


def test_the_contact_details_come_from_the_settings(client, settings) -> None:
    settings.FOLJSAM_ACCESSIBILITY_CONTACT_EMAIL = "webb@kommun.example"
    settings.FOLJSAM_ACCESSIBILITY_CONTACT_PHONE = "08-123 456 00"
    html = client.get(URLS["sv"]).content.decode()
    assert 'href="mailto:webb@kommun.example"' in html
    assert "08-123 456 00" in html
    settings.FOLJSAM_ACCESSIBILITY_CONTACT_PHONE = ""
    html = client.get(URLS["en"]).content.decode()
    assert "Telephone" not in html


def test_the_dates_are_in_order_and_not_in_the_future() -> None:
    today = timezone.localdate()
    assert STATEMENT.published_on <= STATEMENT.updated_on <= today
    assert STATEMENT.assessed_on <= STATEMENT.updated_on
    assert STATEMENT.conformance in {
        accessibility.FULLY,
        accessibility.PARTLY,
        accessibility.NOT,
    }
    # Known gaps and "fully compliant" do not go together.
    assert (STATEMENT.conformance == accessibility.FULLY) == (not STATEMENT.gaps)


def test_the_pdf_gap_is_listed_while_the_pdfs_are_untagged() -> None:
    """Every PDF the service makes goes through ``html_to_pdf``: the statement
    lists untagged PDFs as a gap exactly when what it makes has no structure
    tree."""
    pdf = report_render.html_to_pdf(
        "<!doctype html><html lang='sv'><head><title>Rapport</title></head>"
        "<body><h1>Rubrik</h1><table><tr><th>A</th></tr><tr><td>1</td></tr>"
        "</table></body></html>"
    )
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    tagged = "/StructTreeRoot" in root and bool(
        root.get("/MarkInfo", {}).get("/Marked")
    )
    assert ("pdf" in {gap.key for gap in STATEMENT.gaps}) is not tagged
    assert tagged  # PDF/UA-1 since issue 8
    assert root["/Lang"] == "sv"


def test_the_session_gap_is_listed_while_sessions_time_out_without_warning() -> None:
    times_out = (
        "foljsam.accounts.middleware.SessionTimeoutMiddleware"
        in django_settings.MIDDLEWARE
    )
    assert ("session" in {gap.key for gap in STATEMENT.gaps}) is times_out


def test_every_page_links_to_the_statement(client, coordinator) -> None:
    """Digg: reachable from every page, e.g. in the footer; logged in or not."""
    client.force_login(coordinator)
    assert 'href="/tillganglighetsredogorelse/"' in client.get("/").content.decode()
    client.logout()
    login = client.get("/accounts/login/").content.decode()
    assert 'href="/tillganglighetsredogorelse/"' in login
    for url in ("/jamfor/oppna-data/", "/en/jamfor/oppna-data/"):
        html = client.get(url).content.decode()
        prefix = "/en" if url.startswith("/en") else ""
        assert f'href="{prefix}/tillganglighetsredogorelse/"' in html
