//! Why a line was dropped (or kept): a small closed set of codes with readable names, so
//! that users can count, filter and audit decisions. The names are part of the output format.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Reason {
    Content = 0,
    Blank,
    Title,
    Navigation,
    ShareWidget,
    FollowWidget,
    CookieNotice,
    Login,
    Newsletter,
    RelatedTeaser,
    Footer,
    BrowserNotice,
    Advert,
    Comments,
    Caption,
    AltText,
    ContactList,
    DateHeader,
    Weather,
    Byline,
    Pagination,
    Commerce,
    Repeated,
    LowTextDensity,
    OutsideMainContent,
    SiteTemplate,
}

pub const REASON_NAMES: [&str; 26] = [
    "content",
    "blank",
    "title",
    "navigation",
    "share-widget",
    "follow-widget",
    "cookie-notice",
    "login",
    "newsletter",
    "related-teaser",
    "footer",
    "browser-notice",
    "advert",
    "comments",
    "caption",
    "alt-text",
    "contact-list",
    "date-header",
    "weather",
    "byline",
    "pagination",
    "commerce",
    "repeated",
    "low-text-density",
    "outside-main-content",
    "site-template",
];

impl Reason {
    pub fn name(self) -> &'static str {
        REASON_NAMES[self as usize]
    }
    pub fn from_code(c: u8) -> Option<Reason> {
        if (c as usize) < REASON_NAMES.len() {
            // SAFETY-free: match on the table index
            Some(ALL[c as usize])
        } else {
            None
        }
    }
}

const ALL: [Reason; 26] = [
    Reason::Content,
    Reason::Blank,
    Reason::Title,
    Reason::Navigation,
    Reason::ShareWidget,
    Reason::FollowWidget,
    Reason::CookieNotice,
    Reason::Login,
    Reason::Newsletter,
    Reason::RelatedTeaser,
    Reason::Footer,
    Reason::BrowserNotice,
    Reason::Advert,
    Reason::Comments,
    Reason::Caption,
    Reason::AltText,
    Reason::ContactList,
    Reason::DateHeader,
    Reason::Weather,
    Reason::Byline,
    Reason::Pagination,
    Reason::Commerce,
    Reason::Repeated,
    Reason::LowTextDensity,
    Reason::OutsideMainContent,
    Reason::SiteTemplate,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for (i, r) in ALL.iter().enumerate() {
            assert_eq!(*r as usize, i);
            assert_eq!(Reason::from_code(i as u8), Some(*r));
            assert_eq!(r.name(), REASON_NAMES[i]);
        }
        assert_eq!(Reason::from_code(200), None);
    }
}
