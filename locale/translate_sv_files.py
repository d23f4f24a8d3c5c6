"""Swedish translations of evidence files (core/files.py, issue 6), merged into
``translate_sv.SV``."""

from __future__ import annotations

SV: dict[str, str | list[str]] = {
    # Help text under every file input
    "Accepted: PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, GIF and WebP, at most %(size)s per file. Word and Excel files must not contain macros.": "Tillåtna filtyper: PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, GIF och WebP, högst %(size)s per fil. Word- och Excelfiler får inte innehålla makron.",
    "%(count)d byte": ["%(count)d byte", "%(count)d byte"],
    # Names
    "A file has no name.": "En fil saknar namn.",
    "%(name)s: the file name must not contain a path.": "%(name)s: filnamnet får inte innehålla en sökväg.",
    "%(name)s: the file name must not start with a dot.": "%(name)s: filnamnet får inte börja med en punkt.",
    "%(name)s: the file name contains characters that are not allowed.": "%(name)s: filnamnet innehåller tecken som inte är tillåtna.",
    # Type and content
    "%(name)s: only PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, GIF and WebP files are accepted.": "%(name)s: filtypen tas inte emot. Tillåtna är PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, GIF och WebP.",
    "%(name)s: the content is not a %(kind)s file.": "%(name)s: innehållet är inte en %(kind)s-fil.",
    "%(name)s: the file is empty.": "%(name)s: filen är tom.",
    "%(name)s: the file is larger than %(limit)s.": "%(name)s: filen är större än %(limit)s.",
    "%(name)s: the file is damaged and cannot be read.": "%(name)s: filen är skadad och kan inte läsas.",
    "%(name)s: the file is password-protected or saved in an old Office format. Save it as %(kind)s without a password.": "%(name)s: filen är lösenordsskyddad eller sparad i ett äldre Office-format. Spara den som %(kind)s utan lösenord.",
    # Word and Excel packages
    "%(name)s: the file contains more than %(limit)s parts.": "%(name)s: filen innehåller fler än %(limit)s delar.",
    "%(name)s: the file unpacks to more than %(limit)s.": "%(name)s: filen blir större än %(limit)s när den packas upp.",
    "%(name)s: the file contains macros, which are not accepted. Save it as an ordinary %(kind)s file without macros.": "%(name)s: filen innehåller makron och tas därför inte emot. Spara den som en vanlig %(kind)s-fil utan makron.",
}
