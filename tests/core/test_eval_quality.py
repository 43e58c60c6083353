"""Reading rejection feedback, measured on the labelled sets in tests/data/eval.

feedback_dev.json (209 texts) and feedback_holdout.json (55) were written and labelled before
any tuning; feedback_holdout2.json (74), feedback_holdout3.json (65), feedback_holdout4.json
(62) and feedback_holdout5.json (60) were each written and labelled blind, scored once, and
tuned on only afterwards (after rounds 3, 4, 5 and 6 of issue 15). The feedback_personaN.json
sets (55 texts each) are read against 54 other people's records (personaN_entries.json):
the second and third person's scored once in round 7, the fourth to ninth once each in round
8 (the eighth and ninth at its end), the tenth to fourteenth once each in round 9 (the
thirteenth and fourteenth with its final code), the fifteenth to twentieth in round 10 (the
seventeenth and eighteenth with its final reading code, the last two with the code as it
ships), the 21st to 26th in round 11 (the 21st and 22nd at its start, the 23rd and 24th
midway, the last two with the code as it shipped after the round's review), the 27th to
39th in round 12 (the 27th to 30th with its first change, the 31st to 33rd with its code
after the first review, the 34th to 36th later, and the 37th to 39th with its code as it
shipped after the second review), the 40th to 45th in round 13 (the 42nd with its first
change, the others with its second), the 46th to 49th once at the end of round 13,
held out from all its tuning, the 50th and 51st at the start of round 14, and the 52nd to
55th once at its end, held out from all its tuning.
tests/core/feedback_eval.py says how each figure is counted; docs/performance.md has every
round's figures, blind and tuned. Run with ``-s`` to see them.

As of the end of round 14 (every set tuned on; the blind scorings are in the FLOORS comments):

| set               | category | silence | precision@3 | acceptable | gaps P / R  | inv / rev |
|-------------------|----------|---------|-------------|------------|-------------|-----------|
| development       | 1.000    | 0       | 0.642       | 0.763      | 0.98 / 0.97 | 1 / 0     |
| round-1 set       | 1.000    | 0       | 0.670       | 0.745      | 1.00 / 1.00 | 0 / 0     |
| second set        | 1.000    | 0       | 0.570       | 0.770      | 1.00 / 0.96 | 0 / 0     |
| third set         | 0.954    | 0       | 0.556       | 0.735      | 1.00 / 0.86 | 0 / 0     |
| fourth set        | 0.968    | 0       | 0.557       | 0.707      | 1.00 / 0.93 | 0 / 0     |
| fifth set         | 1.000    | 0       | 0.481       | 0.636      | 1.00 / 0.94 | 0 / 0     |
| second person     | 0.982    | 0       | 0.593       | 0.753      | 1.00 / 0.73 | 0 / 0     |
| third person      | 0.964    | 0       | 0.608       | 0.732      | 1.00 / 0.79 | 0 / 0     |
| fourth person     | 1.000    | 0       | 0.552       | 0.655      | 0.86 / 0.60 | 3 / 0     |
| fifth person      | 0.945    | 0       | 0.473       | 0.636      | 0.81 / 0.54 | 3 / 0     |
| sixth person      | 0.964    | 0       | 0.661       | 0.800      | 0.76 / 0.40 | 4 / 0     |
| seventh person    | 0.982    | 0       | 0.624       | 0.764      | 0.89 / 0.55 | 2 / 0     |
| eighth person     | 0.945    | 0       | 0.442       | 0.576      | 0.73 / 0.54 | 6 / 0     |
| ninth person      | 0.982    | 0       | 0.527       | 0.648      | 0.77 / 0.47 | 7 / 0     |
| tenth person      | 0.982    | 0       | 0.558       | 0.733      | 0.75 / 0.43 | 4 / 0     |
| eleventh person   | 1.000    | 0       | 0.436       | 0.642      | 0.64 / 0.44 | 10 / 0    |
| twelfth person    | 1.000    | 0       | 0.448       | 0.600      | 0.93 / 0.44 | 1 / 0     |
| thirteenth person | 1.000    | 0       | 0.564       | 0.733      | 0.74 / 0.46 | 7 / 0     |
| fourteenth person | 0.964    | 0       | 0.448       | 0.685      | 0.70 / 0.35 | 6 / 0     |
| fifteenth person  | 0.982    | 0       | 0.576       | 0.776      | 0.87 / 0.47 | 2 / 0     |
| sixteenth person  | 0.982    | 0       | 0.448       | 0.667      | 0.94 / 0.61 | 1 / 0     |
| seventeenth person | 0.982    | 0       | 0.539       | 0.697      | 0.85 / 0.62 | 3 / 0     |
| eighteenth person | 0.964    | 0       | 0.509       | 0.661      | 0.95 / 0.60 | 1 / 0     |
| nineteenth person | 0.945    | 0       | 0.503       | 0.673      | 0.80 / 0.50 | 3 / 0     |
| twentieth person  | 0.964    | 0       | 0.497       | 0.642      | 0.70 / 0.54 | 6 / 0     |
| 21st person       | 0.964    | 0       | 0.418       | 0.667      | 0.50 / 0.35 | 11 / 0    |
| 22nd person       | 0.964    | 0       | 0.339       | 0.594      | 0.72 / 0.52 | 5 / 0     |
| 23rd person       | 0.982    | 0       | 0.491       | 0.667      | 0.72 / 0.45 | 5 / 0     |
| 24th person       | 1.000    | 0       | 0.485       | 0.648      | 0.75 / 0.46 | 4 / 0     |
| 25th person       | 0.964    | 0       | 0.467       | 0.648      | 0.65 / 0.57 | 7 / 0     |
| 26th person       | 0.964    | 0       | 0.382       | 0.618      | 0.81 / 0.51 | 4 / 0     |
| 27th person       | 1.000    | 0       | 0.570       | 0.745      | 0.81 / 0.50 | 4 / 0     |
| 28th person       | 0.909    | 0       | 0.515       | 0.679      | 0.68 / 0.29 | 7 / 0     |
| 29th person       | 1.000    | 0       | 0.412       | 0.570      | 0.88 / 0.55 | 2 / 0     |
| 30th person       | 1.000    | 0       | 0.521       | 0.703      | 0.50 / 0.32 | 10 / 0    |
| 31st person       | 1.000    | 0       | 0.455       | 0.655      | 1.00 / 0.39 | 0 / 0     |
| 32nd person       | 0.982    | 0       | 0.491       | 0.624      | 0.72 / 0.44 | 5 / 0     |
| 33rd person       | 1.000    | 0       | 0.509       | 0.661      | 0.74 / 0.48 | 5 / 0     |
| 34th person       | 1.000    | 0       | 0.424       | 0.552      | 0.75 / 0.52 | 5 / 0     |
| 35th person       | 0.964    | 0       | 0.491       | 0.667      | 0.83 / 0.59 | 4 / 0     |
| 36th person       | 1.000    | 0       | 0.436       | 0.685      | 0.94 / 0.72 | 1 / 0     |
| 37th person       | 0.964    | 0       | 0.376       | 0.539      | 0.52 / 0.41 | 13 / 0    |
| 38th person       | 1.000    | 0       | 0.558       | 0.788      | 0.78 / 0.51 | 6 / 0     |
| 39th person       | 1.000    | 0       | 0.497       | 0.697      | 0.75 / 0.53 | 6 / 0     |
| 40th person       | 1.000    | 0       | 0.406       | 0.582      | 0.89 / 0.58 | 2 / 0     |
| 41st person       | 0.982    | 0       | 0.448       | 0.630      | 0.95 / 0.67 | 1 / 0     |
| 42nd person       | 1.000    | 0       | 0.267       | 0.515      | 0.82 / 0.74 | 3 / 0     |
| 43rd person       | 0.982    | 0       | 0.533       | 0.661      | 1.00 / 0.70 | 0 / 0     |
| 44th person       | 0.982    | 0       | 0.503       | 0.715      | 0.79 / 0.56 | 4 / 0     |
| 45th person       | 0.964    | 0       | 0.436       | 0.606      | 0.62 / 0.36 | 7 / 1     |
| 46th person       | 0.945    | 0       | 0.491       | 0.655      | 0.67 / 0.37 | 8 / 0     |
| 47th person       | 0.945    | 0       | 0.455       | 0.624      | 0.68 / 0.47 | 4 / 2     |
| 48th person       | 0.927    | 0       | 0.618       | 0.739      | 0.64 / 0.40 | 8 / 0     |
| 49th person       | 0.927    | 0       | 0.533       | 0.721      | 0.71 / 0.51 | 5 / 0     |
| 50th person       | 0.945    | 0       | 0.424       | 0.581      | 1.00 / 0.56 | 0 / 0     |
| 51st person       | 0.982    | 0       | 0.458       | 0.583      | 0.92 / 0.77 | 2 / 0     |
| 52nd person       | 0.945    | 0       | 0.421       | 0.528      | 0.86 / 0.66 | 4 / 0     |
| 53rd person       | 0.909    | 0       | 0.500       | 0.514      | 0.76 / 0.75 | 8 / 0     |
| 54th person       | 0.945    | 0       | 0.426       | 0.509      | 0.91 / 0.72 | 3 / 0     |
| 55th person       | 0.909    | 0       | 0.456       | 0.511      | 0.79 / 0.52 | 2 / 1     |
| target            | >= 0.90  | 0       |             | >= 0.85    |             | 0 / 0     |
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from feedback_eval import TODAY, Scores, fill, load, names, precision_at_3, score

from trackrecord.core.matching.gaps import Gap
from trackrecord.core.store.db import Store

# Floors, honestly below what the reading reached (see the table above). Round 13 lowered
# the first record's evidence floors on purpose: the STAR-story and substance weights that
# every fold of a five-fold fit over 45 people chose (resources/vocabulary/evidence_weights.toml)
# raise the other people by 1.0 point and cost the first record's sets 0.5 to 3.7. Round 14
# lowered three floors by a hair: a tag that is one of a skill's own names now shows the
# skill ("openshift" shows Kubernetes), which with the tags the round added raised 21
# people's evidence and lowered 13, among them the fifth's strict figure (0.473 to 0.467)
# and the 42nd's acceptable one (0.515 to 0.497); the 45th lost one right gap (API design,
# beside a record whose tags now show API work); the 35th's strict figure fell 0.503 to 0.491
# while its acceptable one rose (0.667 to 0.673).
FLOORS = {
    # One invented gap since round 11 made having reports something only its own words show:
    # d160, "we were looking for people management experience, and your experience is
    # mostly mentoring", labelled no gap for a record tagged people-leadership, where two
    # other labellers count the same words as a gap beside the same tag.
    "feedback_dev.json": dict(category=0.97, silence=0, precision_at_3=0.64, acceptable=0.76,
                              gap_precision=0.95, gap_recall=0.95, invented=1, reversed=0),
    "feedback_holdout.json": dict(category=0.95, silence=0, precision_at_3=0.62, acceptable=0.72,
                                  gap_precision=0.95, gap_recall=0.85, invented=0, reversed=0),
    # Scored once, blind, after round 3; tuned on from round 4.
    "feedback_holdout2.json": dict(category=0.95, silence=0, precision_at_3=0.54,
                                   acceptable=0.74, gap_precision=0.95, gap_recall=0.90,
                                   invented=0, reversed=0),
    # Scored once, blind, after round 4; tuned on from round 5. Its one "reversed" gap
    # (penetration testing, beside a credit for security) was counted by the skill's internal
    # name; since round 9 the scorer reads what the page says, and it is an acceptable gap.
    "feedback_holdout3.json": dict(category=0.93, silence=0, precision_at_3=0.55,
                                   acceptable=0.72, gap_precision=0.95, gap_recall=0.80,
                                   invented=0, reversed=0),
    # Scored once, blind, after round 5 (category 0.839, precision@3 0.489, acceptable 0.609,
    # gaps 0.864 / 0.867, invented 3); tuned on from round 6. The invented gap left is
    # "capacity planning" where the design round never estimated load: another set's
    # labeller asks for that very gap, so it stays.
    "feedback_holdout4.json": dict(category=0.95, silence=0, precision_at_3=0.54,
                                   acceptable=0.70, gap_precision=0.93, gap_recall=0.86,
                                   invented=1, reversed=0),
    # Scored once, blind, after round 6 (category 0.833, silence 0, precision@3 0.512,
    # acceptable 0.673, gaps 0.722 / 0.625, invented 5, reversed 0); tuned on in round 7.
    "feedback_holdout5.json": dict(category=0.97, silence=0, precision_at_3=0.48,
                                   acceptable=0.63, gap_precision=0.95, gap_recall=0.80,
                                   invented=0, reversed=0),
    # A second person's track record (persona2_entries.json), written and labelled blind and
    # scored once after round 7 (category 0.764, silence 1, precision@3 0.460, acceptable
    # 0.613, gaps 0.875 / 0.455, invented 2, reversed 0). The text read as silence was then
    # fixed (a reason followed by a form letter's closing), and the vocabulary it showed
    # missing was added, so it is no longer blind.
    "feedback_persona2.json": dict(category=0.95, silence=0, precision_at_3=0.48,
                                   acceptable=0.66, gap_precision=0.95, gap_recall=0.70,
                                   invented=0, reversed=0),
    # A third person's record (persona3_entries.json): a data and ML engineer turned SRE,
    # written and labelled blind, scored once with the code as it stood at the end of round 7
    # (category 0.836, silence 1, precision@3 0.536, acceptable 0.667, gaps 0.696 / 0.429,
    # invented 6, reversed 1; the code before round 6 scored 0.800, 1, 0.471, 0.627, the
    # same gaps). Its silence case and vocabulary were then fixed: no longer blind.
    "feedback_persona3.json": dict(category=0.87, silence=0, precision_at_3=0.52,
                                   acceptable=0.65, gap_precision=0.80, gap_recall=0.75,
                                   invented=3, reversed=0),
    # Round 8: four more people, each written and labelled blind by someone who never saw the
    # code, scored once before any tuning on them (the "before" figures are the code at the
    # start of round 8, cf2e3db), then tuned on. Their records run to late 2026, so each
    # set says its own "today".
    # An embedded engineer turned IoT tech lead, blind: category 0.927, silence 0,
    # precision@3 0.467, acceptable 0.527, gaps 0.448 / 0.302, invented 16, reversed 0.
    "feedback_persona4.json": dict(category=0.94, silence=0, precision_at_3=0.50,
                                   acceptable=0.60, gap_precision=0.65, gap_recall=0.50,
                                   invented=8, reversed=0),
    # A backend engineer turned engineering manager, blind after the first round-8 changes:
    # 0.855, 0, 0.327, 0.497, 0.421 / 0.357, 11, 0 (before round 8: 0.855, 0, 0.352, 0.509,
    # 0.429 / 0.393, 12, 0).
    "feedback_persona5.json": dict(category=0.87, silence=0, precision_at_3=0.46,
                                   acceptable=0.60, gap_precision=0.52, gap_recall=0.33,
                                   invented=7, reversed=0),
    # A security engineer, blind at the same point: 0.891, 0, 0.582, 0.679, 0.579 / 0.250,
    # 7, 1 (before round 8: 0.873, 0, 0.442, 0.564, 0.480 / 0.275, 12, 1).
    "feedback_persona6.json": dict(category=0.90, silence=0, precision_at_3=0.62,
                                   acceptable=0.76, gap_precision=0.65, gap_recall=0.33,
                                   invented=7, reversed=0),
    # A bootcamp-trained full-stack developer four years in, blind after the tuning on the
    # three above: 0.782, 2, 0.552, 0.691, 0.520 / 0.450, 12, 0 (before round 8: 0.745, 2,
    # 0.509, 0.648, 0.481 / 0.450, 14, 0).
    "feedback_persona7.json": dict(category=0.94, silence=0, precision_at_3=0.58,
                                   acceptable=0.72, gap_precision=0.65, gap_recall=0.45,
                                   invented=7, reversed=0),
    # Two more people, written and labelled blind, scored once with the code at the end of
    # round 8 (18f5ccf) as the last word on it; "before" is the code at its start.
    # A game developer turned fintech backend engineer: category 0.873, silence 0,
    # precision@3 0.448, acceptable 0.582, gaps 0.375 / 0.271, invented 15, reversed 0
    # (before: 0.855, 0, 0.424, 0.570, 0.367 / 0.292, 19, 0). Not tuned on.
    "feedback_persona8.json": dict(category=0.85, silence=0, precision_at_3=0.42,
                                   acceptable=0.56, gap_precision=0.33, gap_recall=0.25,
                                   invented=16, reversed=0),
    # A data scientist turned analytics engineer: 0.927, 0, 0.388, 0.509, 0.676 / 0.415, 11,
    # 0 (before: 0.891, 0, 0.479, 0.606, 0.605 / 0.434, 15, 0): evidence fell ten points,
    # because reading tags by their parts made "reverse-etl" the only data-engineering tag
    # its record showed. dbt, Airflow, Spark and the warehouses now are; it was tuned on for
    # that alone.
    "feedback_persona9.json": dict(category=0.90, silence=0, precision_at_3=0.44,
                                   acceptable=0.55, gap_precision=0.60, gap_recall=0.40,
                                   invented=13, reversed=0),
    # Round 9: three more people, written and labelled blind. The tenth was scored once at
    # the start (41a8545): category 0.891, silence 0, precision@3 0.436, acceptable 0.582,
    # gaps 0.429 / 0.378, invented 16, reversed 0; then tuned on.
    "feedback_persona10.json": dict(category=0.94, silence=0, precision_at_3=0.44,
                                    acceptable=0.64, gap_precision=0.55, gap_recall=0.36,
                                    invented=10, reversed=0),
    # The eleventh and twelfth, scored once with the code of a4316ca, tuned on only after
    # ("before" is 41a8545). An ML engineer: 0.873, 1, 0.406, 0.576, 0.429 / 0.333, 20, 0
    # (before: 0.873, 1, 0.394, 0.576, 0.395 / 0.333, 23, 0).
    "feedback_persona11.json": dict(category=0.94, silence=0, precision_at_3=0.38,
                                    acceptable=0.56, gap_precision=0.57, gap_recall=0.31,
                                    invented=12, reversed=0),
    # A frontend specialist: 0.909, 1, 0.418, 0.600, 0.591 / 0.389, 9, 0 (before: 0.909, 1,
    # 0.382, 0.564, 0.478 / 0.361, 12, 0).
    "feedback_persona12.json": dict(category=0.92, silence=0, precision_at_3=0.40,
                                    acceptable=0.58, gap_precision=0.70, gap_recall=0.37,
                                    invented=6, reversed=0),
    # The thirteenth and fourteenth, written while round 9 ended and scored once with its
    # final code (e96549c), then tuned on for categories alone. An SRE turned incident and
    # observability lead: category 0.873, silence 0, precision@3 0.364, acceptable 0.570,
    # gaps 0.607 / 0.365, invented 10, reversed 1 (before round 9, 41a8545: 0.855, 0, 0.364,
    # 0.570, 0.630 / 0.365, 9, 1). The reversed gap was GKE beside a credit for Kubernetes,
    # counted by the gap's internal skill name; the scorer now reads what the page says.
    "feedback_persona13.json": dict(category=0.92, silence=0, precision_at_3=0.35,
                                    acceptable=0.55, gap_precision=0.55, gap_recall=0.33,
                                    invented=12, reversed=0),
    # A native mobile tech lead: 0.818, 0, 0.430, 0.630, 0.458 / 0.270, 13, 0 (before:
    # 0.800, 0, 0.424, 0.624, 0.360 / 0.216, 16, 0).
    "feedback_persona14.json": dict(category=0.89, silence=0, precision_at_3=0.40,
                                    acceptable=0.60, gap_precision=0.45, gap_recall=0.29,
                                    invented=14, reversed=0),
    # Round 10: two more people, written and labelled blind, scored once at the start
    # ("before", 9589113) and once with the round's code as it stood when its reading work
    # was done (b105a73, "blind"), then tuned on. A data engineer turned data platform lead:
    # blind 0.982, 0, 0.455, 0.576, 0.600 / 0.424, 8, 0 (before: 0.982, 0, 0.448, 0.582,
    # 0.600 / 0.424, 8, 0). Tuning added the tags data engineers use (streams, the
    # lakehouse, data quality and contracts): acceptable 0.58 -> 0.72.
    "feedback_persona15.json": dict(category=0.95, silence=0, precision_at_3=0.49,
                                    acceptable=0.68, gap_precision=0.62, gap_recall=0.38,
                                    invented=7, reversed=0),
    # A full-stack engineer back from an 18-month career break, writing in a second language
    # to companies in Europe: blind 0.873, 1, 0.424, 0.624, 0.792 / 0.543, 4, 0 (before:
    # 0.873, 1, 0.424, 0.624, 0.773 / 0.543, 5, 0). Its silence case ("clarify the problem
    # before diving in") and its ghosting and non-native form letters were then read.
    "feedback_persona16.json": dict(category=0.95, silence=0, precision_at_3=0.40,
                                    acceptable=0.58, gap_precision=0.85, gap_recall=0.50,
                                    invented=3, reversed=0),
    # The last two, written while round 10 ended and scored once with its final reading code
    # (0328d57), the last word on it; then tuned on for categories. An early-career backend
    # engineer laid off when a fintech start-up closed (a thinner record: 25 entries): blind
    # 0.855, 1, 0.539, 0.685, 0.750 / 0.556, 5, 0 (before, 9589113: 0.873, 0, 0.539, 0.679,
    # 0.750 / 0.593, 6, 0). Its silence case was the round's own doing: "at the senior level
    # we need to see ..." had been its only phrase, and the round made that a bar, not a
    # reason; a bar now says the text is about you.
    "feedback_persona17.json": dict(category=0.95, silence=0, precision_at_3=0.50,
                                    acceptable=0.65, gap_precision=0.65, gap_recall=0.50,
                                    invented=7, reversed=0),
    # A staff .NET engineer in insurance: blind 0.927, 0, 0.497, 0.655, 0.857 / 0.500, 3, 0
    # (before: 0.927, 0, 0.497, 0.648, 0.786 / 0.500, 4, 1).
    "feedback_persona18.json": dict(category=0.90, silence=0, precision_at_3=0.45,
                                    acceptable=0.61, gap_precision=0.75, gap_recall=0.45,
                                    invented=5, reversed=0),
    # Two more, written after the round's review was mended and scored once with the code as
    # it ships (834bf6a); then only four junk or reversed gaps were mended. A research
    # software engineer (genomics, HPC) moving to industry: blind 0.909, 0, 0.503, 0.655,
    # 0.611 / 0.438, 7, 0 (before, 9589113: 0.909, 0, 0.503, 0.655, 0.647 / 0.438, 7, 0).
    "feedback_persona19.json": dict(category=0.88, silence=0, precision_at_3=0.46,
                                    acceptable=0.61, gap_precision=0.55, gap_recall=0.40,
                                    invented=8, reversed=0),
    # A database and storage engineer: blind 0.945, 0, 0.418, 0.576, 0.591 / 0.543, 8, 1
    # (before: 0.945, 0, 0.424, 0.582, 0.538 / 0.500, 10, 1). The reversed gap was "you're
    # deeper on databases than anyone we've talked to" read as an ask.
    "feedback_persona20.json": dict(category=0.92, silence=0, precision_at_3=0.38,
                                    acceptable=0.54, gap_precision=0.60, gap_recall=0.50,
                                    invented=8, reversed=0),
    # Round 11: two more, each scored once before anything was tuned on it, with the code
    # that first made a link through a skill's other tags a looser one ("before" is the
    # round's start, 0d3a5c2, read with its own resources). A product security engineer:
    # blind 0.855, 0, 0.352, 0.606, 0.36 / 0.30, 18, 0 (before: 0.855, 0, 0.345, 0.600,
    # 0.36 / 0.30, 18, 0).
    "feedback_persona21.json": dict(category=0.92, silence=0, precision_at_3=0.33,
                                    acceptable=0.57, gap_precision=0.40, gap_recall=0.32,
                                    invented=16, reversed=0),
    # An engineering manager applying for manager and senior IC roles: blind 0.964, 0, 0.315,
    # 0.527, 0.59 / 0.52, 9, 0 (before: 0.964, 0, 0.309, 0.509, 0.59 / 0.52, 9, 0).
    # Since round 12 "another" is never a thing asked for, and z027's "the team builds our
    # real-time bidding engine" names "bidding engine" beside the labelled "real-time bidding".
    "feedback_persona22.json": dict(category=0.94, silence=0, precision_at_3=0.29,
                                    acceptable=0.50, gap_precision=0.65, gap_recall=0.48,
                                    invented=6, reversed=0),
    # Two more, written while the round went on and scored once with its reading code as it
    # then stood (884c072), before anything was tuned on them. A bank engineer who moved
    # COBOL systems to Java services: blind 0.873, 0, 0.430, 0.588, 0.61 / 0.38, 7, 0
    # (before: 0.855, 0, 0.424, 0.606, 0.65 / 0.38, 6, 0).
    "feedback_persona23.json": dict(category=0.94, silence=0, precision_at_3=0.42,
                                    acceptable=0.60, gap_precision=0.70, gap_recall=0.40,
                                    invented=5, reversed=0),
    # A developer advocate moving back to product engineering: blind 0.927, 0, 0.430, 0.570,
    # 0.50 / 0.29, 7, 0 (before: 0.927, 0, 0.436, 0.570, 0.58 / 0.29, 5, 0).
    "feedback_persona24.json": dict(category=0.96, silence=0, precision_at_3=0.41,
                                    acceptable=0.55, gap_precision=0.70, gap_recall=0.42,
                                    invented=5, reversed=0),
    # The last two, written after the round's review was mended and scored once with the
    # code as it shipped then (aeebb37); afterwards only what they showed of the review's
    # own mends (two texts), one text read as silence, a moved role and three junk gap
    # words were mended. Ad tech to video streaming, backend and infrastructure: as shipped
    # 0.909, 1, 0.467, 0.667, 0.55 / 0.57, 10, 0 (before: 0.927, 1, 0.448, 0.655,
    # 0.52 / 0.50, 10, 0).
    "feedback_persona25.json": dict(category=0.92, silence=0, precision_at_3=0.43,
                                    acceptable=0.62, gap_precision=0.55, gap_recall=0.52,
                                    invented=9, reversed=0),
    # Customer support to product engineering, self-taught: as shipped 0.927, 0, 0.364,
    # 0.606, 0.67 / 0.43, 7, 0 (before: 0.945, 0, 0.364, 0.606, 0.58 / 0.32, 8, 0).
    "feedback_persona26.json": dict(category=0.92, silence=0, precision_at_3=0.33,
                                    acceptable=0.57, gap_precision=0.65, gap_recall=0.40,
                                    invented=7, reversed=0),
    # Round 12: four more people, written and labelled blind and scored once before anything
    # was tuned on them, with the round's first change (08323e9; "before" is the round's
    # start, 8dc6a72, read with its own resources). A QA engineer turned SDET: blind 0.982,
    # 0, 0.497, 0.709, 0.65 / 0.48, 8, 0 (before: the same).
    "feedback_persona27.json": dict(category=0.95, silence=0, precision_at_3=0.47,
                                    acceptable=0.68, gap_precision=0.65, gap_recall=0.45,
                                    invented=7, reversed=0),
    # A compiler and GPU-driver engineer now writing a query engine in Rust: blind 0.873, 0,
    # 0.491, 0.642, 0.63 / 0.21, 7, 0 (before: the same). Three of its invented gaps name
    # a labelled one in other words, since "you haven't worked on X" asks for X: "Raft" and
    # "Paxos-style systems" for "distributed consensus", "multi-node training" for
    # "distributed training".
    "feedback_persona28.json": dict(category=0.90, silence=0, precision_at_3=0.47,
                                    acceptable=0.62, gap_precision=0.55, gap_recall=0.20,
                                    invented=10, reversed=0),
    # A Rails engineer from e-commerce and marketplace start-ups: blind 0.927, 0, 0.358,
    # 0.545, 0.72 / 0.50, 4, 1 (before: the same). The reversed gap was "marketplaces",
    # credited in the same letter and shown by "a marketplace" in the record.
    "feedback_persona29.json": dict(category=0.95, silence=0, precision_at_3=0.32,
                                    acceptable=0.50, gap_precision=0.75, gap_recall=0.45,
                                    invented=4, reversed=0),
    # A robotics engineer (perception, ROS 2, fleets): blind 0.945, 1, 0.503, 0.691,
    # 0.45 / 0.29, 11, 0 (before: 0.945, 1, 0.503, 0.691, 0.41 / 0.29, 13, 0). The text read
    # as silence was a take-home that ran "40 times slower than our reference".
    "feedback_persona30.json": dict(category=0.95, silence=0, precision_at_3=0.48,
                                    acceptable=0.66, gap_precision=0.45, gap_recall=0.25,
                                    invented=11, reversed=0),
    # The last word on round 12: three more, written while the round went on and scored
    # once with its reading code as it shipped (ed1e427), before anything was tuned on
    # them. A PHP and Laravel engineer from news publishing: as shipped 0.964, 0, 0.455,
    # 0.648, 1.00 / 0.36, 0, 0 (before, 8dc6a72: the same), the first set read blind with
    # no invented gap.
    "feedback_persona31.json": dict(category=0.94, silence=0, precision_at_3=0.43,
                                    acceptable=0.62, gap_precision=0.95, gap_recall=0.33,
                                    invented=0, reversed=0),
    # A smart-contract engineer moving to fintech backends: as shipped 0.891, 0, 0.491,
    # 0.630, 0.63 / 0.41, 7, 0 (before: 0.891, 0, 0.491, 0.630, 0.60 / 0.41, 8, 0).
    "feedback_persona32.json": dict(category=0.87, silence=0, precision_at_3=0.47,
                                    acceptable=0.60, gap_precision=0.60, gap_recall=0.40,
                                    invented=7, reversed=0),
    # A geospatial and energy engineer: as shipped 0.945, 0, 0.497, 0.673, 0.58 / 0.48, 10,
    # 0 (before: the same).
    "feedback_persona33.json": dict(category=0.92, silence=0, precision_at_3=0.47,
                                    acceptable=0.64, gap_precision=0.55, gap_recall=0.45,
                                    invented=10, reversed=0),
    # Three more, scored once with the code after the round's last reading change on the
    # three above (94ce817), before anything was tuned on them. A Java engineer from
    # warehouse and transport systems: blind 0.945, 1, 0.424, 0.570, 0.71 / 0.50, 6, 0
    # (before: 0.945, 1, 0.406, 0.552, 0.65 / 0.50, 8, 0).
    "feedback_persona34.json": dict(category=0.92, silence=1, precision_at_3=0.40,
                                    acceptable=0.54, gap_precision=0.65, gap_recall=0.45,
                                    invented=6, reversed=0),
    # A healthcare integration engineer (HL7, FHIR, Epic): blind 0.909, 0, 0.527, 0.679,
    # 0.82 / 0.52, 4, 0 (before: 0.891, 0, 0.527, 0.679, 0.75 / 0.52, 5, 1).
    "feedback_persona35.json": dict(category=0.89, silence=0, precision_at_3=0.48,
                                    acceptable=0.65, gap_precision=0.75, gap_recall=0.50,
                                    invented=4, reversed=0),
    # A solutions engineer turned API platform engineer: blind 0.982, 0, 0.394, 0.655,
    # 0.88 / 0.69, 2, 0 (before: the same).
    "feedback_persona36.json": dict(category=0.95, silence=0, precision_at_3=0.37,
                                    acceptable=0.63, gap_precision=0.85, gap_recall=0.65,
                                    invented=2, reversed=0),
    # The last word on round 12: three more, written while it ended and scored once with
    # the code as it shipped after its second review (afcafd2). An iOS engineer from
    # fitness and meditation apps: as shipped 0.964, 0, 0.297, 0.497, 0.48 / 0.41, 15, 0
    # (before: 0.964, 0, 0.303, 0.503, 0.48 / 0.41, 15, 0).
    "feedback_persona37.json": dict(category=0.94, silence=0, precision_at_3=0.27,
                                    acceptable=0.47, gap_precision=0.45, gap_recall=0.40,
                                    invented=15, reversed=0),
    # An ML engineer from insurance pricing: as shipped 0.891, 0, 0.521, 0.733, 0.75 / 0.51,
    # 7, 0 (before: 0.909, 0, 0.521, 0.733, 0.72 / 0.51, 8, 0). The text the round lost was
    # "he wants someone ...", read as a want of skills after a report on curiosity; "wants
    # someone" alone is no longer a fit phrase.
    "feedback_persona38.json": dict(category=0.95, silence=0, precision_at_3=0.50,
                                    acceptable=0.70, gap_precision=0.70, gap_recall=0.50,
                                    invented=7, reversed=0),
    # A public-sector DevOps and platform engineer: as shipped 0.945, 1, 0.479, 0.673, 0.64 /
    # 0.53, 9, 1 (before: 0.945, 1, 0.467, 0.661, 0.62 / 0.53, 10, 1). The reversed gap is
    # "scripting" in "more of a scripting background than a software engineering one"; the
    # silence a status notice of a cancelled requisition, now read.
    "feedback_persona39.json": dict(category=0.95, silence=0, precision_at_3=0.45,
                                    acceptable=0.65, gap_precision=0.60, gap_recall=0.50,
                                    invented=9, reversed=1),
    # Round 13's six people, each written and labelled blind and scored once before anything
    # was tuned on it (blind figures: category, silence, precision@3, acceptable, gaps P / R,
    # invented, reversed; "before" is the round's start, eef7341, with its own resources).
    # A Go engineer from ad tech, scored with 4a07748: 0.964, 0, 0.370, 0.558, 0.89 / 0.53,
    # 2, 0 (before: the same but gaps 0.84 / 0.53 and 3 invented).
    "feedback_persona40.json": dict(category=0.95, silence=0, precision_at_3=0.40,
                                    acceptable=0.57, gap_precision=0.85, gap_recall=0.50,
                                    invented=2, reversed=0),
    # An Elixir and Erlang engineer from VoIP and team chat, with 4a07748: 0.945, 0, 0.406,
    # 0.588, 0.84 / 0.56, 3, 0 (before: the same).
    "feedback_persona41.json": dict(category=0.95, silence=0, precision_at_3=0.43,
                                    acceptable=0.62, gap_precision=0.90, gap_recall=0.60,
                                    invented=1, reversed=0),
    # A Python and Django developer returning after a caregiving break, with 1515952: 0.964,
    # 1, 0.261, 0.509, 0.81 / 0.70, 3, 0 (before: the same). The silence was "couldn't get a
    # clear picture of how current your skills are", read since 4a07748.
    "feedback_persona42.json": dict(category=0.97, silence=0, precision_at_3=0.25,
                                    acceptable=0.49, gap_precision=0.80, gap_recall=0.68,
                                    invented=3, reversed=0),
    # A former startup CTO applying for staff and manager roles, with 4a07748: 0.909, 1,
    # 0.503, 0.624, 0.88 / 0.67, 2, 0 (before: the same). The silence was "a strong senior
    # but not staff here".
    "feedback_persona43.json": dict(category=0.95, silence=0, precision_at_3=0.52,
                                    acceptable=0.63, gap_precision=0.95, gap_recall=0.68,
                                    invented=0, reversed=0),
    # A Salesforce developer moving to general backend, with 4a07748: 0.927, 0, 0.467,
    # 0.697, 0.64 / 0.53, 8, 0 (before: 0.927, 0, 0.467, 0.697, 0.61 / 0.53, 9, 0).
    "feedback_persona44.json": dict(category=0.95, silence=0, precision_at_3=0.48,
                                    acceptable=0.69, gap_precision=0.75, gap_recall=0.50,
                                    invented=4, reversed=0),
    # An accessibility and design-systems frontend engineer, with 4a07748: 0.891, 0, 0.412,
    # 0.576, 0.59 / 0.36, 8, 1 (before: 0.891, 0, 0.412, 0.576, 0.57 / 0.36, 9, 1). The
    # reversed gap is the scorer's: "React Server Components" is a labelled gap beside
    # "react" credited.
    "feedback_persona45.json": dict(category=0.94, silence=0, precision_at_3=0.41,
                                    acceptable=0.58, gap_precision=0.58, gap_recall=0.33,
                                    invented=7, reversed=1),
    # Round 13's held-out people, written while the round was tuning and scored once at its
    # end with the code as it shipped (e96f520); "before" is eef7341. After that one scoring,
    # only the two texts read as silence were fixed (the 46th's "only looking at people
    # with", the 47th's "didn't reach part two").
    # An embedded Linux and automotive engineer: 0.909, 1, 0.406, 0.558, 0.62 / 0.37, 10, 0
    # (before: 0.891, 1, 0.400, 0.558, 0.62 / 0.37, 10, 0).
    "feedback_persona46.json": dict(category=0.90, silence=0, precision_at_3=0.39,
                                    acceptable=0.54, gap_precision=0.60, gap_recall=0.35,
                                    invented=10, reversed=0),
    # An early-career web developer (a short record of 30 entries): 0.927, 1, 0.448, 0.618,
    # 0.52 / 0.44, 9, 2 (before: 0.927, 1, 0.455, 0.624, 0.46 / 0.44, 12, 2).
    "feedback_persona47.json": dict(category=0.92, silence=0, precision_at_3=0.43,
                                    acceptable=0.60, gap_precision=0.50, gap_recall=0.42,
                                    invented=9, reversed=2),
    # A staff data platform engineer: 0.927, 0, 0.618, 0.739, 0.43 / 0.35, 16, 0 (before:
    # 0.927, 0, 0.642, 0.758, 0.43 / 0.35, 16, 0).
    "feedback_persona48.json": dict(category=0.92, silence=0, precision_at_3=0.60,
                                    acceptable=0.72, gap_precision=0.42, gap_recall=0.33,
                                    invented=16, reversed=0),
    # A game server and live-ops engineer (C#, .NET): 0.927, 0, 0.533, 0.727, 0.61 / 0.49, 7,
    # 0 (before: 0.927, 0, 0.533, 0.733, 0.61 / 0.49, 7, 0).
    "feedback_persona49.json": dict(category=0.92, silence=0, precision_at_3=0.52,
                                    acceptable=0.71, gap_precision=0.60, gap_recall=0.47,
                                    invented=7, reversed=0),
    # Round 14's first two people, each written and labelled blind and scored once at the
    # round's start (85e8303) before anything was tuned on it; then tuned on. Their writers'
    # brief put a visa, an office or a notice period under fit, where the reader (and 108 of
    # the 131 earlier labels of such texts) says external noise: two of the 50th's and one of
    # the 51st's category misses are that alone.
    # A bank SRE moving to cloud-native platform roles: 0.873, 0, 0.405, 0.543, 0.86 / 0.50,
    # 3, 0.
    "feedback_persona50.json": dict(category=0.93, silence=0, precision_at_3=0.41,
                                    acceptable=0.56, gap_precision=0.85, gap_recall=0.47,
                                    invented=2, reversed=0),
    # An iOS engineer from health tech: 0.964, 0, 0.429, 0.536, 0.89 / 0.68, 3, 0.
    "feedback_persona51.json": dict(category=0.96, silence=0, precision_at_3=0.44,
                                    acceptable=0.56, gap_precision=0.85, gap_recall=0.65,
                                    invented=3, reversed=0),
    # Round 14's held-out people, written while the round was tuning and scored once at its
    # end with the code as it shipped after both reviews (8e7cd56); "before" is 85e8303.
    # After that one scoring only five changes of plan read as fit (bddb968), "hard timing
    # budgets" read as the company's budget, and eight junk gaps (an addressee's name, a
    # ".NET" across a full stop, "ability", "learn", ...: 5cb30a1) were fixed;
    # the same brief's logistics-as-fit labels are behind 2 to 4 of each one's category
    # misses. A Rust and C++ database engineer: 0.891, 0, 0.421, 0.528, 0.77 / 0.66, 7, 0
    # (before: 0.891, 0, 0.398, 0.500, 0.69 / 0.66, 9, 1).
    "feedback_persona52.json": dict(category=0.90, silence=0, precision_at_3=0.40,
                                    acceptable=0.51, gap_precision=0.75, gap_recall=0.63,
                                    invented=7, reversed=0),
    # A research software engineer from climate modelling: 0.873, 0, 0.500, 0.514, 0.68 /
    # 0.75, 12, 0 (before: 0.873, 0, 0.500, 0.524, 0.68 / 0.71, 12, 0).
    "feedback_persona53.json": dict(category=0.89, silence=0, precision_at_3=0.48,
                                    acceptable=0.50, gap_precision=0.65, gap_recall=0.72,
                                    invented=12, reversed=0),
    # A developer advocate going back to engineering: 0.927, 0, 0.426, 0.519, 0.89 / 0.72, 4,
    # 0 (before: 0.927, 0, 0.417, 0.500, 0.83 / 0.67, 5, 1).
    "feedback_persona54.json": dict(category=0.93, silence=0, precision_at_3=0.41,
                                    acceptable=0.50, gap_precision=0.85, gap_recall=0.70,
                                    invented=4, reversed=0),
    # A Rails engineer from Brazil applying for remote roles: 0.909, 0, 0.456, 0.511, 0.79 /
    # 0.52, 2, 1 (before: 0.909, 0, 0.456, 0.500, 0.71 / 0.48, 3, 1). The reversed gap is
    # the scorer's: "React Native", a labelled gap, beside a credit for React.
    "feedback_persona55.json": dict(category=0.90, silence=0, precision_at_3=0.44,
                                    acceptable=0.49, gap_precision=0.75, gap_recall=0.50,
                                    invented=2, reversed=1),
}
# Whose track record each set is read against.
ENTRIES = {f"feedback_persona{n}.json": f"persona{n}_entries.json" for n in range(2, 56)}


def test_the_sets_are_what_they_claim() -> None:
    sets = (("feedback_dev.json", 150), ("feedback_holdout.json", 50),
            ("feedback_holdout2.json", 50), ("feedback_holdout3.json", 50),
            ("feedback_holdout4.json", 50), ("feedback_holdout5.json", 50),
            ("feedback_persona2.json", 50), ("feedback_persona3.json", 50),
            ("feedback_persona4.json", 50), ("feedback_persona5.json", 50),
            ("feedback_persona6.json", 50), ("feedback_persona7.json", 50),
            ("feedback_persona8.json", 50), ("feedback_persona9.json", 50),
            ("feedback_persona10.json", 50), ("feedback_persona11.json", 50),
            ("feedback_persona12.json", 50), ("feedback_persona13.json", 50),
            ("feedback_persona14.json", 50), ("feedback_persona15.json", 50),
            ("feedback_persona16.json", 50), ("feedback_persona17.json", 50),
            ("feedback_persona18.json", 50), ("feedback_persona19.json", 50),
            ("feedback_persona20.json", 50), ("feedback_persona21.json", 50),
            ("feedback_persona22.json", 50), ("feedback_persona23.json", 50),
            ("feedback_persona24.json", 50), ("feedback_persona25.json", 50),
            ("feedback_persona26.json", 50), ("feedback_persona27.json", 50),
            ("feedback_persona28.json", 50), ("feedback_persona29.json", 50),
            ("feedback_persona30.json", 50), ("feedback_persona31.json", 50),
            ("feedback_persona32.json", 50), ("feedback_persona33.json", 50),
            ("feedback_persona34.json", 50), ("feedback_persona35.json", 50),
            ("feedback_persona36.json", 50), ("feedback_persona37.json", 50),
            ("feedback_persona38.json", 50), ("feedback_persona39.json", 50),
            *((f"feedback_persona{n}.json", 50) for n in range(40, 56)))
    for name, least in sets:
        titles = {e["title"] for e in load(ENTRIES.get(name, "entries.json"))["entries"]}
        cases = load(name)["cases"]
        assert len(cases) >= least
        assert len({c["id"] for c in cases}) == len(cases)
        for c in cases:
            assert set(c["expected"]) <= titles, c["id"]
            assert set(c.get("acceptable", [])) <= titles, c["id"]
            assert len(c["expected"]) <= 5, c["id"]
            assert c["category"] in {"fit", "signal-gap", "external-noise", "unknown"}
            assert c["content"] or c["category"] == "unknown" or c.get("also") == "unknown"
    # No text is in two sets, except a one-line status notice two writers both wrote word
    # for word ("Your application status has changed to: Not selected.").
    texts = {name: {c["feedback"] for c in load(name)["cases"] if len(c["feedback"]) > 60}
             for name, _ in sets}
    for a, b in itertools.combinations(texts, 2):
        assert not texts[a] & texts[b], (a, b)


def _check(s: Scores, floors: dict[str, float]) -> None:
    assert s.category_accuracy >= floors["category"]
    assert len(s.silence) <= floors["silence"]
    assert s.precision_at_3 >= floors["precision_at_3"]
    assert s.acceptable_precision_at_3 >= floors["acceptable"]
    assert s.gap_precision >= floors["gap_precision"]
    assert s.gap_recall >= floors["gap_recall"]
    assert len(s.invented) <= floors["invented"]
    assert len(s.reversed) <= floors["reversed"]


@pytest.mark.parametrize("name", list(FLOORS))
def test_reading_quality(store: Store, name: str) -> None:
    fill(store, ENTRIES.get(name, "entries.json"))
    data = load(name)
    today = dt.date.fromisoformat(data["today"]) if "today" in data else TODAY
    s = score(store, name.removesuffix(".json"), data["cases"], today)
    print("\n" + s.report())
    _check(s, FLOORS[name])


def test_scoring_helpers() -> None:
    assert precision_at_3(["a", "b", "c"], {"a", "b", "c", "d"}) == 1.0
    assert precision_at_3(["a", "x", "y"], {"a"}) == 1.0
    assert precision_at_3(["x", "a", "y"], {"a", "b"}) == 0.5
    assert precision_at_3(["x", "y", "z"], {"a"}) == 0.0
    gap = Gap("mobile development", ("iOS", "Swift"), "mobile")
    assert names("ios", gap) and names("swift", gap) and not names("android", gap)
    assert names("incident", Gap("incidents", ("incidents",)))
    assert not names("ml", Gap("html", ("html",)))
    # A hyphen is a space and a plural its singular, on either side.
    assert names("ad tech", Gap("advertising technology", ("ad-tech",)))
    assert names("design systems", Gap("design system", ("design system",)))
    assert names("shaders", Gap("graphics and rendering", ("shader",), "graphics"))
    # Still whole words in order: "ops" is not in "devops", "data" alone is not "big data".
    assert not names("ops", Gap("devops", ("devops",)))
    assert not names("big data", Gap("data", ("data",)))
