"""Deliberation records: one row per deliberation, or per agenda item of a session report.

Three layouts are read:
  * one deliberation per document (Montpellier 2014): ACTES id, "n° 2014 / 155", session,
    prefecture stamps, "Monsieur X rapporte :", the decision, the signatory;
  * a session report with one line per item (Montpellier 2011): "Max LEVITA 1 Compte
    administratif …", "Pour : 45", "Contre : 11 (…)", "Adopté à l'unanimité";
  * small-commune minutes (Couthenans): "2/ Travaux sylvicoles … :", "15 pour",
    "11 votes pour 2 abstentions", "ADOPTÉ à l'unanimité".
Fields follow the SCDL deliberations schema where it has one (see ../shared/docs).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from pipeline.extract.dates import DateMention

ACTES = re.compile(r"(?<![\w-])(\d\s?\d\s?\d)-(\d{9})-(20\d{6}|19\d{6})-([A-Za-z0-9_]{1,30})-(DE|AI|AR|CC|AU|PA|AA|AE)(?![\w-])")
ACTES_LIKE = re.compile(r"[\[\]\w|]{3,4}-\d{9}-\d{8}-\w+-\w{2}")
NUMBER = re.compile(r"\bn[°o]\s*(\d{4})\s*[/-]\s*(\d{1,5})\b", re.I)
COLLECTIVITE = re.compile(
    r"\b(?:Conseil\s+Municipal\s+de\s+la\s+|CONSEIL MUNICIPAL DE LA\s+)?(?P<kind>Ville|Commune|COMMUNE|VILLE)\s+(?:de|DE|d['’])\s*"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ -][A-ZÀ-ÖØ-Þa-zà-ÿ][\w'’-]*){0,3}?)(?=[\s,.;:)]|$)")
RAPPORTEUR = re.compile(r"\b(?P<who>(?:Monsieur|Madame|M\.|Mme)\s+(?:le\s+Maire|(?:[A-ZÀ-ÖØ-Þ][\w'’-]*\s?){1,4}?))\s*rapporte\b")
SIGNATORY = re.compile(
    r"(?:Pour extrait conforme,?\s*)?(?:Monsieur|Madame)?\s*(?:le|Le|LE)\s+(?:Maire|MAIRE)\s*,?\s*\n+\s*(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ -][A-ZÀ-ÖØ-Þ][\w'’-]+){1,3})\s*(?:\n|$)")
VOTE = re.compile(
    r"(?P<pour>\bpour\s*:\s*(?P<n_pour>\d{1,3}))"
    r"|(?P<contre>\bcontre\s*:\s*(?P<n_contre>\d{1,3}))"
    r"|(?P<abst>\babstentions?\s*:\s*(?P<n_abst>\d{1,3}))"
    r"|(?P<pour2>(?<![\w/])(?P<n_pour2>\d{1,3})\s*(?:votes?|voix)?\s*pour\b)"
    r"|(?P<contre2>(?<![\w/])(?P<n_contre2>\d{1,3})\s*(?:votes?|voix)?\s*contre\b)"
    r"|(?P<abst2>(?<![\w/])(?P<n_abst2>\d{1,3})\s*abstentions?\b)"
    r"|(?P<pour3>(?m:^)[ \t]*(?P<n_pour3>\d{1,3})\s+(?:votes?|voix)[ \t]*\.?[ \t]*(?m:$))"
    r"|(?P<result>\b(?:adopt[ée]+s?|approuv[ée]+s?|rejet[ée]+s?|ajourn[ée]+s?|retir[ée]+s?)\b[^\n.;]{0,40}"
    r"|\bà\s+l['’]unanimité\b|\ble\s+conseil\s+(?:municipal\s+)?adopte\b)",
    re.I,
)
ITEM_HEADER = re.compile(
    r"(?m)^[ \t]*(?P<rapp>(?:M(?:me|r|\.)?|Mme|M[°\"'*]+\S*|[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’]+)?)"
    r"(?:\s+(?:le\s+Maire|[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+)*))?\s+)?"
    r"(?P<num>\d{1,3})\s*[./)]?\s+(?P<objet>[A-ZÀ-ÖØ-Þ«\"“(].+)$")
COMMUNE_ITEM = re.compile(r"(?m)^[ \t]*(?P<num>\d{1,3})\s*[/)]\s*(?P<objet>\S.*?)\s*:?\s*$")
PROCEDURAL = re.compile(r"(entre(?:nt)?|sort(?:ent)?)\s+(?:en|de)\s+séance|procuration|^\s*$", re.I)


@dataclass
class Deliberation:
    collectivite: str | None = None
    session_date: str | None = None
    number: str | None = None
    actes_id: str | None = None
    objet: str | None = None
    rapporteur: str | None = None
    prefecture_sent: str | None = None
    prefecture_received: str | None = None
    vote_pour: int | None = None
    vote_contre: int | None = None
    vote_abstention: int | None = None
    result: str | None = None
    signatory: str | None = None
    char_start: int = 0
    char_end: int = 0
    layout: str | None = None  # the reader that found it: single_act, session_report, minutes
    confidence: float | None = None  # 0-1, from the checks of validate()
    needs_review: bool | None = None
    issues: list[str] = field(default_factory=list)  # the checks it failed, in words

    def to_json(self) -> dict:
        return asdict(self)


def _first(dates: list[DateMention], role: str) -> str | None:
    for d in dates:
        if d.role == role and d.precision == "day":
            return d.start
    return None


def _collectivite(text: str) -> str | None:
    m = COLLECTIVITE.search(text[:6000])
    if not m:
        return None
    kind = m.group("kind").capitalize()
    return f"{kind} de {m.group('name').strip()}"


def _vote_blocks(text: str) -> list[tuple[int, int, dict]]:
    """Runs of vote counts and decisions close to each other: one block per decision."""
    blocks: list[list] = []
    for m in VOTE.finditer(text):
        between = re.sub(r"\([^()\n]*\)", "", text[blocks[-1][1]:m.start()]) if blocks else ""
        if blocks and m.start() - blocks[-1][1] <= 80 and re.fullmatch(r"[\s.,;:•-]*", between):
            blocks[-1][1] = m.end()
            blocks[-1][2].append(m)
        else:
            blocks.append([m.start(), m.end(), [m]])
    out = []
    for s, e, matches in blocks:
        v: dict = {}
        for m in matches:
            g = m.groupdict()
            for key, name in (("n_pour", "pour"), ("n_pour2", "pour"), ("n_pour3", "pour"), ("n_contre", "contre"), ("n_contre2", "contre"),
                              ("n_abst", "abstention"), ("n_abst2", "abstention")):
                if g.get(key) and name not in v:
                    v[name] = int(g[key])
            if g.get("result") and "result" not in v:
                v["result"] = " ".join(g["result"].lower().split()).strip(" ,")
        if "pour" in v or "contre" in v or "result" in v:
            out.append((s, e, v))
    return out


def _starts_new_item(between: str) -> bool:
    return bool(ITEM_HEADER.search(between) or COMMUNE_ITEM.search(between))


def _result(v: dict) -> str | None:
    """The decision in canonical words: adopté / rejeté / retiré / ajourné, with "à l'unanimité"
    or "à la majorité" when the text says so."""
    r = v.get("result")
    if r:
        family = "adopté"
        for stem, name in (("rejet", "rejeté"), ("retir", "retiré"), ("ajourn", "ajourné")):
            if r.startswith(stem):
                family = name
        if "unanimit" in r:
            return f"{family} à l'unanimité"
        if "majorit" in r:
            return f"{family} à la majorité"
        return family
    if "pour" in v:
        return "adopté" if v["pour"] > v.get("contre", 0) else "rejeté"
    return None


def _title_before(text: str, end: int) -> str | None:
    """For a one-deliberation document: the subject lines before "X rapporte :"."""
    head = text[:end]
    lines = [ln.strip() for ln in head.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    title: list[str] = []
    for ln in reversed(lines):
        if not ln:
            if title:
                break
            continue
        if re.search(r"Absents?\s*:|Présents\s*:|procuration", ln):
            break
        title.insert(0, ln)
    return " ".join(title) or None


def _single(text: str, dates: list[DateMention]) -> Deliberation:
    d = Deliberation(char_start=0, char_end=len(text))
    m = ACTES.search(text)
    if m:
        d.actes_id = re.sub(r"\s", "", m.group())
    n = NUMBER.search(text)
    if n:
        d.number = f"{n.group(1)}/{n.group(2)}"
    r = RAPPORTEUR.search(text)
    if r:
        d.rapporteur = " ".join(r.group("who").split())
    objet_m = re.search(r"(?i)\bobjet\s*:\s*(.+)", text)
    if objet_m:
        d.objet = " ".join(objet_m.group(1).split())
    elif r:
        d.objet = _title_before(text, r.start())
    blocks = _vote_blocks(text[r.end():] if r else text)
    if blocks:
        _, _, v = blocks[-1]
        d.vote_pour, d.vote_contre, d.vote_abstention = v.get("pour"), v.get("contre"), v.get("abstention")
        d.result = _result(v)
    s = None
    for s in SIGNATORY.finditer(text):
        pass
    if s:
        d.signatory = s.group("name")
    return d


def _plausible_header(text: str, m: re.Match, offset: int = 0) -> bool:
    """A numbered agenda line: "Max LEVITA 1 …", "Mme le Maire 2 …", "3 …", or a first name
    whose surname OCR put on the next line ("Frédéric 4 …" / "TSITSONIS")."""
    rapp = m.group("rapp")
    if not rapp:
        return True
    prefix = m.group(0)[: m.start("num") - m.start()].strip()
    if re.search(r"le\s+Maire$|[A-ZÀ-ÖØ-Þ]{3,}", prefix) or re.match(r"M\S{0,4}$", prefix):
        return True
    line_end = text.find("\n", offset + m.end())
    nxt = text[line_end + 1: line_end + 41] if line_end >= 0 else ""
    return bool(re.match(r"\s*[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{2,}\b", nxt))


def _items(text: str, blocks) -> list[Deliberation]:
    out = []
    commune_style = bool(COMMUNE_ITEM.search(text))
    prev_end = 0
    current_num = None
    for s, e, v in blocks:
        region = text[prev_end:s]
        header = None
        if not commune_style:
            for cand in ITEM_HEADER.finditer(region):
                if _plausible_header(text, cand, prev_end):
                    header = cand
        commune = None
        for commune in COMMUNE_ITEM.finditer(region):
            pass
        d = Deliberation(char_start=prev_end, char_end=e)
        if header and (not commune or header.start() >= commune.start()):
            d.char_start = prev_end + header.start()
            d.number = header.group("num")
            rapp = header.group("rapp")
            objet_lines = [header.group("objet").strip()]
            rest = region[header.end():].splitlines()
            for ln in rest:
                ln = ln.strip()
                if not ln or PROCEDURAL.search(ln):
                    continue
                cap = re.match(r"([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{2,})\b\s*(.*)", ln)
                if cap and rapp and not re.search(r"[A-ZÀ-ÖØ-Þ]{3,}", header.group(0).split(header.group("num"))[0]):
                    rapp = f"{rapp} {cap.group(1)}"
                    ln = cap.group(2)
                if ln:
                    objet_lines.append(ln)
            d.objet = " ".join(" ".join(objet_lines).split())
            prefix = header.group(0)[: header.start("num") - header.start()].strip()
            d.rapporteur = " ".join(prefix.split()) or None
            if rapp and d.rapporteur and rapp.startswith(d.rapporteur.split()[0]) and len(rapp) > len(d.rapporteur):
                d.rapporteur = " ".join(rapp.split())
            d.rapporteur = _mayor(d.rapporteur)
            if d.rapporteur and re.fullmatch(r"[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+", d.rapporteur):
                # a first name whose surname the layout put on the next line ("Frédéric" / "TSITSONIS")
                line_end = text.find("\n", prev_end + header.start())
                nxt = re.match(r"\s*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{2,})\b", text[line_end + 1:line_end + 60]) if line_end >= 0 else None
                if nxt:
                    d.rapporteur = f"{d.rapporteur} {nxt.group(1)}"
        else:
            if commune:
                d.char_start = prev_end + commune.start()
                current_num = commune.group("num")
                title = commune.group("objet").strip()
                lines_after = [ln.strip() for ln in region[commune.end():].splitlines() if ln.strip()]
            else:
                title = None
                lines_after = [ln.strip() for ln in region.splitlines() if ln.strip()]
            d.number = current_num
            candidates = [ln for ln in lines_after if not PROCEDURAL.search(ln)]
            vote_line = [ln for ln in candidates if re.match(r"(?i)vote\b", ln)]
            if vote_line:
                d.objet = vote_line[-1].rstrip(" :")
            else:
                d.objet = title or (candidates[-1].rstrip(" :") if candidates else None)
            if d.objet and not commune:
                at = region.rfind(d.objet.split(" :")[0][:30])
                d.char_start = prev_end + max(at, 0)
            mayor = re.match(r"(M\S{0,4}|Madame|Monsieur)\s+le\s+Maire\s+(.+)", d.objet or "")
            if mayor:
                d.rapporteur, d.objet = _mayor(mayor.group(1) + " le Maire"), mayor.group(2)
        d.vote_pour, d.vote_contre, d.vote_abstention = v.get("pour"), v.get("contre"), v.get("abstention")
        d.result = _result(v)
        if d.result == "retiré" and (d.objet or "").strip() in ("", "Affaire", "Question", "Point"):
            d.objet = f"{(d.objet or 'Affaire').strip()} retirée"  # "Affaire retirée" is the whole item
        out.append(d)
        prev_end = e
    return out


def _mayor(who: str | None) -> str | None:
    """OCR reads the superscript of "Mme" as M"", M°", M"* …: give the title back."""
    if who and re.match(r"M\S{1,4}\s+le\s+Maire$", who) and not who.startswith(("Mme", "M.")):
        return "Mme le Maire"
    return who


def find_deliberations(text: str, dates: list[DateMention]) -> list[Deliberation]:
    text = text.replace("\f", "\n")  # same length: offsets stay valid
    collectivite = _collectivite(text)
    # the session: a date the text calls so, or a dated heading ("CR du conseil municipal 09 avril 2021")
    session = _first(dates, "session") or next(
        (d.start for d in dates if d.precision == "day" and d.char_start < 300 and d.role is None), None)
    sent, received = _first(dates, "transmission"), _first(dates, "reception")
    blocks = _vote_blocks(text)
    decides = re.search(r"\b(?:DÉCIDE|DECIDE|décide|après en avoir délibéré)\b", text)
    single = (bool(ACTES.search(text) or ACTES_LIKE.search(text[:3000]) or RAPPORTEUR.search(text)) and len(blocks) <= 2
              or (decides is not None and not blocks))
    records = [_single(text, dates)] if single else _items(text, blocks)
    for d in records:
        d.collectivite = d.collectivite or collectivite
        d.session_date = d.session_date or session
        d.prefecture_sent = d.prefecture_sent or sent
        d.prefecture_received = d.prefecture_received or received
    return records
