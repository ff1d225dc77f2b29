//! UTC calendar arithmetic without a date crate: the compact ISO 8601 form (`YYYYMMDDTHHMMSSZ`) signing uses
//! and the IMF-fixdate form of an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, for `Retry-After`).
//!
//! Conversions use Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms on the
//! proleptic Gregorian calendar. Times before 1970 are not needed and are clamped to the epoch.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SECS_PER_DAY: u64 = 86_400;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A UTC date and time of day, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcDateTime {
    /// Year (1970 or later).
    pub year: u64,
    /// Month, 1-12.
    pub month: u32,
    /// Day of the month, 1-31.
    pub day: u32,
    /// Hour, 0-23.
    pub hour: u32,
    /// Minute, 0-59.
    pub minute: u32,
    /// Second, 0-59.
    pub second: u32,
}

impl UtcDateTime {
    /// The date and time `secs` seconds after 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(secs: u64) -> Self {
        let (year, month, day) = civil_from_days(secs / SECS_PER_DAY);
        let rem = secs % SECS_PER_DAY;
        UtcDateTime {
            year,
            month,
            day,
            // Each value is below 86 400, so the casts cannot truncate.
            hour: (rem / 3600) as u32,
            minute: (rem % 3600 / 60) as u32,
            second: (rem % 60) as u32,
        }
    }

    /// The date and time of `t`, to the second (a time before 1970 gives the epoch).
    pub fn from_system_time(t: SystemTime) -> Self {
        let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Self::from_unix_seconds(secs)
    }

    /// Seconds since 1970-01-01T00:00:00Z, or `None` when a field is out of range.
    pub fn to_unix_seconds(&self) -> Option<u64> {
        if self.year < 1970
            || !(1..=12).contains(&self.month)
            || self.day < 1
            || self.day > days_in_month(self.year, self.month)
            || self.hour > 23
            || self.minute > 59
            || self.second > 60
        {
            return None;
        }
        let days = days_from_civil(self.year, self.month, self.day);
        days.checked_mul(SECS_PER_DAY)?.checked_add(
            u64::from(self.hour) * 3600 + u64::from(self.minute) * 60 + u64::from(self.second),
        )
    }

    /// The compact form: `YYYYMMDDTHHMMSSZ`.
    pub fn to_sdk_date(&self) -> String {
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// Formats `t` in the compact ISO 8601 form (`YYYYMMDDTHHMMSSZ`, UTC).
pub fn format_compact_utc(t: SystemTime) -> String {
    UtcDateTime::from_system_time(t).to_sdk_date()
}

/// Parses an IMF-fixdate HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`). The weekday is not
/// checked. Returns `None` for anything else (the obsolete RFC 850 and asctime forms included).
pub fn parse_http_date(s: &str) -> Option<SystemTime> {
    let mut parts = s.split_ascii_whitespace();
    let weekday = parts.next()?;
    if !weekday.ends_with(',') {
        return None;
    }
    let day = parse_digits(parts.next()?, 2)?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? + 1;
    let year = parse_digits(parts.next()?, 4)?;
    let mut hms = parts.next()?.split(':');
    let hour = parse_digits(hms.next()?, 2)?;
    let minute = parse_digits(hms.next()?, 2)?;
    let second = parse_digits(hms.next()?, 2)?;
    if hms.next().is_some() || parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let dt = UtcDateTime {
        year,
        month: u32::try_from(month).ok()?,
        day: u32::try_from(day).ok()?,
        hour: u32::try_from(hour).ok()?,
        minute: u32::try_from(minute).ok()?,
        second: u32::try_from(second).ok()?,
    };
    UNIX_EPOCH.checked_add(Duration::from_secs(dt.to_unix_seconds()?))
}

/// Parses exactly `len` ASCII digits.
fn parse_digits(s: &str, len: usize) -> Option<u64> {
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap_year(year: u64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// (year, month, day) of the day `days` after 1970-01-01.
fn civil_from_days(days: u64) -> (u64, u32, u32) {
    // Shift the epoch to 0000-03-01, so that leap days end each 4/100/400-year cycle.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097; // day of era, [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // year of era, [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of year from March 1, [0, 365]
    let mp = (5 * doy + 2) / 153; // month from March, [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Days from 1970-01-01 to (year, month, day); the inputs are already range-checked and
/// `year >= 1970`.
fn days_from_civil(year: u64, month: u32, day: u32) -> u64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = u64::from(if month > 2 { month - 3 } else { month + 9 });
    let doy = (153 * mp + 2) / 5 + u64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn formats_known_timestamps() {
        assert_eq!(format_compact_utc(at(0)), "19700101T000000Z");
        // The REFERENCE.md test vector date.
        assert_eq!(format_compact_utc(at(1_704_164_645)), "20240102T030405Z");
        assert_eq!(format_compact_utc(at(951_782_400)), "20000229T000000Z"); // 400-year leap day
        assert_eq!(format_compact_utc(at(951_868_799)), "20000229T235959Z");
        assert_eq!(format_compact_utc(at(951_868_800)), "20000301T000000Z");
        assert_eq!(format_compact_utc(at(1_709_164_800)), "20240229T000000Z"); // leap year
        assert_eq!(format_compact_utc(at(1_709_251_200)), "20240301T000000Z");
        assert_eq!(format_compact_utc(at(1_677_628_800)), "20230301T000000Z"); // after Feb 28
        assert_eq!(format_compact_utc(at(1_703_980_800)), "20231231T000000Z"); // day 365
        assert_eq!(format_compact_utc(at(1_735_603_200)), "20241231T000000Z"); // day 366
        assert_eq!(format_compact_utc(at(4_107_542_400)), "21000301T000000Z"); // 2100: no Feb 29
        assert_eq!(format_compact_utc(at(2_147_483_647)), "20380119T031407Z");
        assert_eq!(format_compact_utc(at(253_402_300_799)), "99991231T235959Z");
    }

    #[test]
    fn sub_second_precision_is_truncated_and_pre_epoch_clamped() {
        let t = at(1_704_164_645) + Duration::from_millis(999);
        assert_eq!(format_compact_utc(t), "20240102T030405Z");
        let before = UNIX_EPOCH - Duration::from_secs(10);
        assert_eq!(format_compact_utc(before), "19700101T000000Z");
    }

    #[test]
    fn civil_round_trip_over_many_days() {
        for days in (0..200_000u64).step_by(7).chain(0..800) {
            let (y, m, d) = civil_from_days(days);
            assert!(d >= 1 && d <= days_in_month(y, m), "{y}-{m}-{d}");
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn parses_imf_fixdate() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(at(784_111_777))
        );
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT"),
            Some(at(1_709_164_800))
        );
    }

    #[test]
    fn rejects_malformed_http_dates() {
        for bad in [
            "",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Wed, 29 Feb 2023 00:00:00 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1969 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sun, +6 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad:?}");
        }
    }
}
