//! Report periods: ISO weeks (`2025-W49`) and months (`2025-12`), read and written the one way
//! perfdoc uses everywhere.

use jiff::civil::{Date, ISOWeekDate, Weekday};

/// `2025-W49` → the ISO week date of its Monday.
pub fn parse_week(s: &str) -> Option<ISOWeekDate> {
    let (year, week) = s.split_once("-W")?;
    if year.len() != 4 || week.len() != 2 {
        return None;
    }
    ISOWeekDate::new(year.parse().ok()?, week.parse().ok()?, Weekday::Monday).ok()
}

/// `2025-12` → (2025, 12).
pub fn parse_month(s: &str) -> Option<(i16, i8)> {
    let (year, month) = s.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let (y, m) = (year.parse().ok()?, month.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

/// The ISO week a date falls in, as `2025-W49`.
pub fn iso_week(date: Date) -> String {
    let w = date.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// The month a date falls in, as `2025-12`.
pub fn month(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_and_months() {
        assert!(parse_week("2025-W49").is_some());
        assert!(parse_week("2026-W53").is_some()); // 2026 has 53 ISO weeks
        assert!(parse_week("2025-W53").is_none());
        assert!(parse_week("2025-W4").is_none());
        assert_eq!(parse_month("2025-12"), Some((2025, 12)));
        assert!(parse_month("2025-13").is_none());
        let d: Date = "2025-12-29".parse().unwrap();
        assert_eq!(iso_week(d), "2026-W01");
        assert_eq!(month(d), "2025-12");
    }
}
