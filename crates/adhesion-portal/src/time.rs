//! The portal's clock and its times, in France: « today » for the deadline is taken in
//! Europe/Paris at each request (a portal started before the deadline closes at midnight, Paris
//! time, without a restart), and every time shown is Paris time. The time zone database is
//! inside the binary (`jiff`'s bundled copy), so the host's does not matter.

use std::sync::{LazyLock, Mutex};

use adhesion_core::date::Date;
use adhesion_core::i18n::{Arg, Lang, text_in};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Where the time comes from: the system, or a clock the tests set.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The system's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// The system's clock moved to another day, the time of day kept (`adhesion serve --today`, a
/// demonstration after the deadline).
pub struct DayClock {
    shift: SignedDuration,
}

impl DayClock {
    /// A clock whose today, in Paris, is `day`.
    pub fn on(day: Date) -> DayClock {
        let now = Timestamp::now();
        let here = now.to_zoned_datetime(paris().clone());
        let then = day
            .to_civil()
            .to_datetime(here.time())
            .to_zoned_datetime(paris().clone())
            .map_or(now, |z| z.timestamp());
        DayClock {
            shift: then.duration_since(now),
        }
    }
}

impl Clock for DayClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
            .checked_add(self.shift)
            .unwrap_or_else(|_| Timestamp::now())
    }
}

/// A clock set by hand (the tests: a deadline crossed with the server running).
pub struct ManualClock(Mutex<Timestamp>);

impl ManualClock {
    pub fn new(at: Timestamp) -> ManualClock {
        ManualClock(Mutex::new(at))
    }

    /// The clock now says `at`.
    pub fn set(&self, at: Timestamp) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Europe/Paris, from the database inside the binary.
pub fn paris() -> &'static TimeZone {
    static PARIS: LazyLock<TimeZone> = LazyLock::new(|| {
        TimeZone::get("Europe/Paris").expect("Europe/Paris is in the bundled tz database")
    });
    &PARIS
}

/// The day of `now` in Paris.
pub fn today(now: Timestamp) -> Date {
    Date::from_civil(now.to_zoned_datetime(paris().clone()).date())
}

/// Now, in seconds since 1970 (the times stored in the database).
pub fn unix_now() -> i64 {
    Timestamp::now().as_second()
}

/// "16 décembre 2021 à 15 h 05" in Paris, or "" for 0.
pub fn when(seconds: i64) -> String {
    let Some(z) = (seconds > 0)
        .then(|| Timestamp::from_second(seconds).ok())
        .flatten()
        .map(|t| t.to_zoned_datetime(paris().clone()))
    else {
        return String::new();
    };
    text_in(
        Lang::Fr,
        "desk-when",
        &[
            (
                "date",
                Arg::Str(adhesion_core::render::typography::date(Date::from_civil(
                    z.date(),
                ))),
            ),
            ("hour", Arg::Str(z.hour().to_string())),
            ("minute", Arg::Str(format!("{:02}", z.minute()))),
        ],
    )
}

/// The day, hour and minute of `seconds` in Paris (`None` for 0 or an impossible time).
pub fn when_parts(seconds: i64) -> Option<(Date, i8, i8)> {
    let t = Timestamp::from_second(seconds)
        .ok()
        .filter(|_| seconds > 0)?;
    let z = t.to_zoned_datetime(paris().clone());
    Some((Date::from_civil(z.date()), z.hour(), z.minute()))
}

/// A time as ISO 8601 in Paris, with its offset (`2021-12-16T15:05:00+01:00`), for the CSVs.
pub fn iso(seconds: i64) -> String {
    Timestamp::from_second(seconds).map_or_else(
        |_| String::new(),
        |t| {
            let z = t.to_zoned_datetime(paris().clone());
            let offset = z.offset().seconds();
            let sign = if offset < 0 { '-' } else { '+' };
            let offset = offset.unsigned_abs();
            format!(
                "{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
                Date::from_civil(z.date()),
                z.hour(),
                z.minute(),
                z.second(),
                offset / 3600,
                offset / 60 % 60
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_paris() {
        // 14:05 UTC in winter (CET, UTC+1) and in summer (CEST, UTC+2).
        let winter = "2021-12-16T14:05:00Z".parse::<Timestamp>().unwrap();
        assert_eq!(when(winter.as_second()), "16\u{a0}décembre 2021 à 15 h 05");
        assert_eq!(iso(winter.as_second()), "2021-12-16T15:05:00+01:00");
        let summer = "2022-07-01T14:05:00Z".parse::<Timestamp>().unwrap();
        assert_eq!(iso(summer.as_second()), "2022-07-01T16:05:00+02:00");
        assert_eq!(when(0), "");
    }

    #[test]
    fn today_turns_at_midnight_in_paris() {
        let before = "2022-01-15T22:59:59Z".parse::<Timestamp>().unwrap();
        let after = "2022-01-15T23:00:00Z".parse::<Timestamp>().unwrap();
        assert_eq!(today(before).to_string(), "2022-01-15");
        assert_eq!(today(after).to_string(), "2022-01-16");
        let clock = ManualClock::new(before);
        clock.set(after);
        assert_eq!(today(clock.now()).to_string(), "2022-01-16");
        let day = Date::new(2021, 12, 1).unwrap();
        assert_eq!(today(DayClock::on(day).now()), day);
    }
}
