"""The closed word classes the group + evaluation layer reads clauses with (``evaluation.py``).

The open lexicon (what is said of a group or a person, and how strongly) is data in
``rules/detect/evaluation.yaml``; these are the grammar words around it.
"""

from __future__ import annotations

FIRST_PERSON = frozenset("i we i'd id i'll ill i'm im we'd we'll nobody noone".split())
# verbs of refusal count as negators before an attitude, so "I'd never refuse to hire a X" affirms
REFUSALS = frozenset("refuse refuses refused refusing".split())
# harm wished on the group after "nobody wants X ...": the attitude is to the harm, not the group
HARM_AFTER = frozenset(
    "dead hurt harmed killed attacked deported gone suffering shot punished abused die suffer starve"
    " drown".split()
)
HARM_PASSIVE = frozenset("hurt harmed killed attacked deported shot punished abused beaten bullied".split())
QUANTIFIERS = frozenset(
    "all most many some none few one each any both half lot lots loads swarms hordes herds packs gangs"
    " bunch".split()
)
# words after which a group begins its own clause ("I think X are ...", "why are X so ...")
SUBJECT_OK = frozenset(
    "that think thought believe reckon feel guess know knew bet swear why how are is were was because"
    " cause cos coz when if honestly and but so lol lmao find consider like also then yes yeah well tbh imo"
    " ngl just now frankly clearly obviously seriously truly fact opinion truth where while whereas do does"
    " did can could will would should must typical knows thinks believes realise realize agree admit sure"
    " certain convinced wish seems clear obvious hope hoping pray".split()
)
SMALL_CLAUSE = frozenset("find consider found considered".split())  # "I find X despicable"
ARTICLES = frozenset("a an the this that every each any no one another".split())
# group names that are singular in form but name many people ("Antifa are ...")
COLLECTIVE = frozenset("antifa".split())
# in-group or reclaimed words that name groups; the slur rules read them, not this layer
# (round 7) and "kids" or "children" alone: "the kids were like animals" is said of children in play
EXCLUDED = frozenset("niggas nigga dykes queers birds kids children".split())
# after a comma, the claim about the group goes on only in these words ("X, who are ...", "X, honestly, ...")
AFTER_COMMA = frozenset(
    "who that which are is were all just honestly frankly basically seriously literally really they".split()
)
NON_PROTECTED_REFUSAL = 0.75  # "I don't trust the police" is weaker than the same said of a protected group
LEFT_DETERMINERS = frozenset(
    "all the those these most every some any of a an many such so more fucking bloody damn "
    "filthy dirty stupid other single one last each both you u ya".split()
)
# tokens before a clause that do not change who its subject is ("@user Liberals are ...", "lol X ...")
TRANSPARENT = frozenset(
    "user url lol lmao lmfao rofl haha hahaha hah wow woow oh ooh ok okay yes yeah yep yup hmm hmmm ugh smh"
    " omg exactly true indeed wait hey yikes jeez wtf ffs".split()
)
# after these a person subject is not a claim ("if you are a liar ...", "better than he is")
PERSON_NOT_AFTER = frozenset("if unless whether when than as whenever".split())
# a copula or modal after "you", "he", "she", "this guy": what follows is said of them
PERSON_LINKS = frozenset(
    "are r is was were am can will should must sound sounds look looks seem seems act acts".split()
)
# verbs of belief: a negator before them denies the claim that follows ("I don't think he is a liar")
BELIEF = frozenset("think thought believe believed reckon feel felt say said suppose guess mean".split())
# words that may follow a noun said of a person without making it part of a compound ("a crook and a liar")
PERSON_END = frozenset(
    "and or but who that with for to in on at of from like as if because cause cos than then too again now"
    " here there mate man bro dude innit tbh imo though tho really honestly seriously anyway yet always all"
    " just even since when while by so is was are were lol lmao haha ffs smh url user".split()
)
# words too common to open the person layer on their own ("have to obey": "obey" opens it, not "have")
COMMON = frozenset(
    "have has had to be been the a an of in on at where what with their them they all no not should must"
    " need needs ought can could would will go get out home work talk nothing like just so really".split()
)
# (round 7) words too common to open the group layer: an entry's cue is its longest word not among these
CUE_COMMON = COMMON | frozenset(
    "the kids children with from for our you your his her one any way us off up down over back into about"
    " than then there here this that these those were was are is and but or if when got going come comes"
    " people time day now every never always only make made take think thing things want know see look"
    " good well much many more most some other every why how who which its it's i'm don't can't".split()
)
# nouns for a person after a bad word ("a stupid man", "a horrible human")
PERSON_NOUNS = frozenset("man woman guy bloke person human individual girl boy lady fella creature".split())
# a copula ends the look-back for a negator ("he is not a troll he is simply dumb")
COPULAS = frozenset("is are was were am r 's 're he's she's you're".split())
# (round 7) "why can't / won't / don't X just …?": a demand that the group change; not when what follows is
# something the group is denied ("why can't disabled people just get the support they need?")
DEMAND_OPENERS = frozenset("can't cant won't wont don't dont".split())
DEMAND_NOT = frozenset("get have be receive access afford find rent buy see use feel enjoy".split())
JUST_DEMAND = 0.65
