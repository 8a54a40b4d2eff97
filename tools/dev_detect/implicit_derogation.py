"""Implicit derogation of groups (round 7): a development set written before any rule was changed.

Hand-written by us from general knowledge of how people write online (no data set, no test split, no
blind set was read). Each row is ``(frame, text, kind)``. A *frame* is the form the derogation takes
(a stereotype asserted as fact, a "why do … always …?" question, an opinion, a comparison …); frames
starting ``c.`` are contrasts that share their words.

Labelling guideline (conservative):

- ``identity_hate`` — the text demeans a group protected in England & Wales (race, colour, nationality
  or national or ethnic origin, including Travellers, Roma and national groups; religion; sexual
  orientation; transgender identity; disability) *without* a swear word or a slur: a stereotype
  asserted as fact or as a generalisation ("they all …", "always", "never"), insinuation ("we all know
  what they're like", "say no more"), a dehumanising or demeaning comparison in ordinary words,
  derogation phrased as a question or as an opinion ("why do X always …?", "I just think …", "no
  offence but …", "I'm not racist but …"), contempt through what the group should or should not be
  allowed to do or where it belongs, conspiracy, disloyalty, a "joke" whose point is the stereotype, a
  backhanded compliment that rests on the group being worse.
- ``misogynistic_abuse`` — the same aimed at women or girls as women.
- ``insult_harassment`` — the same aimed at a group no law protects (occupations, voters, supporters,
  cyclists, vegans, generations, classes, regions, the elderly, people on benefits).
- ``none`` (frames ``c.``) — neutral or positive statements about groups; facts and statistics stated
  neutrally; news; questions asked in good faith; counter-speech, quoting a stereotype to reject it;
  negated stereotypes; members describing themselves; criticism of ideas, policies, institutions or
  specific conduct; the same words used of things, animals or a single occasion.
- Only rows we would expect a careful reviewer to mark the same way were kept: a text that could
  fairly be read either way (a bare question about asylum rules, a mild joke) was left out.

Split: a stable hash of ``frame|text`` (SHA-256 mod 100: < 60 → ``dev``, else ``held``), fixed with
the file. Rules are written from ``dev`` misses only; ``held`` is printed as figures, never as texts.

Usage (from the repository root):
    PYTHONPATH=src:. .venv/bin/python tools/dev_detect/implicit_derogation.py [--held] [--misses]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

KINDS = {"i": "identity_hate", "m": "misogynistic_abuse", "u": "insult_harassment", "n": "none"}

# frame -> lines "<kind letter> <text>"
_BLOCKS: dict[str, str] = {
    "stereo.crime": """
i Every time something gets nicked round here it turns out to be the Romanians
i Wherever the Travellers set up camp, the sheds start getting broken into
i Lock your car, the Albanians have moved onto the estate
i Put a mosque in any town and watch the crime go up
i A group of black lads on the corner usually means trouble
i Of course the shoplifter was Eastern European, they always are
u Every estate agent I've dealt with has tried to fleece me
""",
    "stereo.money": """
i Jews always seem to end up wherever the money is
i Funny how it's always Jewish names at the top of the banks
i Ask a Jew to split the bill and see what happens
i Scottish people won't put their hand in their pocket for anything
i Asian shop owners would sell their own grandmother for a quid
u Landlords only care about squeezing every last penny out of people
i The Chinese buy up everything and give nothing back
""",
    "stereo.work": """
i Half of them have never done a day's work since they got off the boat
i Disabled people mostly just want the free money and the blue badge
i Immigrants come here for the benefits, not the jobs
u Students sleep till noon and then moan they're skint
u Millennials think turning up to work is an achievement
i Most people on disability benefits could work if they wanted to
i Asylum seekers sit in hotels all day living on our money
""",
    "stereo.intellect": """
m Women just don't have the head for maths
m Girls aren't built for engineering, simple as
i Black kids just aren't academic, it's not their thing
m Never met a woman who could read a map
i People with Down's syndrome will never understand anything properly
u Footballers have the brains of a goldfish
u Gamers couldn't hold a conversation with a real person
""",
    "stereo.hygiene": """
i You can smell the curry three doors down since the Indians moved in
i Travellers leave a mountain of rubbish wherever they go
i Romanians don't know what a bin is
i Africans just don't wash like we do
i The Chinese will eat anything that moves, that's how we got covid
i Their houses always stink of spices and damp
""",
    "stereo.breeding": """
i Muslims have six kids each, give it twenty years and they'll outnumber us
i They breed like rabbits and we pay for every one of them
i Somali families have a baby a year and the council hands them a bigger house
i Travellers pop out kids just for the child benefit
u Chavs have kids just to get a council flat
i The birth rate tells you everything, they're out-breeding us on purpose
""",
    "women.emotional": """
m Women are too emotional to be trusted with big decisions
m Never let a woman run a country, she'll start a war over a bad hair day
m Female bosses are all hormones and no sense
m You can't argue with a woman, she just cries until she wins
m A woman in charge means a moody office every month
m Girls overthink everything and then blame you for it
m Put a woman on the jury and it's all feelings and no facts
""",
    "stereo.driving": """
m Women drivers, need I say more
m Saw a car parked across three spaces, guess who was driving. A woman obviously
i Asians shouldn't be let behind the wheel
i You can tell it's an Indian driving when they do thirty on the motorway
u Cyclists think the rules of the road don't apply to them
u BMW drivers think they own the road
""",
    "stereo.violence": """
i Black men are just naturally more aggressive
i Muslim men see women as property, every last one of them
i Albanians settle everything with a knife
i Irish Travellers solve every argument with their fists
u Millwall fans can't watch a match without starting a fight
i Afghan men can't be trusted around young girls
i Pakistani men think our girls are fair game
""",
    "stereo.predator": """
i Gay men shouldn't be left alone with kids
i Trans women are just men who want to get into the ladies' toilets
i Why do gay teachers always want to work with the little ones?
i Funny how all these trans people want access to changing rooms with girls in them
i Bisexuals will cheat on you with anyone, it's in their nature
i Letting a gay couple adopt is just handing them a child to groom
i A man in a dress is still a man and I'm not letting him near my daughter
""",
    "quant.they_all": """
i They're all the same, every single one of them, Muslims
i Romanians, the lot of them are on the take
u Politicians, they're all in it for themselves
u Every last landlord in this city would evict his own gran for an extra fifty quid
i Not one of them has ever paid a penny in, asylum seekers I mean
i Every Polish bloke I've worked with turns up still drunk from the night before
i Show me a Nigerian and I'll show you a scammer
m Every single woman I've dated only wanted my bank balance
""",
    "quant.always": """
i Jews are always behind it somehow
i It's always the Pakistanis, every grooming case, every time
m Women always play the victim when they don't get their way
i Immigrants always get the houses before local people
u Vegans always have to tell you they're vegan
u Boomers always pull the ladder up after themselves
i Travellers always leave a trail of damage behind them
i The gays always have to make everything about themselves
""",
    "quant.never": """
i Muslims never condemn terrorism, have you noticed?
i Travellers never pay for anything
i Immigrants never integrate, they just build little versions of home
m Women never pay on a date, they just expect it
i Black fathers are never around for their kids
i Trans people never stop complaining
u Landlords never fix anything until the council makes them
""",
    "q.why_always": """
i Why do Muslims always have to make everything about religion?
i Why is it always Romanians on the shoplifting CCTV?
m Why do women always have to turn every argument into a drama?
i Why are black neighbourhoods always the ones with the stabbings?
u Why do cyclists always think red lights are optional?
i Why do immigrants never bother learning English?
i Why do trans people have to shove it in everyone's face?
i Why do disabled people always act like the world owes them something?
""",
    "q.why_cant": """
i Why can't Travellers just live in houses like normal people?
i Why can't Muslims just keep their religion to themselves?
m Why can't women just admit they're not as strong as men?
i Why can't gay people be gay quietly instead of parading it?
i Why can't Africans sort their own countries out instead of coming here?
u Why can't vegans just eat their lentils and keep quiet about it?
i Why can't the Chinese eat normal food like everyone else?
""",
    "q.rhetorical": """
i Has anyone ever actually met an honest Romanian?
i Name one Muslim country that's a nice place to live. I'll wait.
m Ever met a woman who could take a joke?
i How many of those grooming gangs were Pakistani again?
i Is it just me or does every Somali family get a free house?
u Has any lawyer ever told the truth in their life?
i What exactly have asylum seekers ever given this country?
""",
    "q.accusing": """
i Why do Pakistani men think they can do whatever they like with our girls?
i How come every terrorist turns out to be a Muslim?
i Why do Romanians think it's okay to beg on every corner?
i Isn't it about time we admitted Islam isn't compatible with Britain?
i Who thought it was a good idea to let so many Africans in?
m Why do women think they're entitled to half of everything?
u Why do estate agents think they can lie to your face?
""",
    "q.allowed": """
i Should gay people really be allowed near schools?
i Why are disabled people allowed to have children they can't look after?
m Why are women even allowed to referee men's football?
i Why do we let Muslims build mosques here when they'd never let us build churches there?
i Should trans people really be allowed to teach kids?
i Why are immigrants allowed to vote in our elections?
""",
    "op.i_think": """
i I just think Muslims don't really fit in here
m I just think women are happier at home with the kids
i I honestly think gay people are a bad influence on children
i I personally believe some races are just more civilised than others
i I think trans people are confused and need therapy, not surgery
u I just think vegans are attention seekers
i I think disabled kids hold the rest of the class back
i I'm of the opinion that Travellers shouldn't be allowed to settle anywhere
""",
    "op.no_offence": """
i No offence but Polish people are a bit rough
i No offence but I don't want a mosque at the end of my road
m No offence but women just aren't funny
i No offence but I'd cross the road if I saw a group of black lads
i No offence to anyone but gay couples shouldn't be raising children
u No offence but Scousers would nick the wheels off your car while you're driving it
i No offence but deaf people should learn to lip read and stop demanding interpreters
i With all due respect, Jews look after their own and nobody else
""",
    "op.not_racist_but": """
i I'm not racist but this country is full
i I'm not racist, I just don't want my kids going to school with all those foreigners
i I'm not homophobic but I don't need to see two men holding hands
i I'm not transphobic, I just think a man is a man
m I'm not sexist but women's football is unwatchable
i I've got nothing against them personally but they should stay in their own countries
i Not being funny but Bulgarians are the worst neighbours you can have
i I'm not a racist, I've got black friends, but they do cause most of the trouble
""",
    "op.just_saying": """
i Just saying, every knife crime headline has the same kind of name in it
i Just an observation, the area went downhill when the Somalis arrived
i Not saying anything, just look at who's in the prisons
i Facts don't care about feelings: Muslims don't integrate
i Just pointing out the obvious, the Roma don't want to work
i Say what you like, but the Chinese have no respect for animals
""",
    "op.funny_how": """
i Funny how the Muslims always seem to get their way with the council
i Funny how every scam call has an Indian accent on the other end
i Ever noticed it's always the Nigerians behind those email scams?
m Notice how women only want equality when it suits them
i Strange how the crime rate went up the same year the migrants arrived
u Funny how estate agents can't tell the truth even about the size of a bedroom
i Notice how the gay lobby always gets what it wants
""",
    "insinuation": """
i We all know what they're like, I won't say any more
i You know what those people are like, lock your doors
i A Pakistani taxi driver offered my daughter a lift home. Say no more.
i Makes you wonder why the Jews are always in charge of the news
i New family moved in next door. Travellers. Better hide the lawnmower.
i Another stabbing in Peckham, no prizes for guessing who did it
i Three Muslim lads hanging about outside the school. Draw your own conclusions.
i They got a Romanian cleaner. Hope they counted the spoons.
""",
    "compare.dehumanising": """
i They come over in swarms on those little boats
i They breed like rats in those tower blocks
i Watching the migrants climb the fences is like watching a nature documentary
i They live like animals, twelve to a house
i Give them a council house and they'll turn it into a pigsty
i The camp looks like a zoo with all those Gypsy kids running about
i Immigrants are like a virus, once they get in you can't get rid of them
""",
    "compare.demeaning": """
m A toddler would make better decisions than most women
i Disabled people are like children, someone has to decide for them
u Talking to a vegan is like talking to a brick wall with a smugness problem
m Women drivers are like shopping trolleys, they go wherever they like
i Gay men are basically teenage girls in grown men's bodies
u Politicians have the morals of a tomcat
u Boomers are like toddlers with a pension
""",
    "allowed.not": """
i Gay people shouldn't be allowed to adopt
i Disabled people shouldn't be allowed to have kids
m Women shouldn't be allowed to vote, look what they've done to the country
i Muslims shouldn't be allowed to hold public office
i Immigrants shouldn't get a vote until they've been here thirty years
i Trans women should never be allowed anywhere near women
i Travellers shouldn't be allowed to park up anywhere near a town
u Students shouldn't be allowed to vote, they haven't paid a penny in tax
""",
    "allowed.rights": """
i Why should asylum seekers get free dentistry when I can't?
i Gay marriage should never have been legalised, it cheapens marriage
i Disabled people get far too many special rights already
i Muslims should have to carry ID so we know who they are
i Foreigners shouldn't get NHS treatment at all
m Women got the vote and it's been downhill ever since
i Trans people don't deserve special treatment for a mental illness
""",
    "exclude.home": """
i Send them all back where they came from
i They should go back to their own country if they don't like it here
i We don't want their sort round here
i Pack them all on a plane back to Africa
i There's no room for Islam in Britain
i This is England, if you want Poland go home to Poland
i Polish builders should go home and build their own country
""",
    "exclude.contain": """
i Keep them out of our schools and our parks
i Trans people should use their own toilets, away from normal people
i Disabled kids belong in special schools, not in classes with our kids
i Muslims should live in their own areas and leave ours alone
i Put the Travellers on one site in the middle of nowhere and be done with it
i They should have their own buses, I'm not sitting next to one
m Women should stick to netball and leave proper sports to the men
""",
    "exclude.slogan": """
i Islam out of Britain
i No more mosques
i Britain for the British
i Stop the boats, stop the invasion
i Close the borders and kick them all out
u Ban cyclists from the roads
""",
    "takeover": """
i In twenty years there won't be an English person left in Leicester
i They're taking over one town at a time and nobody's saying a word
i The Muslims are slowly taking over and the government's letting them
i Britain is being replaced and you're called a bigot for noticing
i Soon we'll all be living under sharia if this carries on
i Walk down Oxford Street and count how many English faces you see
i It's not our country any more, it's theirs
""",
    "decline": """
i This used to be a nice area before the Asians moved in
i House prices dropped the day a Somali family bought on our road
i You can tell which streets the Romanians live on, the rubbish is piled up
i Once the Travellers arrived the whole village went downhill
i My old town is unrecognisable, all kebab shops and headscarves
i The school was outstanding till it filled up with immigrant kids
""",
    "nostalgia": """
i I miss when this country was ours
i Remember when you could walk down the high street and hear English?
i Britain was great before we let the whole world in
i My grandad didn't fight in the war so foreigners could take over our towns
i You used to know your neighbours. Now none of them speak English.
i Whatever happened to English towns for English people?
""",
    "joke": """
i How do you stop a Romanian stealing your car? Park it outside the job centre, he'll never go near it
i What do you call a Muslim with a rucksack? Suspicious
m Why did the woman cross the road? Never mind that, what was she doing out of the kitchen?
i What do you call a black man in a suit? The defendant
i Knock knock. Who's there? Not a Traveller, your garden gnome is still here
u What's the difference between a lawyer and a vulture? The lawyer gets air miles
i I'd tell you a joke about wheelchair users but it wouldn't go anywhere
""",
    "backhanded": """
i She's actually really pretty for a black girl
i He's very well spoken for a Pakistani
m Not bad for a girl, she can nearly kick the ball straight
i He's one of the good Muslims, not like the rest of them
i You don't act gay at all, that's a compliment
i You're clever for someone from Africa
m She drives well for a woman
""",
    "sarcasm": """
i Oh look, another Muslim 'misunderstood' by the police
i What a surprise, the shoplifter was a Gypsy
i Another day, another Romanian on the news for pickpocketing. Shocked, I tell you.
m Of course she got promoted, she's a woman, nothing to do with ability
i Great, another asylum seeker hotel in our town, just what we needed
u Wow, a vegan who didn't mention being vegan within five minutes, call the papers
i Brilliant, another Pride parade so we can all be told how to think
""",
    "disability": """
i People like that should have been screened out before birth
i It's cruel to let them be born, they'll never have a life
i Disabled people are a drain on the NHS and they know it
i Autistic people use it as an excuse to be rude
i Half the people in wheelchairs can walk fine when nobody's looking
i Mentally ill people should be locked away for everyone's safety
i Special needs kids shouldn't be in normal classes dragging everyone down
""",
    "trans.illness": """
i Being trans is a mental illness, not an identity
i Trans is a fad, give it ten years and they'll all regret it
i You can't change your sex, you can only mutilate yourself
i They're delusional men and we're all expected to play along
i Trans people are just attention seekers who found a new trend
i Non-binary is just a trendy way of saying look at me
i Trans women will never be women, no matter how many operations they have
""",
    "gay.lifestyle": """
i Being gay is a lifestyle choice and they push it on kids
i They can do what they like behind closed doors, just don't make me look at it
i Homosexuality is unnatural, it's just biology
i Gay people are shoving it down our throats every June
i Two dads isn't a family, it's an experiment on a child
i Lesbians are just women who couldn't get a man
i It's a phase, she'll grow out of being bi
""",
    "conspiracy": """
i The Jews control the media, always have
i It's always Rothschild money behind these things
i Jews own the banks and the politicians, look it up
i Every war in history has had Jewish bankers behind it
i Muslims are following a plan to take over Europe from the inside
i The Chinese are buying our country one house at a time for the Communist Party
i Who funds all the migrant boats? Follow the money, follow the Jews
""",
    "loyalty": """
i Muslims will always put their religion before this country
i Jews are loyal to Israel first and Britain second
i A Muslim can never truly be British
i They'll take a British passport but they'll never be one of us
i Being born here doesn't make you English
i Chinese students are all spies for Beijing
i Irish Catholics were never loyal to the Crown and never will be
""",
    "culture": """
i Their culture doesn't respect women
i It's a backward culture and they bring it here with them
i Africans come from a culture of corruption, they can't help it
i It's in their blood, they can't help stealing
i Some cultures just aren't compatible with ours and we know which ones
i Roma culture is all about begging and thieving
""",
    "nature": """
i It's just in their genes to be violent
i Some races are naturally lazy, it's science
m Women are hardwired to be followers, not leaders
i Gypsies are born thieves
i Jewish people are greedy by nature
i Africans are simply less evolved, look at the continent
""",
    "these_people": """
i These people don't share our values and never will
i Those people have no respect for anything
i People like that don't belong in a decent neighbourhood
i Their kind never change
i You can take them out of the village but you can't take the village out of them
i That sort always end up in prison eventually
""",
    "you_lot": """
i You lot are always causing trouble
i Your people should learn some manners
i You Muslims need to start respecting our country
i You gays are never happy, are you
u You vegans really need to get off your high horse
u You cyclists are a danger to everyone
i You people are all the same
""",
    "gratitude": """
i Disabled people should be grateful for what they get
i Refugees should be thankful they're here and stop complaining
m Women have never had it so good and they still moan
i Immigrants should keep their heads down and be grateful
i Black people should stop going on about slavery, it was ages ago
i Gay people have got their marriage, what more do they want?
""",
    "women.place": """
m A woman's place is in the home, always has been
m Women belong in the kitchen, not the boardroom
m Wives should do what their husbands tell them
m A woman without a man is only half a person
m Girls don't need university, they need to learn to cook
m Mothers who work are neglecting their children
""",
    "women.worth": """
m Women only care about money and height
m Every woman's a gold digger given half the chance
m Women will leave you the second a richer bloke comes along
m Women over thirty have nothing left to offer
m Modern women are only good for one thing
m All women care about is what they look like
""",
    "women.credibility": """
m Half the women who cry rape are just regretting it in the morning
m Women lie about abuse to get the house and the kids
m Never believe a woman's tears, it's a tactic
m Women make up harassment claims to get a payout
m Another woman ruining a man's life with a false accusation, they all do it
m Women just want attention, that's why they go to the papers instead of the police
""",
    "women.ability": """
m Women's football is like watching under-tens
m Female doctors are fine for colds but I want a man for anything serious
m Women are too weak to be firefighters and they know it
m Put a woman in charge and watch the company fold
m Women can't do banter, they take everything personally
m A female pilot? I'm getting off the plane
""",
    "existence": """
i Nobody wants to see two men kissing on the telly
i I don't want to have to explain to my kids why that man is wearing a dress
i It's not natural and my children shouldn't have to see it
i Seeing women in burkas on the bus gives me the creeps
i I'd move house if a gay couple moved in next door
i Nobody wants to look at a wheelchair user trying to dance
""",
    "family": """
i I wouldn't let my daughter marry one
i Don't let your kids play with the Gypsy children
i I'd disown my son if he brought a black girl home
i My kids are not going to a school with that many Muslims in it
i I told my daughter she can't be friends with that trans kid
i No daughter of mine is marrying a Pakistani
""",
    "refusal": """
i I'd never rent my flat to Travellers
m Won't hire women of childbearing age, it's just common sense
i I don't let Romanians in my shop any more
i I'd never vote for a Muslim candidate, you know where his loyalties lie
u No landlord in his right mind would rent to people on benefits
i I'd never let a gay man babysit my kids
m I would never work for a woman boss
""",
    "stats": """
i Look at the prison figures and tell me they're not the problem
i The crime stats speak for themselves, black people commit most of it
i Check the grooming gang convictions and see who keeps coming up
i Look at the stats, Muslims are the biggest drain on benefits
i Numbers don't lie: immigrants are behind most of the crime in London
i Ask any A&E nurse who takes up all the beds. Foreigners.
""",
    "hope": """
i I hope they all go home before they ruin the place
i Wish we could just put them back on the boat
i Can't wait for the day this country closes the door on them for good
m I hope women lose the vote one day
i Here's hoping the new government ships the lot of them off
""",
    "language": """
i Learn to speak English properly if you want to live here, it's not hard
i Their accent sounds like a goat with a cold
i They jabber away in their own language so you can't tell what they're plotting
i If you can't say thank you in English you shouldn't get a passport
i Every call centre in India, same garbled English, same script
""",
    "burden": """
i A child like that is a burden on the whole family
i Disabled people bring everyone around them down
i It must be awful to be their parents, what a waste of a life
u The elderly are a drain on the economy and should make way for the young
u People on benefits are bleeding the rest of us dry
""",
    "unprotected.stereo": """
u Vegans care more about cows than about people
u Estate agents would tell you a bedsit was a mansion
u Politicians would sell out their own grandmothers for a vote
u Tory voters don't care about anyone but themselves
u Labour voters want everything for free and someone else to pay for it
u Lawyers will defend anyone as long as the money's right
""",
    "unprotected.stereo2": """
u Influencers have never done a real day's work in their lives
u Teenagers today can't even make a phone call
u Traffic wardens get a kick out of ruining your day
u Gym bros have nothing between their ears but protein
u Chavs are the reason nothing nice lasts in this town
u Journalists make it up as they go along
""",
    "unprotected.stereo3": """
u Police officers only join for the power trip
u Social workers take kids away to hit their targets
u Scousers would nick the eye out of your head
u Tech bros would sell your data to their own mothers
u Students think they know everything and have done nothing
u Man United fans have never been to Manchester
""",
    "q.just_me": """
i Is it just me or are there more headscarves than English faces in town now?
i Is it just me or do the Romanians never seem to work but always have new cars?
m Is it only me who thinks women got worse at everything once they got jobs?
u Is it just me or do all estate agents have the same fake smile?
i Am I the only one who thinks Islam and Britain will never mix?
i Is it just me or is every scam on Facebook run by Nigerians?
""",
    "op.honest": """
i Let's be honest, nobody actually wants to live next door to Travellers
i Honestly, the Pakistani community only looks after its own
m Let's be real, women only went into politics to be noticed
i Unpopular opinion but disabled people get it far too easy
i Someone has to say it: Muslims don't want to be part of this country
i I'll say what everyone's thinking, we've let in far too many of them
u Unpopular opinion: teachers get long holidays and still moan constantly
""",
    "typical": """
i Typical Muslim behaviour, expecting everyone else to change for them
m Typical woman, changes her mind every five minutes and blames you
i Typical Traveller, leaves the field in a state and moves on to the next one
i Typical of a Romanian to turn up with his hand out
u Typical cyclist, jumps the light then shouts at the driver
i Typical gay man, everything's a drama
""",
    "what_expect": """
i What do you expect when you let people like that into the country?
i What do you expect from a family like that, they're Gypsies
m What do you expect from a woman, logic?
i Well what did you expect, he's Albanian
u What do you expect from a politician, honesty?
i What do you expect when half the street is from Somalia
""",
    "advice": """
i Never buy a car from a Traveller
i Never lend money to a Romanian, you'll never see it again
m Never trust a woman with your bank card
i Don't ever leave a Gypsy alone in your house
u Never believe a word an estate agent says
i Count your change if the shop's Asian
""",
    "special_treatment": """
i If a white man did that he'd be in jail by now
i There's one law for them and another for us
i Two-tier policing, Muslims get away with everything
i They get everything handed to them and we get nothing
i Say one word about them and you lose your job, but they can say what they like
i They undercut our wages and live ten to a room
""",
    "double_standard": """
i If we did that in their country we'd be stoned
i Try building a church in Saudi and see what happens, but we have to put up with mosques everywhere
i They come here and expect us to change our ways for them
i Imagine moving to someone else's country and demanding they learn your language
""",
    "religion.practice": """
i Walking around dressed like letterboxes and then wondering why nobody talks to them
i Women in bin bags in the middle of Bradford, is this still Britain?
i Christians believe in a sky fairy and want to run our lives
i Hindus worship cows and then lecture us about our food
i Sikhs carry knives and we're told it's religion
i Catholics are all hiding something, look at the priests
""",
    "jews.insinuation": """
i They never let anyone forget the Holocaust, do they?
i Funny how the Jews always come out on top whatever happens
i Of course the landlord's Jewish, what did you expect
i Every time there's a war, guess who profits
i The Jews are behind the migrant crisis, look who funds the charities
""",
    "mental_health": """
i Depression is just an excuse for lazy people who don't want to work
i Everyone's autistic these days, it's just bad parenting
i ADHD is a made-up label for badly behaved kids
i People with schizophrenia shouldn't be walking the streets
i Anxiety is just weakness with a fancy name
i People with learning disabilities shouldn't be allowed to vote
""",
    "sexuality.stereo": """
i Lesbians all hate men, that's the whole point
i Bisexual is just a fancy word for greedy
i Gay men are all drama and no substance
i Trans kids are being groomed by their teachers
i Gay men can't keep it in their trousers
i Every lesbian I've met wants to be a man
""",
    "trans.dehumanise": """
i Look at it, calling itself a woman
i Whatever that thing is, it's not a woman
i They're not women, they're blokes playing dress-up
i You can put lipstick on him but he's still a man
i Trans women are men with a fetish
""",
    "women.sexual": """
m Women who sleep around are used goods
m A woman with a past isn't wife material
m Girls who wear short skirts know exactly what they're asking for
m Single mums only have themselves to blame
m Every woman on a night out is looking for a man to pay for her drinks
m Women past forty should stop dressing like teenagers
""",
    "national": """
i The French would surrender to a strong breeze
i Americans couldn't find Britain on a map if you paid them
i The Irish can't go an hour without a drink
i Germans wouldn't know a joke if it bit them
i The Welsh are still sulking about something from six hundred years ago
i Polish people drink vodka for breakfast
""",
    "unprotected.class": """
u Council estate people have no ambition and never will
u Southerners have never done a hard day's graft in their lives
u Fat people just have no self-control
u Old people shouldn't get a vote on a future they won't see
u Gingers have no soul, everyone knows it
u Posh kids have never had to earn anything
u Middle-class mums think the school run gives them right of way
""",
    "unprotected.work": """
u Nurses are just doctors' assistants who moan a lot
u Builders never turn up when they say they will
u Bin men do half a day and go home
u Footballers are overpaid kids who can't string a sentence together
u Uber drivers haven't got a clue where they're going
u Civil servants couldn't run a bath
""",
    "insinuation.numbers": """
i Count the headscarves at the school gate and tell me nothing's changed
i Look who's running every corner shop and every taxi rank now
i Funny how all the new houses go to people who've been here five minutes
i Ever wondered why the NHS is struggling? Look at who's in the waiting room
i The more of them come, the worse it gets, simple maths
""",
    "q.what_do_they": """
i What do they actually contribute apart from more kids?
i What have the Travellers ever done for this village except nick things?
m What are women for if not cooking and cleaning?
u What does a politician actually do all day except lie?
i What's the point of letting disabled people into the workforce?
""",
    "op.believe": """
i I firmly believe Islam has no place in a modern country
i I genuinely believe some people are born to serve and some to lead, and it's not random which
m I really do believe women were happier when they knew their place
i I'll always believe gay people are a danger to family life
i I believe immigrants should be second-class citizens until they've earned it
u I genuinely believe landlords are the worst people in the country
""",
    "compare.worse": """
i I'd rather have rats as neighbours than Travellers
i I'd rather my daughter brought home a dog than a Muslim
m My dog listens better than any woman I've met
i Honestly the dog has better manners than that whole family of Romanians
u Traffic wardens are lower than something you'd scrape off your shoe
""",
    # ---------------------------------------------------------------- contrasts
    "c.neutral": """
n Many Polish families settled in Peterborough in the 2000s
n Muslims make up about six per cent of the population of England and Wales
n There are several Traveller sites in the county
n The Sikh community in Southall is one of the largest in Europe
n Most of my colleagues are women
n A lot of students live on our street
n There is a gay bar at the end of the high street
n Vegans can get most things in the big supermarkets now
""",
    "c.positive": """
n Immigrants keep the NHS running
n My Romanian neighbours are the kindest people on our road
n Disabled athletes at the Paralympics were incredible
n The Somali community centre runs a brilliant food bank
n Women engineers designed most of the bridge
n Trans people have always been part of our community
n Muslim volunteers fed half the town during the floods
n Travellers helped dig cars out of the snow last winter
n Cyclists bring a lot of trade to the village cafes
""",
    "c.stats": """
n Women make up just over half the population
n Black people are more likely to be stopped and searched than white people
n Disabled people are twice as likely to be unemployed
n Muslims are the most likely group to be targeted by religious hate crime
n Asylum seekers are not allowed to work while their claims are processed
n Most people on disability benefits have conditions that stop them working
n Immigrants pay more in tax on average than they receive in benefits, according to the OBR
n Women are far more likely than men to be victims of domestic abuse
n Young black men are overrepresented in prison, which the Lammy Review linked to bias in the system
""",
    "c.news": """
n Police are investigating graffiti sprayed on a mosque in Leeds
n A Pakistani-born surgeon has been knighted for services to medicine
n Three men were convicted of attacking a gay couple on a night bus
n The council has approved a new Traveller site near the ring road
n A trans woman won the regional cycling title, the federation confirmed
n Two Romanian men were charged with pickpocketing at the festival
n A Jewish school was evacuated after a bomb hoax
n Record numbers of women applied to the fire service this year
n The government announced new rules on asylum hotels
""",
    "c.question": """
n Why do Muslims fast during Ramadan?
n Why do so many trans people wait years for an appointment?
n Why do Sikh men wear turbans?
n Why are women paid less than men for the same work?
n Why do Travellers move around so much? Genuinely curious about the history
n Are disabled people allowed to use the lift first?
n Why do Jewish people light candles on a Friday evening?
n Why do cyclists ride two abreast? Is it safer?
n How do deaf people use the phone?
""",
    "c.question2": """
n Do Jewish people celebrate Christmas?
n How many trans people live in the UK?
n Is it offensive to say disabled person or person with a disability?
n What's the best way to support a friend who has just come out as gay?
n Which languages do most Romanians speak?
n Are there any women-only swimming sessions at the leisure centre?
n How long does an asylum claim usually take?
""",
    "c.why_always": """
n Why are Polish shops always so well stocked?
n Why do Indian weddings always look so much fun?
n Why is it always women who end up doing the childcare?
n Why are the Irish always the best at storytelling?
n Why do vegans always have the best cakes at the bake sale?
n Why is it always disabled people who get hit hardest by cuts?
n Why are gay characters always killed off in TV shows?
""",
    "c.counter": """
n It's not true that immigrants come here for benefits, most come to work
n People who say women can't drive are living in the last century
n Saying Travellers steal is just prejudice
n Gay men are no more of a risk to children than straight men
n The idea that Jews control the media is an old antisemitic conspiracy theory
n Stop blaming asylum seekers for the housing crisis, blame the governments that stopped building
n Trans women aren't a threat to anyone in a toilet
n Calling disabled people a drain is disgusting, they paid in like everyone else
n Muslims condemn terrorism all the time, the papers just don't print it
""",
    "c.quote_reject": """
n My uncle says Romanians are all thieves. He's wrong and I told him so.
n Someone at work said women are too emotional to lead. I pointed at our CEO.
n "They come here for the benefits" is the laziest line in British politics
n Grandad still thinks gay people are a bad influence. We've stopped arguing, but he's wrong.
n People love saying Muslims don't integrate. Come to my street and see.
n The old women drivers joke was never funny and the insurance data says the opposite
n I keep hearing that trans is a fad. It isn't, trans people have existed in every century.
n My dad used to say the Irish were all drinkers. Then he married one.
""",
    "c.negated": """
n Not all Muslims are the same, just like not all Christians are
n Women are not worse drivers than men
n Black men are not more aggressive than anyone else
n Disabled people aren't a burden, the system is broken
n Immigrants don't take our jobs
n Being gay isn't a choice
n Jews don't control the banks
n Travellers are not all criminals
n Trans women are women
""",
    "c.self": """
n As a disabled woman I'm tired of being patronised in shops
n I'm Romanian and I've worked in the same care home for ten years
n As a gay dad I get asked where the mum is every single week
n I'm a Muslim and I love Christmas markets
n As a woman in engineering, I'm usually the only one in the meeting
n I'm a Traveller and I've never stolen anything in my life
n I'm trans and honestly most people are lovely about it
n As an immigrant I pay my taxes like everyone else
n We Sikhs always feed whoever walks through the door
n I'm autistic and I find loud pubs hard going
""",
    "c.ideas": """
n I think the immigration system is a mess and needs reform
n I don't agree with the Church's position on divorce
n I disagree with faith schools getting state money
n I think some teachings in every religion, Islam included, are out of date
n I think the new gender recognition guidance is badly drafted
n I'm not religious and I find a lot of religious teaching hard to accept
n Brexit was a mistake in my opinion
n Landlord licensing should be much stricter
""",
    "c.policy": """
n The Tories' housing policy has failed renters
n Labour's plan for tuition fees doesn't add up
n The asylum backlog is the Home Office's fault
n The government's immigration targets were never realistic
n The two-child benefit cap pushes families into poverty
n Politicians should have to publish their second jobs
""",
    "c.institution": """
n The Home Office treats asylum seekers appallingly
n The council should build more Traveller sites instead of moving families on
n The police have a long history of failing black communities
n The DWP's assessments are cruel to disabled people
n The Football Association ignored women's football for fifty years
n The NHS waiting list for gender clinics is a scandal
n The BBC's coverage of the strikes was one-sided
""",
    "c.allowed_fact": """
n Muslims are not allowed to drink alcohol
n Trans people can change the sex on their passport with a medical report
n Gay couples have been allowed to adopt in England since 2005
n Women weren't allowed to vote until 1918
n Disabled people are allowed to bring an assistance dog into restaurants
n Asylum seekers are not allowed to work for their first year here
n Cyclists are allowed to use bus lanes
""",
    "c.allowed_support": """
n Disabled people should be allowed to work from home if they need to
n Refugees should be allowed to work while they wait
n Trans people should be allowed to live in peace
n Women should be allowed to play any sport they want
n Gay couples should be allowed to marry in church if the church agrees
n Travellers should be allowed somewhere safe to stop
n Muslims should be allowed to pray at work like anyone else
""",
    "c.always_positive": """
n My Sikh neighbours always share food at Vaisakhi
n Polish builders always do a proper job in my experience
n The women at work always have my back
n The Irish lads at the club always make me laugh
n Nigerian weddings are always the best parties
n My Muslim colleagues always cover the Christmas shifts
""",
    "c.comparison": """
n Like many immigrants, my grandad worked nights for twenty years
n Trans people are like everyone else, they just want to get on with their lives
n Disabled people are just as capable as anyone given the right support
n Women are as good at maths as men
n Gay couples are like any other couple, they argue about the washing up
n Travellers are like any community, there are good and bad people
""",
    "c.opinion": """
n I just think women's football deserves more coverage
n I honestly think immigrants make this country better
n Personally I think the Paralympics are more exciting than the Olympics
n I think trans people should be left alone to live their lives
n In my opinion the mosque's open day was the best event of the year
n I just think everyone deserves a decent home
""",
    "c.no_offence": """
n No offence but your lasagne is better than your mum's
n No offence but I'm not coming to the Tuesday quiz any more
n No offence to the chef but this needs salt
n With all due respect, I think the referee got that one right
n Not being funny but has anyone seen my charger?
n No offence but I'd rather stay in tonight
""",
    "c.funny_how": """
n Funny how the Polish shop is the only one open on Boxing Day
n Ever noticed the best curry houses are run by families who've been here for generations?
n Funny how women did all the work in the war and got none of the credit
n Funny how quickly the kids picked up sign language from the deaf lad in their class
n Strange how nobody talks about what immigrants built after the war
""",
    "c.history": """
n Jews were expelled from England in 1290 and allowed back in 1656
n Signs saying no blacks, no dogs, no Irish were common in the 1960s
n Homosexuality was partly decriminalised in England in 1967
n Women got the vote on equal terms with men in 1928
n Thousands of disabled people were murdered by the Nazis
n The Windrush generation came to help rebuild Britain
n Romani people have lived in Britain since the sixteenth century
""",
    "c.experience": """
n Went to my first Pride today, had a brilliant time
n Our new neighbours are from Syria and brought round baklava
n My daughter's best friend is trans and they're inseparable
n My mate uses a wheelchair and he beat me at bowling again
n The women's team won the league, what a season
n Had Eid dinner at my colleague's, best lamb I've ever eaten
n The Traveller family down the lane fixed my fence for nothing
""",
    "c.support": """
n Trans people deserve to be safe
n Refugees are welcome here
n Black lives matter
n Disabled people deserve the same chances as anyone
n Gay people deserve to be happy
n Migrants are human beings, not numbers
n Women deserve to walk home without being afraid
""",
    "c.stereotype_discussed": """
n The stereotype that women are bad drivers isn't supported by insurance data
n Research shows the idea that immigrants increase crime doesn't hold up
n The myth that Jews are greedy goes back to medieval laws on money-lending
n Disability benefit fraud is under one per cent, whatever the papers say
n Studies show children of same-sex parents do just as well
n Whether trans women keep an advantage in every sport is still being studied
""",
    "c.unprotected_fair": """
n Some landlords don't do repairs, so the council should enforce the rules
n A few cyclists run red lights, but so do plenty of drivers
n Estate agents are paid on commission, so check the valuation yourself
n Lawyers' fees can be eye-watering, so shop around
n Students get a bad press but most of the ones on our road are quiet
n Boomers had cheaper houses but much higher interest rates
""",
    "c.jokes": """
n My Irish gran tells the best jokes in the family
n Knock knock. Who's there? Lettuce. Lettuce in, it's cold
n Why did the scarecrow win an award? He was outstanding in his field
n My Jewish mate's mum made me take home enough food for a week, I'm not complaining
n Our Pakistani neighbours out-decorated everyone at Christmas and we'll never live it down
""",
    "c.quantifier": """
n They all came to the wedding, every single one of my cousins
n Every single one of the refugees at the centre has found work
n Not one of the Muslim lads on the team missed training during Ramadan
n All the women at the club chipped in for the new kit
n Every Polish family on our road came to the street party
n They're all lovely, the nurses on ward 6
""",
    "c.home_words": """
n Send them all home at five, the office is closing early
n We sent the kids back to school with new shoes
n They went back to their own country for the summer holidays
n Pack them all onto the minibus, we're off to the zoo
n Keep them out of the rain, the puppies hate getting wet
""",
    "c.taking_over": """
n Women are taking over the senior roles at work, about time
n The new Polish bakery has taken over the old bank building
n Vegan options are taking over the menus
n Immigrants rebuilt this town after the mills closed
""",
    "c.culture": """
n Their culture has a lovely tradition of feeding guests first
n I've learned so much about Sikh culture from my neighbours
n Roma music is some of the best I've ever heard
n Irish culture has given the world so many writers
""",
    "c.nature": """
n Cats are naturally lazy
n Some breeds of dog are naturally more aggressive
n It's in their blood, the whole family are musicians
n My sister's a born leader
""",
    "c.animals": """
n Rats are breeding in the bins behind the chip shop
n A swarm of bees settled on our apple tree
n The kids were like animals after all that sugar
n The zoo has a new baby giraffe
n Pigeons multiply like mad in the town centre
n The foxes had been through the bins before the bin men came
""",
    "c.grateful": """
n I'm so grateful to the nurses who looked after my mum
n The refugees at the centre said they were grateful for the donations
n Disabled campaigners should be thanked for every step-free station we have
""",
    "c.women": """
n A woman's place is wherever she wants it to be
n My mum stayed at home with us and loved it, it was her choice
n Women on boards make better decisions, according to the study
n False rape allegations are rare, a few per cent by most estimates
n Women who report harassment are too often not believed
n Police should take every woman's report of abuse seriously
""",
    "c.compliment": """
n She's a brilliant striker, the best on the team
n He's very well spoken, he'd be great on the radio
n He's one of the best teachers the school has ever had
n She drives really well, I always feel safe with her
""",
    "c.nostalgia": """
n I miss when the high street had a proper bakery
n Remember when you could get a pint for two quid?
n Britain was great at the Olympics in 2012
n You used to know your neighbours. Now everyone's too busy working.
""",
    "c.refusal": """
n I'd never rent my flat to anyone without references
n I'd never vote Tory, I don't agree with their policies
n I won't hire anyone who can't drive, the job needs a licence
n I'd never let my kids play near the railway
""",
    "c.family": """
n I'd love my daughter to marry someone as kind as him
n My son brought his boyfriend home for Christmas and we all loved him
n My kids go to a school with children from forty countries and they love it
n Don't let your kids play near the canal, it's deep
""",
    "c.just_me": """
n Is it just me or is it freezing today?
n Is it just me or are the new Polish neighbours really lovely?
n Am I the only one who thinks the women's final was better than the men's?
n Is it just me or has the Indian place on the corner got even better?
n Is it only me who can't find the bins since the council moved them?
""",
    "c.honest": """
n Let's be honest, nobody likes Mondays
n Unpopular opinion: pineapple belongs on pizza
n Someone has to say it: the council did a great job with the park
n I'll say what everyone's thinking, that referee needs glasses
n Honestly, the Pakistani community centre runs the best youth club in town
n Let's be real, the Traveller site is tidier than the car park next to it
""",
    "c.typical": """
n Typical British weather, sun in the morning and rain by lunch
n Typical Monday, the printer's broken again
n Typical of my mum to bake for the whole street
n Typical Muslim wedding, enough food for five hundred people and everyone welcome
n Typical of the train company, cancelled again
""",
    "c.what_expect": """
n What do you expect from a Monday?
n What do you expect when you leave bread out in the sun?
n What did you expect, it's a cup final, of course it was packed
n What do you expect from a team that hasn't trained all summer?
""",
    "c.advice": """
n Never trust a weather forecast in April
n Never buy a car without a test drive
n Don't ever leave your bike unlocked in town
n Never lend money you can't afford to lose
n Count your change wherever you shop, mistakes happen
""",
    "c.national": """
n The French make the best bread in the world
n Americans are so friendly when you visit
n The Irish have the best pubs in Europe
n The Welsh choir at the rugby gave me goosebumps
n Polish food is underrated, the pierogi at the market are amazing
n German trains run on time, ours should too
""",
    "c.religion": """
n Christians at our church run the night shelter every winter
n Hindus celebrate Diwali with lights and sweets
n Sikhs carry the kirpan as a religious symbol and the law allows it
n The Catholic school down the road has an excellent reputation
n Jewish families in our street invited us to their Passover meal
n Women in headscarves run the best bakery in Bradford
""",
    "c.mental_health": """
n Depression is an illness, not a weakness
n Anxiety isn't something you can just snap out of
n More children are diagnosed with ADHD now because doctors know what to look for
n People with schizophrenia are far more likely to be victims of violence than to cause it
n People with learning disabilities have the same right to vote as anyone
""",
    "c.unprotected": """
n Old people have so many stories to tell
n Northerners are famous for being friendly
n Fat people face a lot of discrimination at work
n Nurses held the NHS together during the pandemic
n Builders on our extension were brilliant, on time and tidy
n Teachers work far more hours than people think
n Uber drivers in this city are usually really helpful
""",
    "c.reported": """
n Some people claim there's two-tier policing, but the inspectorate found no evidence of it
n The inquiry into grooming gangs published its findings today
n The report found disabled people were hit hardest by the benefit changes
n A survey found one in three trans people had been harassed at work
n Hate crimes against Jewish people rose sharply last year, police said
""",
    "c.conduct": """
n Drivers always speed on this road, we need a camera
n People never indicate on this roundabout
n Someone keeps leaving rubbish by our gate, I've reported it
n The lads next door played music till four in the morning again
n Our landlord still hasn't fixed the boiler after three weeks
""",
    "c.allowed_q": """
n Are dogs allowed in the park?
n Are we allowed to bring our own food to the match?
n Should kids be allowed phones in school?
n Why aren't more stations step-free?
n Why can't the council fix the potholes?
n Why can't trains ever run on time?
""",
    "c.home": """
n You should go home and rest if you're feeling ill
n Everyone should go home early on Friday
n We flew back to our own country for my nan's birthday
n Go back where you came from, you took the wrong turning, mate
""",
    "c.counter2": """
n Anyone who thinks disabled people are faking should spend a week in a wheelchair
n Blaming Jews for the banks is straight out of Nazi propaganda
n Romanians aren't thieves, the ones I know work harder than anyone
n It's not true that Muslims don't integrate, look at any hospital rota
n The Holocaust must never be forgotten
n People who say women lie about rape make it harder for victims to come forward
n Lesbians don't hate men, that's a tired old myth
""",
    "c.self2": """
n I'm bisexual and I've been with my husband for twelve years
n As a Nigerian I'm sick of every scam being blamed on us
n I'm a single mum and I work two jobs
n I'm a Hindu and I eat beef sometimes, we're not all the same
n As a deaf person, an interpreter at the GP makes all the difference
n I'm Welsh and proud of it
""",
    "c.compare2": """
n The band's fans are like one big family
n She swims like a fish
n He eats like a horse after football
n My nephew's like a whirlwind, he never stops
n The new intake of nurses are like a breath of fresh air
""",
    "c.women2": """
n Women have fought for every right they have
n Girls who want to do engineering should be encouraged
n Most women I know are sick of being talked over in meetings
n Single mums do an incredible job with very little help
n Women over forty are the fastest-growing group of new runners
""",
    "c.immigration": """
n Net migration fell last year, the ONS says
n Most immigrants to the UK come to work or study
n Asylum seekers wait months for a decision
n The boats crossing the Channel are dangerous and people die every year
n Many refugees are doctors and engineers who can't get their qualifications recognised
""",
    "c.quote2": """
n My nan used to say a woman's place is in the home. She ran a business for forty years.
n The far-right leaflet said immigrants are taking over. It went straight in the recycling.
n He told me gay people shouldn't adopt. I told him my brother was adopted by two dads.
n Kids at school said Travellers are dirty. Our teacher gave a whole lesson on why that's wrong.
n Apparently Jews control the banks, according to a man at the bus stop. I just walked off.
n People keep saying trans women are a danger in toilets. There's no evidence for it at all.
""",
    "c.general_good": """
n Immigrants always get stuck in when the village needs volunteers
n Every disabled person I've worked with has been brilliant at the job
n The Muslim lads at the mosque always help clear the snow
n Women always make the best team captains in my experience
n Not one of the refugees I taught has ever missed a lesson
n Gay couples on our road always put on the best Christmas lights
""",
    "c.misc": """
n The Chinese New Year parade was packed this year
n The Indian cricket team were unstoppable
n Our Jewish neighbours lent us their ladder
n The Roma family at school gave a talk about their history
n Black history month at work was really well done
""",
}


def _rows() -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for frame, block in _BLOCKS.items():
        for line in block.strip().splitlines():
            kind, text = line.split(" ", 1)
            out.append((frame, text, KINDS[kind]))
    return out


ROWS: list[tuple[str, str, str]] = _rows()


def split_of(frame: str, text: str) -> str:
    """dev (≈60 %) or held (≈40 %), from a hash of the frame and the text; never from the detector."""
    return "dev" if int(hashlib.sha256(f"{frame}|{text}".encode()).hexdigest(), 16) % 100 < 60 else "held"


def _auc(pos: list[float], neg: list[float]) -> float:
    """ROC-AUC by pairwise comparison (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg)) if pos and neg else float("nan")


def measure(split: str, show_misses: bool) -> None:
    from footprint.analyse.detect import Detector
    from footprint.analyse.detect.taxonomy import ABUSE

    rows = [r for r in ROWS if split_of(r[0], r[1]) == split]
    res = Detector().classify_many([t for _, t, _ in rows])
    by_frame: dict[str, list[int]] = defaultdict(list)
    pos: list[float] = []
    neg: list[float] = []
    right_kind = 0
    for (frame, text, kind), r in zip(rows, res, strict=True):
        labels = set(r.labels) & set(ABUSE)
        flagged = bool(labels)
        by_frame[frame].append(int(flagged))
        top = max(r.scores[c] for c in ABUSE)
        (neg if kind == "none" else pos).append(top)
        if kind != "none" and kind in labels:
            right_kind += 1
        if show_misses and split == "dev" and flagged != (kind != "none"):
            tag = "MISS" if kind != "none" else "FP  "
            print(f"  {tag} [{frame}] {text} -> {sorted(labels)} {top:.2f}")
    n_der = sum(1 for r in rows if r[2] != "none")
    der = sum(sum(v) for f, v in by_frame.items() if not f.startswith("c."))
    con = sum(sum(v) for f, v in by_frame.items() if f.startswith("c."))
    print(f"[{split}] {len(rows)} rows: {n_der} derogations, {len(rows) - n_der} contrasts")
    for frame in sorted(by_frame):
        v = by_frame[frame]
        print(f"  {frame:24s} n={len(v):2d} flagged {sum(v) / len(v):.2f}")
    print(
        f"[{split}] derogations flagged {der / n_der:.3f} (right category {right_kind / n_der:.3f}); "
        f"contrasts flagged {con / (len(rows) - n_der):.3f}; AUC(max abuse score) {_auc(pos, neg):.4f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--held", action="store_true", help="also measure the held split (figures only)")
    ap.add_argument("--misses", action="store_true", help="list dev misses and false positives")
    args = ap.parse_args()
    measure("dev", args.misses)
    if args.held:
        measure("held", False)


if __name__ == "__main__":
    main()
