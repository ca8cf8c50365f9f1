//! Numbers as the practice writes them: `245.1 ms`, `99.21%`, `+8.2%`. Shared by the
//! comparison tables, the scaffolds and the command output so a figure reads the same
//! everywhere.

/// A value rounded for reading: one decimal from 100 up, two below, trailing zeros dropped.
pub fn number(v: f64) -> String {
    let decimals = if v.abs() >= 100.0 { 1 } else { 2 };
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// A value with its unit: `245.1 ms`, `99.2%`, `5.2 req/s`.
pub fn with_unit(v: f64, unit: &str) -> String {
    match unit {
        "" => number(v),
        "%" => format!("{}%", number(v)),
        u => format!("{} {u}", number(v)),
    }
}

/// A signed change in percent with one decimal: `+8.2%`, `-19.0%`, `0.0%`.
pub fn change(pct: f64) -> String {
    let r = (pct * 10.0).round() / 10.0;
    if r == 0.0 {
        "0.0%".into()
    } else {
        format!("{r:+.1}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_the_reports() {
        assert_eq!(number(245.118402), "245.1");
        assert_eq!(number(5.198), "5.2");
        assert_eq!(number(0.0961), "0.1");
        assert_eq!(number(99.2116), "99.21");
        assert_eq!(number(265.0), "265");
        assert_eq!(with_unit(0.1, "%"), "0.1%");
        assert_eq!(with_unit(5.2, "req/s"), "5.2 req/s");
        assert_eq!(change(8.16), "+8.2%");
        assert_eq!(change(-19.04), "-19.0%");
        assert_eq!(change(0.01), "0.0%");
    }
}
