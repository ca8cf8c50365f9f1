//! Charts as inline SVG text, written here so a chart needs no JavaScript, no font library and
//! no request: a sparkline for the home page and a line chart per metric with the baseline as
//! a step line, promotions and regressions marked. Colours come from CSS classes so the light
//! and dark themes both apply. Numbers are rounded to 0.1 px so output is stable.

use std::fmt::Write;

use jiff::civil::Date;

use super::model::{Point, Series};
use crate::markup::escape_html;
use crate::metrics::format::number;

const W: f64 = 720.0;
const H: f64 = 240.0;
const PAD_L: f64 = 56.0;
const PAD_R: f64 = 16.0;
const PAD_T: f64 = 16.0;
const PAD_B: f64 = 32.0;

/// A small line of `values` with no axes, for tables and cards.
pub fn sparkline(values: &[f64]) -> String {
    let (w, h) = (120.0, 32.0);
    if values.is_empty() {
        return String::new();
    }
    let (lo, hi) = range(values.iter().copied());
    let n = values.len().max(2) as f64 - 1.0;
    let mut d = String::new();
    for (i, v) in values.iter().enumerate() {
        let x = 2.0 + i as f64 / n * (w - 4.0);
        let y = 2.0 + (1.0 - (v - lo) / (hi - lo)) * (h - 4.0);
        let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { " L" }, r(x), r(y));
    }
    format!(
        "<svg class=\"spark\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-hidden=\"true\"><path class=\"line\" d=\"{d}\"/></svg>"
    )
}

/// The trend chart of one metric, over `s.span` (the practice's documents' period) stretched
/// to take in every figure. A baseline in force from before the period starts at its left
/// edge; one that begins after it is not drawn.
pub fn line_chart(s: &Series) -> String {
    let Some(first) = s.points.first().map(|p| p.date) else {
        return String::new();
    };
    let (mut start, mut last) = match s.span {
        Some(span) => span,
        None => {
            let dates = s.points.iter().chain(&s.baseline_points).map(|p| p.date);
            (
                dates.clone().min().unwrap_or(first),
                dates.max().unwrap_or(first),
            )
        }
    };
    for p in &s.points {
        start = start.min(p.date);
        last = last.max(p.date);
    }
    let baseline = in_force(&s.baseline_points, start, last);
    let span = days_between(start, last).max(1.0);
    let (lo, hi) = range(s.points.iter().chain(&baseline).map(|p| p.value));
    let at =
        |d: Date| PAD_L + days_between(start, d.clamp(start, last)) / span * (W - PAD_L - PAD_R);
    let x = |p: &Point| at(p.date);
    let y = |v: f64| PAD_T + (1.0 - (v - lo) / (hi - lo)) * (H - PAD_T - PAD_B);

    let title = if s.unit.is_empty() {
        s.name.clone()
    } else {
        format!("{} ({})", s.name, s.unit)
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"xMidYMid meet\"><title>{}</title>",
        escape_html(&title),
        escape_html(&title)
    );
    // Grid and y labels at the lowest, middle and highest value, rounded to what the spread
    // of the data can tell apart.
    let (dlo, dhi) = data_range(s.points.iter().chain(&baseline).map(|p| p.value));
    let decimals = if dhi - dlo >= 20.0 {
        0
    } else if dhi - dlo >= 2.0 {
        1
    } else {
        2
    };
    for k in 0..3 {
        let v = dlo + (dhi - dlo) * k as f64 / 2.0;
        if k == 1 && (dhi - dlo).abs() < f64::EPSILON {
            continue;
        }
        let yy = r(y(v));
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{PAD_L}\" y1=\"{yy}\" x2=\"{}\" y2=\"{yy}\"/><text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            W - PAD_R,
            PAD_L - 6.0,
            r(y(v) + 4.0),
            escape_html(&number(round_to(v, decimals)))
        );
    }
    let _ = write!(
        out,
        "<text class=\"label\" x=\"{PAD_L}\" y=\"{}\">{start}</text><text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{last}</text>",
        H - 8.0,
        W - PAD_R,
        H - 8.0
    );
    if !baseline.is_empty() {
        let mut d = String::new();
        let mut prev: Option<f64> = None;
        for p in &baseline {
            let (px, py) = (r(x(p)), r(y(p.value)));
            match prev {
                None => {
                    let _ = write!(d, "M{px} {py}");
                }
                Some(pv) => {
                    let _ = write!(d, " L{px} {} L{px} {py}", r(y(pv)));
                }
            }
            prev = Some(p.value);
        }
        if let Some(pv) = prev {
            let _ = write!(d, " L{} {}", r(W - PAD_R), r(y(pv)));
        }
        let _ = write!(
            out,
            "<path class=\"baseline\" d=\"{d}\"><title>baseline</title></path>"
        );
    }
    let mut d = String::new();
    for (i, p) in s.points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{} {}",
            if i == 0 { "M" } else { " L" },
            r(x(p)),
            r(y(p.value))
        );
    }
    let _ = write!(out, "<path class=\"line\" d=\"{d}\"/>");
    // A path of one point draws nothing: a lone figure is drawn as its point.
    if let [p] = s.points.as_slice() {
        let _ = write!(
            out,
            "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"4\"><title>{}: {}</title></circle>",
            r(x(p)),
            r(y(p.value)),
            p.date,
            escape_html(&number(p.value))
        );
    }
    change_marks(&mut out, s, (start, last), &at);
    // Promotions ringed, regressions as dots; each says what it is when hovered.
    let promotions: Vec<&Point> = s
        .promotions
        .iter()
        .filter(|p| (start..=last).contains(&p.date))
        .collect();
    let regressions: Vec<&Point> = s.regressions.iter().collect();
    for (points, class, radius, label) in [
        (&promotions, "promotion", "5", "baseline promoted"),
        (&regressions, "regression", "4.5", "regression"),
    ] {
        for p in points.iter() {
            let _ = write!(
                out,
                "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{radius}\"><title>{label} {}: {}</title></circle>",
                r(x(p)),
                r(y(p.value)),
                p.date,
                escape_html(&number(p.value))
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// Change points as a rule at the first point after the change, labelled with the change and
/// saying date, change and p-value when hovered; `at` places a date on the x axis.
fn change_marks(
    out: &mut String,
    s: &Series,
    (start, last): (Date, Date),
    at: &dyn Fn(Date) -> f64,
) {
    for c in s
        .changes
        .iter()
        .filter(|c| (start..=last).contains(&c.date))
    {
        let cx = r(at(c.date));
        let (pct, p) = c.shown();
        let class = if c.regression {
            "change worse"
        } else {
            "change"
        };
        let _ = write!(
            out,
            "<line class=\"{class}\" x1=\"{cx}\" y1=\"{PAD_T}\" x2=\"{cx}\" y2=\"{}\"><title>change point {}: {}, {}</title></line><text class=\"label {class}\" x=\"{}\" y=\"{}\">{}</text>",
            H - PAD_B,
            c.date,
            escape_html(&pct),
            escape_html(&p),
            r(cx + 3.0),
            PAD_T + 10.0,
            escape_html(&pct)
        );
    }
}

/// The baseline points a chart from `start` to `last` draws: the one in force at `start` (the
/// newest before it, drawn from the left edge) and those up to `last`.
fn in_force(points: &[Point], start: Date, last: Date) -> Vec<Point> {
    let before = points.iter().rposition(|p| p.date < start);
    points
        .iter()
        .enumerate()
        .filter(|(i, p)| Some(*i) == before || (start..=last).contains(&p.date))
        .map(|(_, p)| *p)
        .collect()
}

fn data_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) }
}

fn round_to(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if (hi - lo).abs() < f64::EPSILON {
        let pad = (lo.abs() * 0.1).max(1.0);
        return (lo - pad, hi + pad);
    }
    let pad = (hi - lo) * 0.08;
    (lo - pad, hi + pad)
}

/// Rounded to 0.1 so two builds write the same text.
fn r(v: f64) -> f64 {
    let v = (v * 10.0).round() / 10.0;
    if v == 0.0 { 0.0 } else { v }
}

fn days_between(a: Date, b: Date) -> f64 {
    a.until(b).map_or(0.0, |s| s.get_days() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(d: &str, v: f64) -> Point {
        Point {
            date: d.parse().unwrap(),
            value: v,
        }
    }

    #[test]
    fn chart_has_a_path_marks_and_escaped_title() {
        let s = Series {
            key: "p95_ms".into(),
            name: "p95 <latency>".into(),
            unit: "ms".into(),
            better: None,
            points: vec![p("2025-12-01", 400.0), p("2025-12-02", 900.0)],
            baseline_points: vec![p("2025-12-01", 500.0), p("2025-12-02", 450.0)],
            regressions: vec![p("2025-12-02", 900.0)],
            promotions: vec![p("2025-12-02", 450.0)],
            span: None,
            kind: "daily".into(),
            changes: Vec::new(),
        };
        let svg = line_chart(&s);
        assert!(svg.contains("<path class=\"line\" d=\"M"), "{svg}");
        assert!(svg.contains("class=\"regression\""));
        assert!(svg.contains("class=\"promotion\""));
        assert!(svg.contains("p95 &lt;latency&gt;"));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn the_span_bounds_the_axis_and_the_baseline_in_force_starts_at_its_edge() {
        let s = Series {
            key: "p95_ms".into(),
            name: "p95".into(),
            unit: "ms".into(),
            better: None,
            points: vec![p("2025-12-01", 400.0), p("2025-12-11", 420.0)],
            // One from before the period, one in it, one after it.
            baseline_points: vec![
                p("2025-11-01", 500.0),
                p("2025-12-06", 450.0),
                p("2026-11-28", 1.0),
            ],
            regressions: Vec::new(),
            promotions: vec![p("2026-11-28", 1.0)],
            span: Some(("2025-12-01".parse().unwrap(), "2025-12-21".parse().unwrap())),
            kind: "daily".into(),
            changes: vec![super::super::model::ChangeMark {
                date: "2025-12-11".parse().unwrap(),
                change_pct: Some(5.0),
                p_value: 0.0004,
                regression: true,
            }],
        };
        let svg = line_chart(&s);
        assert!(svg.contains(">2025-12-21</text>"), "{svg}");
        assert!(!svg.contains("2026-11-28"), "{svg}");
        assert!(!svg.contains("class=\"promotion\""), "{svg}");
        let baseline = svg.split("<path class=\"baseline\" d=\"").nth(1).unwrap();
        assert!(baseline.starts_with("M56 "), "{baseline}");
        // The middle of the period is the middle of the plot.
        assert!(
            svg.contains("<line class=\"change worse\" x1=\"380\" y1=\"16\" x2=\"380\""),
            "{svg}"
        );
        assert!(
            svg.contains("change point 2025-12-11: +5.0%, p &lt; 0.001"),
            "{svg}"
        );
    }

    #[test]
    fn flat_and_single_values_draw() {
        assert!(sparkline(&[3.0]).contains("M2 "));
        assert!(!sparkline(&[1.0, 1.0]).contains("NaN"));
        let a: Date = "2025-12-01".parse().unwrap();
        let b: Date = "2026-01-02".parse().unwrap();
        assert_eq!(days_between(a, b), 32.0);
    }
}
