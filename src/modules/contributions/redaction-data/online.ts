/**
 * Word lists for finding people's online identities: handles, usernames, profile links and email
 * addresses spelled out in words (issue 10 §4).
 *
 * Source: our own lists, written by hand for Chorus from the platforms children and parent carers
 * name in comments, and how they write their accounts there. Keys are lower case, as redaction.ts
 * folds every word before looking it up; hosts are lower case without "www.".
 */

/**
 * Sites where a path names a person or a group of people: a link to any page on them is removed
 * whole. Only the host with a path counts ("instagram.com/jess"); the bare site ("on facebook.com")
 * names nobody. Fundraising pages are here because they usually carry a child's name and story.
 */
export const SOCIAL_HOSTS: readonly string[] = [
  'instagram.com', 'instagr.am', 'tiktok.com', 'facebook.com', 'fb.com', 'fb.me', 'x.com', 'twitter.com',
  'snapchat.com', 'youtube.com', 'youtu.be', 'twitch.tv', 'threads.net', 'threads.com', 'linkedin.com',
  'pinterest.com', 'pinterest.co.uk', 'reddit.com', 'discord.gg', 'discord.com', 't.me', 'wa.me',
  'linktr.ee', 'bsky.app', 'tumblr.com', 'roblox.com', 'soundcloud.com', 'patreon.com', 'vimeo.com',
  'gofundme.com', 'justgiving.com', 'mastodon.social', 'steamcommunity.com', 'kick.com',
];

/** Hosts where the first part of the address is the person's own site: "jessokafor.wordpress.com". */
export const PERSONAL_SITE_HOSTS: readonly string[] = [
  'blogspot.com', 'blogspot.co.uk', 'wordpress.com', 'wixsite.com', 'substack.com', 'tumblr.com',
  'weebly.com', 'carrd.co',
];

/**
 * Email providers whose name alone after "at" makes an address ("leon.b at gmail"), and, followed by
 * "dot", confirm one. Words that are also everyday words ("live", "mail", "sky") are left out.
 */
export const EMAIL_PROVIDERS: readonly string[] = [
  'gmail', 'googlemail', 'hotmail', 'outlook', 'yahoo', 'ymail', 'icloud', 'btinternet', 'btopenworld',
  'aol', 'protonmail', 'proton', 'virginmedia', 'ntlworld', 'talktalk', 'blueyonder', 'tiscali', 'gmx',
];

/** Endings a spelled-out address must have when its provider is not one of the above. */
export const EMAIL_TLDS: readonly string[] = [
  'com', 'org', 'net', 'uk', 'io', 'me', 'info', 'biz', 'ie', 'eu', 'co', 'app', 'dev', 'edu', 'gov',
  'wales', 'cymru', 'scot', 'london', 'online', 'email', 'tv', 'us', 'ca', 'au', 'de', 'fr', 'nl', 'es',
  'pl', 'ng', 'pk', 'gh', 'in',
];

/**
 * Words before "at" that are not the start of an address: "contact us at riverside dot gov dot uk"
 * is a web address, "email me at …" is followed by the address, not part of it.
 */
export const NOT_LOCAL_PARTS: readonly string[] = [
  'me', 'us', 'him', 'her', 'them', 'you', 'it', 'we', 'i', 'is', 'was', 'be', 'are', 'email', 'e-mail',
  'mail', 'address', 'contact', 'write', 'site', 'website', 'page', 'online', 'here', 'there', 'and', 'or',
  'on', 'someone', 'anyone', 'everyone', 'council', 'just', 'only', 'also', 'still', 'dot', 'meet', 'met',
];

/** Platforms: a word after one of these ("my snap is kai.b2011") may be a username. */
export const PLATFORM_WORDS: readonly string[] = [
  'insta', 'instagram', 'ig', 'snap', 'snapchat', 'tiktok', 'youtube', 'yt', 'twitter', 'discord', 'roblox',
  'fortnite', 'minecraft', 'xbox', 'psn', 'playstation', 'ps4', 'ps5', 'twitch', 'threads', 'facebook', 'fb',
  'telegram', 'kik', 'steam', 'bereal', 'pinterest', 'linktree', 'reddit', 'tumblr', 'whatsapp', 'channel',
  'bluesky', 'mastodon',
];

/** Words that name a username outright: what follows them is one even if it is an everyday word. */
export const USERNAME_WORDS: readonly string[] = ['username', 'usernames', 'gamertag', 'gamertags', 'userid'];

/** Second words of two-word names for a username: "user name", "screen name", "gamer tag". */
export const USERNAME_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['user', 'name'], ['screen', 'name'], ['display', 'name'], ['gamer', 'tag'], ['player', 'name'], ['user', 'id'],
];

/** Words that name an account only after "my", "her" or a platform: "my handle", "insta account". */
export const ACCOUNT_WORDS: readonly string[] = ['handle', 'account', 'id', 'profile', 'page'];

/** Words between a platform and the username: "my snap is", "add me on snap its", "username on the app is". */
export const USERNAME_CONNECTORS: readonly string[] = [
  'is', 'its', 'was', 'me', 'us', 'on', 'as', 'at', 'called', 'name', 'username', 'tag', 'id', 'handle',
  'account', 'page', 'link', 'channel', 'profile', 'app', 'the', 'add', 'follow', 'im', 'i', 'am', 'under',
];

/** Verbs before a platform that show someone is giving their account: "add me on snap", "DM me on insta". */
export const ACCOUNT_VERBS: readonly string[] = ['add', 'follow', 'message', 'dm', 'msg', 'find', 'text', 'sub', 'subscribe', 'contact', 'search'];

/** Words near an "@word" that show it is an account: "follow me on insta @jess". */
export const HANDLE_CUES: readonly string[] = ['follow', 'dm', 'subscribe', 'sub', 'handle', 'account', 'username', 'tag', 'add'];

/**
 * Words written straight after "@" as short for "at": "@home", "@school", "c u @lunch". Not handles,
 * and not worth a lead's time.
 */
export const AT_SHORTHAND: readonly string[] = [
  'home', 'school', 'skool', 'college', 'work', 'lunch', 'break', 'breaktime', 'playtime', 'night', 'nite',
  'weekend', 'weekends', 'church', 'mosque', 'club', 'nans', 'nanas', 'grans', 'mums', 'dads', 'last',
  'least', 'first', 'once', 'all', 'the', 'my', 'his', 'her', 'our', 'their', 'your', 'this', 'that',
  'times', 'tea', 'teatime', 'bedtime', 'hospital', 'clinic', 'youth', 'dinner', 'dinnertime', 'morning',
  'noon', 'midday',
];

/**
 * Domains of public bodies: "@riverside.gov.uk" written after "@" is an address to visit, not a
 * person. A school's domain (".sch.uk") is left out on purpose: it names the school.
 */
export const PUBLIC_DOMAIN_ENDINGS: readonly string[] = ['.gov.uk', '.nhs.uk', '.nhs.net', '.police.uk', '.gov.wales', '.llyw.cymru'];
