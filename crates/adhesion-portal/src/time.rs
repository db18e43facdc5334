//! The portal's clock: now, today, and the times the desk shows.

use adhesion_core::date::Date;
use adhesion_core::i18n::{Arg, Lang, text_in};

/// Now, in seconds since 1970.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Today, from the system clock (UTC).
pub fn system_today() -> Date {
    Date::from_unix(unix_now()).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// "16 décembre 2021 à 14 h 05" (UTC), or "" for 0.
pub fn when(seconds: i64) -> String {
    if seconds <= 0 {
        return String::new();
    }
    let Some(day) = Date::from_unix(seconds) else {
        return String::new();
    };
    let minutes = seconds.rem_euclid(86_400) / 60;
    text_in(
        Lang::Fr,
        "desk-when",
        &[
            (
                "date",
                Arg::Str(adhesion_core::render::typography::date(day)),
            ),
            ("hour", Arg::Str(format!("{}", minutes / 60))),
            ("minute", Arg::Str(format!("{:02}", minutes % 60))),
        ],
    )
}

/// A time as ISO 8601 in UTC (`2021-12-16T14:05:00Z`), for the CSV of the audit log.
pub fn iso(seconds: i64) -> String {
    Date::from_unix(seconds).map_or_else(String::new, |d| {
        let s = seconds.rem_euclid(86_400);
        format!("{d}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
    })
}
