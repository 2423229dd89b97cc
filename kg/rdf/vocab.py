"""The ``kg:`` vocabulary, GENERATED from ontologies/kg.ttl: do not edit.

Regenerate with ``python -m kg.rdf.codegen``.  ``KG`` is closed: a misspelt term
raises ``AttributeError`` instead of minting a new IRI.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

NAMESPACE = 'https://w3id.org/igfkg/ontology#'
ONTOLOGY = URIRef('https://w3id.org/igfkg/ontology')


class KG(DefinedNamespace):
    """Terms of https://w3id.org/igfkg/ontology#"""

    _fail = True
    _NS = Namespace(NAMESPACE)

    # Classes
    ActionItem: URIRef  # A task recorded at a meeting, with its owner and due date where the report states them.
    AgendaItem: URIRef  # One item of a meeting's agenda, in order; sub-items are dcterms:isPartOf their parent item, top-level items dcterms:isPartOf the meeting.
    AliasStatement: URIRef  # A span of a report stating that a short form stands for a full name, such as a nickname or acronym in parentheses.
    Apology: URIRef  # One entry of a meeting's apologies or absent list: who was named as not attending, the name as written and the list heading.
    Attendance: URIRef  # One entry of a meeting's participant list: who was listed, the name as written and the list heading it stood under.
    CandidateTopic: URIRef  # A recurring noun phrase or acronym of a report that the topic scheme does not know yet, offered for review.
    CandidateTopicSummary: URIRef  # (statistics graph) A phrase offered as a candidate topic, summed over every report that offers it.
    CoSpeakers: URIRef  # (statistics graph) Two people who both spoke on a topic at the same meeting, with how many meetings they shared.
    CorpusStatistics: URIRef  # (statistics graph) The counts of the whole store: reports, meetings, people, unresolved placeholders, interventions, topics discussed and organisations.
    FieldConflict: URIRef  # Two places of a report disagree about a meeting field; the record keeps both values, both spans and why one was chosen.
    FieldSpan: URIRef  # Where in a report a meeting field (date, number, chair, ...) was read from.
    Group: URIRef  # A collective speaker named in a report (for example the members of a body) that is neither one person nor an organisation.
    IdentityResolution: URIRef  # The evidence for resolving a name as written in one report to a person or organisation: method, confidence, explanation and, when no unique answer exists, the candidates.
    Intervention: URIRef  # Who said what: one speaker's contribution at a meeting as the report records it, with the sentence(s) and their character span.
    Link: URIRef  # A URL found in a report, with its link text where the report gives one.
    MailHeaders: URIRef  # The headers of a mailing-list message carrying minutes: author, date and subject.
    Meeting: URIRef  # One meeting of a meeting series, online, in person or hybrid.
    MeetingSeries: URIRef  # A recurring body of meetings, such as the MAG or one of its working groups.
    NextMeetingNotice: URIRef  # The span of a report announcing the date of the next meeting.
    OrgMention: URIRef  # A span of a report that names an organisation.
    Report: URIRef  # A source document (minutes, summary, transcript or mail) that describes one meeting.
    Section: URIRef  # A discussion section of a report, usually matching one agenda item.
    StatisticsPage: URIRef  # (statistics graph) One page of a ranked listing: its number, and its rows (kg:onPage); the topic it lists rows of, or the listing itself (…/statistics/listing/NAME), links to it by the listing's page property (kg:meetingPage, kg:pairPage, ...).
    TextSpan: URIRef  # A sentence-level piece of evidence: a character span of a report's normalised text and the text it covers.
    TopicAtMeeting: URIRef  # (statistics graph) One topic at one meeting that discussed it, with its interventions and speakers there.
    TopicMention: URIRef  # A span of a report that names a topic of the scheme by its label or one of its aliases.
    TopicOrganisation: URIRef  # (statistics graph) One organisation active on a topic, itself or through people affiliated with it.
    TopicSpeaker: URIRef  # (statistics graph) One person who spoke on a topic, with how often and when.

    # Object properties
    aboutAgent: URIRef  # (statistics graph) The person or organisation a topic speaker or topic organisation node is about.
    aboutTopic: URIRef  # (statistics graph) The topic a statistics node is about.
    absentFrom: URIRef  # The person is in the meeting's apologies or absent list: named, and not present.
    absentee: URIRef  # The person an apology record is about.
    actionItemPage: URIRef  # (statistics graph) From a topic (or the listing) to a page of the listing of action items, by owner.
    affiliatedWith: URIRef  # A report states that the person belongs to, works for or represents the organisation.
    agendaItem: URIRef  # The agenda item under which an intervention, section or action item falls.
    atMeeting: URIRef  # (statistics graph) The meeting a topic-at-meeting node is about.
    attended: URIRef  # The agent is in the meeting's participant list or is otherwise stated to be present.
    attendee: URIRef  # The person an attendance record is about.
    candidate: URIRef  # A person who fits an ambiguous mention; attached to the resolution record and to the placeholder person.
    candidatePage: URIRef  # (statistics graph) From a topic (or the listing) to a page of the listing of candidate topic summaries.
    chair: URIRef  # The agent who chaired or moderated the meeting, when the chair's name resolves to one.
    chosenSpan: URIRef  # The span whose value won a field conflict.
    describes: URIRef  # The meeting a report is the record of.
    discussedAt: URIRef  # The topic was discussed at the meeting (on its agenda or in an intervention).
    evidence: URIRef  # A text span supporting a record, such as an occurrence of a candidate topic.
    firstSpeaker: URIRef  # (statistics graph) One of two co-speakers (the one whose IRI sorts first).
    graphPage: URIRef  # (statistics graph) From a topic (or the listing) to a page of the listing of named graphs, by file name.
    meeting: URIRef  # The meeting a record (intervention, agenda item, action item, attendance, field span) belongs to.
    meetingPage: URIRef  # (statistics graph) From a topic (or the listing) to a page of the listing of meetings, by date.
    nextMeeting: URIRef  # The meeting of the same series that the report announces as the next one.
    onPage: URIRef  # (statistics graph) The page of its listing a ranked row is on.
    organisation: URIRef  # The organisation an organisation mention names.
    organisationPage: URIRef  # (statistics graph) From a topic (or the listing) to a page of the listing of a topic's organisations, by interventions.
    owner: URIRef  # The agent responsible for an action item, when the owner's name resolves to one.
    pairPage: URIRef  # (statistics graph) From a topic (or the listing) to a page of the listing of a topic's co-speaker pairs, by meetings shared.
    quotedSpan: URIRef  # A span of a mail that quotes an earlier message.
    rejectedSpan: URIRef  # The span whose value lost a field conflict.
    resolvedTo: URIRef  # The person or organisation an identity resolution settled on (a placeholder person when unresolved).
    reviewPage: URIRef  # (statistics graph) From a topic (or the listing) to a page of the listing of identity resolutions to review.
    secondSpeaker: URIRef  # (statistics graph) The other of two co-speakers.
    section: URIRef  # The report section an intervention or action item was read from.
    series: URIRef  # The meeting series a meeting belongs to.
    signatureSpan: URIRef  # The span of a mail's signature block.
    speaker: URIRef  # The person, organisation or group an intervention is attributed to.
    speakerPage: URIRef  # (statistics graph) From a topic (or the listing) to a page of the listing of a topic's speakers, by interventions.
    spokeAt: URIRef  # The report of the meeting has the agent speaking or acting (noted, shared, a transcript turn, ...).
    spokeOn: URIRef  # The agent made an intervention on the topic; derived from kg:Intervention records.
    statedAt: URIRef  # The meeting whose report states a membership or role.
    timelinePage: URIRef  # (statistics graph) From a topic (or the listing) to a page of the listing of a topic's meetings, by date.
    topic: URIRef  # A topic of the scheme that the record is about.

    # Datatype properties
    acronym: URIRef  # The acronym an organisation mention gives.
    actionItemRank: URIRef  # (statistics graph) The 1-based position of an action item among all, by owner, date and due date; the kit pages on it.
    alias: URIRef  # The short form of an alias statement.
    announcedDate: URIRef  # The date (xsd:date), or date and time in UTC (xsd:dateTime), a next-meeting notice announces.
    antecedentText: URIRef  # For a pronoun or role mention, the name as written it was taken to refer to inside the report.
    attendeeCount: URIRef  # (statistics graph) How many people a meeting's participant lists name.
    attributionText: URIRef  # The speaker's name exactly as written where the intervention is attributed ("Ada", "The co-chair").
    candidateNames: URIRef  # (statistics graph) The names of an identity resolution's candidates, separated by '; ' (empty when it has none).
    candidateRank: URIRef  # (statistics graph) The 1-based position of a candidate topic summary among all, by reports and occurrences; the kit pages on it.
    chairName: URIRef  # The chair's or moderator's name as written in the report.
    charEnd: URIRef  # Offset just past the last character of the record's span (half-open).
    charStart: URIRef  # Offset of the first character of the record's span in the report's normalised text.
    chosenValue: URIRef  # The value that won a field conflict.
    confidence: URIRef  # The resolver's confidence in the outcome, between 0 and 1.
    contentHash: URIRef  # SHA-256 of a named graph's sorted N-Quads (without this statement), stated about the graph inside the graph; a rebuild rewrites a graph only when it changes.
    date: URIRef  # (statistics graph) A meeting's start date as an xsd:date (the earliest, if the reports disagree).
    due: URIRef  # The date an action item is due.
    encoding: URIRef  # The character encoding the report's bytes were decoded with.
    evidenceText: URIRef  # A human-readable sentence explaining a resolution.
    field: URIRef  # The name of the meeting field a span or conflict is about (date, number, chair, ...).
    fileName: URIRef  # The source file's base name.
    fileNames: URIRef  # (statistics graph) The file names of the reports a node counts, separated by '; '.
    firstDate: URIRef  # (statistics graph) The earliest meeting date the node counts.
    fullName: URIRef  # The full name of an alias statement.
    graphRank: URIRef  # (statistics graph) The 1-based position of a named graph among all graphs, by file name; the kit pages on it.
    interventionCount: URIRef  # (statistics graph) How many interventions the node counts (of a meeting, a topic, a speaker, or a speaker on a topic).
    itemNumber: URIRef  # The number or letter of an agenda item or section as written ("3", "b").
    lastDate: URIRef  # (statistics graph) The latest meeting date the node counts.
    layout: URIRef  # The report layout the parser recognised: summary, actions, transcript, mail or unknown.
    listGroup: URIRef  # The list heading an entry stood under ("MAG Members", "Secretariat", "Apologies"), on an attendance or apology record.
    listedSpeakerCount: URIRef  # (statistics graph) How many of a meeting's speakers its participant lists also name.
    localStartTime: URIRef  # The start time as written (HH:MM, 24 h) when it cannot be stated in UTC.
    mailAuthor: URIRef  # The author of a mail as its headers write it.
    mailAuthorEmail: URIRef  # The author's mail address as its headers write it.
    mailDate: URIRef  # The date header of a mail as written.
    mailSubject: URIRef  # The subject header of a mail.
    meetingCount: URIRef  # (statistics graph) How many meetings the node counts (in the store, where a topic was discussed, or where a person or pair spoke on it).
    meetingNumber: URIRef  # The meeting's number in its series as written, as a string ("79", "VIII"); never converted between arabic and roman numerals.
    meetingRank: URIRef  # (statistics graph) The 1-based position of a meeting among all meetings, by date; the kit pages on it.
    mentionKind: URIRef  # What kind of reference a mention is: person, role, organisation, pronoun, group, or participant for a participant-list entry.
    mentionText: URIRef  # The name as written that a resolution record is about.
    method: URIRef  # The rung of the resolution ladder that decided (exact, participant-list, text-alias, chair-line, role, corpus-roster, name-order, fuzzy, user-alias, unresolved, ambiguous).
    nameAsWritten: URIRef  # A name exactly as a participant or apologies list writes it ("Quist, Ada"), on an attendance or apology record.
    nlpModel: URIRef  # The language model used to annotate the report, or rule-based.
    occurrenceCount: URIRef  # (statistics graph) How many times a candidate phrase occurs over all reports.
    occurrences: URIRef  # How many times the record's name or phrase occurs in the report.
    organisationCount: URIRef  # (statistics graph) How many organisations the store holds.
    organisationRank: URIRef  # (statistics graph) The 1-based position of a topic organisation among its topic's, by interventions; the kit pages on it.
    ownerText: URIRef  # The owner of an action item as written.
    pageNumber: URIRef  # (statistics graph) The 1-based number of a page; each page holds 100 rows (kg.rdf.stats.PAGE_SIZE).
    pairRank: URIRef  # (statistics graph) The 1-based position of a pair of co-speakers among its topic's, by meetings shared; the kit pages on it.
    personCount: URIRef  # (statistics graph) How many resolved people the store holds.
    phrase: URIRef  # (statistics graph) The phrase a candidate topic summary is about.
    reason: URIRef  # Why the chosen value of a field conflict won.
    rejectedValue: URIRef  # The value that lost a field conflict.
    reportCount: URIRef  # (statistics graph) How many reports the node counts.
    reportingVerb: URIRef  # The verb that attributes an intervention (noted, shared, ...), or ">>" for a transcript turn.
    reviewRank: URIRef  # (statistics graph) The 1-based position of an identity resolution among those to review, by file and mention; the kit pages on it.
    seriesName: URIRef  # (statistics graph) The name of the series a meeting belongs to (the first, if several).
    sha256: URIRef  # Hex SHA-256 digest of the source file's raw bytes.
    sourceFormat: URIRef  # The input format the report was read from: txt, md, pdf, docx or html.
    speakerCount: URIRef  # (statistics graph) How many distinct speakers the node counts.
    speakerNames: URIRef  # (statistics graph) The names of the speakers on a topic at a meeting, separated by '; '.
    speakerRank: URIRef  # (statistics graph) The 1-based position of a topic speaker among its topic's, by interventions; the kit pages on it.
    statisticsVersion: URIRef  # (statistics graph) The version of the statistics the graph holds; a build recomputes statistics of another version.
    text: URIRef  # The sentence(s) of the report a record was read from.
    timelineRank: URIRef  # (statistics graph) The 1-based position of a topic at meeting among its topic's, by date; the kit pages on it.
    timezone: URIRef  # The time zone a meeting's start time is given in.
    topicCount: URIRef  # (statistics graph) How many topics were discussed at some meeting.
    topicInherited: URIRef  # True when an intervention's topics come from its agenda item because its text names none.
    unresolved: URIRef  # True for a placeholder person who keeps a name as written because no unique person fits; never merged into a guess.
    unresolvedCount: URIRef  # (statistics graph) How many unresolved or ambiguous placeholder people the store holds.
