"""Generate three realistic, harder-than-tests PDF reports for probing kg's PDF ingest.

All people and organisations are invented.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem, NextPageTemplate,
                                PageBreak, PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

OUT = Path(__file__).resolve().parents[1] / "reports"
OUT.mkdir(parents=True, exist_ok=True)
SHY = "\u00ad"

ss = getSampleStyleSheet()


# ------------------------------------------------------------------ page-count canvas ("Page 2 of 4")
def make_numbered_canvas(header: str, font: str = "Helvetica"):
    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(n)
                super().showPage()
            super().save()

        def _decorate(self, total):
            w, h = A4
            self.saveState()
            self.setFont(font + "-Oblique" if font == "Helvetica" else font, 8.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(2.2 * cm, h - 1.4 * cm, header)
            self.setStrokeColor(colors.HexColor("#1f5fa0"))
            self.setLineWidth(0.6)
            self.line(2.2 * cm, h - 1.55 * cm, w - 2.2 * cm, h - 1.55 * cm)
            self.setFont(font, 8.5)
            self.drawRightString(w - 2.2 * cm, 1.2 * cm, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas



def tuned(variants, style, width, targets):
    """Pick the first variant whose wrapped lines break inside every target word (at its soft hyphen)."""
    for v in variants:
        p = Paragraph(v, style)
        p.wrap(width, 10000)
        ends = [" ".join(l[1]) if isinstance(l, tuple) else "" for l in p.blPara.lines]
        if all(any(e.rstrip().endswith(t + "-") for e in ends) for t in targets):
            return p
    raise SystemExit(f"no variant breaks {targets}")

# ====================================================================== report 1
def report1():
    path = OUT / "igf2025_mag_vm5_summary.pdf"
    body = ParagraphStyle("body", parent=ss["BodyText"], fontName="Helvetica", fontSize=10.5, leading=13.5,
                          alignment=TA_JUSTIFY, embeddedHyphenation=1, spaceAfter=6)
    h1 = ParagraphStyle("h1", parent=ss["Heading1"], fontName="Helvetica-Bold", fontSize=15, leading=18,
                        textColor=colors.HexColor("#1f5fa0"))
    h2 = ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=11.5, leading=14,
                        spaceBefore=8, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
    cellb = ParagraphStyle("cellb", parent=cell, fontName="Helvetica-Bold", textColor=colors.white)

    S = []
    S.append(Paragraph("IGF 2025 Multistakeholder Advisory Group (MAG)", h1))
    S.append(Paragraph("Summary of the 5th Virtual Meeting", h2))
    S.append(Paragraph("12 March 2025 | 13:00 – 15:00 UTC | Zoom", body))
    S.append(Spacer(1, 6))
    S.append(Paragraph(
        "The fifth virtual meeting of the IGF 2025 MAG was convened by the MAG Chair, Ms. Ingrid Halvorsen, "
        "and attended by 24 MAG members and observers. The meeting was held under the Chatham House Rule "
        "for observers; MAG members are named where they spoke. This summary was prepared by the IGF "
        f"Secretariat and reflects the main points of a lively and genuinely multi{SHY}stakeholder exchange.", body))
    S.append(Paragraph("Agenda", h2))
    agenda = [
        "Adoption of the agenda",
        "Updates from the IGF Secretariat",
        "WSIS+20 review and the future of the IGF mandate",
        "Preparations for the IGF 2025 main sessions",
        "Intersessional work and the Policy Network on Artificial Intelligence",
        "Any other business",
    ]
    S.append(ListFlowable([ListItem(Paragraph(a, body)) for a in agenda], bulletType="1", bulletFormat="%s.",
                          leftIndent=18))
    S.append(Paragraph("Discussion", h2))
    S.append(Paragraph("1. Adoption of the agenda", h2))
    S.append(Paragraph(
        "The Chair welcomed participants and recalled that the agenda had been circulated to the MAG mailing "
        "list a week in advance. The agenda was adopted without changes. Ms. Halvorsen thanked the outgoing "
        "members of the working groups for their contribution to the preparatory phase.", body))
    S.append(Paragraph("2. Updates from the IGF Secretariat", h2))
    S.append(Paragraph(
        "Mr. Oleksandr Kravchenko of the IGF Secretariat reported that the call for session proposals would "
        "open in the second half of March and that the registration platform would be launched together "
        "with the call for travel support. He noted that the host country had completed the security "
        "assessment and that the safety of IGF participants remained a priority for the Secretariat.", body))
    W = A4[0] - 4.4 * cm - 12  # frame padding
    S.append(tuned([
        f"Responding to a question {q}about {r}, Ms. Thandiwe Vermeu{SHY}len "
        "asked whether the Secretariat could publish the criteria earlier than in previous years, since "
        "colleagues from least developed countries needed more time to arrange visas. Mr. Kravchenko replied "
        "that the criteria would be published with the call."
        for q in ("", "from the floor ", "from a member ", "raised in the chat ", "from an observer ",
                  "from several members ", "from the host ", "raised earlier ", "raised in the chat by an observer ",
                  "from the floor and in the chat ", "put by several members ", "put by an observer in the chat ",
                  "put to the Secretariat ", "put to the Secretariat by observers ")
        for r in ("the travel support programme", "travel support", "the travel grants", "the 2025 travel support",
                  "the travel support scheme", "the funding of travel", "support for travel", "travel funding")],
        body, W, ["Vermeu"]))
    S.append(Paragraph("3. WSIS+20 review and the future of the IGF mandate", h2))
    S.append(tuned([pre +
        "Mr. Kwame Asante-Boateng noted that the WSIS+20 review would conclude at the General Assembly in "
        "December and that the MAG had a narrow window to contribute to the Elements Paper. He stressed "
        "that the community should argue for a permanent mandate of the IGF rather than another ten-year "
        f"renewal, and that the {adj}multi{SHY}stakeholder model should be explicitly recognised in the outcome "
        "document. He also recalled the NETmundial+10 guidelines as a useful reference."
        for adj in ["", "open ", "inclusive ", "bottom-up ", "hard-won ", "well-established ", "distributed ",
                    "open and inclusive ", "hard-won and widely praised ", "well-established bottom-up ",
                    "distributed and inclusive ", "widely praised but still fragile ", "genuinely open "]
        for pre in ("", "Opening the item, ", "Introducing the item, ", "As lead discussant, ", "First, ",
                    "Opening the discussion, ", "To start, ", "Speaking first, ")], body, W, ["multi"]))
    S.append(tuned([pre +
        f"Ms. Vermeu{SHY}len agreed and added that the Global Digital Compact (GDC) implementation should be "
        "linked to the IGF rather than creating parallel structures. She observed that many governments "
        "were unsure how the GDC follow-up and the WSIS+20 process would interact, and proposed that the "
        "MAG prepare a short briefing note for Permanent Missions in New York and Geneva."
        for pre in [f"After the Chair had summarised the {a}comments and invited {b}views from members, "
                    for a in ("", "first ", "many ", "initial ", "first round of ", "numerous ")
                    for b in ("", "further ", "other ", "additional ", "any further ", "more ")]],
        body, W, ["Vermeu"]))
    S.append(Paragraph(
        "Ms. Lucía Ordóñez Ferrer cautioned that the briefing should not only address governments. In her "
        "view, the national and regional initiatives (NRIs) were the most effective channel to reach "
        "stakeholders who did not follow the New York negotiations, and the NRI coordinators should be "
        "invited to co-author the note.", body))
    S.append(Paragraph("4. Preparations for the IGF 2025 main sessions", h2))
    S.append(Paragraph(
        "Mr. Rohan Deshpande presented the proposal of the main sessions working group for a session on AI "
        "governance, which would bring together developers, regulators and affected communities. He noted "
        "that the session should look at concrete accountability mechanisms rather than general principles. "
        "Several members supported the idea; Ms. Tan suggested that the session draw on the outputs of the "
        "Policy Network on Artificial Intelligence (PNAI).", body))
    S.append(Paragraph(
        "Ms. Halvorsen proposed that a second main session address meaningful access and digital inclusion, "
        "building on the findings of the Policy Network on Meaningful Access. The proposal was welcomed.", body))
    S.append(Paragraph("5. Intersessional work and the Policy Network on Artificial Intelligence", h2))
    S.append(Paragraph(
        "Ms. Mei-Ling Tan, speaking as co-facilitator of the PNAI, reported that the network had formed three "
        "subgroups and would publish a draft report on AI liability in June. She invited MAG members to "
        "join the subgroups and noted that Dynamic Coalitions had also been invited to contribute.", body))
    S.append(Paragraph("6. Any other business", h2))
    S.append(Paragraph(
        "Mr. Søren Bjørnstad informed the MAG that the next meeting of the Working Group on WSIS+20 "
        "Engagement would take place on 14 February 2025 and invited interested members to attend. The Chair "
        "closed the meeting at 15:02 UTC.", body))
    S.append(Spacer(1, 10))
    S.append(Paragraph("Annex: List of participants", h2))
    rows = [
        ("Ingrid Halvorsen", "Government", "Ministry of Digital Affairs, Norway (MAG Chair)"),
        ("Kwame Asante-Boateng", "Technical community", "Pan-African Network Operators Group"),
        ("Thandiwe Vermeulen", "Civil society", "Digital Futures Trust"),
        ("Lucía Ordóñez Ferrer", "Civil society", "Fundación Red Abierta"),
        ("Rohan Deshpande", "Private sector", "Meridian Telecom"),
        ("Mei-Ling Tan", "Technical community", "Asia Pacific Registry Forum"),
        ("Søren Bjørnstad", "Government", "Danish Agency for Digital Government"),
        ("Amara Nwachukwu", "Private sector", "Lagos Cloud Exchange"),
        ("Françoise Lemaître", "Intergovernmental organisation", "Council for Digital Economies"),
        ("Hamid Rezaei", "Civil society", "Open Networks Collective"),
        ("Beatriz Carvalho", "Government", "Ministry of Science, Technology and Innovation, Brazil"),
        ("Tomasz Zielinski", "Technical community", "Central European Internet Exchange"),
        ("Nadia Haddad", "Civil society", "Arab Digital Rights Lab"),
        ("Pieter de Waal", "Private sector", "Noordzee Data Centres B.V."),
        ("Grace Wanjiru Mwangi", "Civil society", "Kenya Online Freedom Network"),
        ("Hiroshi Nakamura", "Technical community", "Japan Network Research Institute"),
        ("Elena Petrovska", "Government", "Ministry of Information Society, North Macedonia"),
        ("Daniel Okafor", "Private sector", "Sahel Mobile Holdings"),
        ("Isabel Fuentes Rojas", "Academia", "Universidad del Pacífico Sur"),
        ("Aditi Rao", "Civil society", "Women in Digital Policy Network"),
        ("Marcus Lindqvist", "Technical community", "Nordic DNS Operators Association"),
        ("Fatima Zahra Benali", "Intergovernmental organisation", "Regional Telecommunications Union"),
        ("Oleksandr Kravchenko", "IGF Secretariat", "United Nations"),
        ("Chiara Bellandi", "IGF Secretariat", "United Nations"),
    ]
    data = [[Paragraph(h, cellb) for h in ("Name", "Stakeholder group", "Organisation")]]
    data += [[Paragraph(c, cell) for c in r] for r in rows]
    t = Table(data, colWidths=[4.4 * cm, 4.0 * cm, 8.2 * cm], repeatRows=1)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f5fa0")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef3f9")]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    S.append(t)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm,
                            topMargin=2.3 * cm, bottomMargin=2.0 * cm,
                            title="IGF 2025 MAG - Summary of the 5th Virtual Meeting")
    doc.build(S, canvasmaker=make_numbered_canvas("IGF 2025 MAG — Summary of the 5th Virtual Meeting"))
    return path


# ====================================================================== report 2 (two columns)
def report2():
    path = OUT / "wg_hybrid_minutes_14.pdf"
    w, h = A4
    margin = 1.8 * cm
    gap = 0.8 * cm
    colw = (w - 2 * margin - gap) / 2
    body = ParagraphStyle("b2", fontName="Times-Roman", fontSize=10, leading=12.2, alignment=TA_JUSTIFY,
                          spaceAfter=5)
    h2 = ParagraphStyle("h2b", fontName="Times-Bold", fontSize=11, leading=13, spaceBefore=6, spaceAfter=3)
    title = ParagraphStyle("t2", fontName="Times-Bold", fontSize=16, leading=19, alignment=TA_CENTER)
    sub = ParagraphStyle("s2", fontName="Times-Italic", fontSize=11, leading=14, alignment=TA_CENTER)
    cell = ParagraphStyle("c2", fontName="Times-Roman", fontSize=8.5, leading=10)
    cellb = ParagraphStyle("c2b", parent=cell, fontName="Times-Bold")

    def deco(c, d):
        c.saveState()
        c.setFont("Times-Italic", 8)
        c.drawString(margin, h - 1.1 * cm, "MAG Working Group on Hybrid Participation — Minutes")
        c.drawRightString(w - margin, 1.0 * cm, str(d.page))
        c.restoreState()

    title_h = 3.0 * cm
    top = h - margin
    f_title = Frame(margin, top - title_h, w - 2 * margin, title_h, id="title", showBoundary=0)
    f_l1 = Frame(margin, margin, colw, top - title_h - margin, id="l1")
    f_r1 = Frame(margin + colw + gap, margin, colw, top - title_h - margin, id="r1")
    f_l = Frame(margin, margin, colw, top - margin, id="l")
    f_r = Frame(margin + colw + gap, margin, colw, top - margin, id="r")
    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate("first", [f_title, f_l1, f_r1], onPage=deco),
                          PageTemplate("later", [f_l, f_r], onPage=deco)])
    S = [NextPageTemplate("later")]
    S.append(Paragraph("MAG Working Group on Hybrid Participation", title))
    S.append(Paragraph("Minutes of Meeting 14 — 27 January 2025, 14:00 UTC (virtual)", sub))
    S.append(FrameBreak())
    S.append(Paragraph("Attendees", h2))
    att = ["Mei-Ling Tan (co-facilitator)", "Rohan Deshpande (co-facilitator)", "Lucia Ordonez",
           "Kwame Asante-Boateng", "Amara Nwachukwu", "Hiroshi Nakamura", "Valentina Morales Paz",
           "Chiara Bellandi (IGF Secretariat)"]
    S.append(ListFlowable([ListItem(Paragraph(a, body), value="•") for a in att], bulletType="bullet",
                          start="•", leftIndent=12))
    S.append(Paragraph("Agenda", h2))
    agenda = ["Welcome and review of action items",
              "Lessons learned from hybrid participation at IGF 2024",
              "Draft guidelines for remote moderators",
              "Youth engagement in hybrid sessions",
              "Next steps and AOB"]
    S.append(ListFlowable([ListItem(Paragraph(a, body)) for a in agenda], bulletType="1", bulletFormat="%s.",
                          leftIndent=14))
    S.append(Paragraph("1. Welcome and review of action items", h2))
    S.append(Paragraph(
        "Mei-Ling opened the meeting and reviewed the action items from the previous call. All items were "
        "closed except the survey of remote hubs, which Chiara confirmed would be sent out this week.", body))
    S.append(Paragraph("2. Lessons learned from hybrid participation at IGF 2024", h2))
    S.append(Paragraph(
        "Chiara Bellandi presented the Secretariat's statistics on online participation at the annual "
        "meeting: remote participants made up almost forty per cent of speakers in workshops, but only a "
        "small share in main sessions. Rohan noted that connectivity problems were still the main barrier "
        "for remote speakers from the Global South, and that meaningful access should be treated as a "
        "precondition for hybrid participation rather than an afterthought.", body))
    S.append(Paragraph(
        "Lucia observed that remote hubs organised by NRIs had worked best where a local moderator had been "
        "trained in advance. She suggested that the working group cooperate with the NRI focal points on a "
        "short training module.", body))
    S.append(Paragraph("3. Draft guidelines for remote moderators", h2))
    S.append(Paragraph(
        "Kwame introduced the draft guidelines, which cover the order of interventions, captioning, and the "
        "handling of the online queue. He proposed that the guidelines be annexed to the Code of Conduct "
        "so that session organisers treat them as binding. Amara supported the proposal but warned that "
        "the guidelines should remain short enough to be read by busy organisers.", body))
    S.append(Paragraph(
        "Hiroshi asked whether the guidelines would apply to the High-Level track sessions. Mei-Ling replied "
        "that this would need to be discussed with the host country.", body))
    S.append(Paragraph("4. Youth engagement in hybrid sessions", h2))
    S.append(Paragraph(
        "Valentina Morales Paz reported on the IGF Youth Track and proposed that each main session reserve "
        "one online intervention slot for a youth participant. The working group agreed to bring the "
        "proposal to the MAG.", body))
    S.append(Paragraph("5. Next steps and AOB", h2))
    S.append(Paragraph(
        "The next meeting will take place on 10 February 2025 at 14:00 UTC. Ms. Ordoñez asked that the "
        "time slot rotate for colleagues in the Americas.", body))
    S.append(Paragraph("Action items", h2))
    acts = [("Circulate the survey of remote hubs", "Chiara Bellandi", "31 January 2025"),
            ("Revise the draft guidelines for remote moderators", "Kwame Asante-Boateng", "7 February 2025"),
            ("Contact NRI focal points on a moderator training module", "Lucia Ordonez", "10 February 2025"),
            ("Present the youth slot proposal to the MAG", "Mei-Ling Tan", "12 March 2025")]
    data = [[Paragraph(x, cellb) for x in ("Action", "Owner", "Due")]]
    data += [[Paragraph(x, cell) for x in r] for r in acts]
    t = Table(data, colWidths=[colw * 0.5, colw * 0.28, colw * 0.22], repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")),
                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    S.append(t)
    doc.build(S)
    return path


# ====================================================================== report 3 (title page, TOC, footnotes)
class FootnoteDoc(BaseDocTemplate):
    def __init__(self, fn, notes_by_page, **kw):
        super().__init__(fn, **kw)
        self.notes_by_page = notes_by_page
        w, h = A4
        self.addPageTemplates([
            PageTemplate("title", [Frame(2.5 * cm, 2.5 * cm, w - 5 * cm, h - 5 * cm, id="t")]),
            PageTemplate("body", [Frame(2.5 * cm, 4.2 * cm, w - 5 * cm, h - 6.7 * cm, id="b")],
                         onPage=self.decorate),
        ])

    def afterFlowable(self, flowable):
        if isinstance(flowable, Paragraph) and getattr(flowable, "_toc_level", None) is not None:
            self.notify("TOCEntry", (flowable._toc_level, flowable.getPlainText(), self.page))

    def decorate(self, c, doc):
        w, h = A4
        c.saveState()
        c.setFont("DejaVuSans", 8)
        c.drawString(2.5 * cm, h - 1.5 * cm, "Working Group on WSIS+20 Engagement · Meeting 7")
        c.drawCentredString(w / 2, 1.3 * cm, f"– {doc.page} –")
        notes = self.notes_by_page.get(doc.page, [])
        if notes:
            c.setLineWidth(0.5)
            c.line(2.5 * cm, 3.9 * cm, 7.5 * cm, 3.9 * cm)
            y = 3.5 * cm
            for num, text in notes:
                c.setFont("DejaVuSans", 6)
                c.drawString(2.5 * cm, y + 2.5, str(num))
                c.setFont("DejaVuSans", 7.5)
                c.drawString(2.5 * cm + 6, y, text)
                y -= 10
        c.restoreState()


def report3():
    pdfmetrics.registerFont(TTFont("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSerif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    path = OUT / "wg_wsis20_engagement_m7.pdf"
    body = ParagraphStyle("b3", fontName="DejaVuSerif", fontSize=10, leading=13.5, alignment=TA_JUSTIFY,
                          spaceAfter=6)
    h1 = ParagraphStyle("h13", fontName="DejaVuSans-Bold", fontSize=13, leading=16, spaceBefore=10,
                        spaceAfter=6, textColor=colors.HexColor("#0b4f6c"))
    logo = ParagraphStyle("logo", fontName="DejaVuSans-Bold", fontSize=40, leading=46, alignment=TA_CENTER,
                          textColor=colors.HexColor("#0b4f6c"))
    logo2 = ParagraphStyle("logo2", fontName="DejaVuSans", fontSize=12, leading=16, alignment=TA_CENTER,
                           textColor=colors.HexColor("#0b4f6c"))
    ttl = ParagraphStyle("ttl", fontName="DejaVuSans-Bold", fontSize=18, leading=24, alignment=TA_CENTER)
    center = ParagraphStyle("ctr", fontName="DejaVuSans", fontSize=12, leading=16, alignment=TA_CENTER)
    li = ParagraphStyle("li3", parent=body, alignment=TA_LEFT)

    def H(text):
        p = Paragraph(text, h1)
        p._toc_level = 0
        return p

    def fn(n):
        return f"<super><font size='6'>{n}</font></super>"

    # footnotes placed on the pages where their markers land (checked after build)
    notes = {2: [(1, "The Elements Paper was published by the co-facilitators on 10 February 2025."),
                 (2, "See the NETmundial+10 Multistakeholder Statement (São Paulo Guidelines), 2024."),
                 (3, "Ms. Nguyễn joined the Working Group in January 2025 on behalf of the Asia-Pacific NRIs.")]}
    S = []
    S.append(Spacer(1, 3 * cm))
    S.append(Paragraph("IGF", logo))
    S.append(Paragraph("INTERNET GOVERNANCE FORUM", logo2))
    S.append(Spacer(1, 2.5 * cm))
    S.append(Paragraph("MAG Working Group on WSIS+20 Engagement", ttl))
    S.append(Spacer(1, 0.5 * cm))
    S.append(Paragraph("Summary Report of Meeting 7", center))
    S.append(Spacer(1, 0.3 * cm))
    S.append(Paragraph("14 February 2025", center))
    S.append(Paragraph("09:00 UTC · Online", center))
    S.append(NextPageTemplate("body"))
    S.append(PageBreak())
    S.append(Paragraph("Contents", h1))
    toc = TableOfContents()
    toc.levelStyles = [ParagraphStyle("toc0", fontName="DejaVuSans", fontSize=10.5, leading=15, leftIndent=0)]
    toc.dotsMinLevel = 0
    S.append(toc)
    S.append(Spacer(1, 0.6 * cm))
    S.append(H("1. Opening of the meeting"))
    S.append(Paragraph(
        "The seventh meeting of the MAG Working Group on WSIS+20 Engagement was chaired by Mr. Søren "
        "Bjørnstad, who welcomed members and recalled that the working group had been set up to coordinate "
        "the IGF community's input into the WSIS+20 review. Ingrid, as MAG Chair, thanked the co-chairs for "
        "the quick turnaround on the last input paper.", body))
    S.append(H("2. The Elements Paper and the IGF mandate"))
    S.append(Paragraph(
        f"Mr. José María Quispe Huamán presented a first analysis of the Elements Paper{fn(1)}. He noted "
        "that the paper proposed to make the IGF a permanent forum, which responded to a long-standing "
        "demand of the community, but that the language on the Multistakeholder Advisory Group and on "
        "funding remained vague. He suggested that the working group submit written comments before the "
        "end of the month.", body))
    S.append(Paragraph(
        f"Ms. Françoise Lemaître-Dubois welcomed the reference to the NETmundial+10 guidelines{fn(2)} in the "
        "paper and argued that the IGF should be recognised as the place where the implementation of the "
        "Global Digital Compact is discussed. She cautioned against duplicating the work of the CSTD.", body))
    S.append(Paragraph(
        "Ms. Ordóñez agreed and stressed that human rights language from the original Tunis Agenda should "
        "not be weakened. Mr. Bjørnstad summarised that there was broad support for a permanent mandate.", body))
    S.append(H("3. Engagement of the NRIs"))
    S.append(Paragraph(
        f"Ms. Nguyễn Thị Hạnh{fn(3)} reported that several Asia-Pacific NRIs had organised national dialogues "
        "on WSIS+20 and that their outcomes would be compiled into a single submission. She proposed a "
        "joint webinar with the NRI coordinators in March.", body))
    S.append(Paragraph(
        "Mr. Łukasz Wróblewski supported the webinar and offered to host it. He noted that the NRIs should "
        "also be asked about AI governance, since many national dialogues had touched on it.", body))
    S.append(H("4. Any other business"))
    S.append(Paragraph(
        "Ingrid Halvorsen informed members that the Leadership Panel would meet in Geneva in April and "
        "that she would present the working group's input there. The next meeting will be held on "
        "28 February 2025.", body))
    S.append(H("Annex — List of participants"))
    parts = ["Søren Bjørnstad, co-chair, Danish Agency for Digital Government",
             "José María Quispe Huamán, co-chair, Government of Peru",
             "Ingrid Halvorsen, MAG Chair",
             "Françoise Lemaître-Dubois, Council for Digital Economies",
             "Lucía Ordóñez Ferrer, Fundación Red Abierta",
             "Nguyễn Thị Hạnh, Vietnam Internet Forum",
             "Łukasz Wróblewski, Polish Internet Governance Forum",
             "Zoë Ångström, Swedish Post and Telecom Authority",
             "Chiara Bellandi, IGF Secretariat"]
    S.append(ListFlowable([ListItem(Paragraph(p, li)) for p in parts], bulletType="1", bulletFormat="%s.",
                          leftIndent=16))
    doc = FootnoteDoc(str(path), notes, pagesize=A4, title="WSIS+20 Engagement WG Meeting 7")
    doc.multiBuild(S)
    return path


if __name__ == "__main__":
    for f in (report1, report2, report3):
        print(f())
