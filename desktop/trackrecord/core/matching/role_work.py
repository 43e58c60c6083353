"""When nothing is said about you (a freeze, silence, a role filled), the work to show is
the work most of the role and of the team it is on.

- **Role share**: an entry tagged ios, swift and android is more a mobile engineer's than one
  tagged ios alone.
- **Named in the role**: a Senior Android Engineer role names Android, so Android work
  answers it before iOS work, though both are mobile development.
- **Team**: "Tech Lead, Order Management" is on the order management team, so an entry about
  orders is that team's work.

Both are parts of an evidence score (trackrecord.core.matching.evidence), with their weights
in resources/vocabulary/evidence_weights.toml and their own line on the card.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from trackrecord.core.matching.cards import ROLE_NAMED_PART, ROLE_PART
from trackrecord.core.matching.phrases import split_words
from trackrecord.core.matching.pool import Candidate
from trackrecord.core.matching.text import RoleTeam
from trackrecord.core.matching.vocabulary import evidence_weights, tag_keys

W_ROLE_SHARE = evidence_weights()["role_share"]
W_ROLE_NAMED = evidence_weights()["role_named"]
W_TEAM = evidence_weights()["team"]
ROLE_SHARE_FULL = 3  # an entry with this many of the role's tags is wholly the role's work


def role_share(c: Candidate, role_skills: Mapping[str, tuple[Collection[str], Collection[str]]],
               role: str) -> None:
    """"The role calls for mobile; most of this entry is that work (tagged ios, swift,
    android)": one line, which says what the plain role line would have said. Only for the
    kinds of entry that show the role's skills: coaching someone in security is not a
    security engineer's own work, as it is a manager's."""
    def shows(key: str, tags: Collection[str]) -> bool:
        return any(part in tags for part in tag_keys(key))  # "embedded-linux" shows embedded

    skills = {label: tags for label, (tags, kinds) in role_skills.items() if c.kind in kinds}
    shown = [tag for key, tag in c.tags.items()
             if any(shows(key, tags) for tags in skills.values())]
    if not shown:
        return
    labels = " and ".join(label for label, tags in skills.items()
                          if any(shows(key, tags) for key in c.tags))
    said = ", ".join(shown[:ROLE_SHARE_FULL])
    if len(shown) > 1:  # this line says what the plain role lines said: they still count,
        # but only this one is shown
        c.parts[:] = [r for r in c.parts if r.part != ROLE_PART]
    # "Most" only when it is: two of five tags are "2 of this entry's 5 tags".
    share = "most of this entry is that work (tagged {})" if 2 * len(shown) > len(c.tags) \
        else f"{len(shown)} of this entry's {len(c.tags)} tags are that work ({{}})"
    c.add(W_ROLE_SHARE * min(len(shown), ROLE_SHARE_FULL) / ROLE_SHARE_FULL,
          f"the role ({role}) calls for {labels}; {share.format(said)}"
          if len(shown) > 1 else None,
          "role", ROLE_PART, tuple(shown[:ROLE_SHARE_FULL]))


def team_work(c: Candidate, team: RoleTeam) -> None:
    """"Tech Lead, Order Management": an entry about orders is that team's work."""
    own = set(split_words(" ".join((c.title, c.summary, *c.tags.values()))).stems)
    found = team.words & own
    if found:
        c.add(W_TEAM * len(found) / len(team.words),
              f"the role is on the {team.name} team, and this entry is that work",
              "team", "team")


def role_named(c: Candidate, named: Mapping[str, str], role: str, factor: float) -> None:
    """"Senior Android Engineer" names Android: an entry tagged android is that work, more
    than one that shows mobile development through its ios tag. ``named``: tag key -> the
    particular thing as the role says it; ``factor``: how much the role counts in this match
    (less once the feedback points somewhere)."""
    found = [(said, c.tags[key]) for key, said in named.items() if key in c.tags]
    if found:
        said, tag = found[0]
        # It says what the plain role line for the same tag says, more exactly.
        c.parts[:] = [r for r in c.parts if not (r.part == ROLE_PART and r.tags == (tag,))]
        c.add(W_ROLE_NAMED * factor, f"the role ({role}) names {said}; this entry is tagged "
              f"{tag}", "role", ROLE_NAMED_PART, (tag,))
