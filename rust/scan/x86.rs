//! The x86_64 kernels of [`classify64`](crate::scan::classify64): SSE2 (the baseline) and
//! AVX2 (picked at run time), the same comparisons at two vector widths. Apart from the
//! portable classification because they are `unsafe` intrinsics compiled for x86_64 only.

/// Adds the masks of one vector `x` of a 64-byte chunk, at bit `sh`, to `m`: the same
/// comparisons for both widths, from the module's `range(x, lo, hi)` and `eq(x, c)` (a bit
/// per byte) and `high` (the bytes' top bits).
macro_rules! add_masks {
    ($m:ident, $x:ident, $sh:expr, $range:ident, $eq:ident, $high:expr) => {{
        let sh = $sh;
        let upper = $range($x, b'A', b'Z');
        let lower = $range($x, b'a', b'z');
        $m.space |= ($eq($x, b' ') as u64) << sh;
        $m.alpha |= ((upper | lower) as u64) << sh;
        $m.upper |= (upper as u64) << sh;
        $m.digit |= ($range($x, b'0', b'9') as u64) << sh;
        $m.sep |= (($eq($x, b'|') | $eq($x, b'>') | $eq($x, b'/')) as u64) << sh;
        $m.phone |= (($eq($x, b'-') | $eq($x, b'.') | $eq($x, b'(') | $eq($x, b')')) as u64) << sh;
        $m.control |= (($range($x, 0, 0x1f) | $eq($x, 0x7f)) as u64) << sh;
        $m.high |= ($high as u64) << sh;
        $m.at |= ($eq($x, b'@') as u64) << sh;
    }};
}

/// The fast pass's masks (`TextMasks64`) of one vector `x`, at bit `sh`, added to `m` (as
/// `add_masks`); `punct` is what no other class takes, set by the caller for whole chunks.
macro_rules! add_text_masks {
    ($m:ident, $x:ident, $sh:expr, $range:ident, $eq:ident, $high:expr) => {{
        let sh = $sh;
        let high = $high as u64;
        let cont = $range($x, 0x80, 0xbf) as u64;
        $m.space |= ($eq($x, b' ') as u64) << sh;
        $m.tab |= ($eq($x, b'\t') as u64) << sh;
        $m.upper |= ($range($x, b'A', b'Z') as u64) << sh;
        $m.lower |= ($range($x, b'a', b'z') as u64) << sh;
        $m.digit |= ($range($x, b'0', b'9') as u64) << sh;
        $m.ctrl |= ((($range($x, 0, 0x1f) & !$eq($x, b'\t')) | $eq($x, 0x7f)) as u64) << sh;
        $m.cont |= cont << sh;
        $m.lead |= (high & !cont) << sh;
        $m.sep |= (($eq($x, b'|') | $eq($x, b'>') | $eq($x, b'/')) as u64) << sh;
        $m.url |= (($eq($x, b':') | $eq($x, b'.')) as u64) << sh;
    }};
}

/// The printable ASCII bytes no other class of a whole chunk took.
#[inline(always)]
fn finish_text_masks(m: &mut crate::scan::TextMasks64) {
    m.punct = !(m.space | m.tab | m.upper | m.lower | m.digit | m.ctrl | m.cont | m.lead);
}

pub(super) mod sse2 {
    use crate::scan::{Masks64, TextMasks64};
    use std::arch::x86_64::*;

    /// Unsigned `lo <= x <= hi` per byte, as a 16-bit mask.
    #[inline(always)]
    unsafe fn range(x: __m128i, lo: u8, hi: u8) -> u32 {
        // x - lo wraps below lo to large values; flipping the sign bit turns the unsigned
        // comparison `x - lo < hi - lo + 1` into SSE2's signed one
        let t = _mm_xor_si128(
            _mm_sub_epi8(x, _mm_set1_epi8(lo as i8)),
            _mm_set1_epi8(-128),
        );
        let lim = _mm_set1_epi8(((hi - lo + 1) ^ 0x80) as i8);
        _mm_movemask_epi8(_mm_cmplt_epi8(t, lim)) as u32
    }

    #[inline(always)]
    unsafe fn eq(x: __m128i, c: u8) -> u32 {
        _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(c as i8))) as u32
    }

    /// # Safety
    /// `p` must point to 64 readable bytes.
    #[inline]
    pub unsafe fn classify64(p: *const u8) -> Masks64 {
        let mut m = Masks64::default();
        for k in 0..4 {
            let x = _mm_loadu_si128(p.add(16 * k) as *const __m128i);
            add_masks!(m, x, 16 * k as u32, range, eq, _mm_movemask_epi8(x) as u32);
        }
        m
    }

    /// The fast pass's masks of each of the first `full` 64-byte chunks of `b`, handed to
    /// `store` with the chunk's number.
    ///
    /// # Safety
    /// `b` must hold at least `64 * full` bytes.
    #[inline]
    pub unsafe fn text_masks(b: &[u8], full: usize, mut store: impl FnMut(usize, TextMasks64)) {
        assert!(b.len() >= 64 * full); // (once per text: the reads stay in `b` whatever the caller)
        for c in 0..full {
            let mut m = TextMasks64::default();
            for k in 0..4 {
                let x = _mm_loadu_si128(b.as_ptr().add(64 * c + 16 * k) as *const __m128i);
                add_text_masks!(m, x, 16 * k as u32, range, eq, _mm_movemask_epi8(x) as u32);
            }
            super::finish_text_masks(&mut m);
            store(c, m);
        }
    }
}

/// [`sse2`]'s classification on 32-byte vectors: the same comparisons, two loads instead of
/// four.
pub(super) mod avx2 {
    use crate::scan::{Masks64, TextMasks64};
    use std::arch::x86_64::*;

    /// Unsigned `lo <= x <= hi` per byte, as a 32-bit mask (the sign-flip of `sse2::range`).
    #[inline]
    #[target_feature(enable = "avx2")]
    fn range(x: __m256i, lo: u8, hi: u8) -> u32 {
        let t = _mm256_xor_si256(
            _mm256_sub_epi8(x, _mm256_set1_epi8(lo as i8)),
            _mm256_set1_epi8(-128),
        );
        let lim = _mm256_set1_epi8(((hi - lo + 1) ^ 0x80) as i8);
        _mm256_movemask_epi8(_mm256_cmpgt_epi8(lim, t)) as u32
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    fn eq(x: __m256i, c: u8) -> u32 {
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(c as i8))) as u32
    }

    /// # Safety
    /// `p` must point to 64 readable bytes, and the CPU must have AVX2.
    #[inline]
    #[target_feature(enable = "avx2")]
    pub unsafe fn classify64(p: *const u8) -> Masks64 {
        let mut m = Masks64::default();
        for k in 0..2 {
            // SAFETY: `p + 32k .. p + 32k + 32` is inside the 64 bytes the caller vouches for
            let x = unsafe { _mm256_loadu_si256(p.add(32 * k) as *const __m256i) };
            add_masks!(
                m,
                x,
                32 * k as u32,
                range,
                eq,
                _mm256_movemask_epi8(x) as u32
            );
        }
        m
    }

    /// [`super::sse2::text_masks`] on 32-byte vectors.
    ///
    /// # Safety
    /// `b` must hold at least `64 * full` bytes, and the CPU must have AVX2.
    #[inline]
    #[target_feature(enable = "avx2")]
    pub unsafe fn text_masks(b: &[u8], full: usize, mut store: impl FnMut(usize, TextMasks64)) {
        assert!(b.len() >= 64 * full); // (once per text: the reads stay in `b` whatever the caller)
        for c in 0..full {
            let mut m = TextMasks64::default();
            for k in 0..2 {
                // SAFETY: chunk `c` is inside `b`, as the caller vouches
                let x = unsafe {
                    _mm256_loadu_si256(b.as_ptr().add(64 * c + 32 * k) as *const __m256i)
                };
                add_text_masks!(
                    m,
                    x,
                    32 * k as u32,
                    range,
                    eq,
                    _mm256_movemask_epi8(x) as u32
                );
            }
            super::finish_text_masks(&mut m);
            store(c, m);
        }
    }
}
