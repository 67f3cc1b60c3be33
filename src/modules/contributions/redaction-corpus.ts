/**
 * A hand-written set of realistic comments from children, young people and parent carers about SEND
 * services, each with the personal details a careful person would remove. redaction.test.ts runs
 * the engine over it and prints precision and recall.
 *
 * Every name, number and address here is invented. Phone numbers use Ofcom's drama ranges
 * (07700 900xxx, 0161 496 0xxx, 020 7946 0xxx, 01632 960xxx); NHS numbers are made up but carry a
 * valid check digit, as real ones do.
 *
 * The expected answers were written before the engine was tuned, and were not changed to suit it.
 * Rules used when writing them:
 * - a person's name is a detail, whether capitalised or not, with its title ("Mrs Hughes" whole);
 *   a possessive "'s" stays outside the name ("Jayden" in "Jayden's");
 * - "Mum", "Dad", job titles, services (CAMHS, the Local Offer), towns and hospitals are not details;
 *   a pet's name is not a detail;
 * - a school's name is a detail (it narrows a child down to a few hundred people); "the school" is not;
 * - a house number with its street is an address, and so is "Flat 3"; the area's own listed places
 *   are reported as addresses too.
 */
import type { RedactionContext, RedactionKind } from './redaction.ts';

/** Expected details, in the order they occur; a repeated substring means its next occurrence. */
export type CorpusComment = { text: string; expected: ReadonlyArray<readonly [string, RedactionKind]> };

/** The area's own lists used for every corpus comment: staff and participants, schools, places. */
export const CORPUS_CONTEXT: RedactionContext = {
  names: ['Priya Shah', 'Tom Evans', 'Bethan Lloyd-Williams', 'Kwame Mensah', 'Gareth Pryce'],
  schools: ['Larkrise Primary School', 'Greenbank Academy'],
  places: ['Millbrook Estate', "Northgate Children's Centre"],
};

export const REDACTION_CORPUS: readonly CorpusComment[] = [
  {
    text: "Mrs Hughes at Oakfield Primary never reads Jayden's EHCP, ring me on 07700 900123",
    expected: [['Mrs Hughes', 'name'], ['Oakfield Primary', 'school'], ['Jayden', 'name'], ['07700 900123', 'phone']],
  },
  { text: 'i like the sensory room its calm', expected: [] },
  {
    text: 'my son kai has autism and the SENCO at st marys wont listen to us',
    expected: [['kai', 'name'], ['st marys', 'school']],
  },
  { text: 'waiting list for CAMHS is 18 months. 18 MONTHS. my daughter is self harming and nobody rings back', expected: [] },
  {
    text: "Email me at sarah.o'connor@example.com or call 0161 496 0753 if you want to talk about the transport",
    expected: [["sarah.o'connor@example.com", 'email'], ['0161 496 0753', 'phone']],
  },
  { text: 'the bus driver dave is really kind he waits for me', expected: [['dave', 'name']] },
  {
    text: 'Ms Okafor the SALT was brilliant, Amara can now use her PECS book at home',
    expected: [['Ms Okafor', 'name'], ['Amara', 'name']],
  },
  {
    text: 'We live at 14 Acacia Avenue, Oakbridge LS6 2AB and the taxi keeps going to the wrong house',
    expected: [['14 Acacia Avenue', 'address'], ['LS6 2AB', 'postcode']],
  },
  { text: 'NHS number 943 476 5919 — they lost his file AGAIN', expected: [['943 476 5919', 'nhs_number']] },
  { text: "I don't like loud noises in the hall at lunch", expected: [] },
  { text: 'Priya was the only one who listened to us at the forum', expected: [['Priya', 'name']] },
  { text: 'tom evans said he would sort the EHCP review and then nothing happened', expected: [['tom evans', 'name']] },
  { text: "Mark my words, if the Local Offer website isn't fixed nobody will use it", expected: [] },
  {
    text: 'My twins Will and Grace both go to Riverside Academy. Will has ADHD and Grace is autistic.',
    expected: [['Will', 'name'], ['Grace', 'name'], ['Riverside Academy', 'school'], ['Will', 'name'], ['Grace', 'name']],
  },
  { text: 'May half term was hard, no respite at all', expected: [] },
  { text: 'need more makaton signers at youth club pls', expected: [] },
  {
    text: 'my boy oliwer (8) goes to brook house school in year 3, his TA miss jones is amazing',
    expected: [['oliwer', 'name'], ['brook house school', 'school'], ['miss jones', 'name']],
  },
  { text: 'postcode is m14 5rt and we are STILL not on the bus route', expected: [['m14 5rt', 'postcode']] },
  {
    text: 'contact me on 07912-345-678 (mobile) or home (01632) 960 001',
    expected: [['07912-345-678', 'phone'], ['(01632) 960 001', 'phone']],
  },
  {
    text: 'Dr Ahmed at the child development centre diagnosed Zainab with ADHD in 2022',
    expected: [['Dr Ahmed', 'name'], ['Zainab', 'name']],
  },
  { text: 'the new ramp at the library is great', expected: [] },
  {
    text: 'Amelia-Rose loves the sensory garden at Hillside High but she is scared of the lift',
    expected: [['Amelia-Rose', 'name'], ['Hillside High', 'school']],
  },
  {
    text: 'why does nobody from the council answer emails?? i have emailed send.team@council.example.gov.uk 5 times',
    expected: [['send.team@council.example.gov.uk', 'email']],
  },
  { text: 'Flat 3, 27 Mill Lane is where we are, the letters keep going to number 23', expected: [['Flat 3, 27 Mill Lane', 'address']] },
  { text: 'I want to be a vet when im older', expected: [] },
  { text: 'Kwame helped me with my words at the meeting', expected: [['Kwame', 'name']] },
  {
    text: 'Can someone phone +44 7700 900 456 about my sons transport, his name is Oluwaseun Adeyemi',
    expected: [['+44 7700 900 456', 'phone'], ['Oluwaseun Adeyemi', 'name']],
  },
  {
    text: 'Gareth from the SEND team never turned up. Mr Pryce needs to answer for this',
    expected: [['Gareth', 'name'], ['Mr Pryce', 'name']],
  },
  { text: 'Year 6 transition to secondary was awful, no one at the school knew about his needs', expected: [] },
  { text: 'lily and me did the symbols game it was fun', expected: [['lily', 'name']] },
  { text: 'I go to Larkrise and I like Mrs Bennett', expected: [['Larkrise', 'school'], ['Mrs Bennett', 'name']] },
  { text: "Jayden's mum here. He's 11, EHCP since 2021, no school place for September", expected: [['Jayden', 'name']] },
  { text: 'The OT (occupational therapist) from Alder Hey said he needs a wheelchair assessment in April', expected: [] },
  {
    text: 'Aisha and Mohammed are in the same SEN unit at Parkside Juniors',
    expected: [['Aisha', 'name'], ['Mohammed', 'name'], ['Parkside Juniors', 'school']],
  },
  { text: 'dylan is my best freind we play minecraft', expected: [['dylan', 'name']] },
  { text: 'the lady at the front desk (Sandra?) was rude to my son who is non verbal', expected: [['Sandra', 'name']] },
  { text: 'Our address is 5B Station Road, Ely CB7 4BS', expected: [['5B Station Road', 'address'], ['CB7 4BS', 'postcode']] },
  {
    text: "St Mary's C of E Primary School have been fantastic with Freya",
    expected: [["St Mary's C of E Primary School", 'school'], ['Freya', 'name']],
  },
  {
    text: 'Please dont share this but Tyler has been excluded 3 times this term from Kingsway Academy',
    expected: [['Tyler', 'name'], ['Kingsway Academy', 'school']],
  },
  { text: 'i hate PE', expected: [] },
  {
    text: "Siobhan (the SENCO at St Patrick's RC Primary) is brilliant, wish all were like her",
    expected: [['Siobhan', 'name'], ["St Patrick's RC Primary", 'school']],
  },
  { text: 'his nhs no is 4505577104 if you need it', expected: [['4505577104', 'nhs_number']] },
  { text: 'we moved from Poland last year, Zofia needs help with English and her autism', expected: [['Zofia', 'name']] },
  { text: 'the waiting room at the clinic is too noisy and bright', expected: [] },
  { text: 'ring me 0800 123 4567 or text 07700900999', expected: [['0800 123 4567', 'phone'], ['07700900999', 'phone']] },
  { text: 'me and callum and reece went to the youth club and it was well good', expected: [['callum', 'name'], ['reece', 'name']] },
  { text: "My child's social worker Fatima Begum has left and nobody told us", expected: [['Fatima Begum', 'name']] },
  { text: 'Ellie-May said the easy read leaflet was too babyish', expected: [['Ellie-May', 'name']] },
  { text: "I'm 17 and I want to go to Northfield College to do catering", expected: [['Northfield College', 'school']] },
  { text: "we live on the Millbrook Estate and there's nothing for disabled kids to do", expected: [['Millbrook Estate', 'address']] },
  { text: 'Ms Wiśniewska the interpreter helped so much at the annual review', expected: [['Ms Wiśniewska', 'name']] },
  { text: 'my postcode is SW1A1AA but the form said invalid', expected: [['SW1A1AA', 'postcode']] },
  { text: 'thank you to everyone at the parent carer forum x', expected: [] },
  {
    text: "Dear Mr O'Brien, my son Rhys is at Ysgol Y Graig and needs a Welsh speaking TA",
    expected: [["Mr O'Brien", 'name'], ['Rhys', 'name'], ['Ysgol Y Graig', 'school']],
  },
  { text: 'Nobody explains what an EHCP is. Took me 2 years to find out about the Local Offer', expected: [] },
  { text: 'ABDULLAH NEEDS A SPECIALIST PLACE NOT A MAINSTREAM ONE', expected: [['ABDULLAH', 'name']] },
  { text: 'teacher miss khan lets me use my ear defenders', expected: [['miss khan', 'name']] },
  {
    text: 'I’m Bethan’s mum, she goes to Greenbank Academy and the transport is a disaster',
    expected: [['Bethan', 'name'], ['Greenbank Academy', 'school']],
  },
  { text: "Tuesday's session clashed with school pick up, can it be after 3.30?", expected: [] },
  { text: 'our keyworker at Sunshine Nursery, Joy, is lovely', expected: [['Sunshine Nursery', 'school'], ['Joy', 'name']] },
  { text: "My son's NHS number is 485 777 3457, please use it", expected: [['485 777 3457', 'nhs_number']] },
  { text: "The speech therapist, Hannah, only comes once a term, it's not enough", expected: [['Hannah', 'name']] },
  { text: 'I want more days out like the trip to the seaside', expected: [] },
  {
    text: 'write to me at 8 Church Street, Flat 2, or email j.kowalski77@gmail.com',
    expected: [['8 Church Street, Flat 2', 'address'], ['j.kowalski77@gmail.com', 'email']],
  },
  { text: 'Harvey is 6 and nonverbal, we use Makaton and BSL at home but nursery dont', expected: [['Harvey', 'name']] },
  { text: 'can u tell ms brown at oakfield to stop shouting', expected: [['ms brown', 'name'], ['oakfield', 'school']] },
  { text: 'the doctor said Jack might have dyspraxia', expected: [['Jack', 'name']] },
  {
    text: 'We were told by Amanda at the Local Offer team to fill in the form on the website',
    expected: [['Amanda', 'name']],
  },
  { text: 'I like drawing and Roblox and my cat Biscuit', expected: [] },
  {
    text: 'Sophie and Grace from the youth forum did a great presentation to the council',
    expected: [['Sophie', 'name'], ['Grace', 'name']],
  },
  {
    text: "My daughter is 15. The school (Hollins Park High) won't do the reasonable adjustments. tel 020 7946 0018",
    expected: [['Hollins Park High', 'school'], ['020 7946 0018', 'phone']],
  },
  { text: 'Thank u Natalia for helpin me fill the form 🙏🙏', expected: [['Natalia', 'name']] },
  { text: 'my sister amira is deaf and no one at the leisure centre can sign', expected: [['amira', 'name']] },
  { text: 'would be good if sessions were on a Saturday, weekdays are impossible with work', expected: [] },
  {
    text: 'He is under Dr. Patel-Singh at the hospital, NHS no. 401 023 2137',
    expected: [['Dr. Patel-Singh', 'name'], ['401 023 2137', 'nhs_number']],
  },
  { text: 'Will someone please ring me back, I have called CAMHS four times', expected: [] },
  { text: 'May I suggest shorter meetings in the evening?', expected: [] },
  { text: "We went to St Thomas' Hospital in London for his operation", expected: [] },
  {
    text: 'The SEND Information, Advice and Support Service (SENDIASS) were really helpful',
    expected: [],
  },
  { text: 'my autism makes school hard when its loud. i like art and drama best', expected: [] },
  {
    text: 'Ask Tom or Priya at Northgate Children’s Centre, they know us. 07700 900 781',
    expected: [['Tom', 'name'], ['Priya', 'name'], ['Northgate Children’s Centre', 'address'], ['07700 900 781', 'phone']],
  },
  { text: 'like Chris Packham says, autism is not a problem to fix', expected: [['Chris Packham', 'name']] },
  { text: 'jaydens TA is off sick again so he stays home', expected: [['jaydens', 'name']] },
  {
    text: 'Respite at the weekend would change our lives. My son Leon needs 2:1 care and we are exhausted',
    expected: [['Leon', 'name']],
  },
  {
    text: 'My daughter Maja goes to the resource base at Westfield Community School, she is happier now',
    expected: [['Maja', 'name'], ['Westfield Community School', 'school']],
  },
];

/**
 * A second, held-out set: written after the engine's first version had been tuned on the set above,
 * by the same rules. Its first run gave names precision 0.978 / recall 0.899 and overall 0.992 / 0.961;
 * two general fixes followed ("Mr and Mrs Kaur", a word-name before a surname as in "Faith Okonjo",
 * "Mark from …"), so it is no longer unseen. The blind set below is.
 */
export const HELD_OUT_CORPUS: readonly CorpusComment[] = [
  { text: 'my daughter ruby has been waiting 2 years for an autism assessment', expected: [['ruby', 'name']] },
  { text: 'Mr and Mrs Kaur came to the coffee morning and said it was useful', expected: [['Mr and Mrs Kaur', 'name']] },
  {
    text: "Olumide's TA at Brambleside Primary is leaving and no one has told us who replaces her",
    expected: [['Olumide', 'name'], ['Brambleside Primary', 'school']],
  },
  { text: 'Contact: l.brennan@outlook.com / 07700 900 332', expected: [['l.brennan@outlook.com', 'email'], ['07700 900 332', 'phone']] },
  { text: 'we are at 41 Kestrel Close, Hartley, HU3 9QP', expected: [['41 Kestrel Close', 'address'], ['HU3 9QP', 'postcode']] },
  { text: 'NHS 634 987 1235? I was told to put it here', expected: [['634 987 1235', 'nhs_number']] },
  { text: 'The transport man called Des was amazing with my lad', expected: [['Des', 'name']] },
  { text: 'i dont want to go to big school next year because of the noise', expected: [] },
  {
    text: 'Please can Ms Adebayo-Cole call me back on 0113 496 0234',
    expected: [['Ms Adebayo-Cole', 'name'], ['0113 496 0234', 'phone']],
  },
  { text: 'Summer holidays are the hardest, there is nothing for kids like Leo to do', expected: [['Leo', 'name']] },
  {
    text: 'Mrs Rahman and Imran from Ashgrove Academy came to the review',
    expected: [['Mrs Rahman', 'name'], ['Imran', 'name'], ['Ashgrove Academy', 'school']],
  },
  { text: 'Faith Okonjo from the SENDIASS team helped with the appeal', expected: [['Faith Okonjo', 'name']] },
  { text: 'April is when his annual review is due', expected: [] },
  { text: 'kofi n tunde r my best mates at youth club', expected: [['kofi', 'name'], ['tunde', 'name']] },
  {
    text: "Our son is at St Joseph's Catholic Primary and the SENCO Mrs O'Neill is fab",
    expected: [["St Joseph's Catholic Primary", 'school'], ["Mrs O'Neill", 'name']],
  },
  { text: 'Flat 12, Harbour Court, Swansea SA1 8PQ', expected: [['Flat 12, Harbour Court', 'address'], ['SA1 8PQ', 'postcode']] },
  { text: 'my email is danny_b@yahoo.co.uk', expected: [['danny_b@yahoo.co.uk', 'email']] },
  { text: 'He got an EHCP in March after 40 weeks. Fighting the whole way.', expected: [] },
  { text: "Ask for Chloe on reception at the children's centre", expected: [['Chloe', 'name']] },
  { text: 'the hospital school at the RVI was brilliant when Noah was in', expected: [['Noah', 'name']] },
  { text: 'Miss Nowak lets us have brain breaks', expected: [['Miss Nowak', 'name']] },
  {
    text: 'Tyrese and his brother Kemar need a place at a specialist school near Moss Side',
    expected: [['Tyrese', 'name'], ['Kemar', 'name']],
  },
  { text: 'phone: 020-7946-0321', expected: [['020-7946-0321', 'phone']] },
  { text: 'Mark from the bus company sorted it in the end', expected: [['Mark', 'name']] },
  { text: 'I like it when Sir plays music in class', expected: [] },
  { text: 'hi im jess im 14 and i have dyslexia', expected: [['jess', 'name']] },
  {
    text: 'Please stop sending letters to 9 Orchard Way, they should come to my new address',
    expected: [['9 Orchard Way', 'address']],
  },
  { text: "Zuzanna's mum asked for a Polish interpreter but none came", expected: [['Zuzanna', 'name']] },
  { text: 'its rubbish that CAMHS discharged him', expected: [] },
  { text: 'We see Dr Mwangi at the CDC every 6 months and she is lovely', expected: [['Dr Mwangi', 'name']] },
  { text: 'Hope the new website is easier than the old Local Offer', expected: [] },
  {
    text: 'My grandson Alfie-James goes to Meadowbank Infants',
    expected: [['Alfie-James', 'name'], ['Meadowbank Infants', 'school']],
  },
  {
    text: 'The SENCO at Hillcrest Secondary School, Mr Achterberg, refused to meet',
    expected: [['Hillcrest Secondary School', 'school'], ['Mr Achterberg', 'name']],
  },
  { text: 'call me on 07700900 555', expected: [['07700900 555', 'phone']] },
  { text: 'The Yr 9 group loved the trip, esp Aaliyah and Rio', expected: [['Aaliyah', 'name'], ['Rio', 'name']] },
  { text: 'NHS no 9876543210', expected: [['9876543210', 'nhs_number']] },
  { text: 'his NHS number is 712 345 0990 (from the red book)', expected: [['712 345 0990', 'nhs_number']] },
  { text: 'we r at 3 birch grove if anyone wants to visit', expected: [['3 birch grove', 'address']] },
  { text: 'Shout out to Kerry-Ann at the Parent Carer Forum!!', expected: [['Kerry-Ann', 'name']] },
  { text: "the sensory room at Brookfield Children's Centre is always locked", expected: [] },
  { text: "My daughter, Eleanor, is 7 and has Down's syndrome", expected: [['Eleanor', 'name']] },
];

/**
 * A third, blind set: written after all tuning had finished, run once, and never used to change the
 * engine. Its figures are the ones to quote; misses here are known gaps, not bugs to patch one by one.
 */
export const BLIND_CORPUS: readonly CorpusComment[] = [
  { text: 'spoke to shannon on the phone and she was rude', expected: [['shannon', 'name']] },
  { text: 'Mrs. Abara-Whyte (SENCO) says there is no money', expected: [['Mrs. Abara-Whyte', 'name']] },
  { text: 'my lil bro jaxon has a new wheelchair and loves it', expected: [['jaxon', 'name']] },
  { text: 'Text me on 07700 900 645 pls', expected: [['07700 900 645', 'phone']] },
  { text: 'we had a meeting with Sian and Lowri from the council', expected: [['Sian', 'name'], ['Lowri', 'name']] },
  { text: 'my postcode is b23 6tq', expected: [['b23 6tq', 'postcode']] },
  {
    text: 'The girls from Westmoor High were so welcoming to Esme',
    expected: [['Westmoor High', 'school'], ['Esme', 'name']],
  },
  {
    text: 'My son Ollie is 12 and goes to Beacon Hill Academy',
    expected: [['Ollie', 'name'], ['Beacon Hill Academy', 'school']],
  },
  { text: 'The DLA form is 40 pages long, why??', expected: [] },
  { text: 'Deaf children need BSL at every session', expected: [] },
  { text: 'tell mr k he is the best teacher ever', expected: [['mr k', 'name']] },
  { text: 'Nurse Tracy at the GP surgery gave us a quiet room', expected: [['Tracy', 'name']] },
  { text: 'We are in 22 Holly Bank Road, apartment 4', expected: [['22 Holly Bank Road, apartment 4', 'address']] },
  { text: 'Dear Chorus, my name is Hafsa and I am 16', expected: [['Hafsa', 'name']] },
  { text: "It's been 3 months since anyone from CAMHS rang us back", expected: [] },
  { text: 'Teachers at Greenfields Junior School need autism training', expected: [['Greenfields Junior School', 'school']] },
  { text: 'Big thanks to Auntie Val who helps me with my homework', expected: [['Val', 'name']] },
  { text: 'The new EHCP coordinator, Kieran Doyle, never replies', expected: [['Kieran Doyle', 'name']] },
  { text: 'my nhs number is 444 555 6666', expected: [['444 555 6666', 'nhs_number']] },
  { text: 'Charlie has been out of school since Easter', expected: [['Charlie', 'name']] },
  { text: 'Can the meeting be at Penrose Library instead of the civic centre', expected: [] },
  { text: 'email jo.smith@btinternet.com if there are changes', expected: [['jo.smith@btinternet.com', 'email']] },
  { text: 'Him and Dev play Fortnite every night', expected: [['Dev', 'name']] },
  { text: 'My daughter Skye-Louise was bullied at Larchwood', expected: [['Skye-Louise', 'name'], ['Larchwood', 'school']] },
  { text: 'Our address is Rose Cottage, Mill Road, Little Budworth', expected: [['Rose Cottage, Mill Road', 'address']] },
];

/**
 * A fourth set, for issue 10 §4 ("follow me on insta @jess_okafor_2012" was published): social-media
 * handles, usernames, spelled-out emails and profile links, in children's and parent carers' words.
 * Written before the engine learnt any of these, and run once against the old engine for the "before"
 * figures; the expected answers were not changed to suit the engine afterwards. Every handle, address
 * and link is invented. Rules, added to the ones at the top of this file:
 * - a handle is removed with its "@" ("@jess_okafor_2012"); a username given after a cue ("my snap is",
 *   "my gamertag is") is removed without the cue; both are reported as `other`;
 * - a link to a person's or a group's page on a social site (instagram.com/x, tiktok.com/@x, a
 *   facebook group) is removed whole, scheme and "www." included; a council or NHS web address is not
 *   personal and stays;
 * - an email address spelled out to dodge filters ("jess dot okafor at gmail dot com",
 *   "sarah (at) hotmail (dot) co (dot) uk") is an `email`, from its first word to its last;
 * - hashtags (#SEND) are campaigns, not people, and stay; "@" for "at" ("meet @ 3pm", "@home") stays.
 */
export const HANDLES_CORPUS: readonly CorpusComment[] = [
  { text: 'follow me on insta @jess_okafor_2012', expected: [['@jess_okafor_2012', 'other']] },
  {
    text: 'my email is jess dot okafor at gmail dot com if u want to ask me more',
    expected: [['jess dot okafor at gmail dot com', 'email']],
  },
  { text: 'add me on snap its kai.b2011 i can tell u more about the bus', expected: [['kai.b2011', 'other']] },
  {
    text: "My son's youtube is youtube.com/@LegoLeoBuilds, he would love the council to see it",
    expected: [['youtube.com/@LegoLeoBuilds', 'other']],
  },
  {
    text: 'I post about our fight for an EHCP on instagram.com/send_mum_diaries if anyone wants the whole story',
    expected: [['instagram.com/send_mum_diaries', 'other']],
  },
  {
    text: 'DM me on tiktok @autistic.and.proud_14 i made a video about the sensory room',
    expected: [['@autistic.and.proud_14', 'other']],
  },
  { text: 'my roblox username is BlazeKing_09 add me', expected: [['BlazeKing_09', 'other']] },
  {
    text: 'Parents can join our group at https://www.facebook.com/groups/oakbridgesendmums — it helped me more than the Local Offer',
    expected: [['https://www.facebook.com/groups/oakbridgesendmums', 'other']],
  },
  { text: 'email me on sarah (at) hotmail (dot) co (dot) uk', expected: [['sarah (at) hotmail (dot) co (dot) uk', 'email']] },
  { text: 'my gamertag is xXShadowWolfXx if you want to play', expected: [['xXShadowWolfXx', 'other']] },
  { text: 'Find me on twitter.com/DadOfThreeSEN, I tweet about the tribunal', expected: [['twitter.com/DadOfThreeSEN', 'other']] },
  { text: 'x.com/mumof2_autism is my account, message me there', expected: [['x.com/mumof2_autism', 'other']] },
  { text: "I'm @maya.draws on insta, I drew the poster for youth club", expected: [['@maya.draws', 'other']] },
  { text: 'my snap link is snapchat.com/add/tyler_w09', expected: [['snapchat.com/add/tyler_w09', 'other']] },
  {
    text: 'https://www.tiktok.com/@danisendlife has all the videos of our journey',
    expected: [['https://www.tiktok.com/@danisendlife', 'other']],
  },
  {
    text: 'contact me: mo.hussain at outlook dot com or 07700 900 781',
    expected: [['mo.hussain at outlook dot com', 'email'], ['07700 900 781', 'phone']],
  },
  {
    text: 'can someone from the council email me back pls, its ellie underscore r at icloud dot com',
    expected: [['ellie underscore r at icloud dot com', 'email']],
  },
  { text: 'my discord is frostbyte#4821 if u want to do the survey with me', expected: [['frostbyte#4821', 'other']] },
  { text: 'i have a youtube channel called @GamingWithAyaan pls subscribe', expected: [['@GamingWithAyaan', 'other']] },
  { text: 'follow my mum @tracey.h.1979 she does all the forms for me', expected: [['@tracey.h.1979', 'other']] },
  {
    text: "Our daughter Isla's fundraising page is on facebook.com/isla.brave.journey",
    expected: [['Isla', 'name'], ['facebook.com/isla.brave.journey', 'other']],
  },
  { text: 'My username on the app is jess_o_12', expected: [['jess_o_12', 'other']] },
  { text: 'u can message me on insta: lilbean.x', expected: [['lilbean.x', 'other']] },
  {
    text: 'send the minutes to dan dot price at btinternet dot com please',
    expected: [['dan dot price at btinternet dot com', 'email']],
  },
  { text: 'Im on tiktok as @zara_k_xo', expected: [['@zara_k_xo', 'other']] },
  { text: 'Write to me at nkechi[dot]obi[at]yahoo[dot]co[dot]uk', expected: [['nkechi[dot]obi[at]yahoo[dot]co[dot]uk', 'email']] },
  {
    text: 'my brother films his wheelchair tricks, his channel is www.youtube.com/c/RollingRyan',
    expected: [['www.youtube.com/c/RollingRyan', 'other']],
  },
  { text: 'Message me on Instagram @Priya_Shah_Mum about the coffee mornings', expected: [['@Priya_Shah_Mum', 'other']] },
  { text: 'the class ig is @oakfield.y6.2024 its where we put the photos', expected: [['@oakfield.y6.2024', 'other']] },
  {
    text: 'ps my snap is amelia.h11 and my tiktok is @ameliah_11',
    expected: [['amelia.h11', 'other'], ['@ameliah_11', 'other']],
  },
  { text: 'email: leon.b at gmail', expected: [['leon.b at gmail', 'email']] },
  { text: 'my xbox gamertag is Tilly Bird 22, add me', expected: [['Tilly Bird 22', 'other']] },
  { text: 'He streams on twitch.tv/benplays_sen most nights', expected: [['twitch.tv/benplays_sen', 'other']] },
  { text: 'If anyone wants to chat my linktree is linktr.ee/sendmumsarah', expected: [['linktr.ee/sendmumsarah', 'other']] },
  // Near misses: "@" for "at", hashtags, ordinary "dot" and "at", public web addresses, platforms named
  // without an account. Nothing here may be removed.
  { text: 'meet @ 3pm at the youth club', expected: [] },
  { text: 'we had a picnic @ the park after the meeting', expected: [] },
  { text: 'the cakes were 5 @ £2 at the coffee morning', expected: [] },
  { text: 'I will email the school again about transport', expected: [] },
  { text: 'Letters come c/o the SENDIASS office', expected: [] },
  { text: '#SEND #EHCP the system is broken', expected: [] },
  { text: "Meet Mum at 3 o'clock by the gate", expected: [] },
  { text: 'We did join the dots and colouring at the sensory session', expected: [] },
  { text: 'The Local Offer is on www.riverside.gov.uk/send but nobody can find it', expected: [] },
  { text: 'I read https://www.nhs.uk/conditions/autism/ before the assessment', expected: [] },
  { text: 'My insta is private so the council cannot see it', expected: [] },
  { text: 'follow the Parent Carer Forum on Instagram and Facebook for updates', expected: [] },
  { text: 'im @home all week because school cant meet my needs', expected: [] },
  { text: 'she arrived on the dot of 9 at the clinic', expected: [] },
  { text: "We found out about it at Tesco, not from the council's website", expected: [] },
  { text: 'my snap is broken so i missed the group chat', expected: [] },
  { text: '#ActuallyAutistic young people should run this', expected: [] },
  { text: 'Kids like me are on tiktok all the time, put the survey there', expected: [] },
  { text: 'the council website riverside.gov.uk is hard to use on a phone', expected: [] },
  { text: 'see u @ school tmrw', expected: [] },
  { text: 'Polka dot wellies for the forest school trip please', expected: [] },
];

/**
 * A blind set for handles: written after the engine had been tuned on the set above (which it now
 * scores perfectly, so that set is no longer a fair test), run once, and never used to change the
 * engine. Its figures are the ones to quote for issue 10 §4; misses here are known gaps.
 */
export const HANDLES_BLIND_CORPUS: readonly CorpusComment[] = [
  {
    text: 'my daughter wants to be a youtuber, her channel is youtube.com/@PoppyPlaysPiano',
    expected: [['youtube.com/@PoppyPlaysPiano', 'other']],
  },
  { text: 'if u want to talk to me my snapchat is leo_r2010', expected: [['leo_r2010', 'other']] },
  { text: 'Tag me in the photos! @hannah.mcguire', expected: [['@hannah.mcguire', 'other']] },
  {
    text: 'you can reach me on amira dot k at hotmail dot co dot uk',
    expected: [['amira dot k at hotmail dot co dot uk', 'email']],
  },
  {
    text: 'My blog about our EHCP journey is at https://ourlittlewarrior.wordpress.com/about',
    expected: [['https://ourlittlewarrior.wordpress.com/about', 'other']],
  },
  {
    text: 'search for Finn’s Fight on facebook, it’s facebook.com/finnsfight2019',
    expected: [['Finn', 'name'], ['facebook.com/finnsfight2019', 'other']],
  },
  { text: 'add me on insta its rhys.j.14 xx', expected: [['rhys.j.14', 'other']] },
  { text: 'email is jamie.l (at) gmail.com', expected: [['jamie.l (at) gmail.com', 'email']] },
  { text: 'I made a tiktok about it: tiktok.com/@wheelie_wren', expected: [['tiktok.com/@wheelie_wren', 'other']] },
  { text: 'My brothers roblox name is NinjaNoodle_77', expected: [['NinjaNoodle_77', 'other']] },
  { text: 'msg me @kez_w if the bus is late again', expected: [['@kez_w', 'other']] },
  { text: 'My username is skylar2012 on the forum', expected: [['skylar2012', 'other']] },
  { text: 'dad is on twitter as @SENDDad_Gaz', expected: [['@SENDDad_Gaz', 'other']] },
  {
    text: 'Contact: fatima underscore begum at yahoo dot com',
    expected: [['fatima underscore begum at yahoo dot com', 'email']],
  },
  {
    text: 'Our JustGiving page for Archie is justgiving.com/page/archies-new-wheelchair',
    expected: [['Archie', 'name'], ['justgiving.com/page/archies-new-wheelchair', 'other']],
  },
  { text: 'follow @noahdraws', expected: [['@noahdraws', 'other']] },
  { text: 'ps my ig is moonlight.kayla', expected: [['moonlight.kayla', 'other']] },
  { text: 'instagram: @the_send_squad_mum', expected: [['@the_send_squad_mum', 'other']] },
  { text: 'Can you put the results on the council website at www.riverside.gov.uk/consultations', expected: [] },
  { text: 'we met @ the leisure centre', expected: [] },
  { text: 'I use instagram to find other SEND parents', expected: [] },
  { text: 'Tickets 2 @ £5 each', expected: [] },
  { text: '#NothingAboutUsWithoutUs', expected: [] },
  { text: 'she goes to bed at 8 and wakes at 5', expected: [] },
  { text: 'The dot to dot worksheets were too hard', expected: [] },
  { text: 'My snap got deleted by my mum', expected: [] },
  { text: 'We booked through https://www.eventbrite.co.uk last time', expected: [] },
  { text: 'i watch youtube videos to calm down', expected: [] },
];
