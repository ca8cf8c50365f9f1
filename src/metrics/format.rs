//! Numbers as the practice writes them: `245.1 ms`, `99.21%`, `+8.2%`. The one formatter of
//! every figure perfdoc shows (command output, JSON, scaffolds, reviews, the site and its
//! charts), so a figure reads the same everywhere, and changes are computed from the figures
//! as shown: `0.09% → 0.12%` is `+33.3%`, whatever digits the run measured.

/// A value rounded for reading: one decimal from 100 up, two below, trailing zeros dropped;
/// under 0.01, two significant digits, so a harness's `0.00034 s` is not shown (and compared)
/// as zero.
pub fn number(v: f64) -> String {
    let a = v.abs();
    let decimals = if a >= 100.0 {
        1
    } else if a >= 0.01 || a == 0.0 || !a.is_finite() {
        2
    } else {
        // floor(log10) of a value under 0.01 is -3 or below: two significant digits.
        ((1.0 - a.log10().floor()) as usize).min(15)
    };
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// The value `number` shows, as a number: what JSON carries and what changes are computed
/// from. Its shortest decimal form is what `number` wrote, never `30.000000000000004`.
pub fn shown(v: f64) -> f64 {
    number(v).parse().unwrap_or(v)
}

/// A value with its unit: `245.1 ms`, `99.2%`, `5.2 req/s`.
pub fn with_unit(v: f64, unit: &str) -> String {
    match unit {
        "" => number(v),
        "%" => format!("{}%", number(v)),
        u => format!("{} {u}", number(v)),
    }
}

/// The signed change from `from` to `to` in percent, computed from both figures as shown
/// and rounded to the one decimal `change` shows; `None` when `from` shows as zero.
pub fn change_pct(from: f64, to: f64) -> Option<f64> {
    let (from, to) = (shown(from), shown(to));
    (from != 0.0).then(|| one_decimal((to - from) / from.abs() * 100.0))
}

/// Rounded to one decimal, without a `-0`.
fn one_decimal(v: f64) -> f64 {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r }
}

/// A signed change in percent with one decimal: `+8.2%`, `-19.0%`, `0.0%`.
pub fn change(pct: f64) -> String {
    let r = one_decimal(pct);
    if r == 0.0 {
        "0.0%".into()
    } else {
        format!("{r:+.1}%")
    }
}

/// An unsigned share in percent with one decimal: `61.0%`, `4.3%`.
pub fn percent(pct: f64) -> String {
    format!("{:.1}%", one_decimal(pct))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_the_reports() {
        assert_eq!(number(245.118402), "245.1");
        assert_eq!(number(390.217), "390.2");
        assert_eq!(number(5.198), "5.2");
        assert_eq!(number(0.0961), "0.1");
        assert_eq!(number(99.2116), "99.21");
        assert_eq!(number(265.0), "265");
        assert_eq!(number(2800.0), "2800");
        assert_eq!(number(-0.0001), "-0.0001");
        assert_eq!(number(0.000355), "0.00036");
        assert_eq!(number(0.005), "0.005");
        assert_eq!(with_unit(0.1, "%"), "0.1%");
        assert_eq!(with_unit(5.2, "req/s"), "5.2 req/s");
        assert_eq!(change(8.16), "+8.2%");
        assert_eq!(change(-19.04), "-19.0%");
        assert_eq!(change(0.01), "0.0%");
        assert_eq!(change(-0.01), "0.0%");
        assert_eq!(percent(61.04), "61.0%");
    }

    #[test]
    fn changes_come_from_the_figures_as_shown() {
        // 0.0901 shows as 0.09 and 0.1189 as 0.12: the change people can check is +33.3%,
        // not the +32.0% of the unrounded digits.
        assert_eq!(change_pct(0.0901, 0.1189), Some(33.3));
        assert_eq!(change(change_pct(0.0901, 0.1189).unwrap()), "+33.3%");
        assert_eq!(change_pct(0.0, 5.0), None, "no change from zero");
        assert_eq!(
            change_pct(0.00034, 0.00068),
            Some(100.0),
            "small figures keep digits"
        );
        assert_eq!(change_pct(-50.0, -25.0), Some(50.0));
    }

    #[test]
    fn json_gets_the_shown_digits() {
        let raw = 0.1 + 0.2;
        assert_eq!(
            serde_json::to_string(&(raw * 100.0)).unwrap(),
            "30.000000000000004"
        );
        assert_eq!(serde_json::to_string(&shown(raw * 100.0)).unwrap(), "30.0");
        assert_eq!(
            serde_json::to_string(&change_pct(0.1, 0.13)).unwrap(),
            "30.0"
        );
        assert_eq!(shown(390.217), 390.2);
    }
}
