//! git's content similarity (diffcore-delta.c), so renames and copies are judged the way
//! `git log --follow` judges them: the same chunking, the same hash, the same 50 % threshold.

/// git's scale: 60000 is identical, the default threshold for a rename or copy is half of it.
pub const MAX_SCORE: u64 = 60_000;
pub const MIN_SCORE: u64 = MAX_SCORE / 2;

/// git hashes chunks modulo this prime; collisions are part of git's answer, so we keep them.
pub const HASHBASE: u32 = 107_927;

/// A blob reduced to what similarity needs: its size and, per chunk hash, how many bytes of
/// chunks with that hash it holds. Sorted by hash so two signatures merge in one pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    pub size: u64,
    pub spans: Vec<(u32, u32)>,
}

impl Signature {
    /// Chunks end at a newline or after 64 bytes, as in git's `hash_chars`. A CR right before
    /// a LF is skipped for text so CRLF and LF versions of a file match.
    pub fn of(data: &[u8]) -> Signature {
        // git decides "binary" by looking for a NUL in the first 8000 bytes.
        let is_text = memchr::memchr(0, &data[..data.len().min(8000)]).is_none();
        // Only a CR right before a LF is skipped: without any CR the check can go.
        let skip_cr = is_text && memchr::memchr(b'\r', data).is_some();
        let mut counts: Vec<(u32, u32)> = Vec::with_capacity(data.len() / 32 + 1);
        // git's two 32-bit accumulators, `accum1` in the low half: each step of git's
        // `hash_chars` shifts the pair left by 7 bits as one 64-bit rotation, then adds the
        // byte to `accum1` without carrying into `accum2`.
        let (mut accum, mut n) = (0u64, 0u32);
        let mut i = 0;
        while i < data.len() {
            let c = data[i];
            i += 1;
            if skip_cr && c == b'\r' && data.get(i) == Some(&b'\n') {
                continue;
            }
            accum = accum.rotate_left(7);
            accum = (accum & !0xffff_ffff) | u64::from((accum as u32).wrapping_add(u32::from(c)));
            n += 1;
            if n < 64 && c != b'\n' {
                continue;
            }
            counts.push((chunk_hash(accum as u32, (accum >> 32) as u32), n));
            (accum, n) = (0, 0);
        }
        if n > 0 {
            counts.push((chunk_hash(accum as u32, (accum >> 32) as u32), n));
        }
        Signature {
            size: data.len() as u64,
            spans: spans(counts),
        }
    }
}

/// (hash, bytes) per chunk, in file order, to bytes per hash in hash order.
fn spans(mut counts: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    counts.sort_unstable_by_key(|&(h, _)| h);
    let mut spans: Vec<(u32, u32)> = Vec::with_capacity(counts.len());
    for (h, n) in counts {
        match spans.last_mut() {
            Some((last, total)) if *last == h => *total += n,
            _ => spans.push((h, n)),
        }
    }
    spans
}

fn chunk_hash(accum1: u32, accum2: u32) -> u32 {
    accum1.wrapping_add(accum2.wrapping_mul(0x61)) % HASHBASE
}

/// Whether two sizes are too far apart for any score at or above `MIN_SCORE` (git skips these
/// pairs without reading them, and so must we to give the same answers).
pub fn sizes_compatible(a: u64, b: u64) -> bool {
    let (max, min) = if a > b { (a, b) } else { (b, a) };
    max * (MAX_SCORE - MIN_SCORE) >= (max - min) * MAX_SCORE
}

/// git's `estimate_similarity`: bytes of the source found in the destination over the size of
/// the larger file, on a 0..=60000 scale. Empty files score 0, as in git.
pub fn score(src: &Signature, dst: &Signature) -> u64 {
    let max = src.size.max(dst.size);
    if max == 0 || dst.size == 0 || !sizes_compatible(src.size, dst.size) {
        return 0;
    }
    let copied = shared_bytes(src, dst);
    copied * MAX_SCORE / max
}

/// Bytes of `src` chunks that also occur in `dst` (per hash, the smaller of the two counts).
pub fn shared_bytes(src: &Signature, dst: &Signature) -> u64 {
    let (mut i, mut j, mut copied) = (0, 0, 0u64);
    while i < src.spans.len() && j < dst.spans.len() {
        let (sh, sc) = src.spans[i];
        let (dh, dc) = dst.spans[j];
        match sh.cmp(&dh) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                copied += u64::from(sc.min(dc));
                i += 1;
                j += 1;
            }
        }
    }
    copied
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(range: std::ops::RangeInclusive<u32>) -> String {
        range.map(|i| format!("{i}\n")).collect()
    }

    #[test]
    fn identical_files_score_max() {
        let a = Signature::of(lines(1..=40).as_bytes());
        assert_eq!(score(&a, &a), MAX_SCORE);
    }

    #[test]
    fn matches_git_score_for_a_file_with_one_line_appended() {
        // `seq 0 41 > a; (cat a; echo extra) > c` is reported by git as C095.
        let a = lines(0..=41);
        let c = format!("{a}extra\n");
        let s = score(&Signature::of(a.as_bytes()), &Signature::of(c.as_bytes()));
        assert_eq!(s * 100 / MAX_SCORE, 95);
    }

    #[test]
    fn unrelated_files_score_low() {
        let a = Signature::of(lines(1..=40).as_bytes());
        let b = Signature::of(lines(100..=140).as_bytes());
        assert!(score(&a, &b) < MIN_SCORE);
    }

    #[test]
    fn crlf_and_lf_versions_match() {
        let lf = lines(1..=20);
        let crlf = lf.replace('\n', "\r\n");
        let s = score(
            &Signature::of(lf.as_bytes()),
            &Signature::of(crlf.as_bytes()),
        );
        // The sizes differ by the CRs, so the score is below max but far above the threshold.
        assert!(s > MIN_SCORE, "score {s}");
    }

    #[test]
    fn sizes_too_far_apart_are_skipped() {
        assert!(sizes_compatible(100, 50));
        assert!(!sizes_compatible(100, 49));
        let small = Signature::of(b"a\n");
        let big = Signature::of(lines(1..=100).as_bytes());
        assert_eq!(score(&small, &big), 0);
    }

    /// git's `hash_chars` as written in diffcore-delta.c, one byte at a time, with two
    /// 32-bit accumulators.
    fn reference(data: &[u8]) -> Signature {
        let is_text = !data[..data.len().min(8000)].contains(&0);
        let mut counts = Vec::new();
        let (mut accum1, mut accum2, mut n) = (0u32, 0u32, 0u32);
        let mut i = 0;
        while i < data.len() {
            let c = u32::from(data[i]);
            i += 1;
            if is_text && c == u32::from(b'\r') && data.get(i) == Some(&b'\n') {
                continue;
            }
            let old1 = accum1;
            accum1 = (accum1 << 7) ^ (accum2 >> 25);
            accum2 = (accum2 << 7) ^ (old1 >> 25);
            accum1 = accum1.wrapping_add(c);
            n += 1;
            if n < 64 && c != u32::from(b'\n') {
                continue;
            }
            counts.push((chunk_hash(accum1, accum2), n));
            (accum1, accum2, n) = (0, 0, 0);
        }
        if n > 0 {
            counts.push((chunk_hash(accum1, accum2), n));
        }
        Signature {
            size: data.len() as u64,
            spans: spans(counts),
        }
    }

    #[test]
    fn signatures_are_gits_byte_by_byte_hash() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut bytes = |n: usize, alphabet: &[u8]| -> Vec<u8> {
            (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    alphabet[(x % alphabet.len() as u64) as usize]
                })
                .collect()
        };
        let cases = [
            bytes(5000, b"ab \n"),
            bytes(5000, b"abcdefgh\r\n"),
            bytes(3000, b"\r\r\nxy"),
            bytes(9000, &[0, 1, b'\n', b'\r', 200, 255]),
            bytes(300, b"x"),
            b"ends with a CR\r".to_vec(),
            Vec::new(),
        ];
        for data in &cases {
            assert_eq!(Signature::of(data), reference(data));
        }
    }

    #[test]
    fn long_lines_are_cut_into_64_byte_chunks() {
        let sig = Signature::of(&[b'x'; 130]);
        let total: u32 = sig.spans.iter().map(|&(_, n)| n).sum();
        assert_eq!(total, 130);
        assert_eq!(
            sig.spans.len(),
            2,
            "two 64-byte chunks share a hash, then a 2-byte tail"
        );
    }
}
