//! Capacity planning, the monthly deep dive's step 3: current load, peak, a monthly growth
//! rate fitted over the throughput series (least squares on the logarithm of load against
//! time, i.e. compound growth), and the month when projected load crosses the capacity the
//! practice set in `book.toml` (`[preprocessor.perfdoc.capacity] max-rps`).

use jiff::civil::Date;
use serde::Serialize;

use crate::config::{MetricClass, Period};
use crate::practice::Practice;

/// Days in an average month, for turning days into months.
const MONTH_DAYS: f64 = 30.436875;

#[derive(Debug, Clone, Serialize)]
pub struct Projection {
    /// The latest observed load, req/s.
    pub current_rps: f64,
    /// The highest load seen (observed, or given by a monthly report's `capacity.peak_rps`).
    pub peak_rps: f64,
    /// Whether `peak_rps` was reported as a peak (a monthly report's `capacity.peak_rps`)
    /// rather than the highest value of the series, which for daily averages understates it.
    pub peak_reported: bool,
    /// Compound growth per month, in %; `None` when the series is too short to fit.
    pub growth_pct_month: Option<f64>,
    /// Whether the growth was fitted (`true`) or taken from a monthly report.
    pub growth_fitted: bool,
    pub max_rps: Option<f64>,
    /// `YYYY-MM` when projected average load reaches `max_rps`.
    pub crossing_month: Option<String>,
    /// `YYYY-MM` when the projected peak reaches `max_rps`: when scaling is needed by.
    pub peak_crossing_month: Option<String>,
    pub points: usize,
    /// First and last dates of the series.
    pub from: String,
    pub until: String,
}

/// Least-squares fit of `ln(load)` against time in months: returns (intercept, slope, t of
/// the last point). `None` with fewer than two positive points or no spread in time.
pub fn fit(points: &[(Date, f64)]) -> Option<(f64, f64, f64)> {
    let first = points.first()?.0;
    let xy: Vec<(f64, f64)> = points
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(d, v)| {
            let days = (*d - first).get_days() as f64;
            (days / MONTH_DAYS, v.ln())
        })
        .collect();
    if xy.len() < 2 {
        return None;
    }
    let n = xy.len() as f64;
    let mx = xy.iter().map(|p| p.0).sum::<f64>() / n;
    let my = xy.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = xy.iter().map(|p| (p.0 - mx).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let sxy: f64 = xy.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let slope = sxy / sxx;
    let t_last = xy.last().map_or(0.0, |p| p.0);
    Some((my - slope * mx, slope, t_last))
}

/// Projects a load series. `peak_hint` and `growth_hint` (% per month) come from monthly
/// reports and are used when the series alone cannot say.
pub fn project(
    points: &[(Date, f64)],
    peak_hint: Option<f64>,
    growth_hint: Option<f64>,
    max_rps: Option<f64>,
) -> Option<Projection> {
    let mut points = points.to_vec();
    points.sort_by_key(|p| p.0);
    let (last_date, current) = *points.last()?;
    let observed_peak = points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    let peak = peak_hint.map_or(observed_peak, |h| h.max(observed_peak));
    // A fit over less than a week is noise, not growth.
    let span_days = (last_date - points[0].0).get_days();
    let fitted = (span_days >= 7).then(|| fit(&points)).flatten();
    let (slope, level, growth_fitted) = match fitted {
        Some((a, b, t)) => (Some(b), (a + b * t).exp(), true),
        None => (growth_hint.map(|g| (1.0 + g / 100.0).ln()), current, false),
    };
    let growth_pct_month = slope.map(|b| (b.exp() - 1.0) * 100.0);
    let cross = |from: f64| -> Option<String> {
        let (max, b) = (max_rps?, slope?);
        let months = if from >= max {
            0.0
        } else if b > 0.0 {
            (max / from).ln() / b
        } else {
            return None;
        };
        // Beyond a century the projection means nothing.
        if months > 1200.0 {
            return None;
        }
        let days = (months * MONTH_DAYS).ceil() as i64;
        let date = last_date.checked_add(jiff::Span::new().days(days)).ok()?;
        Some(crate::doc::period::month(date))
    };
    Some(Projection {
        current_rps: current,
        peak_rps: peak,
        peak_reported: peak_hint.is_some_and(|h| h >= observed_peak),
        growth_pct_month,
        growth_fitted,
        max_rps,
        crossing_month: cross(level),
        peak_crossing_month: cross(peak),
        points: points.len(),
        from: points[0].0.to_string(),
        until: last_date.to_string(),
    })
}

/// A monthly report's `capacity:` block: (date, current_rps, peak_rps, growth_pct_month).
type MonthlyCapacity = (Date, Option<f64>, Option<f64>, Option<f64>);

/// The practice's projection: the daily reports' throughput (`throughput_rps`, the first
/// figure of the throughput class; falling back on the
/// monthly reports' `capacity.current_rps`), with the latest monthly report's
/// `capacity.peak_rps` and `capacity.growth_pct_month` as hints.
pub fn from_practice(practice: &Practice, until: Option<Date>) -> Option<Projection> {
    let within = |d: &Date| until.is_none_or(|u| *d <= u);
    let mut daily: Vec<(Date, f64)> = practice
        .of_period(Period::Day)
        .filter_map(|d| {
            let date = d.date()?;
            let v = d
                .figures("metrics")
                .into_iter()
                .find(|f| practice.config.class_of(&f.key) == MetricClass::Throughput)?;
            within(&date).then_some((date, v.value))
        })
        .collect();
    let mut monthly: Vec<MonthlyCapacity> = practice
        .of_period(Period::Month)
        .filter_map(|d| {
            let date = d.date()?;
            let cap = d.field("capacity")?;
            let get = |k: &str| cap.get(k).and_then(crate::doc::yaml::Node::as_f64);
            within(&date).then(|| {
                (
                    date,
                    get("current_rps"),
                    get("peak_rps"),
                    get("growth_pct_month"),
                )
            })
        })
        .collect();
    monthly.sort_by_key(|m| m.0);
    if daily.len() < 2 {
        daily = monthly.iter().filter_map(|m| Some((m.0, m.1?))).collect();
    }
    let last = monthly.last();
    project(
        &daily,
        last.and_then(|m| m.2),
        last.and_then(|m| m.3),
        practice.config.capacity_max_rps,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn fits_compound_growth_and_finds_the_crossing() {
        // 10% a month, exactly.
        let points: Vec<(Date, f64)> = (0..6)
            .map(|i| {
                let date = d("2025-01-01")
                    .checked_add(jiff::Span::new().days((i as f64 * MONTH_DAYS).round() as i64))
                    .unwrap();
                (date, 10.0 * 1.1f64.powi(i))
            })
            .collect();
        let p = project(&points, None, None, Some(25.0)).unwrap();
        let g = p.growth_pct_month.unwrap();
        assert!((g - 10.0).abs() < 0.05, "{g}");
        assert!(p.growth_fitted);
        // 16.1 req/s at the last point; 25 is ln(25/16.1)/ln(1.1) ≈ 4.6 months later.
        assert_eq!(p.crossing_month.as_deref(), Some("2025-10"));
    }

    #[test]
    fn the_example_practice() {
        let practice = Practice::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let p = from_practice(&practice, None).unwrap();
        assert_eq!(p.points, 22);
        assert_eq!(p.current_rps, 5.6);
        // The December report's peak (14.2 on 23 December) is a real peak, not a daily mean.
        assert_eq!(p.peak_rps, 14.2);
        assert!(p.peak_reported);
        let g = p.growth_pct_month.unwrap();
        assert!(p.growth_fitted && (g - 4.27).abs() < 0.01, "{g}");
        assert_eq!(p.max_rps, Some(25.0));
        // ln(25 / 14.2) / ln(1.0427) ≈ 13.5 months after 31 December 2025.
        assert_eq!(p.peak_crossing_month.as_deref(), Some("2027-02"));
        assert_eq!(p.crossing_month.as_deref(), Some("2029-01"));
    }

    #[test]
    fn short_series_use_the_monthly_reports_growth() {
        let p = project(&[(d("2025-12-31"), 5.5)], Some(14.2), Some(6.0), Some(25.0)).unwrap();
        assert!(!p.growth_fitted);
        assert_eq!(p.peak_rps, 14.2);
        // Peak 14.2 → 25 at 6%/month: ln(1.76)/ln(1.06) ≈ 9.7 months.
        assert_eq!(p.peak_crossing_month.as_deref(), Some("2026-10"));
        let flat = project(&[(d("2025-12-31"), 5.5)], None, None, Some(25.0)).unwrap();
        assert_eq!(flat.crossing_month, None);
    }
}
