"""Help (f1): what the score means, the keys, and the five lessons of the source articles."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from coach.engine.config import Bands
from coach.tui.widgets.footer import CoachFooter

HELP = """\
# How coach scores a note

Every note starts at **100**. Each rule that fires takes its weight off once; what a
value-first note does well (a specific reference, something to give, a no-pressure close)
adds a few bonus points, capped. The band says what to do with it:

{bands}

The bars under the score are the sub-scores per concern (asks, audience, form,
personalisation, pitch, self-focus, value). Select a finding to see the words it is about,
why it hurts (with the article it comes from) and what to do instead; **ctrl+f** applies
its fix when it has one (those findings are marked **✎** in the list), **ctrl+r** writes
value-first variants to compare with your draft.

The counter turns red over the platform's limit; the preview below the editor shows the
note cut where the platform cuts it.

# The five lessons

1. **Give before you ask.** *Am I Doing LinkedIn Wrong?* — a stranger who wants to "hear
   about my IT priorities over the next year" offers nothing back. Bring something useful.
2. **It's all about the customer.** *It's all about the customer (or it should be!)* —
   marketers have the data to tailor a note to the person; an offer they have no use for
   shows they did not look.
3. **You are irrelevant until you tie your offer to what they need.** *My Love/Hate
   Relationship with LinkedIn* — talking about your company, product or self first is the
   fastest way to be ignored.
4. **The tool is not the result.** *Remember there is a difference between the tool and the
   result* — don't pitch in the first conversation: build the relationship around something
   valuable to them ("I saw you asking about this; this study may help. Happy to discuss").
5. **A connection is not a marketing list.** *What NOT to do on LinkedIn* — a promotional,
   automated message the moment someone accepts is marketing, not an attempt to form a
   relationship.

# Keys

| Key | Action |
| --- | --- |
| f1 / f2 / f3 / f4 | help, drafts, campaign, packs |
| f5 | versions of this draft: compare with now, restore one (ctrl+z undoes) |
| f6 | show or hide the panels (recipient, sender, score) beside or instead of the draft |
| ctrl+f | apply the selected finding's fix (findings marked ✎ have one) |
| ctrl+r | rewrite: compare variants, accept one (ctrl+z undoes) |
| f8 / shift+f8 | next / previous finding |
| tab | next field: subject, draft, detail (arrows scroll it), findings |
| ctrl+n / ctrl+s | new draft / save a version |
| ctrl+p | command palette (every action is there) |
| ctrl+q | quit (the draft is already saved) |

The footer shows the keys used most; a narrow terminal leaves out the rest, which stay here
and in the command palette. A letter typed while the findings list has focus goes to the
draft.
"""


def band_rows(bands: Bands) -> str:
    """The band table as Markdown, with the thresholds in force."""
    rows = ["| Score | Band | Meaning |", "| --- | --- | --- |"]
    for band, low, high in bands.ranges():
        scores = (
            f"{low} and above"
            if high == 100
            else f"below {high + 1}"
            if low == 0
            else (f"{low} to {high}")
        )
        rows.append(f"| {scores} | {band.name} | {band.meaning} |")
    return "\n".join(rows)


class HelpScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP.replace("{bands}", band_rows(self.app.engine_config.bands)))
        yield CoachFooter(compact=True)
