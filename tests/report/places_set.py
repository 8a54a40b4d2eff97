"""A small synthetic set for the address and place patterns: sentences written for them (no real
person or message), each with the addresses and places in it that locate someone's daily life. Hard
negatives ("close the door", "on the way", "the St John Ambulance", "2 hours on the road") locate
nobody. Towns are not in it: they are listed, never masked."""

from __future__ import annotations

from dataclasses import dataclass

from footprint.report.places import find_places

#: (text, each address or place in it as written)
SENTENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("saw you at 14 rosebank close ls6 2qt, nice curtains", ("14 rosebank close", "ls6 2qt")),
    ("I know where you are now. 14 Rosebank Close, Leeds LS6 2QT.", ("14 Rosebank Close", "LS6 2QT")),
    ("flat 3, 22 Mill Lane, Harrogate HG1 4AB. see you soon", ("flat 3", "22 Mill Lane", "HG1 4AB")),
    ("nice new flat on Rosebank Close. I watched you go in", ("Rosebank Close",)),
    (
        "saw you leaving work at Leeds General Infirmary on Great George Street",
        ("Leeds General Infirmary", "Great George Street"),
    ),
    ("the kids go to St Mary's Primary on Otley Rd, I'll be at the gates", ("St Mary's Primary", "Otley Rd")),
    ("your postcode is ls62qt isn't it", ("ls62qt",)),
    ("parcel went to M1 1AE by mistake", ("M1 1AE",)),
    ("I'll be outside 7 Acacia Avenue at 8", ("7 Acacia Avenue",)),
    ("she moved to 3b Orchard Street last week", ("3b Orchard Street",)),
    ("he lives at 112 Park Road now", ("112 Park Road",)),
    ("12 church view, thats where you are", ("12 church view",)),
    ("im parked on rosebank close watching", ("rosebank close",)),
    ("saw your car on Victoria Road again", ("Victoria Road",)),
    ("meet me at the corner of Albion Street", ("Albion Street",)),
    ("he was hanging round Hyde Park Crescent last night", ("Hyde Park Crescent",)),
    ("I know you go to Headingley Lane every Tuesday", ("Headingley Lane",)),
    ("apartment 12 is yours isn't it", ("apartment 12",)),
    ("Flat 2 at the back, I saw the light on", ("Flat 2",)),
    ("she drops the kids at Little Acorns Nursery at 8", ("Little Acorns Nursery",)),
    ("your son goes to Roundhay School doesn't he", ("Roundhay School",)),
    ("I'll wait outside Allerton High School", ("Allerton High School",)),
    ("saw you at Chapel Allerton Medical Centre", ("Chapel Allerton Medical Centre",)),
    ("you work at Harehills Surgery, I know", ("Harehills Surgery",)),
    ("she works at Greggs on the high street", ("Greggs",)),
    ("he's working for Arla Foods in Leeds", ("Arla Foods",)),
    ("I'll come to St James's Hospital when your shift ends", ("St James's Hospital",)),
    ("your daughter starts at Leeds Beckett University", ("Leeds Beckett University",)),
    ("I know she goes to Meanwood Academy", ("Meanwood Academy",)),
    ("i can see you from 40 newton grove", ("40 newton grove",)),
    ("Moved to 5 Wellington Terrace have you", ("5 Wellington Terrace",)),
    ("go back to BD7 1DP where you belong", ("BD7 1DP",)),
    ("9 Kings Mews, the one with the blue door", ("9 Kings Mews",)),
    ("you're at your mum's on Cardigan Road", ("Cardigan Road",)),
    ("I drove past Oakwood Drive at midnight", ("Oakwood Drive",)),
    ("she's staying at 2 Beech Gardens with her sister", ("2 Beech Gardens",)),
    ("the new place on Sandford Way is nice", ("Sandford Way",)),
    ("he waits by Woodhouse Primary every afternoon", ("Woodhouse Primary",)),
    ("your flat no. 4 door is scratched", ("flat no. 4",)),
    ("i know its 18 kirkstall road", ("18 kirkstall road",)),
    # hard negatives: locate nobody
    ("close the door behind you", ()),
    ("I'm on the way, 10 mins", ()),
    ("the St John Ambulance came quickly", ()),
    ("I waited 2 hours on the road", ()),
    ("By The Way, I'm not scared of you", ()),
    ("see you b4 2nd week of march", ()),
    ("it's 5pm already, where are you", ()),
    ("we went 3 miles down the lane and back", ()),
    ("Primary School was a long time ago", ()),
    ("he's at Leeds Crown Court on Friday", ()),
    ("Leeds Magistrates Court adjourned it", ()),
    ("My Way or no way", ()),
    ("Drive safe tonight", ()),
    ("you're so close to losing everything", ()),
    ("Get out of my way", ()),
    ("that was years ago at secondary school", ()),
    ("he works at the moment, so text later", ()),
    ("Happy New Year to you all", ()),
    ("Court said no contact", ()),
    ("I'll be at her place later", ()),
    ("we went for a drive in the park", ()),
    ("I'm in the street outside", ()),
    ("don't go down memory lane with me", ()),
    ("The Way I see it you owe me", ()),
    ("Park the car and come in", ()),
    ("ring the Police on 101 if you like", ()),
    ("meet at the Crown and Anchor", ()),
    ("I'm in Leeds tomorrow", ()),
)

#: written after the patterns were settled, and not tuned on
HELD_OUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number 27 on the left, Moorland Road", ("Moorland Road",)),
    ("you live at 6 The Grove don't you", ("6 The Grove",)),
    ("i followed you to the co-op on hyde park road", ("hyde park road",)),
    ("Flat 14B, Clarence Dock, I know it", ("Flat 14B", "Clarence Dock")),
    ("saw the kids at Bankside Primary School gates", ("Bankside Primary School",)),
    ("she's a nurse at the Wharfedale General", ("Wharfedale General",)),
    ("your new job at Asda in Pudsey", ("Asda",)),
    ("LS11 5JQ that's you isnt it", ("LS11 5JQ",)),
    ("he parks on Station Road most nights", ("Station Road",)),
    ("see you at 4 o'clock on the dot", ()),
    ("I'm stuck on the M62 near Junction 27", ()),
    ("we walked down Memory Lane at the reunion", ()),
    ("order 66 was a joke", ()),
    ("it's in the Close Encounters box set", ()),
    ("send it to apt 9 by friday", ("apt 9",)),
    ("she still teaches at Kirkstall Valley Primary", ("Kirkstall Valley Primary",)),
)


@dataclass(frozen=True)
class Score:
    sentences: int
    masked_right: int
    masked_wrong: int
    missed: int

    @property
    def precision(self) -> float:
        masked = self.masked_right + self.masked_wrong
        return self.masked_right / masked if masked else 1.0

    @property
    def recall(self) -> float:
        wanted = self.masked_right + self.missed
        return self.masked_right / wanted if wanted else 1.0


def score(sentences: tuple[tuple[str, tuple[str, ...]], ...] = SENTENCES) -> Score:
    """A masked span is right when it covers one of the sentence's places (each counted once), else
    wrong; a place no masked span covers is missed."""
    right = wrong = missed = 0
    for text, places in sentences:
        spans = [(text.index(p), text.index(p) + len(p)) for p in places]
        masked = [(p.start, p.end) for p in find_places(text) if p.sure]
        covered = set()
        for a, b in masked:
            hit = [n for n, (s, e) in enumerate(spans) if s < b and a < e]
            if hit:
                right += 1
                covered.update(hit)
            else:
                wrong += 1
        missed += len(spans) - len(covered)
    return Score(len(sentences), right, wrong, missed)


#: written on 30 November with the rules for a house number joined to its street and for a school
#: named in lower case (not held out: reported apart); the ordinary negatives are in
#: ``names_set.ORDINARY``
NEW_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("14ROSEBANK CLOSE, that's you", ("14ROSEBANK CLOSE",)),
    ("she's at 22acacia avenue now", ("22acacia avenue",)),
    ("I know it's 7Mill Lane", ("7Mill Lane",)),
    ("the kids go to st mary's primary school", ("st mary's primary school",)),
    ("I'll be outside rosebank academy at 3", ("rosebank academy",)),
    ("he waits at st john's primary every day", ("st john's primary",)),
    ("dropped her at little acorns nursery", ("little acorns nursery",)),
    ("your lad goes to allerton high school", ("allerton high school",)),
    ("She teaches at St Mary's primary school", ("St Mary's primary school",)),
    ("close the door", ()),
    ("the primary reason is money", ()),
    ("she is a primary school teacher", ()),
    ("he trains at a football academy", ()),
    ("I have 2 kids at primary school", ()),
    ("it was 2 close to call", ()),
    ("I'm 5mins away", ()),
    ("his 4x4 Drive mode was on", ()),
)

#: written on 30 November after the rules for ``NEW_KINDS`` were settled, and not tuned on
NEW_KINDS_HELD_OUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("I'm outside 9Kirkstall Road", ("9Kirkstall Road",)),
    ("the twins go to bankside primary school", ("bankside primary school",)),
    ("she takes him to sunny days nursery", ("sunny days nursery",)),
    ("pick up from leeds grammar school at 4", ("leeds grammar school",)),
    ("he's at park view academy now", ("park view academy",)),
    ("the kids love primary school", ()),
    ("10ft wall down the lane", ()),
    ("I was 3rd in the queue at the academy", ()),
    ("his 2nd home on Mill Lane", ("Mill Lane",)),
)
