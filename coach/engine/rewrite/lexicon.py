"""The words that decide how a note about a recipient becomes a reference sentence: which verbs
are things one can refer to, which nouns name their work, which words mark a fact about the
outreach rather than about them.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


# "Met" is often tagged as a proper noun at the start of a note.
VERB_FORMS = {"met": "meet", "meets": "meet"}
META_LEMMAS = frozenset({"connect", "accept"})  # "Already connected": says nothing about them
HISTORY_LEMMAS = frozenset({"work", "study", "serve", "collaborate", "train", "play", "volunteer"})
PASSIVE_LEMMAS = frozenset(
    _words(
        "quote feature interview mention cite profile name award recognize recognise nominate "
        "invite list promote appoint hire elect honor honour rank select tag shortlist spotlight"
    )
)
NEWS_LEMMAS = frozenset(
    _words(
        "announce launch release publish open ship raise acquire win post expand complete hire "
        "move adopt introduce report unveil merge partner roll close start switch migrate"
    )
)
INTRO_LEMMAS = frozenset({"introduce", "suggest", "recommend", "refer"})
ORG_NOUNS = frozenset(
    _words(
        "team company firm group department lab org organisation organization office school "
        "district agency startup studio hospital clinic plant store practice"
    )
)
WORK_NOUNS = frozenset(
    _words(
        "blog podcast newsletter book paper talk article post column channel series course report "
        "study thesis repo repository project keynote panel webinar video episode essay guide "
        "thread presentation"
    )
)
AUTHOR_NOUNS = frozenset({"author", "writer", "host", "creator", "maintainer", "organizer"})
RUNNER_VERBS = {  # "Owner of X" -> "you run X"
    "owner": "run",
    "founder": "founded",
    "co-founder": "co-founded",
    "cofounder": "co-founded",
    "host": "host",
    "co-host": "co-host",
    "cohost": "co-host",
    "editor": "edit",
    "organizer": "organize",
    "organiser": "organise",
    "creator": "created",
}
THANKABLE = frozenset(
    _words("accept send reply answer comment share like invite introduce recommend forward")
)
MISTAGGED_VERBS = frozenset(
    _words("work write run lead teach host manage blog speak build organize")
)
REFERENCE_LEMMAS = frozenset(  # what someone does that a first message can refer to
    _words(
        "post write speak publish share host co-host present talk mention ask comment launch "
        "accept "
        "announce release open start found build lead join move win raise run organize "
        "organise record tweet blog cover teach give meet work study serve collaborate "
        "introduce suggest recommend refer quote feature interview cite profile name award "
        "recognize recognise nominate invite appoint hire elect honor honour rank select "
        "spotlight expand complete adopt switch migrate merge partner roll close report unveil "
        "create make design maintain edit chair moderate keynote attend answer argue explain "
        "describe note say finish graduate promote ship list shortlist tag"
    )
)
COLLEAGUE_NOUNS = frozenset({"colleague", "classmate", "teammate", "coworker", "co-worker"})
TOPIC_PREPOSITIONS = ("about", "on", "regarding")
NEGATIONS = frozenset(
    _words("not never no n't nothing none neither nor without only cannot hardly rarely")
)
CONTEXT_LEMMAS = frozenset(  # facts about the draft or the outreach, not about their work
    _words(
        "email e-mail message page redact omit remove replace collect unsolicited spam pitch "
        "invitation recipient ignore receive target treat assume claim greet forward blast "
        "merge signature salesperson rep reps inbox picture photo ellipsis"
    )
)
HEARD = frozenset(_words("hear learn read see know notice"))  # the sender heard that they ...
