//! The byte classes of up to 64 bytes at a time ([`Masks64`]): the entry point that picks the
//! SIMD kernel of the CPU (see `x86`) and the portable table it is tested against. Apart from
//! `Bitmaps` because this is the per-chunk step, with no notion of a line.

/// The masks of up to 64 bytes (the default path's classes, see `Bitmaps`).
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Masks64 {
    pub space: u64,
    pub alpha: u64,
    pub upper: u64,
    pub digit: u64,
    pub sep: u64,
    pub phone: u64,
    /// ASCII control characters and DEL
    pub control: u64,
    /// bytes >= 0x80
    pub high: u64,
    pub at: u64,
}

/// Classify up to 64 bytes (bits past `b.len()` are 0).
#[inline]
pub fn classify64(b: &[u8]) -> Masks64 {
    debug_assert!(b.len() <= 64);
    #[cfg(target_arch = "x86_64")]
    {
        // AVX2 where the CPU has it (half the vector steps of SSE2; the detection is a
        // cached load), SSE2 (the x86_64 baseline) otherwise
        let simd = |p: *const u8| {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2; `p` covers 64 readable bytes (the callers below)
                unsafe { super::x86::avx2::classify64(p) }
            } else {
                // SAFETY: SSE2 is part of the x86_64 baseline; `p` as above
                unsafe { super::x86::sse2::classify64(p) }
            }
        };
        if b.len() == 64 {
            return simd(b.as_ptr());
        }
        let mut pad = [0u8; 64];
        pad[..b.len()].copy_from_slice(b);
        let mut m = simd(pad.as_ptr());
        // the zero padding is a control character: only the line's bytes count
        m.control &= (1u64 << b.len()) - 1;
        m
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        classify64_table(b)
    }
}

/// The portable classification, one byte at a time through a table (also the reference the
/// SSE2 version is tested against).
pub fn classify64_table(b: &[u8]) -> Masks64 {
    let mut m = Masks64::default();
    for (i, &c) in b.iter().enumerate() {
        let k = CLASS[c as usize];
        let bit = 1u64 << i;
        m.space |= ((k & K_SPACE != 0) as u64) * bit;
        m.alpha |= ((k & K_ALPHA != 0) as u64) * bit;
        m.upper |= ((k & K_UPPER != 0) as u64) * bit;
        m.digit |= ((k & K_DIGIT != 0) as u64) * bit;
        m.sep |= ((k & K_SEP != 0) as u64) * bit;
        m.phone |= ((k & K_PHONE != 0) as u64) * bit;
        m.control |= ((k & K_CONTROL != 0) as u64) * bit;
        m.high |= ((c >= 0x80) as u64) * bit;
        m.at |= ((c == b'@') as u64) * bit;
    }
    m
}

const K_SPACE: u8 = 1;
const K_ALPHA: u8 = 2;
const K_UPPER: u8 = 4;
const K_DIGIT: u8 = 8;
const K_SEP: u8 = 16;
const K_PHONE: u8 = 32;
const K_CONTROL: u8 = 64;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b == b' ' {
            K_SPACE
        } else if b.is_ascii_uppercase() {
            K_ALPHA | K_UPPER
        } else if b.is_ascii_lowercase() {
            K_ALPHA
        } else if b.is_ascii_digit() {
            K_DIGIT
        } else if crate::lines::is_ascii_sep(b) {
            K_SEP
        } else if crate::lines::is_ascii_phone_punct(b) {
            K_PHONE
        } else if b < 0x20 || b == 0x7f {
            K_CONTROL
        } else {
            0
        };
        c += 1;
    }
    t
};

/// The byte classes the fast text pass counts (`fast::pass`), of up to 64 bytes: every
/// byte is in exactly one of `space`, `tab`, `upper`, `lower`, `digit`, `punct`, `ctrl`,
/// `cont` and `lead`; `sep` and `url` are subsets of `punct`.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct TextMasks64 {
    /// `' '`
    pub space: u64,
    /// `'\t'`
    pub tab: u64,
    pub upper: u64,
    pub lower: u64,
    pub digit: u64,
    /// The other printable ASCII bytes (`0x21..=0x7e`).
    pub punct: u64,
    /// Control bytes but the tab, and DEL.
    pub ctrl: u64,
    /// Continuation bytes (`0x80..=0xbf`)...
    pub cont: u64,
    /// ...and the first bytes of characters outside ASCII (`0xc0..`).
    pub lead: u64,
    /// `| / >` (menu separators).
    pub sep: u64,
    /// `:` and `.` (where a URL may be, see `lines::url_at`).
    pub url: u64,
}

/// The masks of each 64-byte chunk of `b` (the last one may be short), handed to `store`
/// with the chunk's number: AVX2 where the CPU has it (detected once per call), SSE2
/// otherwise on x86_64, the table elsewhere.
#[inline]
pub fn text_masks(b: &[u8], mut store: impl FnMut(usize, TextMasks64)) {
    let full = b.len() / 64;
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2; the kernel reads `full` whole chunks of `b`
            unsafe { super::x86::avx2::text_masks(b, full, &mut store) };
        } else {
            // SAFETY: SSE2 is part of the x86_64 baseline; reads as above
            unsafe { super::x86::sse2::text_masks(b, full, &mut store) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    for k in 0..full {
        store(k, text_masks64_table(&b[64 * k..64 * k + 64]));
    }
    if full * 64 < b.len() {
        // the last, short chunk (one per text): its bytes alone, through the table
        store(full, text_masks64_table(&b[64 * full..]));
    }
}

/// The portable classification of [`text_masks`] (up to 64 bytes), a byte at a time (also
/// the reference the SIMD kernels are tested against).
pub fn text_masks64_table(b: &[u8]) -> TextMasks64 {
    debug_assert!(b.len() <= 64);
    let mut m = TextMasks64::default();
    for (i, &c) in b.iter().enumerate() {
        let bit = 1u64 << i;
        let class = match c {
            b' ' => &mut m.space,
            b'\t' => &mut m.tab,
            b'A'..=b'Z' => &mut m.upper,
            b'a'..=b'z' => &mut m.lower,
            b'0'..=b'9' => &mut m.digit,
            0x21..=0x7e => &mut m.punct,
            0x80..=0xbf => &mut m.cont,
            0xc0..=0xff => &mut m.lead,
            _ => &mut m.ctrl,
        };
        *class |= bit;
        if matches!(c, b'|' | b'/' | b'>') {
            m.sep |= bit;
        }
        if matches!(c, b':' | b'.') {
            m.url |= bit;
        }
    }
    m
}
