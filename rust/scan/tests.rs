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
