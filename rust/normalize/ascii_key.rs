//! The dedup key of a run of ASCII bytes 64 bytes at a time (AVX2, picked at run time), for
//! [`KeyBuf::ascii_run`](super::KeyBuf): the same key as its byte loop, with the same state
//! in and out.
//!
//! The key of ASCII text keeps each letter (lower-cased) and digit (as `0`), and writes one
//! space before a letter or digit when whitespace came since the last one, if one was
//! written before. A 64-byte block gives three bit masks: `a`, its letters and digits, `s`,
//! its whitespace, and `n = !a`, the bytes between them. The letters and digits that get a
//! space are the ones reached by a carry: `n + s` turns each run of `n` holding some
//! whitespace into a carry out of its top, onto the letter after it (a run adds at most
//! itself to itself, so a carry goes no further than that letter), and the carry out of the
//! block's top is the whitespace pending for the next block. That space is written in place
//! of the byte before its letter (a byte of `n`, so the key is never longer than the run but
//! for one space carried in), and the block's kept bytes, the letters and digits and those
//! spaces, are packed by a byte shuffle for each eight of them.
//!
//! Hand-written: no crate packs bytes by a mask in AVX2 (there is no such instruction below
//! AVX-512's `vpcompressb`), and the spacing rule is the key's own. The fast path's kept
//! lines' keys took 83 million instructions a round by the byte loop, 36 million so
//! (callgrind of `examples/profile_pages fast` on 300 dev pages, `REPS=2` less `REPS=1`).
//! The byte classes are `ASCII_CLASS`'s, written again as compares: the tests beside
//! `KeyBuf` hold the two together.

/// Runs shorter than this stay with the byte loop. Callgrind as above, a round: 1,066
/// million instructions from 16 bytes on, 1,068 from 32, 1,072 from 64.
pub(super) const MIN_RUN: usize = 16;

/// Shuffle controls packing the bytes of an 8-bit mask's set bits to the front, in order
/// (`0x80` zeroes the lanes past them).
#[cfg(target_arch = "x86_64")]
static PACK: [[u8; 8]; 256] = {
    let mut t = [[0x80u8; 8]; 256];
    let mut m = 0;
    while m < 256 {
        let (mut i, mut k) = (0, 0);
        while i < 8 {
            if m >> i & 1 == 1 {
                t[m][k] = i as u8;
                k += 1;
            }
            i += 1;
        }
        m += 1;
    }
    t
};

/// The key of the ASCII bytes `run` written at `buf[w..]` (`buf` has room for `run.len() +
/// 9` bytes past `w`): returns the new write position and whether whitespace is pending,
/// from `pending` (whitespace pending before the run) and `started` (a letter or digit was
/// written before), as the byte loop of `KeyBuf::ascii_run` does. `None` when the CPU has no
/// AVX2.
#[inline]
pub(super) fn ascii_run(
    run: &[u8],
    buf: &mut [u8],
    w: usize,
    pending: bool,
    started: bool,
) -> Option<(usize, bool)> {
    debug_assert!(run.is_ascii());
    assert!(buf.len() >= w + run.len() + 9, "room for the key");
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is present; the kernel reads `run` only within its length (the last
        // block through a copy) and writes `buf` only below `w + run.len() + 9`, asserted
        // above: each eight-byte store starts at a write position of at most `w + run.len()
        // + 1`
        return Some(unsafe { avx2::ascii_run(run, buf, w, pending, started) });
    }
    let _ = (run, buf, w, pending, started);
    None
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::PACK;

    /// The key bytes of 32 ASCII bytes (letters lower-cased, digits `0`, every other byte a
    /// space: only the spaces the caller keeps are written) and the masks of their letters
    /// and digits and of their whitespace.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn classify(v: __m256i) -> (__m256i, u32, u32) {
        let set = _mm256_set1_epi8;
        // ASCII bytes: signed compares are unsigned ones
        let within = |x: __m256i, lo: u8, hi: u8| {
            _mm256_and_si256(
                _mm256_cmpgt_epi8(x, set(lo as i8 - 1)),
                _mm256_cmpgt_epi8(set(hi as i8 + 1), x),
            )
        };
        let lower = _mm256_or_si256(v, set(0x20));
        let letter = within(lower, b'a', b'z');
        let digit = within(v, b'0', b'9');
        let alnum = _mm256_or_si256(letter, digit);
        // `char::is_whitespace` of ASCII: the space and \t \n \x0b \x0c \r
        let ws = _mm256_or_si256(
            _mm256_cmpeq_epi8(v, set(b' ' as i8)),
            within(v, b'\t', b'\r'),
        );
        let key = _mm256_blendv_epi8(
            set(b' ' as i8),
            _mm256_blendv_epi8(lower, set(b'0' as i8), digit),
            alnum,
        );
        (
            key,
            _mm256_movemask_epi8(alnum) as u32,
            _mm256_movemask_epi8(ws) as u32,
        )
    }

    /// See [`super::ascii_run`].
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn ascii_run(
        run: &[u8],
        buf: &mut [u8],
        mut w: usize,
        pending: bool,
        mut started: bool,
    ) -> (usize, bool) {
        let mut carry = pending;
        let out = buf.as_mut_ptr();
        let mut key = [0u8; 64];
        let mut last = [0u8; 64];
        let mut blocks = run.chunks_exact(64);
        let tail = blocks.remainder();
        // the last block through a copy padded with NULs: not letters, digits or whitespace,
        // so they only lengthen the last run of `n` (nothing is kept of them, and the carry
        // out of it is still the pending whitespace)
        last[..tail.len()].copy_from_slice(tail);
        let tail_block = (!tail.is_empty()).then_some(&last[..]);
        for block in blocks.by_ref().chain(tail_block) {
            let p = block.as_ptr();
            let (k0, a0, s0) = classify(_mm256_loadu_si256(p.cast()));
            let (k1, a1, s1) = classify(_mm256_loadu_si256(p.add(32).cast()));
            _mm256_storeu_si256(key.as_mut_ptr().cast(), k0);
            _mm256_storeu_si256(key.as_mut_ptr().add(32).cast(), k1);
            let a = a0 as u64 | (a1 as u64) << 32;
            let s = s0 as u64 | (s1 as u64) << 32;
            let (sum, c0) = (!a).overflowing_add(s);
            let (sum, c1) = sum.overflowing_add(carry as u64);
            carry = c0 | c1;
            // the letters and digits after whitespace (past the first one written)
            let mut spaced = sum & a;
            if !started && a != 0 {
                spaced &= !(a & a.wrapping_neg());
                started = true;
            }
            if spaced & 1 != 0 {
                // its space's byte is in the block before
                *out.add(w) = b' ';
                w += 1;
            }
            let keep = a | spaced >> 1;
            // sixteen key bytes at a time, packed eight by eight: the second eight's
            // controls point 8 lanes up (and `0x80 + 8` still zeroes a lane). Through
            // general registers, not `movq` stores of a vector: valgrind 3.19 cannot run
            // the VEX form of those (callgrind counts this code)
            for h in 0..4 {
                let bytes = _mm_loadu_si128(key.as_ptr().add(16 * h).cast());
                for (half, up) in [(0, 0i8), (1, 8)] {
                    let m = (keep >> (16 * h + 8 * half)) as u8;
                    let control = _mm_add_epi8(
                        _mm_cvtsi64_si128(u64::from_le_bytes(PACK[m as usize]) as i64),
                        _mm_set1_epi8(up),
                    );
                    let packed = _mm_cvtsi128_si64(_mm_shuffle_epi8(bytes, control));
                    out.add(w).cast::<i64>().write_unaligned(packed);
                    w += m.count_ones() as usize;
                }
            }
        }
        (w, carry && started)
    }
}
