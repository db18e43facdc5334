//! Calendar dates as the data writes them (`2021-12-16`), with month arithmetic, on `jiff`'s
//! civil dates: the data has only calendar days and month steps (a market's end from its
//! start and duration), no time of day and no time zone.

use std::fmt;

use jiff::ToSpan;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day of the proleptic Gregorian calendar, years 1 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let civil = jiff::civil::Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        (year >= 1).then(|| Self::from_civil(civil))
    }

    /// The day of a `jiff` civil date.
    pub fn from_civil(d: jiff::civil::Date) -> Self {
        Self {
            year: i32::from(d.year()),
            month: d.month() as u8,
            day: d.day() as u8,
        }
    }

    /// The same day as a `jiff` civil date.
    pub fn to_civil(self) -> jiff::civil::Date {
        // Every `Date` was made valid by `new`.
        jiff::civil::Date::constant(self.year as i16, self.month as i8, self.day as i8)
    }

    /// Parses `YYYY-MM-DD`, and nothing else (no sign, no week date, no time).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
            return None;
        }
        if !digits(5..7) || !digits(8..10) {
            return None;
        }
        Self::new(
            text[..4].parse().ok()?,
            text[5..7].parse().ok()?,
            text[8..].parse().ok()?,
        )
    }

    /// The same day `months` later, clamped to the end of a shorter month.
    pub fn add_months(self, months: u32) -> Self {
        self.to_civil()
            .checked_add(i64::from(months).months())
            .map_or(self, Self::from_civil)
    }

    /// The next day.
    pub fn next_day(self) -> Self {
        self.to_civil().tomorrow().map_or(self, Self::from_civil)
    }

    /// The days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        let days = |d: Date| {
            i64::from(
                d.to_civil()
                    .since(jiff::civil::Date::constant(1970, 1, 1))
                    .map_or(0, |s| s.get_days()),
            )
        };
        days(other) - days(self)
    }

    /// The day of the week, 0 for Monday to 6 for Sunday.
    pub fn weekday(self) -> u8 {
        self.to_civil().weekday().to_monday_zero_offset() as u8
    }

    /// The day that contains the Unix time `seconds` in UTC.
    pub fn from_unix(seconds: i64) -> Option<Self> {
        let t = jiff::Timestamp::from_second(seconds).ok()?;
        let d = t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        Self::new(i32::from(d.year()), d.month() as u8, d.day() as u8)
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
    fn days_and_weekdays() {
        let d = Date::parse("2021-12-16").unwrap();
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_until(d), 18_977);
        assert_eq!(d.days_until(Date::new(1970, 1, 1).unwrap()), -18_977);
        assert_eq!(Date::from_unix(18_977 * 86_400 + 3_600), Some(d));
        assert_eq!(Date::from_unix(0), Date::new(1970, 1, 1));
        assert_eq!(d.weekday(), 3, "a Thursday");
        assert_eq!(d.next_day().to_string(), "2021-12-17");
        assert_eq!(
            Date::parse("2021-12-31").unwrap().next_day().to_string(),
            "2022-01-01"
        );
        assert_eq!(Date::new(0, 1, 1), None);
    }
}
