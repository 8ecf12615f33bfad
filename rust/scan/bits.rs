//! Scans over one map (a set bit, a clear bit, a count in a range), 64 bytes a step: the
//! operations the per-line statistics and the word walks are made of, hence `#[inline]`.
//! Apart from `Bitmaps` because they take any map slice. With them a prefetch hint, the other
//! small primitive of the hot loops.

#[inline]
pub fn bit(map: &[u64], i: usize) -> bool {
    map[i >> 6] >> (i & 63) & 1 != 0
}

/// Number of set bits.
#[inline]
pub fn count(map: &[u64]) -> u32 {
    map.iter().map(|w| w.count_ones()).sum()
}

/// First set bit in `from..to`, if any.
#[inline]
pub fn next_set(map: &[u64], from: usize, to: usize) -> Option<usize> {
    if from >= to {
        return None;
    }
    let mut k = from >> 6;
    let mut w = map[k] & (!0u64 << (from & 63));
    loop {
        if w != 0 {
            let i = (k << 6) + w.trailing_zeros() as usize;
            return (i < to).then_some(i);
        }
        k += 1;
        if k << 6 >= to {
            return None;
        }
        w = map[k];
    }
}

/// Last set bit in `from..to`, if any.
#[inline]
pub fn prev_set(map: &[u64], from: usize, to: usize) -> Option<usize> {
    if from >= to {
        return None;
    }
    let last = to - 1;
    let mut k = last >> 6;
    let mut w = map[k] & (!0u64 >> (63 - (last & 63)));
    loop {
        if w != 0 {
            let i = (k << 6) + 63 - w.leading_zeros() as usize;
            return (i >= from).then_some(i);
        }
        if k == 0 || (k << 6) <= from {
            return None;
        }
        k -= 1;
        w = map[k];
    }
}

/// First clear bit in `from..len`, or `len`.
#[inline]
pub fn next_clear(map: &[u64], from: usize, len: usize) -> usize {
    if from >= len {
        return len;
    }
    let mut k = from >> 6;
    let mut w = !map[k] & (!0u64 << (from & 63));
    loop {
        if w != 0 {
            return ((k << 6) + w.trailing_zeros() as usize).min(len);
        }
        k += 1;
        if k << 6 >= len {
            return len;
        }
        w = !map[k];
    }
}

/// A hint to bring `x`'s cache line in (nothing elsewhere than x86_64), for lookups into
/// tables too large for the L1 cache whose addresses are known some time before the read.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing architecturally and cannot fault; `x` is a reference
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(x as *const T as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Set bits of `map` in `from..to`.
#[inline]
pub fn count_range(map: &[u64], from: usize, to: usize) -> u32 {
    if from >= to {
        return 0;
    }
    let (a, b) = (from >> 6, (to - 1) >> 6);
    let lo = !0u64 << (from & 63);
    let hi = !0u64 >> (63 - ((to - 1) & 63));
    if a == b {
        return (map[a] & lo & hi).count_ones();
    }
    let mut n = (map[a] & lo).count_ones() + (map[b] & hi).count_ones();
    for w in &map[a + 1..b] {
        n += w.count_ones();
    }
    n
}
