"""What the review app and the report say before they quote the messages: a short, plain content notice
(trauma-informed: what follows and that the reader may stop, not how much of it there is)."""

from __future__ import annotations

#: the kinds of distressing text the messages of a case may hold, said before any is shown
WHAT_FOLLOWS = (
    "threats, including threats to kill; sexual abuse and threats to share intimate images; abuse and slurs"
)
