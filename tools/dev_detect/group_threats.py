"""Development sentences for threats aimed at groups (and at people and groups no law protects).

Written by the Footprint team from general knowledge of English, not from any test set: first-person
intent frames x violent verbs x targets, normative calls for violence (modal + violent participle,
"deserve death", "death to ...", wishes and hopes, imperatives), and contrast sentences (negated,
protective, counter-speech, quoted or reported, idioms, violence against things). Prints the share
flagged as a threat per frame and the share left clean per contrast type.

Usage: PYTHONPATH=src .venv/bin/python tools/dev_detect/group_threats.py [--show-misses N] [--frame NAME]
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict

from footprint.analyse.detect import Detector

THREATS = frozenset({"threat_to_kill", "threat_violence", "threat_sexual"})

PROTECTED = (
    "Muslims",
    "Jews",
    "immigrants",
    "gay people",
    "trans people",
    "disabled people",
    "black people",
    "women",
    "refugees",
    "lesbians",
    "Asians",
    "gays",
    "Pakistanis",
    "Hindus",
    "Sikhs",
    "bisexual people",
    "transgender people",
)
# one member of the group ("the next Muslim I see")
SINGULAR = {
    "Muslims": "Muslim",
    "Jews": "Jew",
    "immigrants": "immigrant",
    "gay people": "gay person",
    "trans people": "trans person",
    "disabled people": "disabled person",
    "black people": "black person",
    "women": "woman",
    "refugees": "refugee",
    "lesbians": "lesbian",
    "Asians": "Asian",
    "gays": "gay",
    "Pakistanis": "Pakistani",
    "Hindus": "Hindu",
    "Sikhs": "Sikh",
    "bisexual people": "bisexual person",
    "transgender people": "transgender person",
}
OTHERS = (
    "politicians",
    "Tories",
    "vegans",
    "Chelsea fans",
    "landlords",
    "bankers",
    "cyclists",
    "journalists",
    "MPs",
    "lawyers",
    "Labour voters",
    "feminists",
    "cops",
)
GROUPS = PROTECTED + OTHERS
IRREGULAR = {"Tories": "Tory", "MPs": "MP"}

INTENT = (
    "I will",
    "I'll",
    "I'm going to",
    "I am going to",
    "I'm gonna",
    "im gonna",
    "We will",
    "We'll",
    "We're going to",
    "We are going to",
    "I shall",
    "We shall",
    "I am about to",
    "I'm about to",
    "I plan to",
    "I'm planning to",
    "I intend to",
    "We intend to",
    "I can't wait to",
    "I cannot wait to",
    "I'm coming to",
    "I am coming to",
    "One day I'll",
    "One day I will",
    "Mark my words, I will",
    "Mark my words, we'll",
    "I swear I'll",
    "I swear to God I will",
    "I promise I will",
    "Soon I will",
    "Tonight I'm going to",
    "I really want to",
    "I am ready to",
    "I've decided to",
    "I have decided to",
    "My plan is to",
    "We are ready to",
    "I'm definitely going to",
    "I'm seriously going to",
    "We must",
    "I would happily",
    "I'd love to",
    "I'm going to go out and",
    "I want to",
    "I'm determined to",
    "I will personally",
    "I am gonna",
    "I'm fixing to",
)
KILL_VERBS = (
    "kill",
    "murder",
    "slaughter",
    "execute",
    "exterminate",
    "eradicate",
    "annihilate",
    "wipe out",
    "gas",
    "burn",
    "hang",
    "lynch",
    "shoot",
    "behead",
    "massacre",
    "butcher",
    "strangle",
    "drown",
    "stab to death",
    "beat to death",
    "slit the throats of",
    "put a bullet in",
    "blow up",
    "bomb",
    "get rid of",
    "eliminate",
    "destroy",
    "burn alive",
    "gun down",
    "mow down",
    "shoot dead",
    "hunt down and kill",
    "poison",
    "run over",
    "decapitate",
    "torch",
)
HURT_VERBS = (
    "torture",
    "beat",
    "beat up",
    "hurt",
    "stab",
    "attack",
    "punch",
    "kick",
    "harm",
    "batter",
    "maim",
    "cripple",
    "assault",
    "smash the faces of",
    "break the legs of",
    "beat the shit out of",
    "glass",
    "throw acid on",
    "whip",
    "hunt down",
    "cut up",
    "hit",
    "injure",
    "mutilate",
)
SEX_VERBS = ("rape", "sexually assault", "gang rape")
TARGETS = (
    "all {g}",
    "{g}",
    "those {g}",
    "these {g}",
    "every last one of those {g}",
    "every single one of those {g}",
    "the {g}",
    "the next {s} I see",
    "any {s} I meet",
    "every {s} in this town",
    "a {s}",
    "some {g}",
    "as many {g} as I can",
    "every {s} I find",
    "all of the {g}",
    "all the {g} in this area",
    "each and every {s}",
    "you {g}",
    "all you {g}",
    "the {g} next door",
    "every {s}",
)
PRONOUN_TARGETS = (
    "them",
    "them all",
    "all of them",
    "every last one of them",
    "every one of them",
    "the lot of them",
    "each of them",
    "your kind",
    "people like you",
    "those people",
    "you people",
    "you all",
    "you lot",
    "their kind",
    "people like them",
    "the whole lot of them",
)
PP_KILL = (
    "killed",
    "murdered",
    "shot",
    "hanged",
    "hung",
    "lynched",
    "gassed",
    "burned",
    "burnt alive",
    "executed",
    "exterminated",
    "eradicated",
    "annihilated",
    "slaughtered",
    "massacred",
    "wiped out",
    "beheaded",
    "put down",
    "shot dead",
    "put to death",
    "gunned down",
    "strung up",
    "hanged from the nearest tree",
    "burned at the stake",
    "wiped off the face of the earth",
    "eliminated",
    "destroyed",
    "got rid of",
    "poisoned",
    "drowned",
    "lined up and shot",
    "rounded up and killed",
    "blown up",
    "stabbed to death",
    "beaten to death",
    "stoned to death",
    "decapitated",
)
PP_HURT = (
    "beaten",
    "beaten up",
    "tortured",
    "stabbed",
    "attacked",
    "punched",
    "hurt",
    "harmed",
    "whipped",
    "flogged",
    "maimed",
    "battered",
    "assaulted",
    "kicked",
    "mutilated",
    "injured",
    "crippled",
    "set on fire",
    "made to suffer",
)
MODALS = (
    "should",
    "should all",
    "ought to",
    "must",
    "must all",
    "need to",
    "needs to",
    "deserve to",
    "all deserve to",
    "have to",
    "really should",
    "should just",
    "ought to all",
    "should fucking",
    "are going to have to",
    "should honestly",
)
NORM_DEATH = (
    "{G} deserve death",
    "{G} deserve a bullet",
    "{G} deserve a bullet in the head",
    "{G} deserve the rope",
    "{G} deserve to die",
    "{G} deserve to die a slow death",
    "{G} should all die",
    "{G} should die",
    "{G} need to die",
    "{G} must die",
    "{G} ought to die",
    "{G} should be dead",
    "{G} should all be dead",
    "{G} are better off dead",
    "{G} would be better off dead",
    "{G} don't deserve to live",
    "{G} do not deserve to live",
    "{G} should not be allowed to live",
    "{G} shouldn't be allowed to live",
    "{G} must be wiped off the face of the earth",
    "{G} need wiping out",
    "{G} need shooting",
    "{G} want shooting",
    "{G} need killing",
    "{G} need a bullet",
    "{G} should be six feet under",
    "Every {s} deserves to die",
    "Every single {s} should be shot",
    "Any {s} deserves a bullet",
    "All {g} deserve to be killed",
    "The only good {s} is a dead {s}",
    "The only good {s} is a dead one",
    "The world would be better if {g} were dead",
    "The world would be a better place if all {g} were killed",
    "This country would be better off if {g} were all dead",
    "Death to {g}",
    "Death to all {g}",
    "Death to every {s}",
    "Kill all {g}",
    "Hang all {g}",
    "Shoot every {s} you see",
    "Gas the {g}",
    "Exterminate the {g}",
    "Burn the {g}",
    "Wipe out the {g}",
    "Kill every {s}",
    "Hang them all",
    "Shoot them all",
    "Let's kill all {g}",
    "Lets go and kill some {g}",
    "Let us exterminate the {g}",
    "It's time to kill {g}",
    "It's time to exterminate all {g}",
    "It is time we killed every {s}",
    "It's time we got rid of {g} for good",
    "Time to wipe out {g}",
    "We need to kill all {g}",
    "We need to exterminate {g}",
    "We need to get rid of {g} once and for all",
    "We should kill all {g}",
    "We should hang {g}",
    "We must exterminate the {g}",
    "We have to wipe out {g}",
    "Someone needs to kill {g}",
    "Someone should kill all {g}",
    "Someone ought to shoot those {g}",
    "Somebody should put a bullet in every {s}",
    "Someone needs to shoot every {s}",
    "Somebody should burn all {g} alive",
    "People should kill {g}",
    "People need to start killing {g}",
    "Everyone should shoot {g} on sight",
    "The government should execute all {g}",
    "The police should shoot {g}",
    "I hope {g} die",
    "I hope all {g} die",
    "I hope {g} all die",
    "I hope every {s} dies",
    "I hope {g} get killed",
    "I hope {g} get shot",
    "I hope someone kills all {g}",
    "I hope someone shoots {g}",
    "I hope they hang all {g}",
    "I hope {g} burn to death",
    "I hope {g} suffer and die",
    "I wish {g} would die",
    "I wish all {g} were dead",
    "I wish {g} were dead",
    "I wish someone would kill all {g}",
    "I wish someone would shoot {g}",
    "I wish every {s} would die",
    "I wish we could kill all {g}",
    "I want {g} dead",
    "I want all {g} dead",
    "I want every {s} dead",
    "I want to see {g} dead",
    "I want to see {g} hang",
    "I'd love to see {g} burn",
    "I would love to see all {g} killed",
    "I pray {g} die",
    "Praying all {g} get wiped out",
    "Hoping all {g} die",
    "Hoping every {s} gets shot",
    "Here's hoping {g} all die",
    "May all {g} die",
    "May every {s} rot and die",
    "{G} should be rounded up and shot",
    "{G} should be put in gas chambers",
    "{G} should be put down like dogs",
    "{G} should be shot on sight",
    "{G} should be hanged in the street",
    "{G} should be burned alive",
    "{G} must be exterminated like rats",
    "{G} are vermin and should be exterminated",
    "{G} are scum and deserve to die",
    "{G} are disgusting and should all be killed",
    "I think {g} should be shot",
    "I think all {g} should die",
    "Honestly {g} should be killed",
    "Tbh {g} deserve to be shot",
    "In my opinion {g} should be executed",
    "{G} should be killed, every last one",
    "{G} need to be wiped out",
    "{G} need to be exterminated",
    "{G} have to be eliminated",
    "{G} must be destroyed",
    "{G} must be eradicated",
    "{G} need eradicating",
    "All {g} must be killed",
    "Every {s} should be executed",
    "Every {s} needs to be shot",
    "Any {s} should be hanged",
    "{G} are a disease and they need to be wiped out",
    "{G} are animals. They should all be shot.",
    "I hate {g}. They deserve to die.",
    "I can't stand {g}. They should all be hanged.",
    "I hate {g}, they need to be exterminated",
    "{G} everywhere. Kill them all.",
    "{G} are taking over. Time to wipe them out.",
    "So many {g} here. Someone should shoot them.",
    "{G} again. I hope they all die.",
    "{G}? Death to them all.",
)
NORM_HURT = (
    "{G} deserve a beating",
    "{G} deserve a good kicking",
    "{G} need a good hiding",
    "{G} need a slap",
    "{G} deserve to suffer",
    "{G} should suffer",
    "{G} need to be taught a lesson with a baseball bat",
    "Someone should beat up {g}",
    "Someone needs to give {g} a beating",
    "We should beat up {g}",
    "We need to start attacking {g}",
    "Somebody should stab those {g}",
    "I hope someone beats up every {s}",
    "I hope {g} get beaten up",
    "I hope {g} get attacked",
    "I wish someone would torture {g}",
    "Beat up every {s} you see",
    "Attack the {g}",
    "Let's beat up some {g}",
    "It's time to attack {g}",
    "{G} should be attacked on sight",
    "{G} need to be beaten",
    "{G} want a good kicking",
    "{G} need their heads kicked in",
    "{G} should get their heads kicked in",
    "{G} should have acid thrown in their faces",
    "{G} should have their legs broken",
    "{G} should be tortured until they beg",
)
NORM_SEX = (
    "{G} should be raped",
    "{G} deserve to be raped",
    "{G} need to be raped",
    "Someone should rape those {g}",
    "I hope {g} get raped",
    "I will rape all {g}",
    "I'm going to rape every {s} I see",
)
INDIVIDUAL = (
    "I'm going to shoot you",
    "I will kill you",
    "I'll stab you",
    "I'm going to kill the prime minister",
    "I'll shoot that MP",
    "I will kill every politician in this town",
    "Someone should shoot the prime minister",
    "The prime minister deserves a bullet",
    "That MP should be hanged",
    "Boris should be shot",
    "Keir Starmer deserves to die",
    "I'm going to hang that traitor",
    "The referee should be shot",
    "I'll batter that ref",
    "That journalist deserves a beating",
    "Hope that judge gets shot",
    "I'm going to find where you live and kill you",
    "I will hunt you down",
    "I'll put you in the ground",
    "I swear I'll end you",
    "I'm going to slit your throat",
    "We're coming for you",
    "I'm coming to kill you",
    "You deserve to die",
    "You should be shot",
    "You should be hanged",
    "You need a bullet in your head",
    "You deserve a beating",
    "I hope someone kills you",
    "Someone should kill you",
    "You and your family should be burned alive",
    "Your whole family deserve to die",
    "He deserves to be shot",
    "She should be raped",
    "I hope she gets raped",
    "That bitch should be beaten",
    "I'm going to rape you",
    "I'll see to it that you die",
    "I'll make sure you die",
    "I'll see to it that those vegans are wiped out",
)
PROTECT = (
    "{G} should be protected",
    "{G} deserve to be safe",
    "{G} must be respected",
    "{G} should be treated with dignity",
    "{G} deserve to be heard",
    "{G} need to be supported",
    "{G} should be welcomed",
    "{G} deserve to live in peace",
    "{G} should be free to live their lives",
    "We need to protect {g}",
    "I will defend {g}",
    "I'm going to stand up for {g}",
    "We should help {g}",
    "{G} deserve equal rights",
    "I want {g} to be safe",
    "I hope {g} stay safe",
    "I wish {g} a happy holiday",
    "I'm going to support {g}",
    "We will fight for {g}",
    "{G} should be celebrated",
    "{G} deserve respect",
    "{G} deserve to be loved",
    "{G} have to be included",
    "Someone should help those {g}",
    "I'm going to hug every {s} I meet",
)
NEGATED = (
    "{G} should never be harmed",
    "{G} should never be attacked",
    "{G} should not be killed",
    "{G} should not be hurt",
    "{G} don't deserve to die",
    "{G} do not deserve to be hurt",
    "{G} don't deserve to be attacked",
    "{G} must never be hurt",
    "Nobody should kill {g}",
    "No one should ever hurt {g}",
    "Nobody should hurt {g}",
    "No one deserves to be killed for being one of the {g}",
    "I would never hurt {g}",
    "I will never kill {g}",
    "I'll never hurt {g}",
    "We would never attack {g}",
    "I'm not going to hurt {g}",
    "I am not going to kill any {g}",
    "We won't harm {g}",
    "Nobody wants to kill {g}",
    "It's never okay to shoot {g}",
    "Never hurt {g}",
    "Don't hurt {g}",
    "No {s} deserves to be attacked",
    "No {s} should be killed",
    "Killing {g} is never okay",
    "Hurting {g} is never acceptable",
    "{G} shouldn't have to fear being attacked",
    "{G} should not have to live in fear of being killed",
    "There is no reason to hurt {g}",
)
COUNTER = (
    "Saying {g} should be shot is vile",
    "Saying {g} deserve to die is disgusting",
    "Anyone who says {g} should be killed is a monster",
    "People who say {g} deserve to die are evil",
    "Calls to kill {g} are disgusting",
    "Calling for {g} to be killed is a crime",
    "Threatening to kill {g} is a crime",
    "Threats to kill {g} must be reported",
    "It's wrong to say {g} should be hanged",
    "It is disgusting to say {g} should be shot",
    "I can't believe people still say {g} should be killed",
    "How can anyone say {g} should die?",
    "If you think {g} deserve to die, you are the problem",
    "Wanting to kill {g} makes you a terrorist",
    "Posts saying {g} should be exterminated should be removed",
    "Stop saying {g} should be shot",
    "Wishing death on {g} is sick",
    "Hoping {g} die is hateful",
    "Death threats against {g} are never acceptable",
    "People threatening to kill {g} should be arrested",
)
QUOTED = (
    "He told me 'all {g} should die' and I reported him",
    "He said he would kill all {g}, so I called the police",
    "He said he'd kill every {s} he sees",
    "She posted 'death to {g}' and got banned",
    "The graffiti said 'kill all {g}'",
    'Someone wrote "{g} should be shot" on the wall',
    "He shouted that {g} should be hanged and was arrested",
    "My neighbour keeps saying {g} deserve to die",
    "The troll tweeted that he would shoot all {g}",
    '"{G} must be exterminated" is what the leaflet said',
    "He threatened to kill {g}",
    "The man was jailed for saying he would kill {g}",
    "According to him, {g} should be shot",
)
IDIOM = (
    "I could kill for a coffee",
    "I would kill for a pizza right now",
    "That joke killed",
    "You absolutely killed it tonight",
    "{G} killed it at the show",
    "The comedian killed it",
    "My feet are killing me",
    "This heat is killing me",
    "I'm dying to meet {g}",
    "I'm going to murder a curry tonight",
    "Break a leg tonight",
    "I'll shoot you a text later",
    "Shoot me a message when you're free",
    "I'm going to smash this exam",
    "We're going to kill it at the gig",
    "I will destroy you at chess",
    "I'm going to beat you at FIFA",
    "I'll beat them in the final",
    "We will crush {g} at football",
    "{G} are going to smash it",
    "I'm going to kill some time before the train",
    "This song slaps",
    "I'm dead, that's hilarious",
    "The {g} at the quiz slayed",
    "I'll hit you up tomorrow",
    "Knock them dead",
)
OBJECTS = (
    "kill the bugs",
    "kill the lights",
    "kill the process",
    "I'm going to kill all the weeds",
    "We need to kill the bugs in this code",
    "I'll shoot some hoops later",
    "We should hang the pictures in the hall",
    "Let's wipe out the debt",
    "I'm going to beat the record",
    "I'll burn the rubbish",
    "We must destroy the ring",
    "Someone should shoot this film in colour",
    "The film should be shot in Leeds",
    "The old shed should be burned down",
    "These weeds need killing",
    "The wasps should be exterminated",
    "Rats should be exterminated",
    "The mice need to be got rid of",
    "Kill all the mosquitoes",
    "I want to kill the zombies in this game",
    "I will slaughter the orcs",
    "Execute the script",
    "Hang the washing out",
    "Shoot the breeze",
    "We need to eliminate the waste",
    "I'm going to gas the car up",
    "The tyres need to be burned",
    "Death to the patriarchy",
    "Death to capitalism",
    "The virus must be eradicated",
    "Poverty must be wiped out",
    "We will wipe out cancer",
    "That bill should be killed in committee",
    "I'm going to kill my diet this week",
    "I will murder this cake",
    "I'll crush the competition",
)
NEWS = (
    "Three {g} were killed in the attack",
    "{G} were shot at the border last year",
    "Many {g} have been murdered in hate crimes",
    "The report says {g} are more likely to be attacked",
    "{G} are being killed in the war",
    "I'm going to visit {g} in the community centre",
    "We will meet {g} tomorrow",
    "I can't wait to see my {g} friends",
    "The documentary is about {g} who were executed",
    "My grandad shot pheasants, not {g}",
    "The game has {g} as characters you can kill",
    "{G} are going to win the election",
    "I'm going to hang out with {g}",
)

# predictions, reports, campaigning and other ordinary sentences with a violent verb and a group
ORDINARY = (
    "The cuts will hurt {g}",
    "This law will harm {g}",
    "Austerity kills {g}",
    "Brexit is going to hurt {g}",
    "The new policy will destroy {s} families",
    "The heatwave could kill {g}",
    "Poverty is killing {g}",
    "Police shot a {s} last night",
    "I watched the police beat a {s}",
    "I saw a gang attack a {s} and called 999",
    "I was attacked by a group of {g}",
    "We must stop people who attack {g}",
    "We need to protect {g} from people who hurt them",
    "I'll fight for {g}",
    "We're going to beat the {g} team at the next match",
    "Labour will destroy the Tories in the polls",
    "We will crush the Conservatives in May",
    "I'm going to shoot some photos of the {g} for the charity",
    "I'm going to shoot a documentary about {g}",
    "We should kill the bill that harms {g}",
    "Let's kill the stereotype that {g} are violent",
    "Time to kill the myth that {g} are lazy",
    "I could murder a curry with the {g} from work",
    "Killing {g} is a hate crime and should be punished",
    "Hate crimes against {g} must be stopped",
    "Attacks on {g} should be prosecuted",
    "People who attack {g} should be jailed",
    "Anyone who hurts {g} deserves prison",
    "The {g} who were murdered deserve justice",
    "I will destroy the argument that {g} are a threat",
    "We will eliminate discrimination against {g}",
    "We need to get rid of prejudice against {g}",
    "Who would want to hurt {g}?",
    "Why would anyone want to kill {g}?",
)

# written in one go after the rules, without looking at them: a check that the grammar generalises
FRESH_POS = (
    ("direct", "I'm going to round up every Muslim on my street and shoot them"),
    ("direct", "we will massacre the gays at pride this year"),
    ("direct", "next time I see a trans person I'm going to beat them senseless"),
    ("direct", "I will not stop until every immigrant in this country is dead"),
    ("direct", "me and the lads are going to kill some Pakis tonight"),
    ("direct", "I am going to blow up the mosque on Friday"),
    ("direct", "I'll personally hang every traitor MP from a lamp post"),
    ("direct", "one day I'll gun down a whole classroom of black kids"),
    ("direct", "I am going to run over every cyclist I see tomorrow"),
    ("direct", "gonna shoot up the synagogue"),
    ("direct", "I'm planning to poison the refugees at the hostel"),
    ("direct", "we're gonna burn the travellers out of their caravans"),
    ("direct", "I'll stab any woman who rejects me"),
    ("direct", "I want to strangle every feminist I meet"),
    ("direct", "I intend to wipe the Jews off the map"),
    ("direct", "I will hunt down and kill every gay man in this city"),
    ("direct", "Our group will slaughter the Muslims, mark my words"),
    ("direct", "I can't wait to put a bullet in a refugee"),
    ("direct", "i swear down im going to kill a vegan today"),
    ("direct", "I'm going to kill the disabled, one by one"),
    ("direct", "We are going to exterminate you all, you filthy immigrants"),
    ("direct", "I'll beat every single one of you gay boys black and blue"),
    ("direct", "I'm going to torture disabled people for fun"),
    ("direct", "Tonight we murder the Tories"),
    ("direct", "I would happily shoot every Labour voter"),
    ("norm", "Muslims should be burned alive in their mosques"),
    ("norm", "All immigrants deserve to be shot at the border"),
    ("norm", "Trans people ought to be executed"),
    ("norm", "Women like her should be stoned to death"),
    ("norm", "Gay men deserve nothing but a bullet"),
    ("norm", "The disabled must be put out of their misery"),
    ("norm", "Every black person should be lynched"),
    ("norm", "Refugees need to be shot on sight"),
    ("norm", "These Pakis should be hanged one by one"),
    ("norm", "Jews must be exterminated once and for all"),
    ("norm", "Feminists should be beaten until they shut up"),
    ("norm", "Immigrants deserve to burn"),
    ("norm", "Lesbians should be raped straight"),
    ("norm", "Someone should put all the Muslims in a camp and gas them"),
    ("norm", "Somebody needs to start shooting these immigrants"),
    ("norm", "We should round up the gays and kill them"),
    ("norm", "Death to all immigrants"),
    ("norm", "Kill every last Muslim"),
    ("norm", "Hang the trans people from the lamp posts"),
    ("norm", "It's high time we killed off the Jews"),
    ("norm", "The world will be a better place when every Muslim is dead"),
    ("norm", "Honestly the only solution for black people is a bullet"),
    ("norm", "I hope a bus runs over every last one of the immigrants"),
    ("norm", "I hope all the gays catch fire and die"),
    ("norm", "Wishing death on every refugee in the channel"),
    ("norm", "May every Jew burn"),
    ("norm", "Landlords should be dragged into the street and shot"),
    ("norm", "Politicians deserve to hang"),
    ("norm", "Cyclists should be run off the road and killed"),
    ("norm", "Vegans should be force-fed until they die"),
    ("norm", "Trans people need to be wiped out"),
    ("norm", "Disabled people should be gassed like in the old days"),
    ("norm", "Muslims deserve the death penalty for existing"),
    ("norm", "Women who cheat should be beaten"),
    ("norm", "Black people should be strung up"),
)
FRESH_NEG = (
    "Muslims should be treated with respect",
    "Trans people deserve to live full lives",
    "No immigrant deserves to be shot",
    "Nobody should hang gay people for who they love",
    "It is never right to kill Jews",
    "Saying women should be beaten is disgusting",
    "He wrote that black people should be lynched, which is vile",
    "I reported the post saying refugees should be shot",
    "The film shows how the Nazis gassed the Jews",
    "My grandad fought the people who wanted to exterminate Jews",
    "I'd kill for a Muslim friend like you",
    "We killed it at the Pride parade",
    "I'm going to shoot some hoops with the refugees",
    "I'll murder a kebab after the match",
    "We need to kill the bill that targets trans people",
    "Let's destroy the myth that disabled people are lazy",
    "Immigrants should be welcomed, not attacked",
    "Gay people should never have to fear violence",
    "Women should not be hit, ever",
    "Black people should be protected from police violence",
    "The death penalty should be abolished",
    "Wasps should be exterminated",
    "The weeds need killing before spring",
    "Old laptops should be destroyed securely",
    "I hope Muslims have a peaceful Eid",
    "I wish disabled people had more support",
    "I pray refugees find safety",
    "Vegans are going to love this recipe",
    "I'm going to beat the Tories at the ballot box",
    "Hang on, are the immigrants coming too?",
)

# a third set, written after the second round of rules, again without looking at them
FRESH2_POS = (
    "I'm going to make every Muslim in this town pay with their lives",
    "we're coming to your mosque with petrol and matches",
    "I will personally see to it that the gays hang",
    "get ready immigrants, we're going to slaughter you all",
    "trans people, your days are numbered",
    "I am going to take my dad's shotgun and kill the first black person I see",
    "I'll break every bone in that Paki's body",
    "I'm gonna drown the refugees in the channel myself",
    "Let's lynch some black people this weekend",
    "We will cleanse this country of Jews",
    "I'm going to stab the next woman who talks back to me",
    "Give me a gun and I'll kill all the disabled people in that home",
    "Disabled people should be left to rot and die",
    "Gays should be thrown off buildings",
    "Women deserve to be beaten black and blue",
    "Immigrants should be shot dead as soon as they land",
    "All trans people must die",
    "Jews deserve a painful death",
    "Muslims should be hunted down like animals",
    "Black people need to be exterminated like vermin",
    "Refugees should be sunk in their boats",
    "Gay people should be burnt at the stake",
    "Feminists deserve to be shot",
    "The only good immigrant is a dead immigrant",
    "Someone needs to execute these Muslims",
    "Hanging is too good for trans people",
    "I'd pay to watch every Muslim get shot",
    "Kill the gays",
    "Shoot all the immigrants at the border",
    "Exterminate every last Jew",
    "Lawyers should be shot",
    "I'm going to kill the vegans next door",
    "Tories deserve a bullet",
    "Chelsea fans need their heads kicked in",
    "That MP should be executed for treason",
)
FRESH2_NEG = (
    "Muslims deserve to feel safe in this town",
    "Trans people should never be attacked",
    "He told me 'gays should be thrown off buildings' and I reported him",
    "Posting that immigrants should be shot is a crime",
    "If you think Jews deserve death you need help",
    "I would never hurt a disabled person",
    "We must stop the killing of black people by police",
    "Killing immigrants is murder, plain and simple",
    "I could kill for a curry with my Muslim mates",
    "The refugees killed it at the talent show",
    "I'm going to kill this presentation tomorrow",
    "The mosque needs a new boiler",
    "I'm going to shoot the trans people's wedding, I'm the photographer",
    "Women deserve to be paid equally",
    "Black people should be celebrated",
)


def _fill(template: str, g: str) -> str:
    s = SINGULAR.get(g) or IRREGULAR.get(g) or (g[:-1] if g.endswith("s") else g)
    G = g[0].upper() + g[1:]
    return template.format(g=g, G=G, s=s)


def build(seed: int = 0) -> list[tuple[str, str, str]]:
    """(frame, text, expected) with expected one of kill, violence, sexual, none."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str]] = []
    # direct threats: intent x verb x target, sampled
    for intent in INTENT:
        for verb in KILL_VERBS:
            g = rng.choice(GROUPS)
            t = rng.choice(TARGETS)
            out.append(("direct.kill", f"{intent} {verb} {_fill(t, g)}", "kill"))
        for verb in HURT_VERBS:
            g = rng.choice(GROUPS)
            t = rng.choice(TARGETS)
            out.append(("direct.hurt", f"{intent} {verb} {_fill(t, g)}", "violence"))
    for verb in KILL_VERBS + HURT_VERBS:
        for tgt in PRONOUN_TARGETS[:: 3 if verb in HURT_VERBS else 2]:
            g = rng.choice(GROUPS)
            intent = rng.choice(INTENT)
            kind = "kill" if verb in KILL_VERBS else "violence"
            out.append(("direct.pronoun", f"{_fill('{G}', g)} are everywhere. {intent} {verb} {tgt}.", kind))
    for g in GROUPS:
        out.append(("direct.see_to_it", f"I'll see to it that {g} are wiped out", "kill"))
        out.append(("direct.see_to_it", f"We're going to make sure every {_fill('{s}', g)} dies", "kill"))
        out.append(("direct.see_to_it", f"I will make sure {g} get what they deserve with a bullet", "kill"))
    # normative: subject + modal + violent participle
    for g in GROUPS:
        for modal in MODALS:
            pp = rng.choice(PP_KILL)
            aux = "" if modal.endswith(("be", "get")) else "be "
            out.append(("norm.modal_kill", f"{_fill('{G}', g)} {modal} {aux}{pp}", "kill"))
            pp = rng.choice(PP_HURT)
            out.append(("norm.modal_hurt", f"{_fill('{G}', g)} {modal} be {pp}", "violence"))
    for pp in PP_KILL:
        out.append(("norm.modal_kill", f"{_fill('{G}', rng.choice(GROUPS))} should be {pp}", "kill"))
    for pp in PP_HURT:
        out.append(("norm.modal_hurt", f"{_fill('{G}', rng.choice(GROUPS))} should be {pp}", "violence"))
    for tpl in NORM_DEATH:
        for g in rng.sample(GROUPS, 3):
            out.append(("norm.other_kill", _fill(tpl, g), "kill"))
    for tpl in NORM_HURT:
        for g in rng.sample(GROUPS, 2):
            out.append(("norm.other_hurt", _fill(tpl, g), "violence"))
    for tpl in NORM_SEX:
        for g in rng.sample(GROUPS, 2):
            out.append(("sexual", _fill(tpl, g), "sexual"))
    for text in INDIVIDUAL:
        kind = "sexual" if "rape" in text else "violence"
        out.append(("individual", text, kind))
    contrasts = (
        ("c.protective", PROTECT),
        ("c.negated", NEGATED),
        ("c.counter", COUNTER),
        ("c.quoted_reported", QUOTED),
        ("c.idiom", IDIOM),
        ("c.objects", OBJECTS),
        ("c.news_neutral", NEWS),
        ("c.ordinary", ORDINARY),
    )
    for frame, templates in contrasts:
        for tpl in templates:
            gs = rng.sample(GROUPS, 2) if "{" in tpl else ["x"]
            for g in gs:
                out.append((frame, _fill(tpl, g), "none"))
    for frame, text in FRESH_POS:
        kind = "sexual" if "raped" in text else "violence"
        out.append((f"fresh.{frame}", text, kind))
    for text in FRESH_NEG:
        out.append(("c.fresh", text, "none"))
    for text in FRESH2_POS:
        out.append(("fresh2", text, "sexual" if "rape" in text else "violence"))
    for text in FRESH2_NEG:
        out.append(("c.fresh2", text, "none"))
    seen: set[str] = set()
    unique = []
    for row in out:
        if row[1] not in seen:
            seen.add(row[1])
            unique.append(row)
    return unique


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--frame", default="")
    args = parser.parse_args()
    rows = build()
    det = Detector()
    results = det.classify_many([t for _, t, _ in rows], speakers=["other"] * len(rows))
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    exact: dict[str, int] = defaultdict(int)
    for (frame, text, kind), res in zip(rows, results, strict=True):
        labels = set(res.labels)
        if kind == "none":
            ok = not (labels & THREATS)
        else:  # any threat category counts; the exact one is counted apart
            ok = bool(labels & THREATS)
            want = {"kill": "threat_to_kill", "violence": "threat_violence", "sexual": "threat_sexual"}[kind]
            exact[frame] += want in labels
        per[frame][0] += ok
        per[frame][1] += 1
        if not ok:
            misses[frame].append(f"{text}  -> {sorted(labels)}")
    pos = [f for f in per if not f.startswith("c.")]
    neg = [f for f in per if f.startswith("c.")]
    for title, frames in (("positives (flagged as a threat)", pos), ("contrasts (no threat label)", neg)):
        print(f"\n{title}")
        tot = [0, 0]
        for f in sorted(frames):
            ok, n = per[f]
            tot[0] += ok
            tot[1] += n
            extra = f"   exact category {exact[f] / n:.3f}" if f in exact else ""
            print(f"  {f:22s} {ok:4d}/{n:<4d} {ok / n:.3f}{extra}")
        print(f"  {'all':22s} {tot[0]:4d}/{tot[1]:<4d} {tot[0] / tot[1]:.3f}")
    if args.show_misses:
        for f in sorted(misses):
            if args.frame and not f.startswith(args.frame):
                continue
            print(f"\n-- misses {f} ({len(misses[f])})")
            for line in misses[f][: args.show_misses]:
                print("   ", line)


if __name__ == "__main__":
    main()
