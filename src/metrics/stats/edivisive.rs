//! Change points in a series: E-Divisive means with Hunter's refinements (Apache Otava).
//!
//! 1. The series is cut into windows of `window` points that overlap by half, so a long
//!    history costs linear time and an old shift cannot hide a new one.
//! 2. In each window, E-Divisive splits a segment where the energy statistic (the mean pairwise
//!    distance across the split against the distances within each side) is largest, and
//!    recurses into both sides while the split is significant. Significance is Welch's t-test
//!    between the two sides, not a permutation test: the same series always gives the same
//!    answer.
//! 3. The candidates from all windows are then judged again between their neighbours, and the
//!    weakest failing one (highest p-value) is dropped, bottom-up, until every change point left
//!    is significant at `p_value` AND large enough to matter (the minimum effect below).
//!
//! The minimum effect is perfdoc's addition: at Otava's defaults a long flat series with noise
//! yields "changes" of a fraction of a percent, because with enough points any wobble is
//! significant. A change must move the mean by at least `min_sigmas` times the noise of the two
//! segments (their pooled standard deviation) and by at least `min_pct` percent of the mean
//! before it.

use super::welch::{self, Moments};

/// How change points are judged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// The largest p-value a change point may have.
    pub p_value: f64,
    /// Points per window.
    pub window: usize,
    /// Minimum shift of the mean, in pooled standard deviations of the two segments.
    pub min_sigmas: f64,
    /// Minimum shift of the mean, in percent of the mean before.
    pub min_pct: f64,
}

/// The defaults, as `perfdoc changes --help` shows them.
pub const DEFAULT_P_VALUE: f64 = 0.001;
pub const DEFAULT_WINDOW: usize = 50;
pub const MIN_SIGMAS: f64 = 2.0;
pub const MIN_PCT: f64 = 1.0;

impl Default for Options {
    fn default() -> Options {
        Options {
            p_value: DEFAULT_P_VALUE,
            window: DEFAULT_WINDOW,
            min_sigmas: MIN_SIGMAS,
            min_pct: MIN_PCT,
        }
    }
}

/// Segments shorter than this are not split off: a t-test needs a variance on each side.
pub const MIN_SEGMENT: usize = 3;

/// One change: the series' level moves at `index` (the first point of the new level).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ChangePoint {
    pub index: usize,
    /// Mean of the segment before (back to the previous change point).
    pub before: f64,
    /// Mean of the segment after (up to the next change point).
    pub after: f64,
    /// Signed change of the mean in %, `None` when the mean before is zero.
    pub change_pct: Option<f64>,
    pub p_value: f64,
}

/// The change points of `xs`, oldest first. Values that are not finite make no sense as a
/// level; callers drop them before.
pub fn change_points(xs: &[f64], opts: &Options) -> Vec<ChangePoint> {
    let n = xs.len();
    if n < 2 * MIN_SEGMENT {
        return Vec::new();
    }
    let window = opts.window.max(2 * MIN_SEGMENT);
    let mut candidates: Vec<usize> = Vec::new();
    let mut start = 0;
    loop {
        let end = (start + window).min(n);
        split_window(xs, start, end, opts.p_value, &mut candidates);
        if end == n {
            break;
        }
        start += window / 2;
    }
    candidates.sort_unstable();
    candidates.dedup();
    merge(xs, candidates, opts)
}

/// E-Divisive inside `xs[start..end]`: splits while the best split is significant.
fn split_window(xs: &[f64], start: usize, end: usize, p_value: f64, out: &mut Vec<usize>) {
    let mut todo = vec![(start, end)];
    while let Some((a, b)) = todo.pop() {
        let Some(tau) = best_split(&xs[a..b]).map(|t| a + t) else {
            continue;
        };
        let p = welch::p_value(Moments::of(&xs[a..tau]), Moments::of(&xs[tau..b]));
        if p <= p_value {
            out.push(tau);
            todo.push((a, tau));
            todo.push((tau, b));
        }
    }
}

/// The split of `xs` with the largest energy statistic, `m·n/(m+n) · (2/(mn)·Σ|x−y| −
/// Σ|x−x'|/C(m,2) − Σ|y−y'|/C(n,2))`, each side at least `MIN_SEGMENT` long. O(len²): moving
/// one point across the split updates the three sums by one row of distances.
fn best_split(xs: &[f64]) -> Option<usize> {
    let len = xs.len();
    if len < 2 * MIN_SEGMENT {
        return None;
    }
    let row = |i: usize, from: usize, to: usize| -> f64 {
        xs[from..to].iter().map(|x| (x - xs[i]).abs()).sum()
    };
    // Split at 0: everything on the right.
    let mut left = 0.0;
    let mut right: f64 = (0..len).map(|i| row(i, i + 1, len)).sum();
    let mut cross = 0.0;
    let mut best: Option<(f64, usize)> = None;
    for tau in 1..=len - MIN_SEGMENT {
        // Point tau-1 moves from the right side to the left.
        let i = tau - 1;
        let to_left = row(i, 0, i);
        let to_right = row(i, tau, len);
        left += to_left;
        right -= to_right;
        cross += to_right - to_left;
        if tau < MIN_SEGMENT {
            continue;
        }
        let (m, n) = (tau as f64, (len - tau) as f64);
        let e =
            2.0 * cross / (m * n) - left / (m * (m - 1.0) / 2.0) - right / (n * (n - 1.0) / 2.0);
        let q = m * n / (m + n) * e;
        if best.is_none_or(|(b, _)| q > b) {
            best = Some((q, tau));
        }
    }
    best.map(|(_, t)| t)
}

/// Judges every candidate between its neighbours and drops the weakest failing one until all
/// pass.
fn merge(xs: &[f64], mut cps: Vec<usize>, opts: &Options) -> Vec<ChangePoint> {
    loop {
        let judged: Vec<(ChangePoint, bool)> = (0..cps.len())
            .map(|i| {
                let from = if i == 0 { 0 } else { cps[i - 1] };
                let to = cps.get(i + 1).copied().unwrap_or(xs.len());
                judge(xs, from, cps[i], to, opts)
            })
            .collect();
        let weakest = judged
            .iter()
            .enumerate()
            .filter(|(_, (_, ok))| !ok)
            .max_by(|a, b| a.1.0.p_value.total_cmp(&b.1.0.p_value))
            .map(|(i, _)| i);
        match weakest {
            Some(i) => {
                cps.remove(i);
            }
            None => return judged.into_iter().map(|(c, _)| c).collect(),
        }
    }
}

fn judge(xs: &[f64], from: usize, at: usize, to: usize, opts: &Options) -> (ChangePoint, bool) {
    let (a, b) = (Moments::of(&xs[from..at]), Moments::of(&xs[at..to]));
    let p_value = welch::p_value(a, b);
    let shift = (b.mean - a.mean).abs();
    let pooled = if a.n + b.n > 2 {
        (((a.n.saturating_sub(1)) as f64 * a.var + (b.n.saturating_sub(1)) as f64 * b.var)
            / (a.n + b.n - 2) as f64)
            .sqrt()
    } else {
        0.0
    };
    let big_enough =
        shift >= opts.min_sigmas * pooled && shift >= opts.min_pct / 100.0 * a.mean.abs();
    let change_pct = (a.mean != 0.0).then(|| (b.mean - a.mean) / a.mean.abs() * 100.0);
    let cp = ChangePoint {
        index: at,
        before: a.mean,
        after: b.mean,
        change_pct,
        p_value,
    };
    (cp, p_value <= opts.p_value && big_enough && shift > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic noise: a linear congruential generator summed to a rough bell (Irwin–Hall
    /// of 4 uniforms, centred, unit variance).
    struct Noise(u64);
    impl Noise {
        fn next(&mut self) -> f64 {
            let mut s = 0.0;
            for _ in 0..4 {
                self.0 = self
                    .0
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s += (self.0 >> 11) as f64 / (1u64 << 53) as f64;
            }
            (s - 2.0) * 3f64.sqrt()
        }
    }

    /// `levels` as `(length, level)`, with noise of `sd`.
    fn series(seed: u64, levels: &[(usize, f64)], sd: f64) -> Vec<f64> {
        let mut noise = Noise(seed);
        levels
            .iter()
            .flat_map(|&(len, level)| vec![level; len])
            .map(|l| l + sd * noise.next())
            .collect()
    }

    fn found(xs: &[f64]) -> Vec<usize> {
        change_points(xs, &Options::default())
            .iter()
            .map(|c| c.index)
            .collect()
    }

    fn assert_near(found: &[usize], expected: &[usize]) {
        assert_eq!(
            found.len(),
            expected.len(),
            "found {found:?}, expected {expected:?}"
        );
        for (f, e) in found.iter().zip(expected) {
            assert!(
                f.abs_diff(*e) <= 2,
                "found {found:?}, expected {expected:?}"
            );
        }
    }

    #[test]
    fn a_step_up_and_a_step_down() {
        for seed in 1..20 {
            assert_near(
                &found(&series(seed, &[(40, 100.0), (40, 115.0)], 3.0)),
                &[40],
            );
            assert_near(
                &found(&series(seed, &[(60, 200.0), (30, 170.0)], 5.0)),
                &[60],
            );
        }
    }

    #[test]
    fn several_steps_in_a_row() {
        for seed in 1..20 {
            let xs = series(
                seed,
                &[(30, 100.0), (25, 120.0), (35, 105.0), (40, 140.0)],
                3.0,
            );
            assert_near(&found(&xs), &[30, 55, 90]);
        }
    }

    #[test]
    fn a_long_history_keeps_every_step() {
        let levels: Vec<(usize, f64)> = (0..12)
            .map(|i| (40, 100.0 + 20.0 * (i % 2) as f64))
            .collect();
        let expected: Vec<usize> = (1..12).map(|i| 40 * i).collect();
        assert_near(&found(&series(7, &levels, 3.0)), &expected);
    }

    #[test]
    fn a_slow_creep_is_found_inside_the_ramp() {
        for seed in 1..20 {
            let mut xs = series(seed, &[(40, 100.0)], 2.0);
            let mut noise = Noise(seed + 100);
            // Five points creep from 100 to 125, then the series stays there.
            xs.extend((1..=5).map(|i| 100.0 + 5.0 * i as f64 + 2.0 * noise.next()));
            xs.extend(series(seed + 200, &[(40, 125.0)], 2.0));
            let f = found(&xs);
            assert!(!f.is_empty(), "seed {seed}: nothing found");
            assert!(
                f.iter().all(|&i| (38..=47).contains(&i)),
                "seed {seed}: {f:?}"
            );
        }
    }

    #[test]
    fn a_flat_noisy_series_has_no_change() {
        for seed in 1..30 {
            assert_eq!(
                found(&series(seed, &[(500, 100.0)], 8.0)),
                Vec::<usize>::new(),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn the_minimum_effect_holds_back_tiny_significant_shifts() {
        // 0.5 % on a noiseless-looking series is significant but below the 1 % floor.
        let xs = series(3, &[(200, 1000.0), (200, 1005.0)], 0.5);
        assert!(found(&xs).is_empty());
        let loose = Options {
            min_pct: 0.0,
            min_sigmas: 0.0,
            ..Options::default()
        };
        assert_eq!(change_points(&xs, &loose).len(), 1);
    }

    #[test]
    fn segment_means_and_change() {
        let xs = series(5, &[(20, 100.0), (20, 150.0)], 1.0);
        let cps = change_points(&xs, &Options::default());
        assert_eq!(cps.len(), 1);
        assert!((cps[0].before - 100.0).abs() < 1.0 && (cps[0].after - 150.0).abs() < 1.0);
        assert!((cps[0].change_pct.unwrap() - 50.0).abs() < 2.0);
        assert!(cps[0].p_value < 1e-10);
    }

    #[test]
    fn short_and_constant_series() {
        assert!(found(&[1.0, 2.0, 3.0]).is_empty());
        assert!(found(&[5.0; 100]).is_empty());
        assert_eq!(found(&[1.0, 1.0, 1.0, 1.0, 9.0, 9.0, 9.0, 9.0]), vec![4]);
    }
}
