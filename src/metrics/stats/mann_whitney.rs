//! The Mann–Whitney U test: do two samples of a metric (a run's request durations against the
//! baseline's) differ by more than chance? Chosen over a bootstrap interval because it is
//! exact and deterministic (the same two files always give the same p-value), needs no
//! assumption about the latency distribution's shape, and costs one sort.
//!
//! Follows scipy's `mannwhitneyu` (two-sided): exact when the smaller sample has at most 8
//! points and nothing ties, otherwise the normal approximation with tie correction and
//! continuity correction.

use super::dist;

/// The test's outcome.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MannWhitney {
    /// U of the first sample (the count of pairs where it is larger, ties counting half).
    pub u: f64,
    /// Two-sided.
    pub p_value: f64,
    /// Whether `p_value` comes from the exact distribution rather than the approximation.
    pub exact: bool,
}

/// Past this many cells the exact distribution costs more than it is worth.
const EXACT_MAX_CELLS: usize = 1_000_000;

/// `None` when a sample is empty or holds a value that is not a number.
pub fn mann_whitney(a: &[f64], b: &[f64]) -> Option<MannWhitney> {
    let (n1, n2) = (a.len(), b.len());
    if n1 == 0 || n2 == 0 || a.iter().chain(b).any(|x| x.is_nan()) {
        return None;
    }
    let mut all: Vec<(f64, bool)> = a
        .iter()
        .map(|&x| (x, true))
        .chain(b.iter().map(|&x| (x, false)))
        .collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    // Mid-ranks for ties, and the tie term Σ(t³ − t) for the variance.
    let (mut rank_a, mut ties) = (0.0, 0.0);
    let mut i = 0;
    while i < all.len() {
        let j = (i..all.len())
            .find(|&j| all[j].0 != all[i].0)
            .unwrap_or(all.len());
        let t = (j - i) as f64;
        let mid = (i + j + 1) as f64 / 2.0;
        rank_a += mid * all[i..j].iter().filter(|x| x.1).count() as f64;
        ties += t * t * t - t;
        i = j;
    }
    let (f1, f2) = (n1 as f64, n2 as f64);
    let u1 = rank_a - f1 * (f1 + 1.0) / 2.0;
    let u = u1.max(f1 * f2 - u1);
    let small = n1.min(n2);
    if small <= 8 && ties == 0.0 && n1 * n2 <= EXACT_MAX_CELLS {
        let p = (2.0 * exact_sf(small, n1.max(n2), u as usize)).min(1.0);
        return Some(MannWhitney {
            u: u1,
            p_value: p,
            exact: true,
        });
    }
    let n = f1 + f2;
    let sd = (f1 * f2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)))).sqrt();
    let p = if sd > 0.0 {
        dist::normal_two_sided((u - f1 * f2 / 2.0 - 0.5) / sd)
    } else {
        1.0
    };
    Some(MannWhitney {
        u: u1,
        p_value: p.min(1.0),
        exact: false,
    })
}

/// `P(U ≥ u)` under the null for samples of `m ≤ n` points: the coefficients of the Gaussian
/// binomial `[m+n choose m]_q` count the arrangements giving each U.
fn exact_sf(m: usize, n: usize, u: usize) -> f64 {
    let top = m * n;
    let mut c = vec![0.0f64; top + 1];
    c[0] = 1.0;
    for i in 1..=m {
        // × (1 − q^(n+i)), then ÷ (1 − q^i): each step leaves [n+i choose i]_q, all positive.
        let k = n + i;
        for j in (k..=top).rev() {
            c[j] -= c[j - k];
        }
        for j in i..=top {
            c[j] += c[j - i];
        }
    }
    let total: f64 = c.iter().sum();
    c[u.min(top)..].iter().sum::<f64>() / total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() <= 1e-6 * b, "{a} is not close to {b}");
    }

    // Expected values: scipy 1.17.1 `scipy.stats.mannwhitneyu(a, b)` (two-sided, method
    // "auto"), printed by scripts/stats_reference.py.
    #[test]
    fn exact_small_samples() {
        let a = [1.2, 3.4, 2.2, 5.1, 4.4, 2.9, 3.3];
        let b = [4.5, 6.1, 5.5, 3.9, 7.2, 6.6];
        let r = mann_whitney(&a, &b).unwrap();
        assert!(r.exact);
        assert_eq!(r.u, 3.0);
        close(r.p_value, 0.008158508158508158);
    }

    #[test]
    fn ties_use_the_corrected_approximation() {
        let a = [1., 2., 2., 3., 3., 3., 4., 5., 5., 6., 7., 8.];
        let b = [3., 4., 4., 5., 6., 6., 7., 8., 8., 9., 9., 10., 11.];
        let r = mann_whitney(&a, &b).unwrap();
        assert!(!r.exact);
        assert_eq!(r.u, 30.0);
        close(r.p_value, 0.009371664169231873);
    }

    #[test]
    fn large_samples_use_the_approximation() {
        let a: Vec<f64> = (0..30).map(f64::from).collect();
        let b: Vec<f64> = (0..25).map(|x| f64::from(x) + 8.5).collect();
        let r = mann_whitney(&a, &b).unwrap();
        assert_eq!(r.u, 231.0);
        close(r.p_value, 0.015283411524089513);
        // And the exact distribution agrees with scipy's method="exact" where it applies.
        close(2.0 * exact_sf(25, 30, 750 - 231), 0.014431996020201284);
    }

    #[test]
    fn empty_or_nan_is_no_answer() {
        assert!(mann_whitney(&[], &[1.0]).is_none());
        assert!(mann_whitney(&[f64::NAN], &[1.0]).is_none());
        assert_eq!(mann_whitney(&[1.0, 1.0], &[1.0, 1.0]).unwrap().p_value, 1.0);
    }
}
