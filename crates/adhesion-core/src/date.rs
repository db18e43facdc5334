//! Calendar dates as the data writes them (`2021-12-16`), with month arithmetic.
//!
//! Ours rather than chrono or time: the data has only calendar days and month steps (a market's
//! end from its start and duration), no time of day and no time zone: a small module, tested.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = text[..4].parse().ok()?;
        let month = text[5..7].parse().ok()?;
        let day = text[8..].parse().ok()?;
        if !text[..4]
            .bytes()
            .chain(text[5..7].bytes())
            .chain(text[8..].bytes())
            .all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Self::new(year, month, day)
    }

    /// The same day `months` later, clamped to the end of a shorter month.
    pub fn add_months(self, months: u32) -> Self {
        let total = self.year * 12 + i32::from(self.month) - 1 + months as i32;
        let year = total.div_euclid(12);
        let month = (total.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Self { year, month, day }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day of the week, 0 for Monday to 6 for Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }

    /// The day that contains the Unix time `seconds` (UTC).
    pub fn from_unix(seconds: i64) -> Option<Self> {
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(i32::try_from(year).ok()?, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(crate::tr!("load-date-invalid", text = text)))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Date::parse("2021-12-16"), Date::new(2021, 12, 16));
        for bad in [
            "2021-13-01",
            "2021-02-29",
            "21-12-16",
            "2021/12/16",
            "2021-1-16",
            "2021-12-+6",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
    }

    #[test]
    fn adds_months() {
        let d = Date::parse("2022-07-19").unwrap();
        assert_eq!(d.add_months(48).to_string(), "2026-07-19");
        assert_eq!(
            Date::parse("2024-01-31").unwrap().add_months(1).to_string(),
            "2024-02-29"
        );
        assert_eq!(
            Date::parse("2023-11-30").unwrap().add_months(3).to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn epoch_round_trip() {
        let d = Date::parse("2021-12-16").unwrap();
        assert_eq!(d.days_since_epoch(), 18_977);
        assert_eq!(Date::from_unix(18_977 * 86_400 + 3_600), Some(d));
        assert_eq!(Date::from_unix(0), Date::new(1970, 1, 1));
    }
}
