//! Tests of `scan` (a file of their own: the module stays readable).
use super::chars::{char_class, char_class_slow};
#[cfg(target_arch = "x86_64")]
use super::x86::{avx2, sse2};
use super::*;

/// Both SIMD versions against the table, each called directly (`classify64` runs only the
/// one this CPU picks), AVX2 where the CPU has it.
#[cfg(target_arch = "x86_64")]
#[test]
fn sse2_and_avx2_equal_the_table() {
    for start in 0..=255u8 {
        let b: Vec<u8> = (0..64).map(|i| start.wrapping_add(i * 3)).collect();
        let want = classify64_table(&b);
        // SAFETY: 64 readable bytes; SSE2 is baseline, AVX2 is checked
        assert_eq!(
            unsafe { sse2::classify64(b.as_ptr()) },
            want,
            "sse2, start {start}"
        );
        if std::arch::is_x86_feature_detected!("avx2") {
            assert_eq!(
                unsafe { avx2::classify64(b.as_ptr()) },
                want,
                "avx2, start {start}"
            );
        }
    }
}

/// The fast pass's kernels against their table, on every byte value at each position, in
/// texts of every length around the chunk size (the last chunk goes through the table).
#[test]
fn text_masks_equal_the_table() {
    for start in 0..=255u8 {
        let b: Vec<u8> = (0..200u32)
            .map(|i| start.wrapping_add((i * 7) as u8))
            .collect();
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 200] {
            let b = &b[..len];
            let mut out = vec![TextMasks64::default(); len.div_ceil(64)];
            text_masks(b, |k, m| out[k] = m);
            for (k, m) in out.iter().enumerate() {
                let chunk = &b[64 * k..(64 * k + 64).min(len)];
                assert_eq!(
                    *m,
                    text_masks64_table(chunk),
                    "start {start} len {len} chunk {k}"
                );
            }
        }
    }
    #[cfg(target_arch = "x86_64")]
    for start in 0..=255u8 {
        let b: Vec<u8> = (0..64).map(|i| start.wrapping_add(i * 3)).collect();
        let mut got = TextMasks64::default();
        // SAFETY: 64 readable bytes; SSE2 is baseline, AVX2 is checked
        unsafe { sse2::text_masks(&b, 1, |_, m| got = m) };
        assert_eq!(got, text_masks64_table(&b), "sse2, start {start}");
        if std::arch::is_x86_feature_detected!("avx2") {
            unsafe { avx2::text_masks(&b, 1, |_, m| got = m) };
            assert_eq!(got, text_masks64_table(&b), "avx2, start {start}");
        }
    }
    // each byte in exactly one class
    let all: Vec<u8> = (0..=255u8).collect();
    for c in all.chunks(64) {
        let m = text_masks64_table(c);
        let classes = [
            m.space, m.tab, m.upper, m.lower, m.digit, m.punct, m.ctrl, m.cont, m.lead,
        ];
        assert_eq!(classes.iter().fold(0, |a, x| a | x), !0u64);
        assert_eq!(classes.iter().map(|x| x.count_ones()).sum::<u32>(), 64);
        assert_eq!(m.sep & !m.punct, 0);
        assert_eq!(m.url & !m.punct, 0);
    }
}

#[test]
fn simd_equals_table_on_every_byte() {
    for start in 0..=255u8 {
        let b: Vec<u8> = (0..64).map(|i| start.wrapping_add(i * 3)).collect();
        for len in [0, 1, 15, 16, 17, 63, 64] {
            assert_eq!(
                classify64(&b[..len]),
                classify64_table(&b[..len]),
                "start {start} len {len}"
            );
        }
    }
}

#[test]
fn scans() {
    let map = [0b1010u64, 0, 1 << 63];
    assert_eq!(next_set(&map, 0, 192), Some(1));
    assert_eq!(next_set(&map, 2, 192), Some(3));
    assert_eq!(next_set(&map, 4, 192), Some(191));
    assert_eq!(next_set(&map, 4, 191), None);
    assert_eq!(prev_set(&map, 0, 192), Some(191));
    assert_eq!(prev_set(&map, 0, 191), Some(3));
    assert_eq!(prev_set(&map, 2, 3), None);
    assert_eq!(prev_set(&map, 4, 191), None);
    assert_eq!(next_clear(&[!0u64, 0b11], 0, 128), 66);
    assert_eq!(next_clear(&[!0u64], 0, 64), 64);
    assert_eq!(count_range(&map, 0, 192), 3);
    assert_eq!(count_range(&map, 2, 191), 1);
    assert_eq!(count_range(&map, 1, 2), 1);
}

#[test]
fn clean_ascii() {
    let mut bm = Bitmaps::default();
    for (s, clean) in [
        ("a b", true),
        ("", true),
        (" a", false),
        ("a ", false),
        ("a  b", false),
        ("a\tb", false),
        ("é", false),
    ] {
        bm.fill(s);
        assert_eq!(bm.is_clean_ascii(), clean, "{s:?}");
    }
    let long = format!("{} {}", "x".repeat(63), "y");
    bm.fill(&long);
    assert!(bm.is_clean_ascii());
    let double = format!("{}  {}", "x".repeat(63), "y");
    bm.fill(&double);
    assert!(!bm.is_clean_ascii());
}

/// `is_normal` says yes only of lines that `normalize_line` leaves as they are.
fn check_normal(s: &str) {
    let mut bm = Bitmaps::default();
    bm.fill(s);
    if bm.is_normal() {
        assert_eq!(
            crate::normalize::normalize_line(s),
            s,
            "{s:?} is called normal"
        );
    }
}

#[test]
fn normal_lines() {
    for s in [
        "é",
        "“Quoted” words",
        "• item",
        "a\u{a0}b",
        "\u{feff}x",
        "a\u{301}",
        "x \u{85}",
        "中文 字符",
        "Größe: 12 €",
    ] {
        check_normal(s);
    }
    let mut bm = Bitmaps::default();
    bm.fill("“Quoted” Größe • item");
    assert!(bm.is_normal() && !bm.is_clean_ascii());
    bm.fill("a\u{a0}b");
    assert!(!bm.is_normal());
}

#[test]
fn char_table_is_the_slow_classification() {
    for u in 0x80..0x3000u32 {
        if let Some(c) = char::from_u32(u) {
            assert_eq!(char_class(c), char_class_slow(c), "U+{u:04X}");
        }
    }
}

#[test]
fn below_u0300_every_char_is_nfc() {
    for u in 0..0x300u32 {
        if let Some(c) = char::from_u32(u) {
            let s = format!("a{c}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(s.chars()),
                unicode_normalization::IsNormalized::Yes,
                "U+{u:04X}"
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn normal_means_normalize_leaves_it(s in "\\PC{0,40}|[ a-z\u{a0}\u{300}-\u{36f}\u{2000}-\u{200f}\u{feff}\u{80}-\u{9f}é]{0,20}") {
        check_normal(&s);
    }
}
