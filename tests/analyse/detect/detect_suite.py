"""The functional suite: HateCheck-style cases we wrote for the 16 categories, with contrast cases.

Each case is (speaker, text, expected categories). Speaker "him" = someone other than the complainant,
"her" = the complainant, None = unknown (text alone). Grow it with every bug: add the failing message.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

HIM = "other"
HER = "complainant"

CASES: list[tuple[str | None, str, frozenset[str]]] = []


def _add(speaker: str | None, labels: str, *texts: str) -> None:
    for text in texts:
        CASES.append((speaker, text, frozenset(labels.split()) if labels else frozenset()))


KILL = "threat_to_kill threat_violence"
_add(
    HIM,
    KILL,
    "I'm going to kill you",
    "I swear I will murder you",
    "im gonna kill u tonight",
    "I will k i l l you",
    "I'll k1ll you when I find you",
    "One day I'll strangle you",
    "I'll slit your throat",
    "You're dead when I see you",
    "You are a dead woman",
    "Your days are numbered",
    "I'm going to shoot your new boyfriend",
    "I will end you",
    "You'll be dead by Friday",
    "I'm gonna kiiiiill you",
    "I'll put a bullet in your head",
)
_add(
    HIM,
    "threat_violence",
    "I'm going to stab you",
    "I'll smash your face in",
    "I'll break your legs",
    "I'm going to hurt your kids",
    "I will batter that new boyfriend of yours",
    "I'll burn your house down",
    "You're going to get hurt",
    "I'll make you pay for this",
    "I'm going to punch you so hard",
    "I'll hurt your dog",
    "watch your back 🔪 you",
    "I'll kick your head in",
    "You will be shot",
    "I can't wait to hurt you",
)
_add(
    HIM,
    "threat_sexual",
    "I'm going to rape you",
    "I'll rape you when I get you alone",
    "you deserve to be raped",
    "someone should rape you",
    "I'll fuck you whether you like it or not",
    "I will sexually assault you",
)
_add(
    HIM,
    "intimate_image_abuse",
    "Send me nudes",
    "send me a naked pic now",
    "I'm going to post your nudes online",
    "I'll share the sex tape with everyone",
    "I'll send the photos to your mum",
    "I'll leak your nudes",
    "here are her nudes lads",
    "show me your tits pics",
)
_add(
    HIM,
    "intimate_image_abuse blackmail",
    "Pay me £500 or I post the pics",
    "send £200 or your nudes go everywhere, the pics are ready",
)
_add(
    HIM,
    "blackmail",
    "Drop the charges or else I'll ruin you",
    "Unblock me or I'll tell everyone your secret",
    "Meet me tonight or I'll tell your husband everything",
    "If you tell anyone I'll make sure you lose your job",
    "Withdraw your statement or everyone finds out",
)
_add(
    HIM,
    "blackmail threat_to_kill threat_violence",
    "If you go to the police I'll kill you",
    "Tell anyone and I will kill you",
)
_add(
    HIM,
    "doxxing",
    "Her address is 22 Acacia Avenue, go and see her",
    "she lives at 7 Park Road lads",
    "here's her number everyone, ring her",
    "I'm going to post your address online",
    "I'll share your home address everywhere",
    "her kids go to St Mary's, everyone",
)
_add(
    HIM,
    "monitoring",
    "Where were you last night?",
    "You weren't at home at 9",
    "Saw you leaving the gym",
    "Nice blue dress today",
    "I know you went to your sister's",
    "Send me your location now",
    "Turn your location back on",
    "I've been reading your messages",
    "I know your password",
    "I followed you home",
    "I'm sat outside your flat",
    "I know where you were on Saturday",
)
_add(
    HIM,
    "coercive_control",
    "If you leave me I'll kill myself",
    "You're not allowed to see your friends",
    "Who said you could go out?",
    "Give me your bank card",
    "You need my permission to go out",
    "Delete all your male friends",
    "You don't go anywhere without me",
    "Tell me what you spent every penny on",
    "Nobody will ever believe you",
    "look what you made me do",
)
_add(
    HIM,
    "self_harm_encouragement",
    "Kill yourself",
    "kys",
    "Go and die",
    "Do us all a favour and kill yourself",
    "why don't you just die",
    "The world would be better without you",
    "Nobody would miss you if you were gone",
    "go hang yourself",
)
_add(
    HIM,
    "sexual_harassment",
    "I want to fuck you",
    "Nice tits",
    "Sit on my face",
    "What colour are your knickers?",
    "I'm so horny thinking about you",
    "You'd look better naked",
    "Suck my dick",
    "Bet you're good in bed",
)
_add(
    HIM,
    "misogynistic_abuse",
    "You stupid slag",
    "You're a dirty whore",
    "shut up you bitch",
    "bet you can't sleep, slag",
    "Women are worthless",
    "get back in the kitchen",
    "you fat cow",
    "I hate women",
    "you're such a sl4g",
)
_add(
    HIM,
    "identity_hate",
    "Muslims are vermin",
    "I hate gay people",
    "Immigrants should all be deported",
    "Trans people are freaks",
    "disabled people are a burden",
    "no blacks allowed",
)
_add(
    HIM, "identity_hate threat_to_kill threat_violence", "Death to all jews", "I'm going to kill all muslims"
)
_add(
    HIM,
    "insult_harassment",
    "You're a pathetic loser",
    "you're an idiot",
    "Nobody will ever want you",
    "You're nothing",
    "You make me sick",
    "I hate you",
    "fuck off",
    "you absolute waste of space",
    "Politicians are scum",
)
_add(
    HIM,
    "evasion",
    "New number. You can't block me",
    "You can't hide from me",
    "Blocking me won't stop me",
    "I'll just make another account",
    "It's me again",
    "the order won't stop me",
    "This is my mate's phone, answer",
)
_add(
    HER,
    "request_to_stop",
    "Please stop messaging me",
    "Leave me alone",
    "Do not contact me again",
    "I don't want any contact with you",
    "I have blocked you",
    "Stop.",
    "Stay away from me and my kids",
    "stop calling me",
)
_add(
    HER,
    "distress",
    "I'm scared",
    "I'm terrified of what you'll do",
    "I can't sleep because of you",
    "I don't feel safe in my own home",
    "You're scaring me",
    "I'm so frightened",
    "I'm having panic attacks",
)
_add(HER, "distress request_to_stop", "I'm scared, please leave me alone", "I'm terrified. Stop.")

# Contrasts: nothing abusive is said (negation, idiom, quotation, reporting, support, everyday talk).
_add(
    HIM,
    "",
    "I would never hurt you",
    "I'd never kill you, you know that",
    "I could kill for a coffee",
    "This headache is killing me",
    "text me when you get home safe",
    "let me know when you're home",
    "I'll beat you at darts",
    "hit me up later",
    "shoot me a text when you land",
    "I'll get you a drink",
    "don't kill yourself, call the Samaritans",
    "You killed it at the gig",
    "I'm not going to hurt you",
    "Women are amazing",
    "I love my Muslim neighbours",
    "It's wrong to call women slags",
    "Stop saying immigrants are vermin",
    "Saw you on the news!",
    "I'll send the photos from the wedding tomorrow",
    "Can you send me the address of the restaurant?",
    "where are you? I'm at the bar",
    "I hate Mondays",
    "this weather is shit",
    "fuck, I missed the train",
    "my new number for work is below",
    "we're queer and proud",
    "The film was to die for",
    "he said he would kill me",
    "I'm dying to see you",
    "Break a leg tonight!",
    "I can't wait to see you",
    "we'll deal with it tomorrow",
)
_add(
    HER,
    "",
    "He said 'I'll kill you' and I'm reporting it",
    "He called me a slag again",
    "he threatened to post my nudes",
    "I'll kill you if you eat my chocolate",
    "Can we talk tomorrow?",
    "I'm not scared of you",
    "Please don't stop sending me those memes",
)
_add(HIM, "", "Stop messaging me", "I'm scared of spiders lol")

# Threats and calls for violence aimed at any person or group (issue 4: abuse whether or not the group is
# protected). Templates written by us from the taxonomy: first-person intent + violent verb + target,
# and normative calls ("X should be shot"), filled with protected and non-protected groups.
PROTECTED = ("Muslims", "Jews", "immigrants", "gay people", "trans people", "disabled people", "black people")
OTHERS = ("lawyers", "cyclists", "Tories", "vegans", "landlords")
_FIRST_KILL = ("I'm going to kill all {g}", "I will shoot every one of those {g}", "We will hang {g}")
_FIRST_HURT = ("I'm gonna beat up any of those {g} I see", "I'll stab those {g}")
_NORM_KILL = ("{G} should be shot", "{G} deserve to die", "{G} should all be hanged")
_NORM_HURT = ("{G} should be beaten up",)
for _i, _g in enumerate(PROTECTED + OTHERS):
    _id = " identity_hate" if _g in PROTECTED else ""
    _G = _g[0].upper() + _g[1:]
    _add(HIM, KILL + _id, _FIRST_KILL[_i % 3].format(g=_g), _NORM_KILL[_i % 3].format(G=_G))
    _add(HIM, "threat_violence" + _id, _FIRST_HURT[_i % 2].format(g=_g), _NORM_HURT[0].format(G=_G))
_add(
    HIM,
    KILL,
    "I'll lynch him",
    "we're going to murder every last one of you",
    "I will kill your kind",
    "Someone should shoot that man",
    "gonna slit the throats of those bastards",
    "I'll kill whoever did this",
    "the only good landlord is a dead landlord",
)
_add(
    HIM,
    "threat_violence",
    "I will beat the shit out of him",
    "I'm going to hurt them all",
    "We'll torch their house",
)
_add(HIM, KILL + " identity_hate", "I'll burn every mosque down and kill the Muslims inside")
# contrasts for the constructions above: negation, idiom, objects, reporting, counter-speech, news
_add(
    HIM,
    "",
    "I would never hurt those people",
    "We'd never hurt immigrants",
    "Nobody should be killed for who they are",
    "Gay people should never be attacked",
    "No one deserves to die like that",
    "I'm going to kill this workout",
    "kill the lights when you leave",
    "I'll kill this process and restart the server",
    "I'll kill all the bugs before the release",
    "I'm going to shoot some hoops",
    "I'll shoot them an email tomorrow",
    "We will beat those guys in the final",
    "I'm going to hang all the pictures",
    "The weeds should be killed off",
    "Mosquitoes should all die",
    "He said he would shoot them all",
    "She told me they were going to kill the refugees",
    "Saying 'Muslims should be shot' is vile",
    "Anyone who says immigrants deserve to die is a bigot",
    "Police say three people were shot dead last night",
    "Two men were stabbed in the town centre",
    "Muslims should be protected",
    "I will defend every refugee",
    "I'll beat you at chess",
    "My mum will kill me if I'm late",
    "Murderers deserve to be punished",
)
# imperatives, wishes to see people dead, "X deserve a beating", "dragged out and shot"
_add(
    HIM,
    KILL + " identity_hate",
    "Shoot the Muslims",
    "Round up the immigrants and shoot them",
    "I want all trans people dead",
    "Gay people should be dragged out and shot",
    "I hope someone kills all disabled people",
)
_add(
    HIM, KILL, "Kill all the politicians", "the old man next door should be shot", "I'd love to see them hang"
)
_add(HIM, "threat_violence identity_hate", "Black people deserve a beating")
_add(HIM, "threat_violence", "Those cyclists need a good kicking")
_add(
    HIM,
    "",
    "Shoot the messenger",
    "Let's kill some time before the film",
    "Let's kill the boys in the final",
    "Shoot the students an email about the trip",
    "Execute the plan",
    "Round up the kids and take them home",
    "I'd love to see you guys dance",
    "Teachers deserve a pay rise",
    "He wrote that women should be shot and got banned for it",
    "Saying 'kill all immigrants' is disgusting",
)
# a person named by a capitalised name; the same words in lower case are things or idioms
_add(HIM, KILL, "I am going to kill Sarah", "I'm going to murder Jake and his mates")
_add(HIM, "threat_violence", "I'll stab Dave tonight", "I'll punch Tom.")
_add(
    HIM,
    "",
    "I'm gonna kill time",
    "I will shoot Mark a text",
    "He said he'd kill Sarah",
    "I would never hurt Jess",
)
# groups no law protects are still people: threats and calls for violence against them are abuse
_add(HIM, KILL, "Remainers should be shot", "I'm going to kill all the influencers")
_add(HIM, "threat_violence", "Taxi drivers deserve a beating")
_add(
    HIM,
    "",
    "Millionaires are lucky",
    "Referees should be respected",
    "I'll shoot the referees a message",
    "Kill the bosses at level 3",
)
_add(
    HIM,
    "",
    "I'll kill them with kindness",
    "I'll hit them up later",
    "We're going to execute every order today",
    "I will shoot every wedding this summer",
    "I'm going to stab those potatoes with a fork",
)
# analyser v3: derogation of groups by grammar, slurs in ordinary senses, in-group use, misspellings
_add(
    HIM,
    "identity_hate",
    "Immigrants are nothing but parasites",
    "Muslims are all dishonest and backward",
    "Disabled people can never be trusted",
    "Gay people have no value",
    "Why are immigrants always so lazy?",
    "I met a trans person yesterday. They are disgusting.",
    "Black people, who are all criminals, should leave",
    "I truly despise immigrants",
    "Muslims make me want to vomit",
    "Keep immigrants away from our children",
    "Trans people should not be allowed to have children",
    "I would never hire a disabled person",
    "Immigrnats are scum",
    "Gay poeple are vermin",
    "Blackpeople are animals",
    "Disabled people get on my nerves",
    "My hatred of immigrants grows every day",
    "Seeing gay people kiss makes me sick",
    "Immigrants are not very smart",
    "Gay people are not an asset to this country",
)
_add(
    HIM,
    "misogynistic_abuse",
    "Women are so manipulative and greedy",
    "Women are not capable of leading anything",
    "I hate wmen",
    "Women aredisgusting",
)
_add(
    HIM,
    KILL + " identity_hate",
    "Somebody should put a bullet in every immigrant",
    "Muslims belong in a grave",
)
_add(HIM, "threat_violence identity_hate", "I'm going to make every immigrant in this town suffer")
_add(HIM, "threat_violence misogynistic_abuse", "Women should be beaten when they disobey")
_add(
    HIM,
    "insult_harassment",
    "Politicians are nothing but leeches",
    "You're nothing but a pathetic little worm",
)
_add(
    HIM,
    "",
    "Women should be respected",
    "I'd never hurt a woman",
    "He said 'I'll kill all Muslims' and I reported it",
    "Calling gay people degenerates is hateful and wrong",
    "If you say disabled people are a burden, you are the problem",
    "It's disgusting how people talk about Muslims online",
    "Your hatred of black people is pathetic",
    "Stop hating women",
    "Immigrants are not a burden",
    "Immigrants are not bad people",
    "Black people are not any less kind",
    "I don't hate trans people",
    "No woman deserves abuse",
    "We're dykes and proud of it",
    "As a gay man, I call my mates faggots all the time",
    "Fancy a fag after dinner?",
    "I had faggots and peas for tea",
    "The Dutch built a dyke to hold back the sea",
    "There is a chink in his armour",
    "The flame retardant stopped the fire",
    "Our greyhound bitch had six pups",
    "The tranny on my van is slipping",
    "Grab a packet of fags on your way",
    "A chink of sunlight came through the blinds",
    "Cauliflowers are disgusting",
    "We should get rid of this old sofa",
)

# detect v4: a slur is derogatory whatever the sentence denies (rule identity.slur, negatable: false);
# more slurs; negation still cancels other words, and counter-speech about a slur stays clean
_add(
    HIM,
    "identity_hate",
    "He is not a paki, he is worse",
    "No pakis round here, thank god",
    "There are no niggers in my street and never will be",
    "That lad is not even a proper kike",
    "I would never let a towel head into my house",
    "Nobody wants sheboons near their kids",
    "Muslim scum out of our town",
    "Look at all these Paki bastards",
    "Gay freaks everywhere you look",
)
_add(
    HIM,
    "",
    "Immigrants are not scum",
    "Do not call them pakis, it is racist",
    "Never call anyone a towel head",
    "It is wrong to call people kikes",
    "I would never say nigger",
    "Stop calling him a wop",
    "I don't think anyone should call them pakis",
    "I never said he was a kike",
    "The black dog barked all night",
    "Black rats got into the barn",
    "Our Polish dogs love the snow",
    "Calling people Muslim scum is racist",
)


def _sibling(name: str) -> Any:
    """A case module beside this file, loaded by path (``bench/eval_detect.py`` loads this file by path)."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# derogation of groups read by the group + evaluation layer (suite_groups.py)
CASES.extend(_sibling("suite_groups").GROUP_CASES)
# threats aimed at groups, people and non-protected groups, with contrasts (suite_threats.py)
_sibling("suite_threats").add(_add)
# abuse written with obfuscated spellings, with contrasts (suite_spelling.py)
CASES.extend(_sibling("suite_spelling").SPELLING_CASES)
# statements that deny or condemn hate, with positive controls of the same shapes (suite_contrasts.py)
CASES.extend(_sibling("suite_contrasts").CONTRAST_CASES)
# threats against protected groups, second round: independent development set, with contrasts (suite_threats2.py)
CASES.extend(_sibling("suite_threats2").THREAT_CASES)
# insults and derogation as real people write them (round 6), with contrasts (suite_insults.py)
CASES.extend(_sibling("suite_insults").INSULT_CASES)
# threats and calls for violence as real people write them, round 6, with contrasts (suite_threats3.py)
CASES.extend(_sibling("suite_threats3").THREAT_CASES)
# implicit derogation of groups, round 7, with contrasts that share their words (suite_implicit.py)
CASES.extend(_sibling("suite_implicit").IMPLICIT_CASES)
# threats aimed at one person as abusers write them, round 7, with contrasts (suite_threats4.py)
CASES.extend(_sibling("suite_threats4").THREAT_CASES)
# content review 5: negators in another clause, characters that draw nothing, more look-alike letters
CASES.extend(_sibling("suite_hidden").HIDDEN_CASES)
