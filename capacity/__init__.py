"""基本能力 (capacity): military–civilian co-building, dispute screening and mediation, the
collective economy and the green ecology teams.

Capacity is an app of its own, not part of `activities`, because its records are not activities:
a co-building pairing, a dispute case, an income team or an ecology team is a standing thing with
its own life cycle (a pairing starts and ends, a dispute is found, handled and closed with an
outcome, a team is founded and counted at year end) and its own rules (a successful mediation must
have been handled …). Where capacity does count activities — 党课, 国防教育 and 演练 held under a
pairing, 生态宣讲, 义务服务 and "六清" clean-ups — it reads them from `activities.Activity`, which
carries an optional link to the pairing, so an activity is recorded once and counted where it
belongs.
"""
