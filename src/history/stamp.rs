//! Dates as people read them: RFC 3339 in the offset the author (or the file system) used.

use std::time::SystemTime;

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

/// `seconds` since the epoch shown in the author's own offset, e.g. `2025-12-04T09:15:00+05:30`.
/// Out-of-range values (corrupt commits) fall back to UTC rather than failing the whole walk.
pub fn rfc3339(seconds: i64, offset_minutes: i32) -> String {
    let ts = Timestamp::from_second(seconds).unwrap_or(Timestamp::UNIX_EPOCH);
    let offset = Offset::from_seconds(offset_minutes.saturating_mul(60)).unwrap_or(Offset::UTC);
    ts.display_with_offset(offset).to_string()
}

/// A file time in the machine's local offset (what the user's clock showed when saving).
pub fn from_system_time(t: SystemTime) -> String {
    // Whole seconds, like commit dates, so both kinds of stamp look alike.
    let ts = Timestamp::try_from(t)
        .and_then(|t| Timestamp::from_second(t.as_second()))
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let offset = TimeZone::system().to_offset(ts);
    ts.display_with_offset(offset).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_authors_offset() {
        // 2025-12-04T03:45:00Z seen from India.
        assert_eq!(rfc3339(1_764_819_900, 330), "2025-12-04T09:15:00+05:30");
        assert_eq!(rfc3339(1_764_819_900, -300), "2025-12-03T22:45:00-05:00");
    }

    #[test]
    fn utc_is_written_as_plus_zero() {
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00+00:00");
    }

    #[test]
    fn nonsense_offsets_do_not_panic() {
        assert_eq!(rfc3339(0, i32::MAX), "1970-01-01T00:00:00+00:00");
    }
}
