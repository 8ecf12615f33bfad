//! Boilerplate cue words: short phrases that mark navigation, share widgets, cookie and
//! browser notices, teasers, legal footers, captions and the like, in the languages most
//! common on the web. The hits are features for the scorer and the source of the readable
//! drop reasons.
//!
//! A phrase is a sequence of words (runs of letters and digits, lower-cased), matched on the
//! words of a line, leftmost and longest first. Words are hashed once per line, and each
//! phrase is a hash of its words' hashes in one small table: a lookup per word. (An
//! Aho-Corasick DFA over the bytes did the same with a dependent table load per byte, the
//! line pass's costliest step in wall time.) A phrase written with a final `:` ("said:")
//! matches only where the line has a `:` right after its last word; `©` is counted as a
//! character.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::scan::{self, Bitmaps};

/// A family of cue phrases. The order is the order of the features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Cue {
    Navigation = 0,
    Share,
    Follow,
    Cookie,
    Account,
    Newsletter,
    Related,
    Legal,
    Browser,
    Advert,
    Comments,
    Caption,
    Contact,
    Calendar,
    Byline,
    Pagination,
    Commerce,
    Quote,
}
pub const N_CUES: usize = 18;
pub const CUE_NAMES: [&str; N_CUES] = [
    "navigation",
    "share",
    "follow",
    "cookie",
    "account",
    "newsletter",
    "related",
    "legal",
    "browser",
    "advert",
    "comments",
    "caption",
    "contact",
    "calendar",
    "byline",
    "pagination",
    "commerce",
    "quote",
];

const PHRASES: &[(Cue, &[&str])] = &[
    (
        Cue::Navigation,
        &[
            "skip to content",
            "skip to main content",
            "skip to navigation",
            "jump to",
            "main menu",
            "toggle navigation",
            "menu",
            "home",
            "homepage",
            "search",
            "sitemap",
            "site map",
            "about us",
            "contact us",
            "back to top",
            "go to top",
            "navigation",
            "breadcrumb",
            "categories",
            "all categories",
            "view all",
            "see all",
            "show all",
            "show more",
            "load more",
            "more",
            "startseite",
            "zur startseite",
            "inicio",
            "accueil",
            "suche",
            "rechercher",
            "buscar",
            "cerca",
            "über uns",
            "qui sommes-nous",
            "quiénes somos",
            "chi siamo",
            "kontakt",
            "contacto",
            "contatti",
            "topics",
            "sections",
            "explore",
            "close",
            "open menu",
            "close menu",
            "toggle menu",
            "back",
        ],
    ),
    (
        Cue::Share,
        &[
            "share",
            "share post",
            "share this",
            "share on",
            "share article",
            "tweet",
            "pin it",
            "facebook",
            "twitter",
            "linkedin",
            "whatsapp",
            "pinterest",
            "reddit",
            "telegram",
            "email this",
            "e-mail this",
            "print",
            "copy link",
            "link copied",
            "teilen",
            "partager",
            "compartir",
            "condividi",
            "compartilhar",
            "delen",
            "dela",
            "x.com",
            "messenger",
        ],
    ),
    (
        Cue::Follow,
        &[
            "follow us",
            "follow",
            "instagram",
            "youtube",
            "tiktok",
            "rss",
            "social media",
            "connect with us",
            "find us on",
            "folgen sie uns",
            "folge uns",
            "suivez-nous",
            "síguenos",
            "seguici",
            "siga-nos",
            "volg ons",
        ],
    ),
    (
        Cue::Cookie,
        &[
            "cookie",
            "cookies",
            "gdpr",
            "consent",
            "privacy settings",
            "cookie settings",
            "accept all",
            "reject all",
            "manage preferences",
            "we use cookies",
            "this website uses",
            "this site uses",
            "tracking technologies",
        ],
    ),
    (
        Cue::Account,
        &[
            "log in",
            "login",
            "log out",
            "logout",
            "sign in",
            "sign out",
            "sign up",
            "register",
            "my account",
            "create account",
            "create an account",
            "forgot password",
            "remote login",
            "anmelden",
            "registrieren",
            "mein konto",
            "connexion",
            "se connecter",
            "mon compte",
            "iniciar sesión",
            "mi cuenta",
            "accedi",
            "registrati",
            "entrar",
            "inloggen",
            "password",
            "username",
        ],
    ),
    (
        Cue::Newsletter,
        &[
            "newsletter",
            "subscribe",
            "subscription",
            "unsubscribe",
            "sign up for",
            "get the latest",
            "join our",
            "inbox",
            "email address",
            "e-mail address",
            "abonnieren",
            "s'abonner",
            "abonnez-vous",
            "suscríbete",
            "suscribirse",
            "iscriviti",
            "assine",
            "aanmelden",
        ],
    ),
    (
        Cue::Related,
        &[
            "related",
            "related articles",
            "related posts",
            "related stories",
            "related content",
            "read more",
            "read next",
            "read also",
            "more from",
            "more stories",
            "more news",
            "more articles",
            "you may also like",
            "you might also like",
            "you may like",
            "recommended",
            "recommended for you",
            "popular",
            "most popular",
            "most read",
            "trending",
            "latest news",
            "latest posts",
            "recent posts",
            "see also",
            "also read",
            "continue reading",
            "keep reading",
            "don't miss",
            "editor's picks",
            "top stories",
            "lesen sie auch",
            "auch interessant",
            "weitere artikel",
            "mehr zum thema",
            "lire aussi",
            "à lire aussi",
            "voir aussi",
            "te puede interesar",
            "también te puede",
            "leer más",
            "leggi anche",
            "potrebbe interessarti",
            "leia também",
            "veja também",
            "lees ook",
            "meer lezen",
        ],
    ),
    (
        Cue::Legal,
        &[
            "copyright",
            "©",
            "all rights reserved",
            "privacy policy",
            "privacy notice",
            "terms of use",
            "terms of service",
            "terms and conditions",
            "terms & conditions",
            "cookie policy",
            "imprint",
            "impressum",
            "datenschutz",
            "datenschutzerklärung",
            "agb",
            "disclaimer",
            "accessibility",
            "powered by",
            "legal notice",
            "mentions légales",
            "aviso legal",
            "política de privacidad",
            "tous droits réservés",
            "todos los derechos reservados",
            "alle rechte vorbehalten",
            "tutti i diritti riservati",
            "do not sell",
            "sitemap",
            "careers",
            "press",
            "advertise",
            "affiliate",
            "trademark",
            "trademarks",
        ],
    ),
    (
        Cue::Browser,
        &[
            "browser",
            "javascript",
            "upgrade your",
            "out-of-date",
            "outdated",
            "enable javascript",
            "internet explorer",
            "chrome",
            "firefox",
            "safari",
            "opera",
            "edge",
            "not supported",
            "update your browser",
        ],
    ),
    (
        Cue::Advert,
        &[
            "advertisement",
            "advertising",
            "sponsored",
            "sponsored content",
            "promoted",
            "partner content",
            "ad",
            "ads",
            "anzeige",
            "werbung",
            "publicité",
            "publicidad",
            "pubblicità",
            "publicidade",
            "paid content",
        ],
    ),
    (
        Cue::Comments,
        &[
            "comment",
            "comments",
            "reply",
            "replies",
            "leave a reply",
            "leave a comment",
            "post a comment",
            "add a comment",
            "join the discussion",
            "kommentar",
            "kommentare",
            "commentaire",
            "commentaires",
            "comentario",
            "comentarios",
            "commenti",
            "reacties",
            "likes",
            "upvote",
            "report",
        ],
    ),
    (
        Cue::Caption,
        &[
            "photo",
            "photo:",
            "photos",
            "image:",
            "image credit",
            "photograph",
            "photographer",
            "getty images",
            "shutterstock",
            "istock",
            "credit:",
            "courtesy of",
            "reuters",
            "ap photo",
            "afp",
            "foto",
            "bild",
            "picture",
            "illustration",
            "source:",
            "via",
        ],
    ),
    (
        Cue::Contact,
        &[
            "tel",
            "tel.",
            "phone",
            "telephone",
            "fax",
            "e-mail:",
            "email:",
            "call us",
            "customer support",
            "customer service",
            "support",
            "hotline",
            "address",
            "telefon",
            "téléphone",
            "teléfono",
            "telefono",
            "opening hours",
            "öffnungszeiten",
        ],
    ),
    (
        Cue::Calendar,
        &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "updated",
            "published",
            "posted",
            "posted on",
            "last updated",
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag",
            "sonntag",
            "januar",
            "februar",
            "märz",
            "juni",
            "juli",
            "oktober",
            "dezember",
            "lundi",
            "mardi",
            "mercredi",
            "jeudi",
            "vendredi",
            "samedi",
            "dimanche",
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
            "min read",
            "minute read",
            "minutes read",
            "ago",
            "today",
            "yesterday",
        ],
    ),
    (
        Cue::Byline,
        &[
            "by",
            "written by",
            "author",
            "authors",
            "posted by",
            "reviewed by",
            "edited by",
            "words by",
            "staff writer",
            "correspondent",
            "von",
            "par",
            "por",
            "di",
            "door",
            "autor",
            "auteur",
            "autore",
            "redaktion",
        ],
    ),
    (
        Cue::Pagination,
        &[
            "next",
            "previous",
            "prev",
            "older posts",
            "newer posts",
            "page",
            "of",
            "first",
            "last",
            "next page",
            "previous page",
            "weiter",
            "zurück",
            "suivant",
            "précédent",
            "siguiente",
            "anterior",
            "avanti",
        ],
    ),
    (
        Cue::Commerce,
        &[
            "add to cart",
            "add to basket",
            "add to bag",
            "buy now",
            "shop now",
            "in stock",
            "out of stock",
            "price",
            "free shipping",
            "shipping",
            "checkout",
            "cart",
            "basket",
            "wishlist",
            "wish list",
            "sale",
            "discount",
            "coupon",
            "order now",
            "products",
            "product",
            "pricing",
            "demo",
            "request a demo",
            "free trial",
            "warenkorb",
            "panier",
            "carrito",
            "carrello",
            "in den warenkorb",
            "ajouter au panier",
            "añadir al carrito",
            "reviews",
            "rating",
            "stars",
        ],
    ),
    (
        Cue::Quote,
        &[
            "wrote:",
            "said:",
            "writes:",
            "quote",
            "quote:",
            "originally posted by",
            "schrieb:",
            "a écrit",
            "escribió:",
            "ha scritto:",
            "escreveu:",
            "schreef:",
        ],
    ),
];

/// What a phrase hash (of a phrase's first words) stands for.
#[derive(Clone, Copy, Default)]
struct Node {
    /// The family of the whole phrase, if these words are one (and whether it wants a `:`).
    cue: Option<(Cue, bool)>,
    /// A longer phrase starts with these words.
    longer: bool,
}

struct Lexicon {
    nodes: FxHashMap<u64, Node>,
    max_words: usize,
    /// One bit per value of a first word's phrase hash (its top [`FIRST_BITS`] bits): most
    /// words of a line start no phrase, and this 8 KiB filter (in L1) says so without a probe
    /// of `nodes`.
    first: Box<[u64]>,
}

const FIRST_BITS: u32 = 16;

#[inline(always)]
fn first_slot(h: u64) -> usize {
    (h >> (64 - FIRST_BITS)) as usize
}

/// Hash of a lower-case word. ASCII words of up to 16 bytes (nearly all cue words) are
/// packed into a u128 and mixed, without a pass over their bytes; others go through xxh3.
#[inline]
pub(crate) fn word_hash(lower: &[u8]) -> u64 {
    if lower.len() <= 16 && lower.is_ascii() {
        let mut k = [0u8; 16];
        k[..lower.len()].copy_from_slice(lower);
        packed_hash(u128::from_le_bytes(k))
    } else {
        crate::hash::hash_bytes(lower) | 1
    }
}

#[inline(always)]
pub(crate) fn packed_hash(k: u128) -> u64 {
    let h = ((k as u64) ^ ((k >> 64) as u64).rotate_left(31)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    (h ^ (h >> 29)) | 1
}

#[inline]
fn extend_phrase(h: u64, w: u64) -> u64 {
    (h.rotate_left(23) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The words of a phrase, or of a line with CJK: lower-cased runs of alphanumeric
/// characters, as (hash, byte end), the first `max_words` of them.
fn words_general(text: &str, max_words: usize, buf: &mut String, out: &mut Vec<(u64, usize)>) {
    let base = text.as_ptr() as usize;
    for tok in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(max_words)
    {
        let end = tok.as_ptr() as usize - base + tok.len();
        buf.clear();
        buf.extend(tok.chars().flat_map(char::to_lowercase));
        out.push((word_hash(buf.as_bytes()), end));
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut nodes: FxHashMap<u64, Node> = FxHashMap::default();
    let mut first = vec![0u64; 1 << (FIRST_BITS - 6)].into_boxed_slice();
    let mut max_words = 0;
    let (mut buf, mut words) = (String::new(), Vec::new());
    for (cue, phrases) in PHRASES {
        for p in *phrases {
            let colon = p.ends_with(':');
            words.clear();
            words_general(p.trim_end_matches(':'), usize::MAX, &mut buf, &mut words);
            if words.is_empty() {
                continue; // "©": counted as a character
            }
            max_words = max_words.max(words.len());
            let mut h = 0u64;
            for (k, &(w, _)) in words.iter().enumerate() {
                h = extend_phrase(h, w);
                if k == 0 {
                    first[first_slot(h) >> 6] |= 1 << (first_slot(h) & 63);
                }
                let node = nodes.entry(h).or_default();
                if k + 1 == words.len() {
                    // the first family listed keeps a phrase listed twice
                    node.cue.get_or_insert((*cue, colon));
                } else {
                    node.longer = true;
                }
            }
        }
    }
    Lexicon {
        nodes,
        max_words,
        first,
    }
});

/// Cue hits of a line, one counter per [`Cue`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CueHits(pub [u8; N_CUES]);

impl CueHits {
    #[inline]
    pub fn get(&self, cue: Cue) -> u32 {
        self.0[cue as usize] as u32
    }
    pub fn any(&self) -> bool {
        self.0.iter().any(|&c| c > 0)
    }
    #[inline]
    fn add(&mut self, cue: Cue) {
        let slot = &mut self.0[cue as usize];
        *slot = slot.saturating_add(1);
    }
}

/// The words of a line (lower-cased runs of alphanumeric characters), hashed: what the cue
/// phrases and the vocabulary score (`vocab.rs`) are matched on. Filled once per line.
#[derive(Default)]
pub struct LineWords {
    /// (hash, byte end) of the first [`LineWords::MAX`] words.
    pub words: Vec<(u64, usize)>,
    buf: String,
    lower: Vec<u8>,
}

impl LineWords {
    /// Words read per line: the cues and the vocabulary are about short lines, and the
    /// first words of a long one tell what it is.
    pub const MAX: usize = 64;

    /// The words of `line`, whose byte classes are `maps` (see [`Bitmaps`]).
    pub fn fill(&mut self, line: &str, maps: &Bitmaps) {
        self.fill_impl(line, maps, None);
    }

    /// [`LineWords::fill`], and in the same scan the line's topic-word candidates (see
    /// [`crate::cohesion::topic_tokens`], which sorts them) appended to `topics`: both are
    /// runs of the maps' `word` bytes, so one scan and one hash per word serve both (two
    /// scans cost a tenth of the page analysis). `known`: (start, end, stop mask) of words
    /// whose masks the line pass looked up already, in order. Returns false, with nothing
    /// appended to `topics`, for a line the maps do not describe or one with CJK: the caller
    /// then takes the general tokenisation.
    pub fn fill_with_topics(
        &mut self,
        line: &str,
        maps: &Bitmaps,
        known: &[KnownWord],
        topics: &mut Vec<TopicToken>,
    ) -> bool {
        let mapped = maps.len == line.len() && maps.cjk == 0;
        self.fill_impl(line, maps, mapped.then_some((known, topics)));
        mapped
    }

    fn fill_impl(
        &mut self,
        line: &str,
        maps: &Bitmaps,
        mut topics: Option<(&[KnownWord], &mut Vec<TopicToken>)>,
    ) {
        self.words.clear();
        let b = line.as_bytes();
        if maps.len != line.len() || maps.cjk > 0 {
            words_general(line, Self::MAX, &mut self.buf, &mut self.words);
            return;
        }
        let word = maps.word();
        let mut p = 0;
        let mut kn = 0;
        while self.words.len() < Self::MAX {
            let Some(s) = scan::next_set(word, p, b.len()) else {
                break;
            };
            let e = scan::next_clear(word, s, b.len());
            let run = read_run(line, maps, (s, e), 0, &mut self.lower, &mut self.buf);
            let h = run.hash;
            if let Some((known, out)) = topics.as_mut() {
                if self.words.len() < crate::cohesion::MAX_WORDS && run.topic {
                    while kn < known.len() && (known[kn].0 as usize) < s {
                        kn += 1;
                    }
                    let mask = match known.get(kn) {
                        Some(&(ks, ke, m)) if ks as usize == s && ke as usize == e => m,
                        _ => run_mask(b, (s, e), run.ascii, &self.buf),
                    };
                    out.push((topic_hash(h), mask));
                }
            }
            self.words.push((h, e));
            p = e;
        }
    }
}

/// A run of letters and digits of a line, as [`LineWords`] and the topic words read it.
pub(crate) struct Run {
    /// Its hash (see [`word_hash`]).
    pub hash: u64,
    /// No byte >= 0x80.
    pub ascii: bool,
    /// A topic-word candidate (see [`crate::cohesion::topic_tokens`]): at least
    /// `MIN_TOPIC_CHARS` characters, not all ASCII digits.
    pub topic: bool,
}

/// The run `s..e` of `line`, whose byte classes are `maps` (`s..e` a run of their `word`
/// map). `key`: the run's packed lower-case bytes if the caller has them, else 0. Leaves a
/// non-ASCII run lower-cased in `buf` (for [`run_mask`]); `lower` is scratch space.
#[inline]
pub(crate) fn read_run(
    line: &str,
    maps: &Bitmaps,
    (s, e): (usize, usize),
    key: u128,
    lower: &mut Vec<u8>,
    buf: &mut String,
) -> Run {
    let b = line.as_bytes();
    let bytes = e - s;
    let ascii = scan::next_set(maps.high(), s, e).is_none();
    let hash = if bytes <= 16 && ascii {
        packed_hash(if key != 0 {
            key
        } else {
            crate::stopwords::packed_lower_at(b, s, e)
        })
    } else if ascii {
        lower.clear();
        lower.extend(b[s..e].iter().map(u8::to_ascii_lowercase));
        word_hash(lower)
    } else {
        buf.clear();
        buf.extend(line[s..e].chars().flat_map(char::to_lowercase));
        word_hash(buf.as_bytes())
    };
    let chars = if ascii {
        bytes
    } else {
        bytes - scan::count_range(maps.cont(), s, e) as usize
    };
    let topic = chars >= crate::cohesion::MIN_TOPIC_CHARS
        && !(ascii && scan::count_range(maps.digit(), s, e) as usize == bytes);
    Run { hash, ascii, topic }
}

/// The stop mask of the run `s..e` of `b` that [`read_run`] read last (`buf` as it left it).
#[inline]
pub(crate) fn run_mask(b: &[u8], (s, e): (usize, usize), ascii: bool, buf: &str) -> u64 {
    if ascii {
        crate::stopwords::mask_of_ascii_at(b, s, e)
    } else {
        crate::stopwords::mask_of_lower(buf)
    }
}

/// (start, end, stop mask) of a word whose stop mask the line pass looked up.
pub(crate) type KnownWord = (u32, u32, u64);
/// (topic hash, stop mask) of a topic-word candidate.
pub(crate) type TopicToken = (u32, u64);

/// A topic word's hash (see [`crate::cohesion`]), from its [`LineWords`] hash: the high half,
/// since the low bit of a word hash is always set.
#[inline]
pub(crate) fn topic_hash(word_hash: u64) -> u32 {
    (word_hash >> 32) as u32
}

/// [`topic_hash`] of a lower-case word.
#[inline]
pub(crate) fn topic_hash_of_lower(lower: &str) -> u32 {
    topic_hash(word_hash(lower.as_bytes()))
}

/// Find the cue phrases among the words of `line` (`words`, see [`LineWords`]) that end in its
/// first `max_bytes` bytes: cues matter on short lines, and long prose would only add noise.
pub fn cue_hits(line: &str, words: &LineWords, max_bytes: usize) -> CueHits {
    let mut hits = CueHits::default();
    let b = line.as_bytes();
    let limit = b.len().min(max_bytes);
    let n = words.words.iter().take_while(|w| w.1 <= limit).count();
    let lex = &*LEXICON;
    let words = &words.words[..n];
    let mut i = 0;
    while i < words.len() {
        let f = first_slot(extend_phrase(0, words[i].0));
        if (lex.first[f >> 6] >> (f & 63)) & 1 == 0 {
            i += 1;
            continue;
        }
        let mut h = 0u64;
        let mut best: Option<(Cue, usize)> = None;
        for (j, w) in words.iter().enumerate().take(i + lex.max_words).skip(i) {
            h = extend_phrase(h, w.0);
            let Some(node) = lex.nodes.get(&h) else { break };
            if let Some((cue, colon)) = node.cue {
                if !colon || b.get(words[j].1) == Some(&b':') {
                    best = Some((cue, j));
                }
            }
            if !node.longer {
                break;
            }
        }
        match best {
            Some((cue, j)) => {
                hits.add(cue);
                i = j + 1;
            }
            None => i += 1,
        }
    }
    // '©' is U+00A9, C2 A9 in UTF-8: its second byte found with memchr (a char-by-char
    // search, or a substring finder built per line, cost more than the cue matching)
    let head = &b[..limit];
    for i in memchr::memchr_iter(0xA9, head) {
        if i > 0 && head[i - 1] == 0xC2 {
            hits.add(Cue::Legal);
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits_within(line: &str, max_bytes: usize) -> CueHits {
        let mut maps = Bitmaps::default();
        maps.fill(line);
        let mut words = LineWords::default();
        words.fill(line, &maps);
        cue_hits(line, &words, max_bytes)
    }

    fn hits(line: &str) -> CueHits {
        hits_within(line, 200)
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(hits("Share post:").get(Cue::Share), 1);
        assert_eq!(hits("The shareholders met.").get(Cue::Share), 0);
    }

    #[test]
    fn several_families() {
        assert!(hits("Please upgrade your Browser").get(Cue::Browser) >= 1);
        assert!(hits("Copyright © 2025 Foo. All rights reserved.").get(Cue::Legal) >= 2);
        assert_eq!(hits("Related articles").get(Cue::Related), 1);
        assert_eq!(hits("Tuesday, April 23, 2024").get(Cue::Calendar), 2);
        // the longest phrase wins and takes its words: "read more" is one Related hit
        let h = hits("Read more");
        assert_eq!((h.get(Cue::Related), h.get(Cue::Navigation)), (1, 0));
        // unicode case, apostrophes of either kind, hyphens
        assert_eq!(hits("ÜBER UNS").get(Cue::Navigation), 1);
        assert_eq!(hits("Don’t miss").get(Cue::Related), 1);
        assert_eq!(hits("Your browser is out-of-date").get(Cue::Browser), 2);
    }

    #[test]
    fn a_colon_phrase_needs_its_colon() {
        assert_eq!(hits("John said: this is great").get(Cue::Quote), 1);
        assert_eq!(hits("John said this is great").get(Cue::Quote), 0);
        assert_eq!(hits("Image: Getty").get(Cue::Caption), 1);
    }

    #[test]
    fn only_words_ending_in_the_first_bytes_count() {
        let line = format!("{} share", "x".repeat(10));
        assert_eq!(hits_within(&line, 14).get(Cue::Share), 0);
        assert_eq!(hits_within(&line, 16).get(Cue::Share), 1);
        let _ = hits_within(&"é".repeat(300), 201);
    }

    #[test]
    fn cjk_lines_take_the_general_words() {
        assert_eq!(hits("分享 share").get(Cue::Share), 1);
    }
}
