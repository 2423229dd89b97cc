"""Regenerate reports/wg_outreach_minutes_14.docx (invented people and organisations)."""
from pathlib import Path

from docx import Document
from docx.shared import Pt

d = Document()
d.add_heading("MAG Working Group on Outreach and Engagement – Meeting 14 Minutes", level=0)
d.add_paragraph("Tuesday, 4 March 2025, 13:00–14:30 UTC (virtual, Webex)")
p = d.add_paragraph()
p.add_run("Attendees: ").bold = True
p.add_run("Henrietta Okonkwo-Vale (MAG Chair), Lucía Fernández (co-facilitator), Kwame Asante-Boateng (co-facilitator), "
          "Priya Raghunathan, Sofia Lindqvist (Swedish Internet Foundation), Marco Bellandi (IGF Secretariat)")
p = d.add_paragraph()
p.add_run("Apologies: ").bold = True
p.add_run("Tomasz Wierzbicki, Rashid Al-Mansoori")

d.add_heading("1. Welcome and review of previous actions", level=1)
d.add_paragraph("Kwame: welcomed members and confirmed that all actions from Meeting 13 were completed.", style="List Bullet")
d.add_paragraph("Marco: reported that the briefing note on the WSIS Action Lines had been sent to the MAG list.", style="List Bullet")

d.add_heading("2. Newcomer outreach for IGF 2025", level=1)
d.add_paragraph("Lucía: suggested a series of short webinars for newcomers ahead of the open consultations, "
                "with a focus on youth participants.", style="List Bullet")
d.add_paragraph("Priya: agreed and proposed to involve the NRIs in the Global South to co-host the sessions.", style="List Bullet")
d.add_paragraph("Sofia: noted that the capacity development material from last year could be reused and translated.", style="List Bullet")
d.add_paragraph("Henrietta: asked the group to align messaging with the WSIS+20 outreach so that newcomers understand the IGF mandate.", style="List Bullet")

d.add_heading("3. Communication on NETmundial+10 follow-up", level=1)
d.add_paragraph("Kwame: presented a short overview of the NetMundial process and the São Paulo guidelines.", style="List Bullet")
d.add_paragraph("Lucía: cautioned that the messaging should not duplicate the GDC consultations.", style="List Bullet")

d.add_heading("4. AOB", level=1)
d.add_paragraph("No other business was raised. Next meeting on 1 April 2025.", style="List Bullet")

d.add_heading("Action items", level=1)
t = d.add_table(rows=1, cols=3)
t.style = "Table Grid"
hdr = t.rows[0].cells
hdr[0].text, hdr[1].text, hdr[2].text = "Action", "Owner", "Due"
rows = [
    ("Draft a schedule of newcomer webinars", "Lucía Fernández", "18 March 2025"),
    ("Contact NRI coordinators about co-hosting", "Priya Raghunathan", "25 March 2025"),
    ("Share last year's capacity development material", "Sofia Lindqvist", "Ongoing"),
]
for a, o, due in rows:
    c = t.add_row().cells
    c[0].text, c[1].text, c[2].text = a, o, due

d.save(Path(__file__).resolve().parents[1] / "reports" / "wg_outreach_minutes_14.docx")
