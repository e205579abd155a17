"""``--preset``: what one sales tool's export means, for headers that are ambiguous alone.

A preset names, per field, the tool's own headers (normalised, best first) that win over the
general guesses, and the platform its messages go out on. Headers a preset names but the file
lacks are simply skipped: exports differ by version and by the columns a user picked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.engine.errors import ConfigError


@dataclass(frozen=True)
class Preset:
    name: str
    platform: str
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "apollo",
            "email",
            {
                "company": ("company", "companynameforemails"),
                "role": ("title",),
                "message": ("emailbody", "personalizedopener", "customopener"),
            },
        ),
        Preset(
            "hubspot",
            "email",
            {
                "company": ("associatedcompany", "companyname"),
                "role": ("jobtitle",),
                "message": ("emailbody", "body"),
            },
        ),
        Preset(
            "salesforce",
            "email",
            {
                "company": ("companyaccount", "accountname", "company"),
                "role": ("title",),
                "notes": ("description",),
                "message": ("emailtemplatebody", "textbody", "body"),
            },
        ),
        Preset("outreach", "email", {"company": ("accountname", "company")}),
        Preset(
            "lemlist",
            "email",
            {"company": ("companyname",), "role": ("jobtitle",), "message": ("icebreaker",)},
        ),
        Preset(
            "instantly",
            "email",
            {"company": ("companyname",), "role": ("jobtitle",), "message": ("personalization",)},
        ),
        Preset("smartlead", "email", {"company": ("companyname",), "message": ("emailbody",)}),
        Preset(
            "expandi",
            "linkedin-connection",
            {"company": ("companyname", "company"), "role": ("jobtitle", "occupation")},
        ),
        Preset(
            "linkedin-export",
            "linkedin-connection",
            {"message": ("content", "connectionnote"), "full_name": ("to",)},
        ),
    )
}


def get_preset(name: str | None) -> Preset | None:
    if not name:
        return None
    try:
        return PRESETS[name]
    except KeyError:
        raise ConfigError.at(
            f"unknown preset '{name}'; valid presets: {', '.join(PRESETS)}", field="--preset"
        ) from None
