"""The word classes acts.py reads clauses with: what a verb or noun does in outreach.

Grammar, not phrasings: a verb belongs here because of the act it performs ("help", "provide",
"automate" sell when the sender is their subject), never to place one message.
"""

from __future__ import annotations

CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "parataxis", "relcl"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "pobj", "pcomp", "acomp"})
WALK_DEPS = frozenset(
    {"dobj", "attr", "oprd", "dative", "pobj", "pcomp", "prep", "ccomp", "xcomp", "acomp"}
)
# Verbs that frame another clause ("I thought you'd...", "let me know if..."): the content is in
# the clause they frame, so they describe nobody.
FRAME_VERBS = frozenset(
    {"think", "hope", "thank", "thanks", "wonder", "believe", "feel", "want", "wish", "guess",
     "figure", "look", "know", "connect", "reach", "write", "say", "see", "be", "notice"}
)  # fmt: skip
SHARED_PAST = frozenset({"meet", "work", "study", "serve", "speak", "chat", "talk", "sit", "play"})
SENDER_WORDS = frozenset({"i", "we", "me", "us", "myself", "ourselves"})
SENDER_POSSESSIVE = frozenset({"my", "our"})
RECIPIENT_WORDS = frozenset({"you", "yourself", "yourselves", "u", "ya"})
RECIPIENT_POSSESSIVE = frozenset({"your", "yours", "ur"})
MODALS = frozenset(
    {"can", "could", "would", "will", "might", "may", "shall", "should", "'d", "'ll"}
)
DESIRE = frozenset(
    {"love", "like", "want", "hope", "wish", "try", "happy", "glad", "keen", "eager", "excited",
     "look", "let", "plan", "able", "delighted", "pleased", "mind", "open", "ready"}
)  # fmt: skip
OFFER_VERBS = frozenset(
    {"help", "offer", "provide", "sell", "deliver", "specialize", "specialise", "supply",
     "build", "develop", "create", "design", "implement", "support", "enable", "empower",
     "serve", "partner", "save", "reduce", "cut", "boost", "increase", "improve", "grow",
     "automate", "streamline", "generate", "optimize", "optimise", "scale", "transform",
     "handle", "manage", "outsource", "resell", "buy", "purchase", "fund", "invest", "write",
     "place", "publish", "feature", "promote", "rank", "drive", "get", "work",
     "assist", "fix", "upgrade", "migrate", "replace", "eliminate", "double", "triple",
     "recruit", "source", "match", "cover", "ship", "install", "host", "audit"}
)  # fmt: skip
BENEFIT_VERBS = frozenset({"benefit", "save", "gain", "profit", "earn", "get", "grow", "use"})
OFFER_NOUNS = frozenset(
    {"service", "solution", "product", "platform", "offer", "deal", "discount", "package",
     "software", "tool", "app", "program", "programme", "course", "opening", "position",
     "vacancy", "opportunity", "offering", "agency", "plan", "subscription", "membership",
     "article", "post", "placement", "writing", "content", "resume", "cv", "portfolio",
     "system", "technology", "team", "company", "firm", "suite", "trial", "demo", "quote",
     "proposal", "partnership", "collaboration", "investment", "loan", "policy", "webinar",
     "event", "page", "newsletter", "website", "site", "catalog", "catalogue", "brochure"}
)  # fmt: skip
MEETING_NOUNS = frozenset(
    {"call", "meeting", "chat", "demo", "coffee", "conversation", "zoom", "minute", "min",
     "time", "discussion", "interview", "appointment", "slot", "lunch", "drink",
     "catch", "sync", "talk", "story"}
)  # fmt: skip
MEETING_VERBS = frozenset(
    {"meet", "chat", "call", "talk", "speak", "discuss", "hop", "jump", "schedule", "book",
     "grab", "swap", "sync", "organize", "organise", "arrange", "set", "interview", "catch",
     "explore"}
)  # fmt: skip
INFO_VERBS = frozenset({"hear", "learn", "know", "understand", "find", "ask", "pick"})
REFERRAL_VERBS = frozenset({"tell", "share", "introduce", "refer", "point", "recommend", "forward"})
PERCEIVE_VERBS = frozenset(
    {"see", "read", "notice", "enjoy", "love", "like", "catch", "watch", "listen", "come",
     "follow", "attend", "hear", "find", "stumble", "spot", "admire", "appreciate", "discover"}
)  # fmt: skip
THEIR_DEEDS = frozenset(
    {"write", "post", "publish", "ask", "mention", "share", "say", "speak", "talk", "present",
     "launch", "build", "win", "join", "raise", "announce", "start", "open", "lead", "host",
     "release", "give", "put", "make", "comment", "tweet", "note", "argue", "describe",
     "explain", "propose", "suggest", "run", "organize", "organise", "create", "ship", "finish"}
)  # fmt: skip
GIVE_VERBS = frozenset({"share", "send", "attach", "enclose", "forward", "pass", "include", "link"})
PRAISE_WORDS = frozenset(
    {"impress", "impressed", "impressive", "admire", "congrats", "congratulations",
     "congratulate", "kudos", "great", "amazing", "inspiring", "inspire", "beautiful",
     "brilliant", "excellent", "sharp", "fantastic", "awesome", "wonderful", "outstanding",
     "insightful", "stand", "thoughtful", "helpful", "useful", "superb", "incredible"}
)  # fmt: skip
CONGRATS = frozenset({"congrats", "congratulations", "kudos", "bravo"})
INTERESTED = frozenset({"interested", "useful", "helpful", "relevant", "valuable", "interesting"})
GREET_WORDS = frozenset(
    {"hi", "hello", "hey", "dear", "greetings", "morning", "afternoon", "evening", "howdy", "hiya"}
)  # fmt: skip
CLOSE_WORDS = frozenset(
    {"thanks", "thank", "cheers", "regards", "best", "sincerely", "warmly", "cordially", "bye"}
)  # fmt: skip
GENERIC_TOPIC = frozenset(
    {"company", "business", "team", "client", "customer", "people", "organization",
     "organisation", "leader", "professional", "%", "percent", "time", "year", "week",
     "month", "minute", "way", "lot", "thing", "other", "one", "someone", "everyone",
     "anyone", "kind", "sort", "type", "part", "detail", "question", "level", "bit"}
)  # fmt: skip
WORK_NOUNS = frozenset(
    {"post", "piece", "talk", "article", "paper", "thread", "podcast", "episode", "video",
     "essay", "write-up", "keynote", "panel", "presentation", "launch", "package", "library",
     "project", "book", "newsletter", "blog", "research", "study", "report", "tutorial", "demo"}
)  # fmt: skip
# Offer verbs that sell only with a thing as their object: "we write blog posts for you",
# "I can get you 20 leads"; not "I'm writing to follow up" or "I work as an engineer".
NEEDS_A_THING = frozenset(
    {"write", "get", "bring", "work", "place", "publish", "run", "cover", "host", "drive", "build",
     "create", "design", "develop", "manage", "handle"}
)  # fmt: skip
SHOWING = frozenset({"share", "show", "explain", "walk", "send", "tell", "describe"})
SALES_ITEMS = frozenset(
    {"demo", "trial", "quote", "quotation", "proposal", "brochure", "catalog", "catalogue",
     "price", "pricing", "coupon", "sample"}
)  # fmt: skip
GIVING_TIME = frozenset({"do", "give", "offer", "present", "run", "host", "bring", "spend"})
# What a courtesy thanks them for ("I appreciate your time and consideration"): a close, not
# a reference to their work.
COURTESY_NOUNS = frozenset(
    {"help", "time", "consideration", "attention", "patience", "interest", "support",
     "response", "reply", "effort", "understanding", "assistance", "cooperation"}
)  # fmt: skip
# Words that make an embedded clause a question ("know what you think", "hear if you are"):
# without one, "glad to know you are ..." receives a fact and asks for nothing.
QUESTION_WORDS = frozenset(
    {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "if", "whether"}
)
# "I'm a big fan of your podcast" says how the sender relates to them, not who the sender is.
RELATION_NOUNS = frozenset(
    {"fan", "reader", "listener", "follower", "subscriber", "admirer", "user", "customer",
     "member", "alum", "alumnus", "graduate", "neighbour", "neighbor"}
)  # fmt: skip
HANDING_OVER = frozenset({"below", "here", "attached", "above", "enclosed"})
# What a stranger promotes when they think you'd "be interested in" it: their event, launch or
# product, unlike a study, a post or a thread, which are contributions.
PROMOTED = frozenset(
    {"event", "webinar", "launch", "product", "app", "application", "service", "offer", "deal",
     "conference", "summit", "workshop", "masterclass", "course", "campaign", "release",
     "opportunity", "partnership", "collaboration", "program", "programme", "promotion", "sale",
     "giveaway", "membership", "subscription"}
)  # fmt: skip
