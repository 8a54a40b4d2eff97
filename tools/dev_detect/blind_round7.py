"""Blind evaluation set, round 7, for the abuse detector (measurement only).

Written on 29 November 2026 by a helper engineer working in its own git
worktree (branch ``blind7``), at the request of the Footprint team, so that
the team can measure how well the detector generalises to wording that nobody
on the team tuned it to.

Blindness rules kept while writing
----------------------------------
Every sentence below was written from scratch by the author, from general
knowledge of how people actually write online (texts, tweets, DMs, forum and
video comments; slang, typos, missing punctuation, capitals, British and
American usage).  While writing, the author did NOT open, read, grep or list:
the detector's rules (``src/footprint/rules/``), the detector's code
(``src/footprint/analyse/detect/``), the other development tools in
``tools/dev_detect/``, ``tools/train_detect.py``, the detector's tests, the
detection, evaluation and model-card documents, ``bench/``, or any public
hate-speech test suite (HateCheck in particular was never opened, run or
searched).  All cases were written and committed before the detector was run
on them even once, and no case was changed after seeing the output.

Labelling guideline
-------------------
Each row is ``(group, text, kind)``.

* ``kind == "abuse"``: a message that a police officer or prosecutor in
  England & Wales reviewing a message export would want surfaced as possible
  criminal or seriously abusive content -- a threat of violence to a person
  or a group, a call for or endorsement of violence against a group, hateful
  derogation of a group (explicit or implicit), abusive insults aimed at a
  person, or abuse of a woman as a woman.  It must be flagged.
* ``kind == "none"``: a message a naive detector might flag but which abuses
  nobody -- counter-speech and reports that quote abuse, negated threats or
  negated hate, neutral or positive mention of identity groups, profanity that
  targets nobody, violent idiom and hyperbole, reclaimed or in-group use of a
  slur and innocent homonyms, hostility to objects, and caring or safety
  messages.  It must not be flagged.

Where a case could be read either way, the author labelled it by the most
natural reading of a reasonable reader who has only the message itself.

Use
---
This file is for MEASUREMENT ONLY.  It must never be used to write, adjust or
test-drive rules, lexicons, thresholds or features, nor as training or
validation data for any model.  Its misses must not be read for tuning: the
``--show-misses`` option is off by default and exists only for an auditor.
Once anyone tunes against it, it stops being blind and must be retired.

Run::

    PYTHONPATH=src:. python tools/dev_detect/blind_round7.py [--show-misses N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ABUSE = "abuse"
NONE = "none"

ABUSE_GROUPS = (
    "threat.person.direct",
    "threat.group.direct",
    "threat.group.call",
    "derog.group.explicit",
    "derog.group.implicit",
    "insult.person",
    "misogyny",
)
CONTRAST_GROUPS = (
    "c.counter",
    "c.negated",
    "c.identity",
    "c.profanity",
    "c.idiom",
    "c.reclaimed",
    "c.object",
    "c.care",
)
GROUPS = ABUSE_GROUPS + CONTRAST_GROUPS

# Abuse categories whose presence counts as "flagged".  request_to_stop and
# distress are deliberately not counted.
ABUSE_CATEGORIES = (
    "threat_to_kill",
    "threat_violence",
    "threat_sexual",
    "identity_hate",
    "misogynistic_abuse",
    "insult_harassment",
    "sexual_harassment",
    "intimate_image_abuse",
    "blackmail",
    "doxxing",
    "coercive_control",
    "stalking_monitoring",
    "self_harm_encouragement",
    "impersonation",
)

_DATA: dict[str, tuple[str, list[str]]] = {}


def _add(group: str, kind: str, texts: str) -> None:
    """Register one text per non-empty line of ``texts`` under ``group``."""
    lines = [line.strip() for line in texts.strip("\n").splitlines()]
    _DATA.setdefault(group, (kind, []))[1].extend(line for line in lines if line)


# ---------------------------------------------------------------------------
# threat.person.direct
# ---------------------------------------------------------------------------
_add(
    "threat.person.direct",
    ABUSE,
    """
I'm going to kill you when I see you
ur dead mate. proper dead. watch ur back
I know where you live and I'm coming round tonight to cave your head in
say that to my face and see what happens, I'll break your jaw
you're getting stabbed next time you walk past the chippy
keep talking and you'll end up in a ditch
I swear on my mum's life I will end you
gonna put you in hospital you little rat
mark my words you won't see christmas
i will find u and i will hurt u
Wait till I get my hands on you. You'll be picking your teeth up off the pavement
your car's not the only thing that's gonna get torched
one more word and I'll slit your throat
we know what school your kids go to. think about that
Better hope you've got good life insurance pal
You're a dead man walking
I'm outside your flat. Come down or I'm coming up with the bat
if you go to the police I'll make sure you never talk again
I'm gonna batter you so hard your mum won't recognise you
Dont come to work monday. Or do and find out what happens
i'll shoot you in the face and laugh
U better sleep with one eye open from now on
Next time I see Darren I'm gonna glass him, he's had it coming
im gonna smash ur skull in wiv a hammer
Gonna acid your pretty little face
You've got till Friday to pay or your legs get broken
I'll burn your house down with you in it
ur family's gonna be planning a funeral soon
enjoy your last weekend
Leave her alone or I'll bury you. Literally.
I'm getting the boys together and we're gonna do you properly
that landlord of yours is getting a knife in him if he evicts us
Do you know how easy it would be to run you over on your way home from the gym
I'd happily do life for you, trust me
KILL YOURSELF OR I'LL DO IT FOR YOU
one of these nights you'll get what's coming. ask around what happens to grasses
Block me all you want, I know your new address
I'm going to strangle you with your own hair extensions
pull up. I've got something for you. it's sharp
watch what happens to your dog
i'll beat the living shit out of you next time
Everyone on the estate knows what you did. You won't last the week
You'll get a brick through your window tonight, then you through it
Ima pop you next time you step on our block
ima f*ck you up fr fr
if I see that ref in the car park he's getting leathered
Tell your brother he's getting merked
I'll make you disappear and no one would even notice
mess with my sister again and I'll cut you
I hope you're ready because I'm bringing petrol
Keep your mouth shut about the money or I will kill you and your girlfriend
you and ur mates are getting jumped after school tmrw
I'll rip your head off and shit down your neck
Next time you post about me will be the last thing you ever post
I've got your number, your address and a lot of patience
i will stamp on your head till it stops moving
Say goodbye to your kneecaps
You think I'm joking. Wait and see what I do to you on Saturday
Gonna hunt u down like the dog u are
that teacher is going to regret failing me. I'll make her bleed
I know what time you finish your shift. Its dark by then isn't it
you owe me and I'm going to take it out of your skin
im going to hurt you so bad u wish u were never born
You'll be found floating in the canal
Touch my car again and I'll put you through the windscreen
I'm coming for you and nobody's going to stop me
Ur gonna get what Kyle got. Ask him how his face is
Rent's due. Pay it or I start breaking fingers
i'll drown you in your own bath
keep ignoring me. see what happens when I turn up at your mum's
Sleep tight sweetheart, I'll be watching the house
That councillor wants to watch himself walking to his car, someone's going to do him
I'll put a bullet in you
the next time you cross me you'll be in a body bag
Gonna knock ur teeth so far down ur throat you'll chew with ur arse
""",
)

# ---------------------------------------------------------------------------
# threat.group.direct -- the speaker threatens violence against a group
# ---------------------------------------------------------------------------
_add(
    "threat.group.direct",
    ABUSE,
    """
Any Muslims who show their faces on our street tonight are getting battered
I'm going to shoot every immigrant I see at that hotel
next pride march I'm driving straight through the lot of them
we're gonna burn that mosque down with them inside
If another trans freak walks into my gym I'll break their neck
I will personally stab the next Paki who looks at me
Me and the lads are going down to the synagogue on Saturday to teach the Jews a lesson
gonna start knocking out every gay I see holding hands in town
I'll kill any black lad who moves onto our estate
we'll be waiting outside the gurdwara with bats. let them come
Polish builders round here better watch out, we're coming for them one by one
I'm going to gas every one of those gypsies on the field
if I see one more woman driver on my road I'm running her off it
next refugee who knocks on my door gets a shotgun in his face
Going to make those disabled scroungers at the day centre pay, I'll wreck the place with them in it
we'll hang the lot of you lefty traitors from lampposts, starting with the ones at the council
I'm bringing a machete to the Hindu festival, see how they like that
Leeds fans in town on Saturday are getting slashed. every last one
gonna hunt down every Chelsea fan on the train home and leave them bleeding
any Rangers fan in our pub gets glassed, simple
Next cyclist who slows me down gets rammed off the road, I'm not even joking
I'm going to batter the next Deliveroo rider who blocks the pavement
All you vegans at that protest are getting a boot in the teeth tomorrow
I'll knife every copper that comes near the estate
watch what we do to the Tory canvassers when they come knocking, they'll need ambulances
I will blow up that MP's surgery next week with all of them in it
Teachers at that school better lock their doors, I'm coming with a gun on Monday
Going to torch every Romanian car on this street tonight
I'll drown the next lot of migrants myself if the coastguard won't
we're coming for you Albanians. all of you. tonight
next Chinese I see on the bus is getting a punch for bringing the virus
I'm gonna stab up every one of them Somali kids outside the shop
Catholics in this town won't be safe when we march on the 12th, we'll burn them out
Every Celtic fan at the away end is getting a bottle over the head
I'll shoot any gay couple that moves in next door, I've got the licence for it
Me and my cousins are gonna beat every Eastern European in the car wash
Traveller scum on the common, we're coming tonight with petrol
Nigerians at my work better watch themselves, I'll slit one of their throats soon
if the trannies turn up at the library story hour I'll be there with a crowbar
Going to put every one of these landlords in the ground
we'll smash every Arab shop on this road till they all leave
next time the feminists march past the pub we're lamping all of them
I'm gonna run over the next group of Just Stop Oil idiots sitting in the road
If I see any more of those Sikhs in turbans at the bus stop I'm gonna rip them off their heads and stab them
I'll be outside the abortion clinic with a knife for every nurse that walks out
wait till we get our hands on the journalists outside the court, they'll be leaving in bits
Every Millwall fan on that platform gets a kicking, I promise you
You Jews will get what's coming when we're done, we're coming for every one of you
we'll set fire to the asylum hotel with the lot of them locked in
any Indian lads at the party tonight better leave before we start swinging
I'll beat every single lesbian at that bar to a pulp
traffic wardens in this borough, I'm going to hurt one of you soon, mark my words
We're going to kill the bikers who ride through our village at night, rope across the lane
If any more asylum seekers move in next door, I'll shoot them one by one
ANY GAY BAR IN THIS CITY IS GETTING A PETROL BOMB. YOU HAVE BEEN WARNED
I'll be stood at the top of the road with a knife for the first Kurdish kid who walks past
Me n my boys gonna rush the next bunch of Villa fans we see at New Street, bring ur tools
Tell the wheelchair lot at the protest I'll be kicking them out of their chairs and into the road
we're going to start picking off the Hasidic lot one at a time, starting in Golders Green
Next time the climate crowd glue themselves to the road I'll be there with a blowtorch for every one of them
""",
)

# ---------------------------------------------------------------------------
# threat.group.call -- violence against a group should/must happen, or is
# deserved; incitement; wishes for their death
# ---------------------------------------------------------------------------
_add(
    "threat.group.call",
    ABUSE,
    """
Muslims should all be lined up and shot
someone needs to burn down every mosque in this country
The only good immigrant is a dead one
gays deserve to be stoned to death, simple as
Trans people should be put down like rabid animals
all Jews need to be gassed again, the job wasn't finished
Hang every single one of the boat people, send a message
black people should be lynched. every one
I hope every refugee on that dinghy drowns
Disabled people should be euthanised at birth, they're a drain
Somebody should shoot all the gypsies on that site and do us all a favour
They need to round up the Pakis and put them in camps
Wish a bomb would drop on every Pride parade
Women who talk back deserve a slap, every one of them
If I were PM I'd have all the Romanians hanged
Somebody go down to the Polish shop and smash their faces in, they've had it coming
Go out tonight and beat up any Asian you see. Who's with me?
every Tottenham fan deserves a stabbing
Honestly cyclists should be run over on purpose, teach them a lesson
All politicians should be dragged out and hanged from Westminster Bridge
Tories deserve the guillotine, every last one of them
Landlords should be lined against a wall and shot
the police should all be burned alive in their vans
let's all go to the vigil tomorrow and kick the shit out of the queers
Someone should torch the trans clinic with the staff inside
Bomb the synagogues. Every single one.
jews should be wiped off the face of the earth
RT if you think every migrant should be shot at the border
Nobody would miss them if all the Muslims in Bradford got gassed
Kill all Hindus, they worship cows and deserve nothing better
I hope every lesbian gets what's coming to her, preferably in a dark alley
Let Albanian gangs die, and their families with them. Go round and make it happen
the world needs another Hitler to deal with the Jews
feminists should be beaten until they shut up
Every Arab deserves a bullet
Mental patients should be gassed instead of let out in the community
People with Down's syndrome shouldn't be allowed to live
Men like that should be castrated and hung in the town square, all the immigrants are the same
Deport them in body bags
Someone should go and set the traveller caravans alight while they sleep
All Chinese people should be shot for what they did with covid
they need a good old fashioned pogrom
Round up all the Nigerians and drown them in the Thames
It's time to take up arms against the invaders. Find where they sleep.
I wouldn't blame anyone who stabbed a Muslim after what they've done
a few dead bankers would sort this country right out, go get them
Black lives don't matter. They should all be shot by cops
Would love to see every Man United fan burn alive in that stadium
Any gay teacher should be beaten in front of the class
The mosque on Green Lane needs burning. Someone who lives near do it
women who get abortions should be hanged
Someone should throw acid at all the Sikh women in Southall
jus kill all the trannies already smh
I'd pay good money to see every refugee in that hotel burn
Immigrants should be shot on sight when they come off the boats
Death to Israel, death to the Jews
Every vegan deserves a kicking for being so smug
Nurses who went on strike should be beaten with their own placards
Scousers should all be gassed, fucking scum
We need a civil war to clear the blacks out of London
""",
)

# ---------------------------------------------------------------------------
# derog.group.explicit -- contempt, disgust, dehumanisation, slurs as attacks
# ---------------------------------------------------------------------------
_add(
    "derog.group.explicit",
    ABUSE,
    """
Muslims are vermin, all of them
immigrants are a plague of rats
fucking pakis stinking out the whole street with their curry
Jews are parasites bleeding this country dry
gays are disgusting perverts and should be kept away from kids
trannies are mentally ill freaks
black people are literally monkeys, look at them
gypsies are thieving scum
the blacks round here are animals
I can't stand lesbians, they make me want to throw up
Disabled people are useless spastics who leave nothing but a bill
Romanians are filthy dirty pikeys
Poles are a bunch of drunk cockroaches
those fucking chinks eat dogs
Hindus are cow piss drinking savages
typical Nigerian scammer scum
Asylum seekers are cockroaches crawling over our country
queers are a disease on society
fuck all muslims
Fat people are disgusting pigs, stop eating
Refugees are human garbage
trans women are men in dresses and they're sick in the head
Niggers ruin every neighbourhood they move into
Islam is a cancer and every Muslim is a tumour
Jews are vermin, always have been
Albanians are subhuman filth
All these kikes run the banks
poofs like him make me sick
f*ggots everywhere these days it's disgusting
Fucking retards shouldn't be let out in public
Arabs are sand n****** and always will be
those dykes are revolting
Somalis are the lowest of the low, scum of the earth
Sikhs with their stupid towels on their heads, fucking ragheads
Eastern Europeans are a swarm of locusts
Jewish people are greedy rats, every single one
The Irish are thick as pigshit
gays r an abomination
black women are ugly apes
those mongs at the day centre should be hidden away
all scousers are thieving scrotes
Indians smell like shit
MUSLIMS ARE DIRTY GOAT SHAGGERS
bloody wogs taking over
travellers are inbred animals
Bisexuals are greedy sluts who spread disease
Fucking jocks are all tight arsed bastards
Mexicans are dirty wetbacks
Chinese people are disgusting bat eaters
Catholics are nonce protectors, the lot of them
Immigrants are an infestation
every Leeds fan is an inbred knuckle dragger
the Welsh are sheep shagging inbreds
Autistic people are broken subhumans
Trans people are groomers and predators
africans are savages who should stay in their mud huts
homos are vile
bloody yids everywhere you look in Stamford Hill, vermin
Pakis are all rapists
those fucking polacks are like rats
The Roma are a parasite people
old people are useless bed blockers who should hurry up and die
Deaf people are thick, dumb in every sense
Vegans are a bunch of pathetic weak soy boy losers, utterly vile
Cyclists are lycra-clad vermin
""",
)

# ---------------------------------------------------------------------------
# derog.group.implicit -- no swear word or slur
# ---------------------------------------------------------------------------
_add(
    "derog.group.implicit",
    ABUSE,
    """
No offence but Muslims just aren't compatible with British values
they all come over here to claim benefits, every single one
Ever noticed how it's always the Romanians when a wallet goes missing?
I'm not racist but I wouldn't want my daughter marrying a black man
Gay people shouldn't be allowed near children, it's just common sense
funny how the Jews always end up owning the media isn't it
Trans women will never be real women and everyone knows it
Women just aren't built for leadership, it's biology
Why do Pakistanis always have ten kids and live off the state?
Immigrants bring crime wherever they go. That's just a fact.
Disabled people are a burden on the rest of us
I just think Africans are less intelligent on average, it's in the genes
They breed like rabbits
Gypsies are born thieves, it's in their blood
Can you trust a Muslim? Honestly?
Asians can't drive, it's known
If you let one family of them into the street, the house prices collapse
Polish people will steal your job and then your bike
Black people have always been lazy, look at history
you don't see many Jews working with their hands do you
Jews only care about money
Homosexuality is a mental illness that can be cured
Trans people are confused and need therapy not rights
Let's be honest, Islam is a religion of violence and its followers are the same
People like that should go back where they came from
Disabled kids drag the whole class down, they shouldn't be in normal schools
Funny how every grooming gang is Pakistani
They're not like us and never will be
Just saying, all the stabbings round here started when the Somalis moved in
Hindus are a backward people with a backward religion
Women are too emotional to be trusted with anything important
I wouldn't rent to a Nigerian, they always have some scam going
Gay men are all promiscuous, that's why they got AIDS
Most Chinese people are spies for their government
Travellers don't pay tax and leave rubbish everywhere they go
Black men are just naturally more aggressive
You can always tell a Jew by how they haggle
Albanians are all in organised crime
I've nothing against them but they should keep it behind closed doors
If you hire a Muslim expect him to disappear for prayers all day and do no work
Autistic people can't really feel empathy so why should we care what they think
bisexuals are just confused attention seekers
Immigrants don't want to integrate. They want to replace us.
it's not racist to say that some cultures are just inferior
Africa is a mess because Africans can't govern themselves
The Irish are all drunks
They should stay in their own country and stop polluting ours
Are all Muslims terrorists? No. But all terrorists are Muslim
Why should my taxes pay for people in wheelchairs who contribute nothing?
Honestly the lesbians at work are all man-haters
Sikhs are just Muslims with different hats
Can someone explain why every Romanian I meet is a pickpocket?
Old people have had their time and should stop voting
Trans people are a danger to women in bathrooms, every one of them
mental patients belong locked up away from normal people
It's a known fact that black neighbourhoods are more violent because of the people
Not being funny but the Poles have turned this town into a dump
Jewish bankers control the government
gay marriage is an insult to real families
Feminists are just ugly women who can't get a man
Women shouldn't be allowed to vote, they vote with their feelings
immigrants are the reason the NHS is collapsing, they're bleeding it dry
Deaf people don't deserve interpreters on the taxpayer
People from that estate are all benefit scroungers and criminals
Scousers will rob you blind the second you turn your back
Muslims are here to take over, slowly, one baby at a time
""",
)

# ---------------------------------------------------------------------------
# insult.person -- abuse aimed at one person, with and without profanity
# ---------------------------------------------------------------------------
_add(
    "insult.person",
    ABUSE,
    """
you're a pathetic excuse for a human being
fuck off you ugly prick
Ur such a worthless piece of shit
Nobody likes you. Nobody has ever liked you. Your own mum can barely stand you
you absolute waste of oxygen
shut up you fat useless cunt
you're thick as two short planks and twice as ugly
Honestly you're the most disgusting person I've ever met
lol ur so ugly no wonder ur single
you're a vile, lying, manipulative snake
What a sad little man you are
Go crawl back under whatever rock you came from
you dumb bitch
Imagine being as stupid as you. Couldn't be me
you stink, everyone at work says it behind your back
Piss off you spineless coward
your face looks like a smacked arse
You're a joke. A complete fucking joke.
absolute melt
you're a nonce and everyone knows it
no one will ever love you, you freak
you're so dense it's embarrassing to be seen with you
ur a proper wrong un and a scumbag
You're a parasite who's leeched off everyone who was ever kind to you
Kys you waste of space
Get a life you sad loser, living in your mum's basement at 40
You're a dickhead mate. Always have been
go and do everyone a favour and disappear
you utter bellend
Your kids must be so ashamed to have you as a dad
Lying scumbag. Absolute scum of the earth
thick twat
you're trash and your family is trash
Honestly you are one ugly motherfucker
That ref is a bent, blind, useless piece of garbage
you're a spineless worm
Just look at you. Disgusting.
You're a pig, you eat like one and you look like one
fucking muppet can't even park
You are literally the dumbest person on this app
ur such a fat slob get off ur arse for once
stupid knobhead
you're a waste of skin, swear down
wanker
you're the reason your dad left
pathetic little incel
Nobody at this school can stand you, you weirdo, just leave
Your voice makes me want to rip my ears off you annoying cow
You inbred halfwit
Dude you are a complete and utter moron
get fucked you clown
you manky tramp
Ur a two faced snake and a grass
lmaooo look at this clown tryna rap. embarrassing. you're a failure
Gemma you're a fat nasty slag and everyone's laughing at you
You worthless sack of shit
your breath smells like a sewer and so does your personality
Honestly you are an absolute cretin
fuck you you fucking bastard
you rancid little goblin
Dead behind the eyes and thick as mince, that's you
You're nothing. You'll always be nothing.
Look at the state of you, you absolute tramp
You freak. Stay away from my kids
ur a pedo and a creep
he's a vile toerag and a thief
you sad act, get some friends
I'd call you a tool but tools are useful
Everyone thinks you're a disgusting pervert
Absolute gobshite
""",
)

# ---------------------------------------------------------------------------
# misogyny -- abuse of women as women, or of a woman for being a woman
# ---------------------------------------------------------------------------
_add(
    "misogyny",
    ABUSE,
    """
women are only good for cooking and spreading their legs
Get back in the kitchen love, nobody asked for your opinion
typical woman, can't take a joke and cries about everything
you're just a dumb slut who sleeps her way to the top
all women are gold digging whores
She only got that job because she's got tits
women should be seen and not heard
Shut up you stupid bitch, women know nothing about football
she deserves to be raped for what she wrote
Females are inferior and belong under a man
You got what you deserved walking around dressed like a slag
all these feminists need is a good seeing to
Women drivers should be banned, they're a danger to everyone
Women are property. Simple as that
Stupid women like you should never have been allowed to vote
you're a fat feminist cow who no man will ever want
that female MP is a hysterical cow, clearly on her period
Women shouldn't be allowed to referee, they're clueless
Girls like you are just holes
Any woman who leaves her husband is a worthless whore
Women are too thick to understand politics
Sending her a picture of my dick since she likes attention so much
Women are sluts who'll fuck anyone with money
She's just a hormonal bitch, ignore her
ur a woman so ur opinion dont count
women belong barefoot and pregnant
Put that woman commentator back on the netball where she belongs, she's an embarrassment to the game
She's only a nurse, what does a woman like her know about medicine
Females are manipulative by nature, never trust one
She got raped? Probably asked for it
women are worthless unless they're fuckable
Bitches ain't shit
I hope that female journalist gets what's coming to her, she needs putting in her place
you're an attention seeking whore like every other girl on here
All women lie about assault to get money
Men should beat their wives when they step out of line
get ur tits out or get off stream
women are basically children who need a man to make decisions for them
That's why women shouldn't be in charge, one tiny problem and she cries
She's past it, no man wants a woman over 30, she's used goods
Women who wear short skirts are asking to be assaulted
women should be stripped of the vote and the right to work
You're just a sket who's been passed round the whole estate
This is what happens when you let a woman run a company. Total mess
Women's football is a joke played by lesbians and nobody cares
shut your mouth woman and make me a sandwich
Why do women always have to ruin everything? Useless creatures
women are just walking wombs
Ladies, your only job is to look pretty and keep quiet
All women are cheating whores, every single one
If your wife talks back you've failed as a man. Put her in her place
that female boss is a frigid dyke who needs a good shag
Women are the reason men are miserable, all of them are parasites
She's too ugly to be raped, why would anyone bother
ugly hag, no wonder ur husband left u
Typical slag, opens her legs for anyone and then cries when she's dumped
Female gamers are fake attention whores
Women can't do maths, everyone knows it
Every woman has a price, they're all prostitutes really
She should be grateful anyone fucked her at all
""",
)

# ---------------------------------------------------------------------------
# c.counter -- counter-speech; quoting abuse to report or criticise it
# ---------------------------------------------------------------------------
_add(
    "c.counter",
    NONE,
    """
He messaged me "I'll kill you" last night and I've reported it to the police
Saying "Muslims are vermin" is disgusting and you should be ashamed
Screenshotted the DMs where he called me a stupid bitch and sent them to the mods
People who say immigrants are rats need to take a long look at themselves
Can we stop pretending "women belong in the kitchen" is just banter? It isn't.
My son came home crying because a kid told him gay people should be shot. I've emailed the school
Reporting this account, it's been posting that Jews should be gassed. Vile
Someone sprayed "Pakis out" on the shop shutter. We're all going down tomorrow to help paint over it
It is never ok to tell someone to kill themselves. Never.
Anyone who thinks trans people are mentally ill freaks needs educating
Just read the comments under that article. "Send them back in body bags". What is wrong with people
I'm sick of seeing black players called monkeys online. Ban these accounts for life
Officer, the message said "you're a dead man walking" and it came from an unknown number
Calling disabled people spastics isn't edgy, it's cruel
The texts said he'd burn the house down with me in it. I've got them all saved for my solicitor
Hate has no home here. If you're posting that Muslims should be lined up and shot, get out of our group
Sorry but "no offence but women can't drive" is still offensive
Women are not property and anyone who says otherwise is living in the dark ages
He keeps saying "I know where you live". I've logged it with 101, ref ends 4471
it's 2026 and people are still saying gays deserve to be stoned. Blocked and reported
My grandad used to say the Irish were all drunks. He was wrong and I told him so
Stop saying refugees are cockroaches. They're people fleeing war
If you see someone being racially abused on the bus, say something, film it, report it
Please report the account that's telling everyone to burn the mosque on Green Lane
The idea that all Romanians are thieves is a lazy, nasty stereotype
Footballers shouldn't have to read "I'll stab you" under every post after a bad game
We stand with our Jewish neighbours against every antisemitic attack
No woman "asks for it" by what she wears. Ever.
He called her a fat slag in front of the whole class and the teacher did nothing. Unbelievable
Racism isn't banter. Calling someone a paki isn't banter.
I don't care what team you support, threatening to glass rival fans is pathetic
My ex texted "you'll get what's coming" over and over. A DV helpline helped me get a non-molestation order
Comments like "go back where you came from" hurt more than people realise
Just to be clear for the jury, the defendant wrote "I'll put a bullet in you" at 02:14
it's not a "joke" when you tell a trans kid to kill themselves
Disabled people are not a burden. Shame on the people saying it in these replies
Reporting every tweet that calls for Tory MPs to be hanged. Disagree with them all you like but that's a crime
Victim impact statement: the messages calling me a worthless whore have affected my sleep and work
Why do some people think saying "all Muslims are terrorists" is just an opinion? It's hate
Please don't share the video of the lad being called the n-word, report it instead
""",
)

# ---------------------------------------------------------------------------
# c.negated -- negated threats and negated hate
# ---------------------------------------------------------------------------
_add(
    "c.negated",
    NONE,
    """
I would never hurt you, you know that
I don't think women are inferior in any way
no one is going to kill you, calm down, it was a nightmare
I'm not going to hit him, I'm just going to talk to him
I don't hate Muslims, I hate terrorism, totally different things
Relax, nobody's coming round to your house, it was a wrong number
There's no way I'd ever lay a finger on my kids
I'd never wish harm on anyone, even him
Immigrants aren't the reason the NHS is struggling, underfunding is
I'm not angry with you and I'm definitely not going to do anything stupid
gay people are not a threat to children and never were
Trans women aren't predators, stop spreading that
I promise I won't hurt myself or anyone else
nobody deserves to be beaten for who they love
I never said I'd stab him, I said I'd stab the cake. Read it again lol
Don't worry, I won't tell anyone and I won't do anything to you
Black people aren't more violent, poverty is the common factor
Not all men are bad, and not all women are liars either
I don't believe disabled people are a burden, they're part of society like anyone else
I'm not going to burn anything down, I'm just venting
I wouldn't kill a spider never mind a person
I'm not threatening you, I'm asking you to pay back the tenner
Women are not too emotional to lead, look at half the CEOs out there
We're not gonna fight, we're gonna sort it out like adults
I don't think any group of people should be sent anywhere
He's not going to hurt you again, he's been remanded
Jews don't control the media, that's an old conspiracy theory
Nobody wants the refugees to drown, what an awful thing to suggest
I'm not saying travellers are thieves, I'm saying someone nicked my ladder
I'd never call anyone that word
I won't touch you unless you want me to, you're in charge
Muslims aren't all the same any more than Christians are
No I'm not going to shout at her, she's six
Honestly no one's going to beat you up for wearing that to school, you look great
I don't want to see anyone hurt at the protest tomorrow, stay peaceful
Of course I'm not going to shoot anyone, it's an airsoft gun for the club
I don't think cyclists deserve to be run over, I think they deserve proper lanes
I'm never going to threaten you, I just need you to listen
""",
)

# ---------------------------------------------------------------------------
# c.identity -- neutral and positive mentions of identity groups
# ---------------------------------------------------------------------------
_add(
    "c.identity",
    NONE,
    """
Eid Mubarak to all our Muslim customers, the shop will open late on Wednesday
My wife and I are both gay and we just adopted our second child
The Jewish community centre is running a food bank every Thursday
Happy Diwali everyone! The lights on Belgrave Road are stunning this year
Proud to be a trans woman and proud of everyone who came to the support group tonight
Black History Month assembly was amazing, the kids loved it
We hired two Polish joiners for the extension and they were brilliant
my nan is deaf and she taught the whole family BSL
The Sikh temple in town does free langar for anyone, went today with my mates
Disabled access at the new stadium is so much better than the old ground
Lesbian book club meets again Sunday, new members welcome
Our new neighbours are from Nigeria and they brought round jollof rice, so kind
Women's Euros final was the best match I've watched all year
Is anyone in the group Romanian? Need help translating a letter for my neighbour
The refugees who arrived last year have set up a bakery on the high street
Looking for a Muslim-friendly halal butcher in Leicester, recommendations?
Trans rights are human rights
Really proud of my autistic son, he got a distinction in his piano exam
My gran's a traveller and she has the best stories about life on the road
Chinese New Year parade in Manchester this weekend, who's going?
Pakistani weddings are three days long and I'm here for all of it
Bisexual visibility day today, love to all the bi folk out there
Got my first hijab today, feeling beautiful
We are an equal opportunities employer and welcome applications from disabled candidates
Going to the synagogue for my friend's bar mitzvah, what do I wear?
My Albanian colleague makes the best byrek
Gay men's choir is singing at the cathedral on Christmas Eve
The Hindu temple is doing a charity walk for the hospice
Black women in STEM network launched at uni today
Polish shop on the corner is open till 10 now, handy
The asylum seekers at the hotel have been volunteering at the park clean up
Women in the fire service is such a good documentary, watch it
Just watched a brilliant talk by a blind barrister
Irish dancing class for kids starts next week
Immigration has made this city what it is, best food in the country
My best mate is a Somali lad I've known since reception
Had a lovely chat with the old Jewish man who runs the watch repair place
Pride this year was massive, so much love
Muslim, gay and proud of both
Wheelchair users: the lift at the station is finally fixed
""",
)

# ---------------------------------------------------------------------------
# c.profanity -- profanity that abuses nobody
# ---------------------------------------------------------------------------
_add(
    "c.profanity",
    NONE,
    """
fucking brilliant night, thanks everyone
holy shit that goal was unreal
this is the best fucking burger I've ever had
Bloody hell it's cold this morning
well that was a shit day at work, glad it's over
fuck me I passed my driving test!!!
oh shit I left my keys at yours
Damn son, that's a nice car
Can't believe I slept through my alarm, fuck sake
shit shit shit I forgot mum's birthday
That gig was fucking mental, my ears are still ringing
fuckin love this song
what the hell is going on with the trains today
It's pissing it down again
bollocks, missed the bus by ten seconds
Arse, I've spilt tea on my laptop
Absolute scenes, fucking get in!!!
this new album is the shit
Oh my fucking god I got the job!!!
pissed as a fart last night haha
I'm so fucking tired I could sleep for a week
Hell yeah let's go
We're fucked for the exam tomorrow lol, haven't revised at all
that's bloody gorgeous, where did you get it
sod it, let's get a takeaway
No fucking way, congrats!!
Shit happens, we go again next week
that cheese is fucking stinky but gorgeous
God damn this crossword is hard
cba with this weather
my fucking back is killing me after the gym
WTF is this price for a pint in London
Bugger, the shop's shut
feeling shit today, might just have a duvet day
piss easy that quiz was
Fucking hell mate, what a save
Damn it, burnt the toast again
that's a bitch of a hill to cycle up
fucked up my ankle playing five a side
""",
)

# ---------------------------------------------------------------------------
# c.idiom -- violent words as idiom or hyperbole
# ---------------------------------------------------------------------------
_add(
    "c.idiom",
    NONE,
    """
I could murder a curry right now
this traffic is killing me
she absolutely killed it on stage tonight
Mum's going to kill me when she sees my grades
my feet are killing me in these heels
I'm dying to see the new Bond film
We got slaughtered 5-0 on Saturday
That comedian was so funny I nearly died laughing
You're killing me with these puns
let's smash this presentation tomorrow team
I'm going to crush this exam
he's a killer on the guitar
honestly the heat is murder today
The new boss is a slave driver but she's fair
That joke bombed so hard
Our striker was on fire today, he destroyed their defence
I'll kill for a cold pint after this shift
Just shoot me a text when you're free
I'm gonna beat you at Mario Kart so bad
that outfit is to die for
The deadline is going to be the death of me
Spurs got absolutely butchered tonight
my phone battery is dead again
I'd kill to have your hair
Go break a leg tonight, you'll be amazing
we're going to murder this karaoke
the suspense is killing me, just tell me!!
Ugh, kill me now, another meeting
That last level of the game is brutal, it keeps killing me
she shot down every argument he made
We need to kill two birds with one stone and do the shop on the way
lmao I'm deaddd
Stab in the dark but is the answer Paris?
I'm going to knock this essay out tonight
my nan will have my head if I'm late for Sunday dinner
That dress slays
she's a knockout in that photo
Gonna hit the gym then hit the pub
We really need to kill the music, the neighbours are complaining
the chilli was so hot it nearly killed me
I bombed my driving theory test, gutted
""",
)

# ---------------------------------------------------------------------------
# c.reclaimed -- in-group / reclaimed use, innocent homonyms
# ---------------------------------------------------------------------------
_add(
    "c.reclaimed",
    NONE,
    """
Going to a queer film night at the arts centre, anyone want to come?
We're here, we're queer, get used to it
my nigga you actually passed, proud of you bro
Dyke March in London this summer, who's marching with us?
as a fat woman I'm reclaiming the word fat, it's just a description
Bitches, brunch is at 11, don't be late!!!
Grabbed a faggot and peas from the chippy, proper Black Country tea
Just bought a bundle of faggots for the wood burner
the spastic colon thing my doctor mentioned is apparently just IBS
Cadged a fag off the bloke at the bus stop
Popping out for a fag, back in 5
Let's go Yid Army! Great win for Spurs tonight
My queer studies module is the best part of the degree
The dog had puppies, four bitches and two dogs
Us crips gotta stick together on the disabled forum haha
Don't be so niggardly with the gravy, pour it on
Dyke is what we call ourselves on the team, it's affectionate
Queer Eye is my comfort show
That bitch of a week is finally over, wine time
Found a coon cat at the rescue, Maine coon, absolutely massive
The shed's full of faggots of kindling for winter
my bredrin is a proper bad man on the pitch, respect
Out in the wop-wops visiting my aunt, no signal at all
Me and the girls are such sluts for a good cheese board
The vicar's talk was on the slut-shaming of women in Victorian novels
The Spastics Society was renamed Scope in 1994, interesting history lecture today
Let's be honest we're all mad in this house, the cat included
my gay ass cannot parallel park
Honestly my wee cousin's such a wee jock, kilt and all
I'm a tranny mechanic, specialise in gearboxes
the tranny on my old Transit went again, £800 to fix
Nip down the shops and grab us some milk
Sister outlaws, we ride at dawn, wearing our dyke on bikes jackets
Paddy's Day parade in Birmingham is the best in the country
black pudding and a brew, can't beat it
I'm a proud geek and nerd, always have been
The Pommies won the Ashes again, gutted says my Aussie mate
the mongrel we adopted is the sweetest dog ever
Hoe the veg patch this afternoon, weeds everywhere
We're all just a bunch of old dykes at this point, 20 years at the rugby club
""",
)

# ---------------------------------------------------------------------------
# c.object -- dislike or violence aimed at things, not people
# ---------------------------------------------------------------------------
_add(
    "c.object",
    NONE,
    """
I want to smash this printer into a million pieces
going to throw this laptop out the window if it freezes one more time
I hate this stupid phone so much
Kill the lights before you come up to bed
I'm gonna burn all my old school reports haha
Someone needs to take a sledgehammer to that ugly roundabout sculpture
my alarm clock deserves to be shot
I swear I'm going to stab this jar lid with a knife to get it open
This self checkout machine is the devil, unexpected item my arse
Torched the hedge trimmings in the garden incinerator today
I'll kill this weed in the patio if it's the last thing I do
we demolished the old shed at the weekend, so satisfying
Going to murder this pizza
the washing machine is dying, it's making horrible noises
I absolutely despise Mondays
I want to punch the wall every time the wifi drops
Hate hate hate this weather
Smashed my phone screen again, third time this year
burn this song to the ground, I'm sick of hearing it on the radio
The wasps nest is getting nuked tonight with the spray
Someone should blow up this terrible app and start again
This spreadsheet is going to get a hammer taken to it
Kill the engine, we're here
ugh I hate my hair today
I'd happily set fire to every parking meter in this town
the kettle's dead, fancy a pint instead
I'm going to strangle this sat nav
That new building is an abomination, knock it down
Shoot, I forgot the bread
I will destroy this chocolate cake
My car is a piece of junk and I want to drive it off a cliff
the cat knocked my plant off the window sill and I want to scream
gonna rip out the kitchen cupboards this weekend, they're disgusting
the referee's VAR system is garbage and should be scrapped
Can we burn this year's reality TV schedule please
I loathe coriander, it tastes like soap
Chop the onions finely then brown them
I'm going to kill the rats in the loft, got traps
bin that horrible old sofa, it stinks
""",
)

# ---------------------------------------------------------------------------
# c.care -- caring, protective or safety messages
# ---------------------------------------------------------------------------
_add(
    "c.care",
    NONE,
    """
text me when you get home safe
Let me know you got back ok, it's dark out
love you, drive carefully x
Are you alright? You seemed upset earlier, I'm here if you want to talk
If he turns up again call 999 straight away, don't open the door
Take care of yourself, I'm worried about you
I'm outside your flat with soup and paracetamol, come down when you can
Just checking in, how's your mum doing after the op?
Don't walk through the park on your own tonight, get a taxi and I'll pay
Make sure you lock the door when I leave
I know where you live so I'll drop the spare keys round after work
Wrap up warm, it's freezing out there
Call me any time, day or night. You're not alone
Remember to take your meds before bed
Hope the interview goes well, you'll smash it
If you ever feel unsafe at home you can stay with us, no questions asked
Mind how you go on the ice, the roads are lethal
Sending you a big hug, thinking of you today
Did you eat today? Please have something
Samaritans are on 116 123 if you need someone to talk to tonight
The kids are tucked in and asleep, all fine here
Please don't drive after drinking, I'll come and get you
I'll wait up for you, message me when your train gets in
Stay hydrated at the festival and look out for each other
Has anyone heard from Jade? Not like her to go quiet, just want to check she's ok
I'll walk you to your car, it's late
Put your seatbelt on, I'm not going anywhere till you do
Get some rest, don't worry about work, we've got it covered
Your safety matters more than the money, just leave
proud of you for getting through this week
Happy to sit with you at the hospital tomorrow if you want company
Keep your location on tonight so we know you got home
Night night, sleep well, see you in the morning
If anyone gives you grief at school tell me and I'll talk to the head
I'll be watching the house while you're away, don't worry about the cat
Please wear your helmet, I don't want anything to happen to you
You're going to be ok. We'll get through this together
I'm coming round tonight to check on you, no arguments
Don't forget sun cream, you burn so easily
""",
)

ROWS: list[tuple[str, str, str]] = [
    (group, text, kind) for group, (kind, texts) in _DATA.items() for text in texts
]


# ---------------------------------------------------------------------------
# Measurement (black box)
# ---------------------------------------------------------------------------
def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-misses",
        type=int,
        default=0,
        metavar="N",
        help="print up to N misses per group (off by default; never for tuning)",
    )
    args = parser.parse_args(argv)

    from footprint.analyse.detect import Detector

    det = Detector()
    texts = [text for _, text, _ in ROWS]
    results = det.classify_many(texts)
    if len(results) != len(ROWS):
        print(f"error: {len(results)} results for {len(ROWS)} texts", file=sys.stderr)
        return 1

    print(
        f"blind_round7: commit {_git_commit()}  analyser "
        f"{getattr(det, 'version_info', 'unknown')}  rows {len(ROWS)}"
    )

    flagged: list[bool] = []
    ranks: list[float] = []
    for result in results:
        labels = set(getattr(result, "labels", None) or [])
        scores = getattr(result, "scores", None) or {}
        flagged.append(bool(labels & set(ABUSE_CATEGORIES)))
        ranks.append(max((float(scores.get(c, 0.0)) for c in ABUSE_CATEGORIES), default=0.0))

    per_group: dict[str, list[int]] = {g: [0, 0] for g in GROUPS}
    misses: dict[str, list[str]] = {g: [] for g in GROUPS}
    for (group, text, kind), is_flagged in zip(ROWS, flagged, strict=True):
        ok = is_flagged if kind == ABUSE else not is_flagged
        per_group[group][0] += int(ok)
        per_group[group][1] += 1
        if not ok:
            misses[group].append(text)

    print(f"{'group':24s} {'kind':6s} {'correct':>8s} {'n':>5s} {'share':>7s}")
    for group in GROUPS:
        correct, n = per_group[group]
        kind = ABUSE if group in ABUSE_GROUPS else NONE
        share = correct / n if n else float("nan")
        print(f"{group:24s} {kind:6s} {correct:8d} {n:5d} {share:7.1%}")

    n_abuse = sum(per_group[g][1] for g in ABUSE_GROUPS)
    hit_abuse = sum(per_group[g][0] for g in ABUSE_GROUPS)
    n_none = sum(per_group[g][1] for g in CONTRAST_GROUPS)
    pass_none = sum(per_group[g][0] for g in CONTRAST_GROUPS)
    print(f"abuse recall:        {hit_abuse}/{n_abuse} = {hit_abuse / n_abuse:.1%}")
    print(f"contrast pass rate:  {pass_none}/{n_none} = {pass_none / n_none:.1%}")

    y_true = [1 if kind == ABUSE else 0 for _, _, kind in ROWS]
    try:
        from sklearn.metrics import roc_auc_score

        auc = roc_auc_score(y_true, ranks)
        print(f"ROC-AUC (max abuse-category score): {auc:.3f}")
    except ImportError:
        print("ROC-AUC: sklearn not available")

    if args.show_misses > 0:
        print("\nmisses (for audit only; never use these to tune anything):")
        for group in GROUPS:
            for text in misses[group][: args.show_misses]:
                print(f"  [{group}] {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
