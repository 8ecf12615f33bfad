//! Boilerplate cue words: short phrases that mark navigation, share widgets, cookie and
//! browser notices, teasers, legal footers, captions and the like, in the languages most
//! common on the web. One Aho-Corasick automaton finds them all in one pass over a line;
//! the hits are features for the scorer and the source of the readable drop reasons.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

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
    "navigation", "share", "follow", "cookie", "account", "newsletter", "related", "legal", "browser", "advert",
    "comments", "caption", "contact", "calendar", "byline", "pagination", "commerce", "quote",
];

const PHRASES: &[(Cue, &[&str])] = &[
    (Cue::Navigation, &[
        "skip to content", "skip to main content", "skip to navigation", "jump to", "main menu", "toggle navigation",
        "menu", "home", "homepage", "search", "sitemap", "site map", "about us", "contact us", "back to top",
        "go to top", "navigation", "breadcrumb", "categories", "all categories", "view all", "see all", "show all",
        "show more", "load more", "more", "startseite", "zur startseite", "inicio", "accueil", "suche", "rechercher",
        "buscar", "cerca", "über uns", "qui sommes-nous", "quiénes somos", "chi siamo", "kontakt", "contacto",
        "contatti", "topics", "sections", "explore", "close", "open menu", "close menu", "toggle menu", "back",
    ]),
    (Cue::Share, &[
        "share", "share post", "share this", "share on", "share article", "tweet", "pin it", "facebook", "twitter",
        "linkedin", "whatsapp", "pinterest", "reddit", "telegram", "email this", "e-mail this", "print", "copy link",
        "link copied", "teilen", "partager", "compartir", "condividi", "compartilhar", "delen", "dela", "x.com",
        "messenger",
    ]),
    (Cue::Follow, &[
        "follow us", "follow", "instagram", "youtube", "tiktok", "rss", "social media", "connect with us",
        "find us on", "folgen sie uns", "folge uns", "suivez-nous", "síguenos", "seguici", "siga-nos", "volg ons",
    ]),
    (Cue::Cookie, &[
        "cookie", "cookies", "gdpr", "consent", "privacy settings", "cookie settings", "accept all", "reject all",
        "manage preferences", "we use cookies", "this website uses", "this site uses", "tracking technologies",
    ]),
    (Cue::Account, &[
        "log in", "login", "log out", "logout", "sign in", "sign out", "sign up", "register", "my account",
        "create account", "create an account", "forgot password", "remote login", "anmelden", "registrieren",
        "mein konto", "connexion", "se connecter", "mon compte", "iniciar sesión", "mi cuenta", "accedi", "registrati",
        "entrar", "inloggen", "password", "username",
    ]),
    (Cue::Newsletter, &[
        "newsletter", "subscribe", "subscription", "unsubscribe", "sign up for", "get the latest", "join our",
        "inbox", "email address", "e-mail address", "abonnieren", "s'abonner", "abonnez-vous", "suscríbete",
        "suscribirse", "iscriviti", "assine", "aanmelden",
    ]),
    (Cue::Related, &[
        "related", "related articles", "related posts", "related stories", "related content", "read more",
        "read next", "read also", "more from", "more stories", "more news", "more articles", "you may also like",
        "you might also like", "you may like", "recommended", "recommended for you", "popular", "most popular",
        "most read", "trending", "latest news", "latest posts", "recent posts", "see also", "also read",
        "continue reading", "keep reading", "don't miss", "editor's picks", "top stories", "lesen sie auch",
        "auch interessant", "weitere artikel", "mehr zum thema", "lire aussi", "à lire aussi", "voir aussi",
        "te puede interesar", "también te puede", "leer más", "leggi anche", "potrebbe interessarti", "leia também",
        "veja também", "lees ook", "meer lezen",
    ]),
    (Cue::Legal, &[
        "copyright", "©", "all rights reserved", "privacy policy", "privacy notice", "terms of use",
        "terms of service", "terms and conditions", "terms & conditions", "cookie policy", "imprint", "impressum",
        "datenschutz", "datenschutzerklärung", "agb", "disclaimer", "accessibility", "powered by", "legal notice",
        "mentions légales", "aviso legal", "política de privacidad", "tous droits réservés",
        "todos los derechos reservados", "alle rechte vorbehalten", "tutti i diritti riservati", "do not sell",
        "sitemap", "careers", "press", "advertise", "affiliate", "trademark", "trademarks",
    ]),
    (Cue::Browser, &[
        "browser", "javascript", "upgrade your", "out-of-date", "outdated", "enable javascript", "internet explorer",
        "chrome", "firefox", "safari", "opera", "edge", "not supported", "update your browser",
    ]),
    (Cue::Advert, &[
        "advertisement", "advertising", "sponsored", "sponsored content", "promoted", "partner content", "ad",
        "ads", "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "publicidade", "paid content",
    ]),
    (Cue::Comments, &[
        "comment", "comments", "reply", "replies", "leave a reply", "leave a comment", "post a comment",
        "add a comment", "join the discussion", "kommentar", "kommentare", "commentaire", "commentaires",
        "comentario", "comentarios", "commenti", "reacties", "likes", "upvote", "report",
    ]),
    (Cue::Caption, &[
        "photo", "photo:", "photos", "image:", "image credit", "photograph", "photographer", "getty images",
        "shutterstock", "istock", "credit:", "courtesy of", "reuters", "ap photo", "afp", "foto", "bild", "picture",
        "illustration", "source:", "via",
    ]),
    (Cue::Contact, &[
        "tel", "tel.", "phone", "telephone", "fax", "e-mail:", "email:", "call us", "customer support",
        "customer service", "support", "hotline", "address", "telefon", "téléphone", "teléfono", "telefono",
        "opening hours", "öffnungszeiten",
    ]),
    (Cue::Calendar, &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "updated", "published", "posted", "posted on",
        "last updated", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar",
        "februar", "märz", "juni", "juli", "oktober", "dezember", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
        "samedi", "dimanche", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "min read", "minute read", "minutes read", "ago", "today", "yesterday",
    ]),
    (Cue::Byline, &[
        "by", "written by", "author", "authors", "posted by", "reviewed by", "edited by", "words by", "staff writer",
        "correspondent", "von", "par", "por", "di", "door", "autor", "auteur", "autore", "redaktion",
    ]),
    (Cue::Pagination, &[
        "next", "previous", "prev", "older posts", "newer posts", "page", "of", "first", "last", "next page",
        "previous page", "weiter", "zurück", "suivant", "précédent", "siguiente", "anterior", "avanti",
    ]),
    (Cue::Commerce, &[
        "add to cart", "add to basket", "add to bag", "buy now", "shop now", "in stock", "out of stock", "price",
        "free shipping", "shipping", "checkout", "cart", "basket", "wishlist", "wish list", "sale", "discount",
        "coupon", "order now", "products", "product", "pricing", "demo", "request a demo", "free trial",
        "warenkorb", "panier", "carrito", "carrello", "in den warenkorb", "ajouter au panier", "añadir al carrito",
        "reviews", "rating", "stars",
    ]),
    (Cue::Quote, &[
        "wrote:", "said:", "writes:", "quote", "quote:", "originally posted by", "schrieb:", "a écrit", "escribió:",
        "ha scritto:", "escreveu:", "schreef:",
    ]),
];

struct Lexicon {
    ac: AhoCorasick,
    cue_of: Vec<Cue>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut pats = Vec::new();
    let mut cue_of = Vec::new();
    for (cue, phrases) in PHRASES {
        for p in *phrases {
            pats.push(*p);
            cue_of.push(*cue);
        }
    }
    // A full DFA: the builder would pick a contiguous NFA for this many patterns, which
    // follows failure transitions byte by byte; the DFA (a few hundred KiB for these short
    // phrases) takes one table lookup per byte. The kind changes speed, never the matches.
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&pats)
        .expect("lexicon patterns build");
    Lexicon { ac, cue_of }
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
}

#[inline]
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Find the cue phrases in `line` that stand as whole words ("share" in "Share post:" but
/// not in "shareholders"). Only the first `max_bytes` are looked at: cues matter on short
/// lines, and long prose would only add noise.
pub fn cue_hits(line: &str, max_bytes: usize) -> CueHits {
    let mut hits = CueHits::default();
    let bytes = line.as_bytes();
    let end = if bytes.len() <= max_bytes {
        bytes.len()
    } else {
        // cut on a char boundary
        let mut e = max_bytes;
        while !line.is_char_boundary(e) {
            e -= 1;
        }
        e
    };
    let hay = &bytes[..end];
    for m in LEXICON.ac.find_iter(hay) {
        let (s, e) = (m.start(), m.end());
        let pat = m.pattern().as_usize();
        let first = LEXICON.cue_of[pat];
        let left_ok = s == 0 || !is_word_byte(hay[s - 1]) || !is_word_byte(hay[s]);
        let right_ok = e >= hay.len() || !is_word_byte(hay[e]) || !is_word_byte(hay[e - 1]);
        if left_ok && right_ok {
            let slot = &mut hits.0[first as usize];
            *slot = slot.saturating_add(1);
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        let h = cue_hits("Share post:", 200);
        assert_eq!(h.get(Cue::Share), 1);
        let h = cue_hits("The shareholders met.", 200);
        assert_eq!(h.get(Cue::Share), 0);
    }

    #[test]
    fn several_families() {
        let h = cue_hits("Please upgrade your Browser", 200);
        assert!(h.get(Cue::Browser) >= 1);
        let h = cue_hits("Copyright © 2025 Foo. All rights reserved.", 200);
        assert!(h.get(Cue::Legal) >= 2);
        let h = cue_hits("Related articles", 200);
        assert_eq!(h.get(Cue::Related), 1);
        let h = cue_hits("Tuesday, April 23, 2024", 200);
        assert_eq!(h.get(Cue::Calendar), 2);
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let s = "é".repeat(300);
        let _ = cue_hits(&s, 201);
    }
}
