"""Threats aimed at one person, as abusers write them: round 7 development set.

Written from general knowledge of how people write in texts, DMs, WhatsApp and comments, *before*
any rule of round 7 was changed and without reading ``threats.yaml`` while writing. The person is
an ex-partner, a woman who blocked him, her family, her new partner, her children or pets. Rows are
``(frame, text, kind)`` as ``threat_tally.py`` expects: kind ``kill``, ``violence`` or ``sexual`` for
a threat; ``none`` for a contrast (frames ``c.*``).

Positive frames cover direct first-person intent in many verbs and registers (UK and US slang,
drill and road slang, gaming slang), second-person fates ("you're dead"), veiled threats whose
violent meaning is clear (knowing where she lives *together with* a warning, "watch your back",
"you won't see it coming"), conditional threats and ultimatums, threats to those close to her,
threats that name a means, place or time, sexual violence, threats spread over two sentences, and
the surface of real messages (typos, no punctuation, capitals, emoji). Each frame holds a handful of
sentences written one by one, not a template multiplied by word lists.

Labelling (the guideline of ``real_threats.py``): ``kill`` when death is named or clearly implied
(kill, dead, bury, "six feet under", "end you", "you won't wake up"); ``sexual`` for rape or sexual
assault; otherwise ``violence``. A veiled message counts only where a reasonable reader would take a
violent meaning from the words themselves; "I know where you live" on its own is left out (it is
`monitoring` in our taxonomy, and a threat only with context).

Contrasts share the words of the threats. How they were decided, conservatively: a contrast is a
sentence a reasonable recipient would *not* read as a threat to her or to someone close to her —
idioms and hyperbole about things or situations ("this commute is killing me", "I could murder a
curry"), negation and refusal ("I would never hurt you"), her reporting or quoting a threat in order
to complain of it or ask for help, caring and safety messages ("text me when you get home safe"),
violence against objects, games and sport (FIFA, Call of Duty, football, boxing), and jokes between
friends only where the joke is about a trivial thing and the target is not threatened by any
plausible reading ("if you eat my last Jaffa Cake I'm going to be so annoyed", "mum will kill me
if I'm late"). Banter that *is* phrased as a threat to the addressee ("I'll kill you if you spoil the
finale lol") was left out of both sides: a court could read it either way, and a threat detector
that flags it is not wrong.

Split: every row goes to ``dev`` (about 60 %) or ``held`` (about 40 %) by the first byte of the
SHA-256 of its text (below 154 of 256: dev); the rule is fixed in this file, so the split is stable.
Rules are changed from dev misses only; held is measured before and after, and its misses are never
printed.

Run: ``python tools/dev_detect/person_threats.py [--split dev|held|both] [--show-misses N]``.
"""

from __future__ import annotations

import argparse
import hashlib

from threat_tally import Row, tally, unique

from footprint.analyse.detect import Detector

# frame -> (kind, sentences)
POSITIVE: dict[str, tuple[str, list[str]]] = {
    # ---- direct first-person intent to kill
    "kill.will_plain": (
        "kill",
        [
            "I will kill you",
            "I'm going to kill you, I swear to God",
            "i swear down im gonna kill u",
            "Im going to murder you",
            "I'll end you",
            "I'm going to end your life",
            "I will take your life like you took mine",
        ],
    ),
    "kill.slang_uk": (
        "kill",
        [
            "ima merk you fam",
            "you're gonna get merked",
            "gonna shank you till you stop breathing",
            "im gonna bang you out and you wont get up again",
            "I'll have you wiped bruv",
            "youre getting bodied, on my mum",
        ],
    ),
    "kill.slang_drill": (
        "kill",
        [
            "ur gonna get bodied wait n see",
            "man's gonna splash you and leave you there",
            "gonna catch you lacking and send you to the sky",
            "you'll get smoked on sight",
            "keep talking and you'll get clapped for real",
            "ima slide on you and you wont make it home",
        ],
    ),
    "kill.slang_us": (
        "kill",
        [
            "imma pop you the minute i see you",
            "I'll put a cap in your ass",
            "gonna light you up",
            "ima put you six feet deep",
            "you gonna be laid out in a box",
            "I'll blow your brains out",
        ],
    ),
    "kill.verbs_more": (
        "kill",
        [
            "I'm going to strangle you with my bare hands",
            "I'll choke the life out of you",
            "I will suffocate you in your sleep",
            "I'm going to drown you in the bath",
            "I'll slit your throat",
            "I'll snap your neck",
            "I will bash your skull in till you're dead",
            "I'm going to stab you to death",
        ],
    ),
    "kill.gaming_slang": (
        "kill",
        [
            "gonna unalive you irl",
            "ur getting unalived sweetheart",
            "imma delete you for real, not in game",
            "you'll get sent to the respawn screen permanently and this isn't a game",
            "I will unalive you and your mum",
        ],
    ),
    "kill.want_desire": (
        "kill",
        [
            "I want you dead",
            "I want to kill you so badly",
            "All I want is to see you dead",
            "i wanna kill u",
            "I'd love to watch you die",
            "Nothing would make me happier than killing you",
        ],
    ),
    "kill.plan": (
        "kill",
        [
            "I've planned exactly how I'm going to kill you",
            "I have already decided how you're going to die",
            "I've got the spot picked out where I'll bury you",
            "I've been thinking about how to kill you every night",
            "I know how I'm going to do it, you'll be dead by the weekend",
        ],
    ),
    "kill.bury": (
        "kill",
        [
            "I'll bury you",
            "they'll never find your body",
            "I'll put you in the ground",
            "you'll be six feet under by Christmas",
            "I'll dig your grave myself",
            "I'm going to put you in the canal and nobody will find you",
        ],
    ),
    # ---- second-person fates
    "kill.you_dead": (
        "kill",
        [
            "You're dead",
            "you are a dead woman",
            "ur dead",
            "you're dead meat",
            "You're so dead when I find you",
            "consider yourself dead",
            "you're a dead man walking",
        ],
    ),
    "kill.you_will_die": (
        "kill",
        [
            "You will die",
            "you're going to die tonight",
            "ur gonna die slowly",
            "you wont live to see your birthday",
            "you won't see Christmas",
            "You won't make it to the end of the month",
        ],
    ),
    "kill.not_wake": (
        "kill",
        [
            "one night you just won't wake up",
            "you won't wake up tomorrow",
            "sleep well, it might be your last",
            "enjoy your last breath",
            "this will be the last text you ever read",
        ],
    ),
    "kill.days_numbered": (
        "kill",
        [
            "your days are numbered",
            "your time is up",
            "you're living on borrowed time",
            "ur time is coming",
            "You have no idea how little time you have left",
        ],
    ),
    "kill.body_found": (
        "kill",
        [
            "they'll find you in a ditch",
            "you'll end up in a body bag",
            "you'll be found floating in the river",
            "your mum will be identifying your body",
            "they'll be scraping you off the pavement",
            "your family will be picking out a coffin",
        ],
    ),
    "kill.funeral": (
        "kill",
        [
            "start planning your funeral",
            "tell your family to buy a black dress",
            "I'll see you at your funeral",
            "I'm already writing your eulogy",
            "your kids will be going to your funeral",
        ],
    ),
    # ---- direct violence
    "viol.hurt_plain": (
        "violence",
        [
            "I'm going to hurt you",
            "i will hurt you so bad",
            "I'll make you suffer",
            "I'm going to make you pay for this",
            "I'll make you regret ever leaving me",
            "im gonna make u bleed",
        ],
    ),
    "viol.beat": (
        "violence",
        [
            "I'm going to beat the shit out of you",
            "I'll batter you",
            "gonna kick your head in",
            "I will punch your teeth down your throat",
            "Im going to knock you out",
            "I'll give you a proper hiding",
            "I'll smack you so hard you won't remember your name",
        ],
    ),
    "viol.slang_uk": (
        "violence",
        [
            "gonna leng you",
            "you're getting a slap next time I see you",
            "I'll deck you",
            "I'll lamp you one",
            "you'll get banged out",
            "wait till I get my hands on you",
        ],
    ),
    "viol.slang_us": (
        "violence",
        [
            "I'ma whoop yo ass",
            "gonna stomp you out",
            "you bout to get jumped",
            "i'll catch you and beat your ass",
            "imma rock yo jaw",
            "I'll fuck you up",
        ],
    ),
    "viol.body_parts": (
        "violence",
        [
            "I'll break your legs",
            "I'm going to break every bone in your body",
            "I'll smash your face in",
            "I'll break your jaw",
            "I will rip your hair out",
            "I'll gouge your eyes out",
            "I'm going to cut your face",
        ],
    ),
    "viol.disfigure": (
        "violence",
        [
            "I'll throw acid in your face",
            "I'll make sure no man ever looks at you again",
            "I'm going to ruin that pretty face of yours",
            "nobody will want you when I've finished with your face",
            "I'll scar you for life",
            "I'll carve my name into you",
        ],
    ),
    "viol.you_will": (
        "violence",
        [
            "you're going to get hurt",
            "you'll get what's coming to you",
            "you're going to be in hospital",
            "you'll end up in A&E",
            "you'll be eating through a straw",
            "you won't be walking after I'm done",
        ],
    ),
    "viol.gonna_get": (
        "violence",
        [
            "you're gonna get it",
            "you're going to get battered",
            "ur gonna get hurt real bad",
            "you'll get a beating you won't forget",
            "you're getting done in",
        ],
    ),
    "viol.regret": (
        "violence",
        [
            "you'll regret this when I'm standing at your door",
            "you'll be sorry when I get hold of you",
            "by the time I'm done with you you'll wish you'd never met me",
            "you're going to wish you were dead",
            "you'll wish you'd never been born",
        ],
    ),
    # ---- veiled threats with a clear violent meaning
    "veil.know_where": (
        "violence",
        [
            "I know where you live and I'm coming for you",
            "I know where you live. Sleep with one eye open",
            "I know where you live, I know what car you drive, and I know when you're alone",
            "i know where u live bitch and im on my way",
            "Remember I know where you live. You won't see it coming",
        ],
    ),
    "veil.watch_back": (
        "violence",
        [
            "watch your back",
            "better watch ur back",
            "I'd watch my back if I were you",
            "look over your shoulder every time you go out, because one day I'll be there",
            "don't walk home alone, I'll be waiting",
        ],
    ),
    "veil.coming": (
        "violence",
        [
            "I'm coming for you",
            "im coming for u and u know what happens then",
            "Im on my way round and you'd better be ready",
            "I'm outside. Come out or I'm coming in",
            "When I find you, you're finished",
        ],
    ),
    "veil.wont_see": (
        "violence",
        [
            "you won't see it coming",
            "when it happens you won't even know it was me",
            "one day when you least expect it",
            "you never know who's behind you in the dark",
            "accidents happen to girls like you",
        ],
    ),
    "veil.warned": (
        "violence",
        [
            "this is your last warning before I hurt you",
            "don't say I didn't warn you when you're lying on the floor",
            "Final warning. Next time it won't be words",
            "next time it won't be a text, it'll be my fist",
            "You've been warned. Next time I won't stop",
        ],
    ),
    "veil.shame_if": (
        "violence",
        [
            "It would be a shame if something happened to that pretty face",
            "be a shame if your car had an accident with you in it",
            "It'd be a pity if your kids had to grow up without a mum",
            "shame if you fell down the stairs one night",
            "Nice house. Would be a shame if it burned down with you inside",
        ],
    ),
    "veil.nothing_will_stop": (
        "violence",
        [
            "no restraining order is going to stop me getting to you",
            "the police can't protect you forever",
            "a piece of paper won't save you",
            "They can't watch you 24/7 and I only need one chance",
            "the police won't get there in time",
        ],
    ),
    # ---- conditional threats and ultimatums
    "cond.if_leave": (
        "kill",
        [
            "If you leave me I'll kill you",
            "if u leave me ill kill u",
            "You leave and you're dead",
            "if I can't have you no one can",
            "If you try to leave I will end you",
            "walk out that door and you won't walk anywhere again",
        ],
    ),
    "cond.if_police": (
        "violence",
        [
            "if you go to the police I'll break your legs",
            "call the cops and see what happens to you",
            "tell anyone and I'll hurt you",
            "if you report me you'll be in hospital",
            "go to the police and you'll regret it when I get out",
        ],
    ),
    "cond.if_new_man": (
        "kill",
        [
            "if I see you with him I'll kill you both",
            "if you get with anyone else I'll kill you",
            "if he touches you I'll kill him",
            "If I see you out with another guy you're dead",
            "Sleep with him and it's the last thing you'll ever do",
        ],
    ),
    "cond.unless": (
        "violence",
        [
            "unblock me or I'll come round and smash your face in",
            "answer your phone or I'll come and drag you out by your hair",
            "pick up or I'm coming over to beat you",
            "reply now or you'll get hurt",
            "give me the kids back or I'll break your neck",
            "pay me back by Friday or I'll break your fingers",
        ],
    ),
    "cond.or_else": (
        "violence",
        [
            "You'd better answer me or else",
            "do as you're told or you'll get hurt",
            "drop the charges or I'll put you in hospital",
            "take him off the birth certificate or you'll pay for it with your teeth",
            "come back to me or I swear you'll get hurt",
        ],
    ),
    "cond.if_ever": (
        "violence",
        [
            "if you ever lie to me again I'll hit you",
            "If you ever speak to me like that again I'll knock your teeth out",
            "next time you block me I'll be at your door with a bat",
            "the next time you ignore me you'll get a slap",
            "if you ever show your face round here again I'll batter you",
        ],
    ),
    "cond.if_kill": (
        "kill",
        [
            "if you don't come back I'll kill you",
            "If you take my kids away I will kill you",
            "if you testify you're dead",
            "If you don't drop the case you're dead",
            "ignore me one more time and I'll kill you",
            "Block me again and I swear I'll murder you",
        ],
    ),
    # ---- those close to her
    "close.children": (
        "kill",
        [
            "I'll kill the kids and make you watch",
            "I'll take the children and you'll never see them alive again",
            "your kids are next",
            "I'll hurt the kids if I have to and it'll be your fault",
            "Your son won't make it home from school one day",
            "I'll kill your daughter",
        ],
    ),
    "close.children_violence": (
        "violence",
        [
            "I'll hurt your son",
            "I'll smack that little brat of yours",
            "your kids will get hurt because of you",
            "I'll grab your daughter from school and you'll see what I can do",
            "watch what happens to your little girl",
        ],
    ),
    "close.family": (
        "violence",
        [
            "I'll hurt your mum",
            "I'm going to batter your brother",
            "tell your dad he's getting a beating",
            "your mum's going to get hurt and it's your fault",
            "I'll do your sister in",
            "your whole family will pay for what you did",
        ],
    ),
    "close.family_kill": (
        "kill",
        [
            "I'll kill your whole family",
            "I will murder your mother",
            "your dad's a dead man",
            "I'll burn your mum's house down with her in it",
            "tell your brother he's dead when I see him",
            "I'll kill everyone you love",
        ],
    ),
    "close.new_partner": (
        "kill",
        [
            "I'm going to kill your new boyfriend",
            "tell your new fella he's dead",
            "that prick you're with is a dead man",
            "your boyfriend won't be breathing much longer",
            "I'll stab that guy you're seeing to death",
            "I'll kill him and then I'll kill you",
        ],
    ),
    "close.new_partner_viol": (
        "violence",
        [
            "I'm going to break your new man's legs",
            "tell your boyfriend I'm going to smash his face in",
            "your bf is getting jumped when I see him",
            "I'll give that lad of yours a hiding",
            "I'll put your new girlfriend in hospital",
        ],
    ),
    "close.pets": (
        "kill",
        [
            "I'll kill your dog",
            "I'm going to drown your cat",
            "your dog's going to have an accident",
            "I'll poison that mutt of yours",
            "say goodbye to your cat",
        ],
    ),
    "close.pets_viol": (
        "violence",
        [
            "I'll hurt your dog if you don't answer",
            "I'll kick that dog of yours till it can't walk",
            "watch what I do to your cat",
            "I'll break your dog's legs",
        ],
    ),
    "close.friends": (
        "violence",
        [
            "I'll hurt your friends one by one",
            "your mate Sarah is getting a slap",
            "anyone who helps you is getting hurt",
            "tell your bestie she's next",
            "any of your friends who gets involved will get stabbed",
        ],
    ),
    # ---- means named
    "means.knife": (
        "violence",
        [
            "I'll stab you",
            "I'll put a knife in you",
            "I've got a knife with your name on it",
            "I'm bringing a blade for you",
            "I'll shank you",
            "ima poke you up with my ting",
        ],
    ),
    "means.knife_emoji": (
        "kill",
        [
            "🔪🔪🔪 you're next",
            "see you soon 🔪",
            "I'll stab u 🔪🩸",
            "your dead 🔪⚰️",
            "🔪 coming for you",
        ],
    ),
    "means.gun": (
        "kill",
        [
            "I'll shoot you",
            "I'm going to shoot you in the head",
            "I've got a gun and I'll use it on you",
            "I'll put a bullet in your head",
            "one bullet is all it takes for you",
            "im gonna blast you",
        ],
    ),
    "means.gun_emoji": (
        "kill",
        [
            "🔫 you",
            "🔫🔫 ur dead",
            "got something for you 🔫",
            "bang bang 🔫 ur dead",
        ],
    ),
    "means.fire": (
        "kill",
        [
            "I'll burn your house down with you in it",
            "I'm going to set you on fire",
            "I'll pour petrol through your letterbox",
            "I'll torch your flat while you sleep",
            "I'll burn you alive",
            "petrol and a match, that's all it takes for you and your kids",
        ],
    ),
    "means.car": (
        "kill",
        [
            "I'll run you over",
            "I'm going to run you down in the street",
            "I'll drive into you and keep going",
            "I'll cut your brake lines",
            "next time I see you crossing the road I'll put my foot down",
        ],
    ),
    "means.blunt": (
        "violence",
        [
            "I'm going to take a bat to your head",
            "I'll hit you with a hammer",
            "I'll cave your head in with a brick",
            "I'll bring a crowbar to your door",
            "I'm coming round with a baseball bat",
        ],
    ),
    "means.poison": (
        "kill",
        [
            "I'll poison you",
            "I'll put something in your drink",
            "I'll put bleach in your tea",
            "one day your food will taste funny and that'll be it",
        ],
    ),
    # ---- place and time
    "place.home": (
        "violence",
        [
            "I'll be waiting outside your house tonight and you'll get what you deserve",
            "I'll be at your door at 8 and you're getting battered",
            "I'm going to come round your mum's and drag you out",
            "when you get home I'll be there with a knife",
            "I'll kick your door in and beat you",
        ],
    ),
    "place.work": (
        "violence",
        [
            "I'll come to your work and smash your face in front of everyone",
            "I'm going to wait for you outside work and you'll see",
            "you won't make it to your car after your shift",
            "I'll be in the car park when you finish and you'll regret it",
            "see you at work tomorrow, bring a first aid kit",
        ],
    ),
    "place.school": (
        "kill",
        [
            "I'll be at the school gates and you won't leave alive",
            "I'll shoot you at the school gates in front of the kids",
            "pick up time tomorrow, you and me, and only one of us walks away",
        ],
    ),
    "time.tonight": (
        "violence",
        [
            "tonight you get what's coming",
            "Tonight's the night I hurt you",
            "by tomorrow you'll be in hospital",
            "this weekend I'm coming for you and you'll be sorry",
            "Friday. You. Me. You won't walk again",
        ],
    ),
    "time.kill": (
        "kill",
        [
            "You'll be dead by Friday",
            "you won't see Monday",
            "by the end of the week you'll be in a coffin",
            "tonight I kill you",
            "you'll be dead before the court date",
        ],
    ),
    # ---- sexual violence
    "sex.rape_direct": (
        "sexual",
        [
            "I'm going to rape you",
            "I'll rape you",
            "i will rape u",
            "I'll rape you till you scream",
            "I'm going to rape you and film it",
            "gonna rape u so hard",
        ],
    ),
    "sex.rape_veiled": (
        "sexual",
        [
            "I'll take what I want from you whether you like it or not",
            "you'll be begging me to stop and I won't",
            "I'll hold you down and do what I want with you",
            "you won't be able to say no next time",
            "No doesn't mean anything to me",
            "I'll force myself on you",
        ],
    ),
    "sex.you_will_be": (
        "sexual",
        [
            "you're going to get raped",
            "you'll get raped walking home one night",
            "someone's going to rape you and I hope it's me",
            "ur getting raped when I find u",
            "you deserve to be raped and I'll make it happen",
        ],
    ),
    "sex.assault": (
        "sexual",
        [
            "I'll sexually assault you",
            "I'm going to molest you",
            "I'll grab you and rip your clothes off",
            "I'll strip you and make you do what I say",
            "I'll touch you whether you want it or not",
        ],
    ),
    "sex.others": (
        "sexual",
        [
            "I'll get my mates to run a train on you",
            "I'll let my boys have you",
            "I'll rape your daughter",
            "I'll get someone to rape you",
            "I'll have you gang raped",
        ],
    ),
    "sex.slang": (
        "sexual",
        [
            "ima smash u whether u want it or not",
            "gonna take that pussy by force",
            "i'll fuck you till you bleed and you won't have a choice",
            "I'll make you my bitch whether you like it or not",
            "you'll get bent over and held down",
        ],
    ),
    # ---- about her, written to others
    "third.her_kill": (
        "kill",
        [
            "I'm going to kill that bitch",
            "tell her she's dead",
            "she's dead when I find her",
            "im gonna kill her i swear",
            "That slag won't live to see the summer",
            "I'll murder her if she comes back here",
            "tell your sister she's a dead woman",
        ],
    ),
    "third.her_hurt": (
        "violence",
        [
            "I'm going to batter her when I see her",
            "tell her she's getting a slap",
            "she's going to get what's coming to her",
            "I'll smash her face in",
            "When I see her I'm going to drag her by the hair",
            "I'll make her suffer for this",
        ],
    ),
    "third.him_kill": (
        "kill",
        [
            "tell him he's dead",
            "he's a dead man when I find him",
            "I'll kill that cunt she's shagging",
            "I'm going to stab him to death as soon as I see him",
            "her new bloke is getting shot",
        ],
    ),
    # ---- others as agents, hired or sent
    "agent.hired": (
        "kill",
        [
            "I've paid someone to kill you",
            "I know people who will make you disappear",
            "my cousins are coming for you and they don't miss",
            "one phone call and you're dead",
            "I've got people who'll do you for a hundred quid",
            "I'll get the lads to do you in",
        ],
    ),
    "agent.friends_violence": (
        "violence",
        [
            "my boys are going to jump you",
            "I've sent some people round to teach you a lesson",
            "my brother's going to break your legs",
            "the lads know your face and they're looking for you",
            "I'll get my mates to batter your new fella",
        ],
    ),
    # ---- preparation
    "prep.sharpen": (
        "kill",
        [
            "I'm sharpening my knife for you",
            "just bought a new knife, guess who it's for",
            "the gun's loaded and it's got your name on it",
            "I've bought the rope",
            "shovel's in the boot, see you soon",
        ],
    ),
    "prep.waiting": (
        "violence",
        [
            "I'm waiting for you in the dark and you'll pay",
            "been sat outside your house all night, your time's coming",
            "I'm parked up outside. Come out and take your beating",
            "I'm outside your window right now, you're going to get hurt",
        ],
    ),
    # ---- questions that threaten
    "q.threat": (
        "kill",
        [
            "Do you want to die?",
            "do u wanna die or something",
            "you want to end up dead like that?",
            "Do you know what happens to girls who lie to me? They end up dead",
            "want me to kill you?",
        ],
    ),
    "q.threat_violence": (
        "violence",
        [
            "want me to break your legs?",
            "Do you want a slap?",
            "you want me to come round there and knock you out?",
            "Shall I come and smash your face in then?",
            "do you know what I'm going to do to you when I find you?",
        ],
    ),
    # ---- past and counterfactual as threat
    "past.should_have": (
        "kill",
        [
            "I should have killed you when I had the chance",
            "I should've strangled you years ago, next time I will",
            "next time I'll finish the job",
            "I'll finish what I started",
            "last time you got lucky. Next time you won't",
        ],
    ),
    "past.again": (
        "violence",
        [
            "remember what happened last time? It'll be worse",
            "you remember how it felt when I hit you? that was nothing",
            "the black eye was just the start",
            "I'll do it again and this time you won't get up",
            "what I did before was a warning",
        ],
    ),
    # ---- oaths and emphasis
    "oath.swear": (
        "kill",
        [
            "I swear on my kids I'll kill you",
            "on my mother's life you're dead",
            "mark my words you will die for this",
            "I promise you I'll kill you",
            "hand on heart I will end you",
            "i swear to god ur dead",
        ],
    ),
    "oath.violence": (
        "violence",
        [
            "I promise you you're getting hurt",
            "swear down you're getting battered",
            "mark my words you'll be in a wheelchair",
            "I swear I'll break your nose",
            "on everything I love you're getting slapped",
        ],
    ),
    # ---- two sentences
    "two.sentence_kill": (
        "kill",
        [
            "You think you're safe. You're not. I will kill you",
            "Blocked me again? Fine. You're dead.",
            "I saw you with him. You're both dead.",
            "You took my kids. Now I take your life.",
            "Go on, call the police. You'll be dead before they get there.",
            "You ruined my life. Now I'm going to end yours.",
        ],
    ),
    "two.sentence_hurt": (
        "violence",
        [
            "Laugh while you can. I'm going to hurt you.",
            "Saw your new profile pic. Won't look so pretty after I'm done.",
            "You've got a new number. Doesn't matter. I'm coming for you and you'll get hurt.",
            "You blocked me. Big mistake. You'll pay for that with your face.",
            "Keep ignoring me. See what happens to your legs.",
        ],
    ),
    "two.sentence_sex": (
        "sexual",
        [
            "You think you can say no to me. Next time I won't ask.",
            "I'm coming round tonight. You're going to give me what I want whether you like it or not.",
            "You're mine. I'll take you by force if I have to.",
            "Dont bother locking the door. I'll get in and I'll have you anyway.",
        ],
    ),
    # ---- surface: no punctuation, typos, capitals
    "surf.nopunct": (
        "kill",
        [
            "ur dead when i see u",
            "im gonna kill u and ur mum",
            "u r dead meat bitch",
            "watch im gonna end u",
            "i will kill u i swear down",
            "im coming round to kill u tonight",
        ],
    ),
    "surf.typos": (
        "kill",
        [
            "im gona kil you",
            "I wil kill yuo",
            "ill murda u",
            "youre ded",
            "im gunna stab u to deth",
            "I'm goin to kil u",
            "ima kil yu",
        ],
    ),
    "surf.typos_violence": (
        "violence",
        [
            "im gona batter u",
            "ill brake ur legs",
            "im going to hurt yuo",
            "u gona get hurt",
            "ima beat ur ass",
            "Ill smash ur face in",
        ],
    ),
    "surf.caps": (
        "kill",
        [
            "I WILL KILL YOU",
            "YOU'RE DEAD",
            "IM GOING TO KILL YOU",
            "YOU ARE GOING TO DIE",
            "I'LL END YOU",
            "DEAD. YOU ARE DEAD",
        ],
    ),
    "surf.caps_violence": (
        "violence",
        [
            "I'M GOING TO HURT YOU",
            "YOU'LL GET BATTERED",
            "I WILL BREAK YOUR LEGS",
            "IM GONNA SMASH YOUR FACE IN",
            "YOURE GETTING HURT",
        ],
    ),
    "surf.emoji": (
        "kill",
        [
            "you're dead 💀💀",
            "ur dead ⚰️",
            "I'll kill u 😡😡😡",
            "gonna end you 🔪😈",
            "watch yourself 🔪🩸⚰️",
            "💀 you're next 💀",
        ],
    ),
    "surf.emoji_violence": (
        "violence",
        [
            "I'm gonna hurt you 😈",
            "gonna batter u 👊👊",
            "ur getting slapped 🤬",
            "wait till i see u 👊🩸",
            "ill break ur face 😤👊",
        ],
    ),
    "surf.spaced_leet": (
        "kill",
        [
            "i w1ll k1ll u",
            "ur d3ad",
            "k i l l you",
            "I'll k!ll you",
            "i will m u r d e r you",
        ],
    ),
    # ---- more forms of intent
    "kill.about_to": (
        "kill",
        [
            "I'm about to kill you",
            "finna kill you",
            "bout to end you fr",
            "imma kill you",
            "Ill kill ya",
            "I'm gonna kill ya, you little rat",
        ],
    ),
    "kill.would": (
        "kill",
        [
            "I'd kill you if I saw you now",
            "if you were in front of me right now I'd strangle you, you lying bitch",
            "I'd happily kill you and do the time",
            "I would kill you and not lose a second of sleep",
            "I'd kill you tomorrow if I knew I'd get away with it",
        ],
    ),
    "kill.last_face": (
        "kill",
        [
            "I'll be the last face you ever see",
            "I'm going to be the one who kills you",
            "the last thing you see will be me",
            "I'll be the last person you ever see",
        ],
    ),
    "kill.body_horror": (
        "kill",
        [
            "I'll rip your heart out",
            "I'll cut your head off",
            "I'll rip your throat out",
            "I'll hang you from the nearest tree",
            "I will chop you up into little pieces",
            "I'll put you through the blender",
        ],
    ),
    "kill.passive": (
        "kill",
        [
            "you will be killed",
            "you're going to be found dead",
            "you're getting killed",
            "you'll be murdered in your bed",
            "you're going to be shot",
        ],
    ),
    "kill.bullet_noun": (
        "kill",
        [
            "there's a bullet waiting for you",
            "this bullet's got your name on it",
            "you're getting a bullet in the head",
            "you're catching a bullet on sight",
            "u gon catch a bullet",
        ],
    ),
    "kill.deserve_and_will": (
        "kill",
        [
            "you deserve to die and I'm going to make it happen",
            "you don't deserve to live and soon you won't",
            "you deserve to be dead and I'll see to it",
            "You should be dead. I'll fix that",
        ],
    ),
    "kill.fall": (
        "kill",
        [
            "I'll push you off the balcony",
            "I'll throw you off the bridge",
            "I'll push you in front of a train",
            "I'll throw you down the stairs and make it look like an accident",
            "I'll make it look like an accident",
        ],
    ),
    "viol.teach": (
        "violence",
        [
            "I'll teach you a lesson you won't forget",
            "you need a good slap and I'm going to give you one",
            "you're getting a kicking",
            "you're due a hiding",
            "I'm going to sort you out once and for all, you'll be black and blue",
            "you're asking for a slap and you'll get one",
        ],
    ),
    "viol.drag": (
        "violence",
        [
            "I'll drag you out by your hair",
            "I'll drag you down the street",
            "I'll put you through a window",
            "I'll put you through the wall",
            "I'll pin you against the wall and you'll know about it",
            "I'll lock you in the boot",
        ],
    ),
    "viol.hands_on": (
        "violence",
        [
            "if I get my hands on you you're finished",
            "when I get hold of you I'll rip you apart",
            "wait till I catch you",
            "when I catch up with you you'll be crying",
            "once I get you alone you're getting it",
        ],
    ),
    "viol.us_more": (
        "violence",
        [
            "you gon catch these hands",
            "you finna get dropped",
            "I'ma pull up on you and it's lights out",
            "you about to catch a fade",
            "Ima drag you on sight",
            "catch me outside and you getting your ass whooped",
        ],
    ),
    "viol.gaming_irl": (
        "violence",
        [
            "I'm going to find you irl and beat you",
            "I know your IP, I'm coming to your house to break your face",
            "gg ez, now I'm coming to smash your head in irl",
            "I'll find out where you live and break your legs",
            "keep talking on mic and see what happens when I find you",
        ],
    ),
    "viol.choke": (
        "violence",
        [
            "I'm going to choke you out",
            "I'll choke you till you pass out",
            "I'll put my hands round your neck again",
            "I'll strangle you till you can't breathe",
        ],
    ),
    "viol.threat_noun_you": (
        "violence",
        [
            "you're getting a beating",
            "a slap is coming your way",
            "there's a beating with your name on it",
            "you're getting knocked out",
            "a good kicking is what you'll get",
        ],
    ),
    "viol.cut": (
        "violence",
        [
            "I'll slash you",
            "I'm going to cut you",
            "I'll cut your fingers off one by one",
            "I'll slice your face open",
            "I'll chib you",
        ],
    ),
    "viol.kneecap": (
        "violence",
        [
            "I'll kneecap you",
            "I'll break your kneecaps",
            "you'll be in a wheelchair when I'm done",
            "I'll cripple you",
            "I'll put you in a wheelchair",
        ],
    ),
    "mixed.insult_then_threat": (
        "violence",
        [
            "you stupid whore I'm going to batter you",
            "fat slag, wait till I see you",
            "lying cow. your face is getting smashed",
            "You're a psycho and I'll make you pay with blood",
            "bitch I'll beat you black and blue",
        ],
    ),
    "mixed.insult_then_kill": (
        "kill",
        [
            "you worthless slut I'll kill you",
            "dirty slag you're dead",
            "ugly bitch ur gonna die",
            "you disgusting cow, I'll end your miserable life",
            "fucking whore I'll murder you",
        ],
    ),
    "wish.him_doing": (
        "kill",
        [
            "I hope you die and I'll make sure you do",
            "I pray I get the chance to kill you",
            "can't wait to see you dead, I'll do it myself",
            "I dream about killing you",
            "I fantasise about strangling you every day",
        ],
    ),
    "longer.rants": (
        "kill",
        [
            "you think you can just take my kids and move in with him? "
            "you've got another thing coming, I'll kill you both",
            "I've lost everything because of you and I've got nothing to lose now so I'm going to kill you",
            "the court can say what it wants, I'll kill you before I let you have them",
            "I don't care if I go to prison, you're dead",
            "I'm not scared of prison, I'll do life for you",
        ],
    ),
    "longer.rants_violence": (
        "violence",
        [
            "you think you're clever getting a restraining order, "
            "wait till I get my hands on you, you won't be able to walk",
            "nobody treats me like that and walks away, I'm going to hurt you so badly",
            "you've been telling everyone lies about me so I'm going to make you pay with your teeth",
            "I don't care who you've told, I'm going to smash your face in",
        ],
    ),
    "kill.hang": (
        "kill",
        [
            "I'll hang you",
            "you'll be swinging from a rope",
            "I'll string you up",
            "I'm going to hang you from the banister",
        ],
    ),
    "sex.conditional": (
        "sexual",
        [
            "if you don't sleep with me I'll take it anyway",
            "come over or I'll come there and rape you",
            "if you leave I'll rape you before you go",
            "send me a pic or I'll come round and take what I want from you",
            "say no again and see what I do to you in bed",
        ],
    ),
    "close.unborn": (
        "violence",
        [
            "I'll kick that baby out of you",
            "I'll punch you in the stomach till you lose it",
            "you and that bastard baby are getting hurt",
            "I'll make sure you lose that baby",
        ],
    ),
    "viol.spread_soon": (
        "violence",
        [
            "See you soon. Bring plasters.",
            "Enjoy your face while you still have it.",
            "Hope you've got good health insurance. You'll need it.",
            "Tell the hospital you're coming in.",
            "You'd better learn to walk with crutches.",
        ],
    ),
}

CONTRAST: dict[str, list[str]] = {
    # ---- idioms and hyperbole about things and situations
    "c.idiom_kill": [
        "this commute is killing me",
        "I could murder a curry right now",
        "my feet are killing me",
        "I'd kill for a cup of tea",
        "these heels will be the death of me",
        "you're killing it babe, so proud",
        "that joke killed me 😂",
        "this heat is going to kill me",
    ],
    "c.idiom_dead": [
        "I'm dead 😂😂",
        "my phone's dead, I'll text you later",
        "the pub was dead tonight",
        "I'm dead tired, going to bed",
        "the battery is dead again",
        "dead funny that video",
        "deadass that was the best gig ever",
    ],
    "c.idiom_die": [
        "I nearly died laughing",
        "I'm dying to see you",
        "I'd die for a holiday right now",
        "that dress is to die for",
        "I'm dying of embarrassment",
        "die hard fan since day one",
    ],
    "c.idiom_beat": [
        "I'm beat, going to bed",
        "beat you to it, already booked",
        "I'll beat you at Monopoly next time",
        "can't beat a Sunday roast",
        "my heart skipped a beat when you walked in",
        "beat the traffic by leaving early",
    ],
    "c.idiom_hit": [
        "hit me up when you're free",
        "that song hits different",
        "I'll hit you back in a bit",
        "the new series is a massive hit",
        "hit the gym later?",
        "hit me with the details",
    ],
    "c.idiom_smash": [
        "you smashed that exam",
        "we're going to smash it on Saturday",
        "I smashed my phone screen again",
        "smash that like button",
        "you absolutely smashed the presentation",
    ],
    "c.idiom_shoot": [
        "shoot me a text when you land",
        "we're doing a photo shoot on Saturday",
        "shoot, I forgot your birthday",
        "I'll shoot you an email",
        "shoot your shot, he likes you",
    ],
    "c.idiom_misc": [
        "break a leg tonight!",
        "knock 'em dead at the interview",
        "you'll slay in that dress",
        "go get them tiger",
        "I'll stab at the answer but I'm not sure",
        "the comedian absolutely murdered it",
        "you're a knockout in that dress",
    ],
    "c.idiom_end": [
        "I'll end the call now, speak tomorrow",
        "this is the end of the season",
        "let's end it on a good note",
        "I'm going to end my contract early",
        "end of the road for that old car",
    ],
    "c.idiom_bury": [
        "let's bury the hatchet",
        "I'll bury myself in work this week",
        "we buried Nan on Friday, thank you for the flowers",
        "the dog buried his bone in the garden",
    ],
    # ---- negation and refusal
    "c.neg_kill": [
        "I would never hurt you",
        "I'm not going to kill you, calm down",
        "I'd never lay a finger on you",
        "I would never harm the kids",
        "I have never hit you and I never will",
        "I'm not going to hurt anyone",
        "I don't want to hurt you",
    ],
    "c.neg_refusal": [
        "I'd rather die than hurt you",
        "no matter how angry I get, I won't touch you",
        "I refuse to threaten anyone",
        "I'm not the kind of man who hits women",
        "I'd never do anything to harm your family",
        "I'm not going to come round, I promise",
    ],
    "c.neg_reassure": [
        "nobody is going to hurt you",
        "no one will ever hurt you again",
        "he can't hurt you anymore",
        "you're safe now, he's not going to touch you",
        "nobody's going to lay a finger on you while I'm here",
        "I won't let anyone hurt the kids",
    ],
    "c.neg_apology": [
        "I'm sorry I scared you, I'd never hurt you",
        "I know I shouted, I'm sorry, I would never hit you",
        "I'm not threatening you, I just want to talk",
        "that came out wrong, I don't mean you any harm",
        "I'm not going to do anything stupid",
    ],
    # ---- her reporting or quoting a threat
    "c.report_police": [
        "He said he'd kill me if I left",
        "he told me he was going to stab me",
        "he threatened to burn the house down with me in it",
        "my ex messaged saying I'm dead when he finds me",
        "he keeps saying he'll break my legs",
        "He threatened to rape me",
        "he said he would kill the dog",
    ],
    "c.report_quote": [
        "He sent me 'you're dead' last night, what do I do?",
        'Screenshot attached: "I will kill you". Sent at 2am.',
        'he wrote "watch your back" under my post',
        "the message just said 'I'm coming for you'",
        '"I\'ll smash your face in" is what he said to me on the phone',
    ],
    "c.report_help": [
        "My ex has threatened to kill me, who do I call?",
        "I've reported him to the police for threatening to hurt my son",
        "how do I get a non-molestation order after he threatened to stab me?",
        "he said he'd hurt the kids, I'm terrified",
        "I'm scared, he said he knows where I live",
        "he keeps threatening to kill himself and me",
    ],
    "c.report_friend": [
        "Your ex told Jade he'd batter you, please be careful",
        "I heard him say he's going to hurt you, ring the police",
        "He was in the pub saying he'll kill you, I've told the police",
        "Sarah's ex threatened to shoot her, she's staying with us",
        "my sister's boyfriend threatened to throw acid on her",
    ],
    "c.complain": [
        "It's not okay that you told me you'd kill me",
        "You threatened to hurt me and I'm not putting up with it",
        "Stop threatening me. I've kept every message.",
        "saying you'll break my legs is a threat and I've reported it",
        "Telling me I'm dead is a criminal offence",
        "Why would you say you're going to rape me? That's disgusting",
    ],
    "c.news": [
        "Man jailed for threatening to kill ex-partner",
        "Police hunt man who stabbed woman in Leeds",
        "Woman shot dead by former partner, inquest hears",
        "He was convicted of threatening to burn down her house",
        "The court heard he told her 'you're dead' over WhatsApp",
    ],
    # ---- caring and safety messages
    "c.care": [
        "text me when you get home safe",
        "let me know you got back okay",
        "watch out for ice on the roads tonight",
        "be careful walking home, it's dark",
        "lock your doors tonight, there've been break-ins",
        "stay safe babe x",
        "look after yourself",
    ],
    "c.care_watch": [
        "watch your step, the floor's wet",
        "mind your head on the beam",
        "watch your back on that bike, the lorries don't look",
        "keep an eye on the kids at the pool",
        "I'll be waiting outside the station to pick you up",
        "I know where you live so I'll drop the parcel round",
    ],
    "c.care_coming": [
        "I'm coming round with soup, you poor thing",
        "on my way to pick you up!",
        "I'm outside, come down when you're ready",
        "I'll be at your door at 8 with the takeaway",
        "coming for you at 7, wear something warm",
        "see you soon 😊",
    ],
    "c.care_worry": [
        "I'm worried something will happen to you walking home alone",
        "I'd hate for anything to happen to you",
        "if anyone hurts you, tell me and I'll call the police",
        "please go to the doctor, you could die from that infection",
        "don't drink and drive, you'll kill someone",
    ],
    "c.safety_advice": [
        "If he threatens you again, call 999",
        "Keep a record of every time he says he'll hurt you",
        "Refuge can help if someone is threatening to hurt you",
        "You can report threats to kill to the police",
        "If you feel in danger, press 55 on a silent 999 call",
    ],
    # ---- violence against objects
    "c.objects": [
        "I'm going to kill this spider",
        "I'll smash the old wardrobe up for the tip",
        "I could throw this printer out the window",
        "I'm going to murder these weeds",
        "I'll batter the steak before frying it",
        "gonna beat the eggs and make an omelette",
        "I'll stab the potatoes to see if they're done",
    ],
    "c.objects_tech": [
        "kill the app and restart it",
        "I'm going to kill the process and reboot",
        "shoot the photos in RAW",
        "smash the avocado onto the toast",
        "I'll break the code into smaller functions",
        "let's burn the old letters, new start",
    ],
    "c.objects_anger": [
        "I'm so angry I could punch a wall",
        "I want to throw my laptop in the sea",
        "this printer is dead to me",
        "I'm going to set fire to this essay",
        "I could strangle this router",
    ],
    # ---- games and sport
    "c.games": [
        "I'm going to kill you in Fortnite tonight",
        "gonna destroy you at FIFA later",
        "I killed you three times that round lol",
        "I'll headshot you before you even spawn",
        "my squad is going to wipe yours in CoD",
        "you're dead in this game, I've got the sniper",
    ],
    "c.games_chess": [
        "I'll crush you at chess",
        "you're going down at pub quiz tonight",
        "I'll thrash you at tennis on Sunday",
        "we'll batter them 4-0 on Saturday",
        "your team's getting murdered this season",
    ],
    "c.sport_fight": [
        "he's going to knock him out in round three",
        "the boxer took a beating last night",
        "I'm going to hit the bag for an hour",
        "sparring tomorrow, gonna get battered",
        "our defence got absolutely battered",
    ],
    "c.fiction": [
        "In the book the villain kills the wife in chapter three",
        "the killer in that series is her ex, didn't see it coming",
        "I've just watched a film where he stalks her, so creepy",
        "writing a thriller where the husband poisons her tea",
        "in the game you have to shoot the zombies before they reach you",
    ],
    # ---- jokes between friends (trivial targets)
    "c.jokes_trivial": [
        "mum will kill me if I'm late for dinner",
        "my boss is going to murder me when she sees this",
        "if you eat my last Jaffa Cake I'm going to be so annoyed",
        "my wife will kill me if I buy another guitar",
        "the teacher is going to kill us for not doing the homework",
        "she'll kill me for telling you this 😂",
    ],
    "c.jokes_self": [
        "I'm going to die of boredom in this meeting",
        "kill me now, it's only Tuesday",
        "someone shoot me, I've got three more hours of this",
        "I'll just die quietly in the corner",
        "if I have to hear that song again I'll scream",
    ],
    "c.jokes_praise": [
        "you killed it at karaoke",
        "she slayed that look",
        "you murdered that song, amazing",
        "your cake was the bomb",
        "those shoes are fire",
    ],
    # ---- words shared, no threat
    "c.shared_knife": [
        "can you bring a sharp knife for the cake",
        "I bought a new knife set from Ikea",
        "the knife block is in the top drawer",
        "careful, that knife's sharp",
        "🔪🍰 cake time!",
    ],
    "c.shared_gun": [
        "my son wants a water gun for his birthday",
        "the starting gun went off and she was away",
        "glue gun in the craft drawer",
        "🔫💦 water fight at the park later?",
    ],
    "c.shared_dead": [
        "Grandad died last night, I'm heartbroken",
        "my goldfish is dead 😢",
        "the plants are all dead because I forgot to water them",
        "rest in peace to the best dog ever 💀🐶",
        "the dead battery again 🙄",
    ],
    "c.shared_rape": [
        "the rape crisis centre is open on Mondays",
        "I'm volunteering for a sexual assault helpline",
        "the oilseed rape fields are so yellow this year",
        "she's a survivor of rape and she's so brave",
        "we need better support for victims of sexual violence",
    ],
    "c.shared_warning": [
        "final warning: the parking permit expires Friday",
        "last warning before the bins go out 😂",
        "you've been warned, the spicy wings are really hot",
        "weather warning for tonight, stay in",
        "I'm warning you now, the film is three hours long",
    ],
    "c.shared_pay": [
        "you'll pay me back on Friday, yeah?",
        "I'll make you pay for dinner next time 😂",
        "you're going to regret that third pint tomorrow",
        "you'll be sorry if you miss the sale",
        "you'll regret not coming, it was amazing",
    ],
    "c.shared_end": [
        "you're finished at work for the day?",
        "I'm done with you for today, speak tomorrow x",
        "you're next in the queue",
        "you're next to choose the film",
        "we'll finish what we started on the puzzle tomorrow",
    ],
    "c.you_dead_idiom": [
        "you're dead right about that",
        "you're dead lucky you got tickets",
        "you'll die when you see this 😂",
        "you're going to die laughing at this video",
        "you'll kill yourself laughing at this",
        "you're killing me with these memes",
    ],
    "c.neg_two_sentence": [
        "I'm angry. But I would never hurt you.",
        "I was furious last night. I'm sorry. I'd never touch you.",
        "I know you're scared of me. You don't need to be, I won't hurt you.",
        "You think I'd hurt you? I wouldn't. Ever.",
        "I'm not coming round. I'll leave you alone now.",
    ],
    "c.questions_support": [
        "Did he say he'd hurt you?",
        "Are you scared he'll kill you?",
        "Has he ever threatened to hurt the children?",
        "has he got a knife?",
        "Do you feel safe at home?",
        "Did he say where he'd be waiting?",
    ],
    "c.her_fear": [
        "I'm scared he's going to kill me",
        "I think he's going to hurt me",
        "I can't sleep, I keep thinking he'll turn up with a knife",
        "I'm frightened he'll take the kids",
        "what if he comes round and hurts my mum",
    ],
    "c.her_stop": [
        "Stop messaging me. I don't want any contact.",
        "leave me alone or I'll call the police",
        "If you come near me again I'm calling 999",
        "if you turn up at my house I'll ring the police",
        "Unblock me and I'll report you, I mean it",
        "Come near my kids and I'll have you arrested",
    ],
    "c.legal_consequence": [
        "if you keep messaging me I'll take you to court",
        "you'll pay for this in court",
        "you'll regret this when the judge sees these messages",
        "I'm going to make sure you go to prison for this",
        "I'll see you in court",
    ],
    "c.medical": [
        "the nurse will give you an injection, it'll sting a bit",
        "they'll put you to sleep for the operation, you won't feel a thing",
        "the dentist is going to pull your tooth out tomorrow",
        "the vet is putting the dog to sleep tomorrow, I'm gutted",
        "they'll cut the cast off next week",
    ],
    "c.animals_nature": [
        "the fox killed three of our chickens",
        "the cat caught a mouse and killed it",
        "a hawk took one of the pigeons",
        "the frost killed all my tomatoes",
        "the storm smashed the greenhouse",
    ],
    "c.past_accidents": [
        "I hit my head on the cupboard again",
        "I burned the toast, sorry",
        "I cut my finger chopping onions",
        "I nearly killed myself tripping over the dog",
        "I broke my leg skiing last year",
        "I hurt my back lifting the sofa",
    ],
    "c.praise_killer": [
        "that dress is killer",
        "your smile is deadly",
        "you look drop dead gorgeous",
        "that's a knockout photo",
        "your legs look killer in those jeans",
    ],
    "c.history_facts": [
        "Henry VIII had two of his wives beheaded",
        "Jack the Ripper killed five women in Whitechapel",
        "the battle killed thousands of soldiers",
        "the war in Ukraine has killed many civilians",
        "the murder rate fell last year",
    ],
    "c.kids_play": [
        "the kids are having a pillow fight",
        "Tom shot me with his Nerf gun 😂",
        "we're playing cops and robbers in the garden",
        "she karate chopped the cushion",
        "he's a monster when he's hungry lol",
    ],
    "c.exercise": [
        "leg day is going to kill me",
        "the spin class absolutely destroyed me",
        "I'm going to punch the bag till I feel better",
        "boxing class tonight, gonna hit hard",
        "that run nearly killed me",
    ],
    "c.dreams": [
        "I dreamt a zombie was chasing me",
        "I had a nightmare that I was drowning",
        "I dreamed you and I were at the beach",
        "weird dream, you were a vampire 😂",
    ],
    "c.tv_spoilers": [
        "don't tell me who dies in the finale!",
        "they killed off my favourite character 😭",
        "he gets shot in episode 4, I'm devastated",
        "the ending where she poisons him is iconic",
    ],
    "c.neg_hyperbole_checked": [
        "I was so angry I could have screamed, but I just went for a walk",
        "I wanted to throw something, but I went to bed instead",
        "I'm fuming but I'll calm down",
        "I'm so cross with you, but I love you",
    ],
    "c.protect_others": [
        "I'll protect you no matter what",
        "I'll keep the kids safe",
        "nobody will touch you while I'm around",
        "I'd take a bullet for you",
        "I'll always be there to keep you safe",
    ],
    "c.warning_third_party": [
        "watch out, there's a man with a knife near the station",
        "police say a man was stabbed on the high street, avoid it",
        "be careful, there's been a rapist reported near the park",
        "the news says there's been a shooting in town",
    ],
    "c.cooking_food": [
        "I'm going to murder this pizza",
        "going to destroy this burger",
        "I'll kill that bottle of wine tonight",
        "we demolished the whole cake",
        "I'll slaughter a full English right now",
    ],
    "c.work_hyperbole": [
        "this spreadsheet is going to be the death of me",
        "my inbox is trying to kill me",
        "this deadline is killing me",
        "the report is dead on arrival",
        "we killed the project in the end",
    ],
    "c.dead_meat_other": [
        "the butcher had some lovely meat today",
        "I'm dead on my feet after that shift",
        "a dead man's party on the stereo, classic",
        "dead end job, I need a new one",
    ],
    "c.unblock_care": [
        "unblock me please, I just want to say sorry",
        "please answer your phone, I'm worried about you",
        "pick up, I need to know you're okay",
        "reply when you can, no rush x",
    ],
    "c.sibling_banter_trivial": [
        "who ate my yoghurt, I'm going to be so cross",
        "touch my hair straighteners again and you're buying me new ones",
        "if you wear my jumper again without asking I'm telling mum",
        "steal my charger one more time and I'm changing the wifi password",
    ],
    "c.condemn_violence": [
        "men who hit women are cowards",
        "threatening to kill someone is never a joke",
        "violence against women has to stop",
        "nobody deserves to be beaten",
        "rape threats are not banter",
        "it's a crime to threaten to kill someone",
    ],
    "c.self_care": [
        "I'm going to treat myself to a bath tonight",
        "I'm killing time before the train",
        "just killing an hour in Costa",
        "going to hit the hay, night",
    ],
    "c.gaming_chat": [
        "gg you destroyed us",
        "that sniper killed me from across the map",
        "I died to the boss again",
        "lol you got wrecked",
        "nice kill, you carried the team",
        "rush B and kill the bomber",
    ],
    "c.fire_hot": [
        "this track is fire 🔥",
        "that outfit is fire",
        "the house is on fire with this party lol",
        "light the candles on the cake",
        "the bbq's on, come round",
    ],
    "c.know_where_friendly": [
        "I know where you live so I'll pop the book round later",
        "I'll find you in the crowd, wear the red coat",
        "I know what car you drive, I'll look out for you at the station",
        "I saw you in town today, you looked lovely",
    ],
    "c.neg_sexual": [
        "I would never force you to do anything",
        "I'd never do anything you didn't want",
        "no means no, I respect that",
        "I'm not going to touch you without asking",
        "I won't ever make you do anything you don't want to",
    ],
    "c.idiom_hang": [
        "hang on a sec",
        "let's hang out on Saturday",
        "I'll hang the washing out",
        "I'll hang the picture in the hall for you",
        "don't leave me hanging 😂",
    ],
    "c.idiom_choke_blow": [
        "I choked in the final, so embarrassing",
        "the baby choked on a grape but she's fine now",
        "blow out the candles!",
        "that film blew my mind",
        "I blew it at the interview",
        "she'll blow them away with that voice",
    ],
    "c.watching_friendly": [
        "I'm watching you on TV right now!",
        "I'll be watching your race, good luck",
        "we're watching the match at yours, yeah?",
        "I'll keep watch while you nap",
        "watching you grow up has been a joy",
    ],
    "c.breaking_things_news": [
        "I'm breaking up with my phone contract",
        "breaking news: the bridge is closed",
        "they broke into the car next door",
        "I broke the record at parkrun",
        "we broke even on the bake sale",
    ],
    "c.fire_burn_misc": [
        "I burned my tongue on the tea",
        "burn the CD for me?",
        "I got burned by the sun in Spain",
        "they fired me today, I'm gutted",
        "we'll light the bonfire at seven",
    ],
    "c.cut_slash_misc": [
        "I'll cut your hair on Sunday if you want",
        "they slashed prices in the sale",
        "cut the cake into eight pieces",
        "I'm cutting you a slice",
        "she cut me off mid-sentence",
    ],
    "c.stab_drown_misc": [
        "I'm drowning in paperwork",
        "we got soaked, I nearly drowned in that rain 😂",
        "I'll take a stab at the crossword",
        "stabbing in the dark here, is it Tuesday?",
        "drown the chips in vinegar",
    ],
}


def split_of(text: str) -> str:
    """``dev`` or ``held`` by the first byte of SHA-256 of the text (below 154 of 256: dev)."""
    return "dev" if hashlib.sha256(text.encode("utf-8")).digest()[0] < 154 else "held"


def build() -> list[Row]:
    """Every row once, positives first."""
    rows: list[Row] = []
    for frame, (kind, texts) in POSITIVE.items():
        rows += [(frame, t, kind) for t in texts]
    for frame, texts in CONTRAST.items():
        rows += [(frame, t, "none") for t in texts]
    return unique(rows)


def rows_of(split: str) -> list[Row]:
    return [r for r in build() if split in ("both", split_of(r[1]))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "held", "both"], default="dev")
    parser.add_argument("--show-misses", type=int, default=0, help="list misses (dev only)")
    parser.add_argument("--frame", default="")
    parser.add_argument("--speaker", default="other", help='speaker of every sentence ("" for none)')
    args = parser.parse_args()
    det = Detector()
    for split in ("dev", "held") if args.split == "both" else (args.split,):
        data = [r for r in build() if split_of(r[1]) == split]
        pos = sum(k != "none" for _, _, k in data)
        print(f"\n===== {split} ({len(data)} rows: {pos} threats, {len(data) - pos} contrasts)")
        results = det.classify_many([t for _, t, _ in data], speakers=[args.speaker or None] * len(data))
        tally(
            data,
            results,
            show_misses=args.show_misses if split == "dev" else 0,
            frame=args.frame,
        )


if __name__ == "__main__":
    main()
