/**
 * A hand-written set of texts of the kind children, young people (5 to 25, many with SEND) and parent
 * carers write in Chorus, each marked with whether a designated safeguarding lead (DSL) would want to
 * be alerted. safeguarding-detector.test.ts runs the detector over it and prints recall and
 * false-positive rates.
 *
 * The expected answers were written from a DSL's point of view before the detector was written or
 * tuned, and were not changed to suit it. Rules used when writing them:
 * - 'clear': a DSL must see this at once. Misspelt, text-speak, shouted, unpunctuated and buried in a
 *   long comment are all still clear. A parent carer telling us about their own child's self-harm,
 *   suicidal talk or abuse is clear too: it is a disclosure about a child, whoever writes it.
 *   Bullying counts (as a medium concern): a DSL wants to know, though not at 3 a.m.
 * - 'possible': a DSL might reasonably want to see it, but a careful reader could also let it pass
 *   (child-to-parent violence linked to SEND, low mood without a plan, a secret, an older boyfriend).
 *   Flagging these is welcome, not required.
 * - 'near_miss': words a naive detector would catch ("killing me", "hits the ball", "hurts my ears")
 *   but a DSL would not want an alert for. Sensory complaints about a service ("the music hurts my
 *   ears") are a service issue, not a safeguarding one. Accidents ("I hurt my knee at football")
 *   are not disclosures.
 * - 'ordinary': every comment of the redaction corpora, as ordinary SEND feedback, except those a
 *   DSL would want to see (ORDINARY_BUT_CONCERNING below, each with its reason).
 *
 * Every text is invented. The Welsh texts are written from our best knowledge of everyday and
 * colloquial Welsh, north and south, with and without mutations and apostrophes; they have not yet
 * been checked by a first-language Welsh speaker (see safeguarding-data/cy.ts).
 */
// Test data, not code: the detector is measured on the very comments the redaction engine is measured
// on, and only safeguarding-detector.test.ts loads this file (decision 0016, exceptions).
// eslint-disable-next-line no-restricted-imports -- the contributions module's measurement corpora
import { BLIND_CORPUS, HELD_OUT_CORPUS, REDACTION_CORPUS } from '../contributions/redaction-corpus.ts';

export type CorpusKind = 'clear' | 'possible' | 'near_miss' | 'ordinary';
export type SafeguardingCorpusEntry = {
  text: string;
  /** Should a safeguarding lead be alerted? ('possible' entries say true: flagging is wanted, not required.) */
  expected: boolean;
  kind: CorpusKind;
  language: 'en' | 'cy';
};

/** Near-miss texts are written as plain lists: each is expected false. */
type SentenceList = readonly string[];

const clear = (text: string, language: 'en' | 'cy' = 'en'): SafeguardingCorpusEntry => ({ text, expected: true, kind: 'clear', language });
const possible = (text: string, language: 'en' | 'cy' = 'en'): SafeguardingCorpusEntry => ({ text, expected: true, kind: 'possible', language });
const nearMiss = (text: string, language: 'en' | 'cy' = 'en'): SafeguardingCorpusEntry => ({ text, expected: false, kind: 'near_miss', language });

const CLEAR_EN: readonly SafeguardingCorpusEntry[] = [
  // suicidal thoughts and self-harm, in the child's own voice
  clear('I want to die'),
  clear('i wnt 2 die'),
  clear('i wanna kill myself'),
  clear('sometimes i think about killing myself when everyone is asleep'),
  clear('honestly this school makes me want to kms'),
  clear('i just want to end it all'),
  clear('everyone would be better off without me'),
  clear('i cut myself last night'),
  clear("I've been hurting myself again and nobody knows"),
  clear('i dont want to be alive anymore'),
  clear("I don't want to be here anymore"),
  clear('I took an overdose last year and nobody at school knows'),
  clear('im going to take all my pills tonight'),
  clear('I WANT TO DIE I HATE EVERYTHING'),
  clear('i wish i was dead'),
  clear('wish i was never born tbh'),
  clear('nobody would care if i died'),
  clear("what's the point in living"),
  clear('i keep thinking about jumping off the bridge near school'),
  clear('i want 2 kil myself'),
  clear('im gonna end my life'),
  clear("I've been cutting my arms"),
  clear("im going to jump in front of a train"),
  clear('i dont want to live anymore'),
  clear('i want to dieeeee'),
  clear('feel like killing my self'),
  clear('i am suicidal'),
  clear('i make myself sick after i eat so i dont get fat'),
  // physical abuse
  clear('my dad hits me'),
  clear('my step dad sometimes hits me and my brother'),
  clear("mum's boyfriend punches me when shes at work"),
  clear('he kicked me and said it was my fault'),
  clear("my dad really hits me when he's drunk"),
  clear('she slaps me if i dont do my chores'),
  clear('dad hit me with a belt'),
  clear('i have bruises from where my stepdad grabbed me'),
  clear('he choked me till i couldnt breathe'),
  clear('I get hit at home'),
  clear('he burns me with his lighter'),
  clear('my mum hurts me'),
  clear('my foster carer hits me'),
  clear("my dads girlfriend slaps me"),
  clear('ma mums bf hurtz me n i dont no who 2 tell'),
  clear('MY DAD HITS ME AND MY MUM'),
  clear('my uncle punched me in the face at christmas'),
  // sexual abuse
  clear('my teacher touches me where i dont like'),
  clear('he touched my private parts'),
  clear('he makes me touch him'),
  clear('a man on snapchat keeps sending me pictures of himself'),
  clear('someone online asked me for nudes'),
  clear('my cousin made me do sex stuff'),
  clear("my brother's friend touched me when i was asleep"),
  clear('he showed me his willy and said not to tell'),
  // domestic abuse
  clear('dad hits mum'),
  clear('they fight and he hurts her'),
  clear('the police came to our house again last night because of dad'),
  clear('my mum is scared of my dad'),
  // neglect
  clear('there is no food at home'),
  clear('i havent eaten since yesterday morning'),
  clear('mum locks me in my room'),
  clear('i was left alone all night again'),
  clear('nobody picks me up from school and I walk home in the dark'),
  clear('we go to bed hungry most nights'),
  clear("i've not eaten for 2 days"),
  // danger
  clear('i am scared to go home'),
  clear('im not safe at home'),
  clear("I'm afraid of my dad"),
  clear("I'm going to run away tonight"),
  clear('someone is following me home from the bus stop'),
  clear('a boy in year 10 has a knife'),
  clear('im sooooo scared of my step dad'),
  clear('sum1 keeps followin me'),
  clear('i dont feel safe at home'),
  clear('they said they will stab me after school'),
  clear('my step dad said he will kill me if i tell anyone'),
  // exploitation
  clear('older boys make me carry bags for them'),
  clear('they give me money to deliver packages'),
  clear('i think i am being groomed'),
  clear('they made me sell weed for them'),
  clear("an older man keeps buying me vapes and says I'm his girlfriend"),
  // bullying (a medium concern, but one a DSL wants to see)
  clear('they beat me up at school'),
  clear('I get bullied every day'),
  clear('people at school tell me to kys'),
  clear('i get called retard and spastic every day'),
  // parent carers about their own child (a disclosure about a child: flagged)
  clear("My daughter is self harming and CAMHS won't see her"),
  clear('my son told me he wants to die, he is 9'),
  clear('My 14 year old has tried to kill herself twice'),
  clear('my son (13) is being exploited, older lads make him deliver stuff'),
  clear('My son came home with bruises and said his dad hit him'),
  // long, rambling, the disclosure in the middle
  clear('i like the youth club and the staff are nice and we do cooking on tuesday but sometimes at home my step dad hits me and then i go to my room and play xbox and i wish we could have more trips'),
  clear("The transport is a nightmare, the escort changes every week, my son is anxious, and honestly he said last week he doesn't want to be alive anymore and we're still waiting for CAMHS, please can someone sort the taxi"),
  clear('ok so the sensory room is good and i like the bean bags but the lights are too bright and also i dont want to go home because my dad gets angry and hits me and the bus is late a lot'),
];

/**
 * Welsh, in the forms a child might write: standard and colloquial, north ("isio", "efo") and south
 * ("moyn", "gyda"), with and without apostrophes and mutations.
 */
const CLEAR_CY: readonly SafeguardingCorpusEntry[] = [
  clear('dw i eisiau marw', 'cy'), // I want to die
  clear('dwi isio marw', 'cy'), // I want to die (north)
  clear('wi moyn marw', 'cy'), // I want to die (south)
  clear("Dwi'n meddwl am ladd fy hun bob nos", 'cy'), // I think about killing myself every night
  clear("weithiau dw i'n brifo fy hun", 'cy'), // sometimes I hurt myself
  clear("mae dad yn fy nharo i pan mae o wedi meddwi", 'cy'), // dad hits me when he is drunk
  clear('Mae fy nhad yn fy nharo', 'cy'), // my father hits me
  clear('dw i ddim yn saff adref', 'cy'), // I am not safe at home
  clear('dwi ddim yn ddiogel gartref', 'cy'), // I am not safe at home
  clear('mae gen i ofn mynd adref', 'cy'), // I am scared to go home
  clear("mae fy llystad yn cyffwrdd â fi a dw i ddim yn ei hoffi", 'cy'), // my stepfather touches me and I don't like it
  clear("dwi'n cael fy mwlio bob dydd yn yr ysgol", 'cy'), // I'm bullied every day at school
  clear('does dim bwyd yn y tŷ byth', 'cy'), // there is never food in the house
  clear('mae mam yn fy nghloi yn fy ystafell', 'cy'), // mum locks me in my room
  clear("dw i'n mynd i redeg i ffwrdd heno", 'cy'), // I'm going to run away tonight
  clear('byddai pawb yn well hebdda i', 'cy'), // everyone would be better off without me
  clear('mae dad yn taro mam', 'cy'), // dad hits mum
  clear("mae'n ferch i wedi bod yn hunan-niweidio", 'cy'), // my daughter has been self-harming (parent)
  clear("Mae rhywun yn fy nilyn i adref o'r ysgol", 'cy'), // someone follows me home from school
  clear('mae gen i ofn dad', 'cy'), // I am afraid of dad
  clear('dwi ddim isio byw dim mwy', 'cy'), // I don't want to live any more
  clear("mae o'n gofyn am luniau noeth", 'cy'), // he asks for nude pictures
  clear('DWI ISIO LLADD FY HUN', 'cy'), // I want to kill myself (shouted)
  clear('mae cariad mam yn fy mrifo', 'cy'), // mum's boyfriend hurts me
  clear('dwin isio marw', 'cy'), // I want to die (no apostrophe)
];

const POSSIBLE: readonly SafeguardingCorpusEntry[] = [
  possible('my son hits me when he is overwhelmed and we get no help'),
  possible('I hate myself'),
  possible('nobody cares about me'),
  possible("I don't want to go home"),
  possible('dad gets really angry and shouts a lot'),
  possible('i hate my life'),
  possible('my mum is always sad and stays in bed all day and i do the cooking'),
  possible("he comes home from school covered in bruises and won't say why"),
  possible('I am so tired of everything, I just want to sleep forever'),
  possible("my boyfriend is 19 and I'm 14"),
  possible('there is a man at the park who gives us sweets and asks where we live'),
  possible("I can't cope anymore"),
  possible('my son bites himself when he is overwhelmed and no OT will see him'),
  possible('CAMHS say they only see children who self harm so we were turned away'),
  possible('my dad comes into my room at night'),
  possible("I don't feel safe on the school bus"),
  possible("sometimes I don't eat because there isn't enough"),
  possible('I want to disappear'),
  possible('my older cousin makes me keep secrets'),
  possible('mum and dad shout all the time and I hide in my room'),
  possible('the older boys at the park ask me to hold stuff for them'),
  possible("dw i'n casáu fy hun", 'cy'), // I hate myself
];

const NEAR_MISS_EN: SentenceList = [
  'this game is killing me',
  'the homework is killing me',
  "I'm dying to go to the Saturday club",
  'I nearly died laughing',
  'my dad hits the ball really far at cricket',
  'the taxi driver hits the kerb',
  'I could kill for a pizza',
  'the music hurts my ears',
  'I hurt my knee at football',
  'the waiting list is killing us',
  "I'd die without my ipad lol",
  'my brother hits the drums',
  'we play tag and I hit him',
  'knife and fork skills club',
  'the film was about a boy who ran away',
  'the noise in the hall hurts',
  'the hand dryers hurt my ears so I hold it all day',
  'the lights in the hall hurt my eyes',
  'my mum will kill me if I lose another coat',
  'I killed it at the talent show',
  'i want to die my hair pink',
  "I'd rather die than eat broccoli",
  "I don't want to go home yet, club is so fun",
  "I don't want to live in a city when I'm older",
  'our cat ran away last year and came back',
  "I'm scared of the dentist",
  "I'm scared of spiders and the dark",
  "I don't like people touching me, I'm autistic",
  'the TA touches my arm to help me focus and I like it',
  'my daughter got hurt at the trampoline park',
  'I hurt myself playing football',
  'I cut my finger in food tech',
  'my brother beats me at fifa every time',
  'dad pushes me on the swings at the park',
  'my TA pushes me in my wheelchair',
  'we learned about county lines in PSHE',
  'we had an anti-bullying week at school',
  'my dog got groomed today',
  'he follows me on tiktok',
  'my little sister follows me everywhere',
  "I haven't eaten my lunch yet",
  'my nan sends me pictures of her garden',
  "our house is not safe for him because of the stairs, we need an OT adaptation",
  'the police came to talk to us at school about road safety',
  'i was killing myself laughing',
  "my dad's dog is scary",
  'I have to take all my tablets in the morning',
  "he hurt himself at the park but he's fine now",
  "mum says I'll be the death of her lol",
  'the bus is so slow I want to scream',
  'the fire alarm scared me to death',
  'the teacher kicked the ball over the fence',
  'we use a knife for cutting in cookery',
  "I don't want to be here for the whole two hours, make it shorter",
  'the horror film was rubbish',
];
const NEAR_MISS_CY: SentenceList = [
  "mae dad yn taro'r bêl yn bell", // dad hits the ball far
  "mae'r gerddoriaeth yn brifo fy nghlustiau", // the music hurts my ears
  'bu bron i mi farw chwerthin', // I nearly died laughing
  "dwi'n marw isio mynd i'r clwb dydd Sadwrn", // I'm dying to go to the Saturday club
  "mae'r gwaith cartref yn fy lladd i", // the homework is killing me
  'mae gen i ofn pryfed cop', // I'm scared of spiders
  "dw i'n hoffi'r clwb cyllell a fforc", // I like the knife and fork club
  'roedd y ffilm am fachgen a redodd i ffwrdd', // the film was about a boy who ran away
  "dw i'n ddiogel ac yn hapus gartref", // I am safe and happy at home
  "Mae'n fy nharo i fod angen mwy o staff", // it strikes me that more staff are needed
];

/**
 * Comments in the redaction corpora that a DSL would want to see, by their exact text. Everything
 * else there is ordinary SEND feedback (waiting lists, transport, schools) and must not raise an alert.
 */
export const ORDINARY_BUT_CONCERNING: ReadonlyMap<string, string> = new Map([
  // a parent carer discloses their child's self-harm: a disclosure about a child, flagged (high)
  ['waiting list for CAMHS is 18 months. 18 MONTHS. my daughter is self harming and nobody rings back', 'a parent discloses her daughter’s self-harm'],
  // bullying is a medium concern a DSL wants to see
  ['My daughter Skye-Louise was bullied at Larchwood', 'a parent reports bullying'],
]);

const ORDINARY: readonly SafeguardingCorpusEntry[] = [...REDACTION_CORPUS, ...HELD_OUT_CORPUS, ...BLIND_CORPUS].map(({ text }) => {
  const concerning = ORDINARY_BUT_CONCERNING.has(text);
  return { text, expected: concerning, kind: concerning ? 'clear' : 'ordinary', language: 'en' };
});

export const SAFEGUARDING_CORPUS: readonly SafeguardingCorpusEntry[] = [
  ...CLEAR_EN,
  ...CLEAR_CY,
  ...POSSIBLE,
  ...NEAR_MISS_EN.map((text) => nearMiss(text)),
  ...NEAR_MISS_CY.map((text) => nearMiss(text, 'cy')),
  ...ORDINARY,
];
