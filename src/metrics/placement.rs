//! Where one new point of a series sits, for a review: whether the change-point finder behind
//! `perfdoc changes` starts a new level at it, or it sits within the noise of the level
//! before it. The finder needs `MIN_SEGMENT` points on each side of a change, so the newest
//! points of a series (what a pull request adds) are held to the same "large enough to
//! matter" rule against the level they follow, and said to be a change point only once later
//! points confirm it.

use serde::Serialize;

use super::changes;
use super::stats::Options;
use super::stats::edivisive::MIN_SEGMENT;
use super::stats::welch::Moments;
use super::trends::Series;
use crate::config::Better;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "placement", rename_all = "kebab-case")]
pub enum Placement {
    /// The series' level moves at this point (means of the segments either side).
    StartsChange {
        before: f64,
        after: f64,
        change_pct: Option<f64>,
        p_value: f64,
        /// The move goes the metric's bad way.
        regression: bool,
    },
    /// Among the newest points, too few follow it for the finder, but it lies beyond the
    /// noise of the `points` before it: a change point if the next points stay there.
    BeyondNoise {
        level: f64,
        value: f64,
        change_pct: Option<f64>,
        points: usize,
        regression: bool,
    },
    /// No change starts here: within the noise of the `points` of its level.
    WithinNoise { points: usize },
    /// Too few points before it to tell (`before`, of the `needed`).
    TooFew { before: usize, needed: usize },
}

impl Placement {
    pub fn is_regression(&self) -> bool {
        matches!(
            self,
            Placement::StartsChange {
                regression: true,
                ..
            } | Placement::BeyondNoise {
                regression: true,
                ..
            }
        )
    }
}

/// Where the point of `series` that came from `source` (a report's or run's path) sits;
/// `None` when the series has no such point.
pub fn place(series: &Series, source: &str, opts: &Options) -> Option<Placement> {
    let values: Vec<f64> = series
        .points
        .iter()
        .filter(|p| p.value.is_finite())
        .map(|p| p.value)
        .collect();
    let at = series
        .points
        .iter()
        .filter(|p| p.value.is_finite())
        .position(|p| p.source == source)?;
    let worse = |before: f64, after: f64| match series.better {
        Some(Better::Lower) => after > before,
        Some(Better::Higher) => after < before,
        None => false,
    };
    let found = changes::of_series(series, opts);
    if let Some(cp) = found.iter().find(|c| c.index == at) {
        return Some(Placement::StartsChange {
            before: cp.before,
            after: cp.after,
            change_pct: cp.change_pct,
            p_value: cp.p_value,
            regression: worse(cp.before, cp.after),
        });
    }
    // The level the point is on: from the last change point before it to the next after.
    let n = values.len();
    let from = found.iter().map(|c| c.index).filter(|&i| i < at).max();
    let from = from.unwrap_or(0);
    let to = found.iter().map(|c| c.index).find(|&i| i > at).unwrap_or(n);
    if at >= MIN_SEGMENT && n - at >= MIN_SEGMENT {
        // The finder could have started a level here and did not.
        return Some(Placement::WithinNoise { points: to - from });
    }
    let level = &values[from..at];
    if level.len() < MIN_SEGMENT {
        return Some(Placement::TooFew {
            before: level.len(),
            needed: MIN_SEGMENT,
        });
    }
    let m = Moments::of(level);
    let value = values[at];
    let shift = (value - m.mean).abs();
    let beyond = shift > 0.0
        && shift >= opts.min_sigmas * m.var.sqrt()
        && shift >= opts.min_pct / 100.0 * m.mean.abs();
    Some(if beyond {
        Placement::BeyondNoise {
            level: super::format::shown(m.mean),
            value,
            change_pct: super::format::change_pct(super::format::shown(m.mean), value),
            points: level.len(),
            regression: worse(m.mean, value),
        }
    } else {
        Placement::WithinNoise {
            points: level.len(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::metrics::trends::Point;

    fn series(values: &[f64]) -> Series {
        let config = Config::from_sources(std::path::Path::new("."), None).unwrap();
        let points = values
            .iter()
            .enumerate()
            .map(|(i, v)| Point {
                date: format!("2026-01-{:02}", i + 1),
                value: *v,
                source: format!("r{i}"),
                regression: None,
            })
            .collect();
        Series::from_points(&config, "p95_ms", "daily", points)
    }

    const FLAT: [f64; 8] = [390.0, 392.0, 389.0, 391.0, 390.5, 389.5, 391.5, 390.0];

    #[test]
    fn a_new_point_like_the_rest_sits_within_noise() {
        let mut v = FLAT.to_vec();
        v.push(390.8);
        let s = series(&v);
        assert_eq!(
            place(&s, "r8", &Options::default()),
            Some(Placement::WithinNoise { points: 8 })
        );
    }

    #[test]
    fn a_new_point_far_off_the_level_is_beyond_noise_and_worse() {
        let mut v = FLAT.to_vec();
        v.push(450.0);
        let p = place(&series(&v), "r8", &Options::default()).unwrap();
        assert!(
            matches!(
                p,
                Placement::BeyondNoise {
                    points: 8,
                    regression: true,
                    ..
                }
            ),
            "{p:?}"
        );
        assert!(p.is_regression());
    }

    #[test]
    fn points_that_stay_on_a_new_level_start_a_change_point_at_the_first() {
        let mut v = FLAT.to_vec();
        v.extend([450.0, 451.0, 449.0, 450.5, 449.5, 450.0]);
        let s = series(&v);
        let p = place(&s, "r8", &Options::default()).unwrap();
        assert!(
            matches!(
                p,
                Placement::StartsChange {
                    regression: true,
                    ..
                }
            ),
            "{p:?}"
        );
        // The later points sit within the new level.
        assert!(matches!(
            place(&s, "r10", &Options::default()),
            Some(Placement::WithinNoise { .. })
        ));
    }

    #[test]
    fn a_short_series_is_too_short_to_tell_and_an_unknown_source_is_none() {
        let s = series(&[390.0, 450.0]);
        assert_eq!(
            place(&s, "r1", &Options::default()),
            Some(Placement::TooFew {
                before: 1,
                needed: 3
            })
        );
        assert_eq!(place(&s, "elsewhere", &Options::default()), None);
    }
}
