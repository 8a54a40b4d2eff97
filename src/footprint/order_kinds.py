"""The kinds of court order Footprint records (``order add --type``, the knowledge base's ``order:``
evidence): their names in words, and for those that, made without notice, bind him only once he knew of
them, the provision that says so."""

from __future__ import annotations

ORDER_TYPES = ("restraining", "non_molestation", "stalking_protection", "domestic_abuse_protection")
ORDER_NAMES = {
    "restraining": "restraining order",
    "non_molestation": "non-molestation order",
    "stalking_protection": "stalking protection order",
    "domestic_abuse_protection": "domestic abuse protection order",
}
# Orders whose breach is an offence only for conduct at a time he was aware of the order where it was made
# without notice: Family Law Act 1996 s.42A(2) ("a person can be guilty of an offence under this section
# only in respect of conduct engaged in at a time when he was aware of the existence of the order") and,
# in the same words, Domestic Abuse Act 2021 s.39(2) for a domestic abuse protection order. Only these
# orders record whether they were made without notice (``order notice``). Made without notice, or not
# recorded either way (the cautious reading, which says so), no conduct before the recorded awareness
# counts; made on notice, conduct counts from when the order was made and his knowledge goes to "without
# reasonable excuse", as for a restraining order (Sentencing Act 2020 s.363) or a stalking protection
# order (Stalking Protection Act 2019 s.8): the date is shown, no conduct left out.
AWARENESS_PROVISIONS = {
    "non_molestation": "Family Law Act 1996 s.42A(2)",
    "domestic_abuse_protection": "Domestic Abuse Act 2021 s.39(2)",
}
AWARENESS_BINDS = frozenset(AWARENESS_PROVISIONS)
