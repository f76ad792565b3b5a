"""General English word classes the extraction rules rely on.

These are closed classes of ordinary words (titles, event nouns, verbs of
meeting and support), never names of particular people or places.
"""

#: Words that make a noun phrase a title or role ("Defence Secretary",
#: "Major General", "top diplomat").  Compared by lower-cased lemma.
TITLE_WORDS = frozenset(
    """
    president vice secretary minister director general admiral colonel lieutenant major captain commander
    chief spokesperson spokesman spokeswoman ambassador envoy diplomat adviser advisor official chairman
    chairwoman chair speaker senator representative congressman congresswoman governor mayor premier
    chancellor king queen prince princess emperor leader head deputy assistant undersecretary counselor
    aide negotiator prosecutor judge justice officer attache attaché consul commissioner marshal brigadier
    sergeant colonel-general rear vice-admiral foreign-minister ceo executive founder chairperson
    treasurer attorney inspector superintendent sheikh emir sultan pope cardinal bishop counterpart prime
    """.split()
)

#: Honorifics and ranks that may stand inside a PERSON span ("Admiral Dong Jun").
HONORIFICS = frozenset(
    """
    mr mrs ms miss dr prof president secretary minister general admiral colonel lieutenant major captain
    commander chief ambassador senator representative governor mayor premier chancellor king queen prince
    princess speaker judge justice sergeant marshal brigadier rear vice deputy assistant sir lord lady
    then-president then-secretary former late
    """.split()
)

#: Lower-case particles inside names ("Abdel Fattah el-Sisi", "Mohammed bin Salman", "Ursula von der Leyen").
NAME_PARTICLES = frozenset("el al bin ibn bint abu de da di du del della van von der den la le ter".split())

#: Name suffixes that belong to a person's name but not to its key.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})

#: Head words of named organizations, used to find names NER missed and to
#: tell an organization from a role ("Treasury Secretary" is a role,
#: "State Department" an organization).
ORG_HEADS = frozenset(
    """
    department ministry agency commission committee council office bureau service administration
    army navy force forces guard corps party parliament congress senate assembly court
    embassy consulate mission university institute institution center centre foundation association
    union bank fund company corporation corp inc ltd group organisation organization alliance
    post times journal herald tribune news daily gazette telegraph guardian press network broadcasting
    agency reuters
    """.split()
)

#: Head words of events, which NER often labels ORG ("the Shangri-La Dialogue").
EVENT_HEADS = frozenset("dialogue summit forum conference games olympics war election crisis talks".split())

#: Lower-case nouns for an embassy-like body named only by its country ("the Chinese embassy").
COUNTRY_BODIES = frozenset({"embassy", "consulate", "mission"})

#: British spellings folded to one form when comparing organization names.
SPELLING_VARIANTS = {"defence": "defense", "centre": "center", "organisation": "organization", "programme": "program", "labour": "labor"}

# --- relations ---------------------------------------------------------------

#: Verbs whose subject and object (or "with"-object) met.
MEETING_VERBS = frozenset("meet talk speak confer phone visit host receive negotiate discuss telephone videoconference".split())

#: Nouns for a meeting; "call", "link" and "conference" count with a compound such as "video" or "phone".
MEETING_NOUNS = frozenset("meeting talk talks summit discussion conversation visit encounter negotiation negotiations sit-down call videoconference".split())
MEETING_COMPOUND_NOUNS = frozenset({"link", "conference", "chat", "hookup"})
MEETING_COMPOUND_MODIFIERS = frozenset({"video", "phone", "telephone"})

#: Verbs that only bring persons together when both are named as subject and
#: object of the same event ("X discussed Y with Z"): discussed counts only with
#: two persons.
DISCUSSION_VERBS = frozenset({"discuss"})

#: A governing word that says the meeting did not happen.
REFUSAL_WORDS = frozenset("reject refuse decline cancel scrap postpone snub rebuff deny fail block veto shun".split())
REFUSAL_MODIFIERS = frozenset("unsuccessful failed aborted cancelled canceled refused rejected fruitless".split())

#: A governing word that says the meeting was only wanted, planned or expected.
PLAN_WORDS = frozenset("attempt try seek want hope wish plan intend expect aim propose offer prepare schedule push bid effort".split())
PLAN_MODIFIERS = frozenset("planned proposed possible potential future upcoming expected prospective".split())
MODAL_FUTURE = frozenset({"will", "would", "could", "might", "may", "shall", "should", "'ll"})

#: Nouns and verbs of one country backing another.
SUPPORT_NOUNS = frozenset("support aid assistance backing help funding financing".split())
SUPPLY_NOUNS = frozenset("arms weapon weapons weaponry ammunition munition munitions drone missile tank shell rocket artillery jet interceptor".split())
SUPPORT_VERBS = frozenset("support back aid help assist arm fund finance bolster".split())
SUPPLY_VERBS = frozenset("provide send supply deliver sell give ship transfer".split())
#: A governing word that says the support did not happen or is only feared.
NOT_SUPPORT_WORDS = frozenset("avoid steer refrain deny refuse reject stop halt cease whether able ready willing".split())

CRITICISM_VERBS = frozenset("criticize criticise condemn denounce blame accuse rebuke slam".split())
SANCTION_VERBS = frozenset({"sanction"})
VISIT_VERBS = frozenset({"visit", "arrive", "land", "travel", "fly"})
VISIT_NOUNS = frozenset({"visit", "trip", "travel"})

#: Relative pronouns whose antecedent is the noun the clause hangs from.
RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which", "whose"})
