//! Welch's t-test between two segments of a series: the significance test that replaces
//! E-Divisive's permutations (Hunter's refinement), so the same series always gives the same
//! change points.

use super::dist;

/// Mean, sample variance and length of one segment.
#[derive(Debug, Clone, Copy)]
pub struct Moments {
    pub mean: f64,
    pub var: f64,
    pub n: usize,
}

impl Moments {
    pub fn of(xs: &[f64]) -> Moments {
        let n = xs.len();
        let mean = xs.iter().sum::<f64>() / n.max(1) as f64;
        let var = if n > 1 {
            xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64
        } else {
            0.0
        };
        Moments { mean, var, n }
    }
}

/// Two-sided p-value of Welch's t-test; 1 when a side has fewer than two points (no
/// variance to judge by). Two noiseless sides differ with certainty when their means do.
pub fn p_value(a: Moments, b: Moments) -> f64 {
    if a.n < 2 || b.n < 2 {
        return 1.0;
    }
    let (va, vb) = (a.var / a.n as f64, b.var / b.n as f64);
    let se2 = va + vb;
    if se2 <= 0.0 {
        return if a.mean == b.mean { 1.0 } else { 0.0 };
    }
    let t = (b.mean - a.mean) / se2.sqrt();
    let df = se2 * se2 / (va * va / (a.n - 1) as f64 + vb * vb / (b.n - 1) as f64);
    dist::t_two_sided(t, df)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_scipy_welch() {
        // scipy.stats.ttest_ind(a, b, equal_var=False).pvalue = 7.13548265721141e-05
        // (scripts/stats_reference.py).
        let a = [10.1, 9.8, 10.3, 10.0, 9.9, 10.2, 10.1, 9.7];
        let b = [10.9, 11.2, 10.6, 11.0, 10.8, 11.4];
        let p = p_value(Moments::of(&a), Moments::of(&b));
        assert!((p - 7.13548265721141e-05).abs() < 1e-9, "{p}");
    }

    #[test]
    fn degenerate_sides() {
        assert_eq!(p_value(Moments::of(&[1.0]), Moments::of(&[2.0, 3.0])), 1.0);
        assert_eq!(
            p_value(Moments::of(&[1.0, 1.0]), Moments::of(&[2.0, 2.0])),
            0.0
        );
        assert_eq!(
            p_value(Moments::of(&[1.0, 1.0]), Moments::of(&[1.0, 1.0])),
            1.0
        );
    }
}
