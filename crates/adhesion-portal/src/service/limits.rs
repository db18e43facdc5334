//! What the portal refuses beyond a bound: events counted per key over a sliding window, in
//! memory and bounded in keys ([`Window`]: the sign-in attempts per address, the saves per
//! link); a save whose values are over their limits; audit values cut to a bounded length.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use adhesion_core::diagnostic::Diagnostic;

/// Saves allowed per link and minute (the page's script saves each field as it is left).
pub const SAVES_PER_MINUTE: usize = 120;
/// The longest value the audit log keeps of a field changed, in characters...
pub const AUDIT_VALUE_CHARS: usize = 200;
/// ...and the most fields changed it lists for one save (the others are counted).
pub const AUDIT_CHANGES: usize = 50;
/// Requests with an unknown link allowed per address (an IPv6 /64) and minute: a commune that
/// mistypes its link is served, an address trying links by the thousand is refused before its
/// requests reach the database, which the communes' saves share.
pub const UNKNOWN_LINKS_PER_MINUTE: usize = 30;
/// The most keys a [`Window`] keeps (addresses, links).
pub const MAX_KEYS: usize = 10_000;

/// Events counted per key over a sliding window: at most `per` in any `window`. At most
/// [`MAX_KEYS`] keys are followed at once: past them, a new key is refused until others age
/// out of the window (the map never grows without bound).
pub struct Window<K> {
    per: usize,
    window: Duration,
    seen: Mutex<HashMap<K, VecDeque<Instant>>>,
}

impl<K: Hash + Eq> Window<K> {
    pub fn new(per: usize, window: Duration) -> Self {
        Self {
            per,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Records an event of `key` at `now`; when it is one too many, how long until one of the
    /// events counted leaves the window.
    pub fn allow(&self, key: K, now: Instant) -> Result<(), Duration> {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let window = self.window;
        let live = |t: &Instant| now.saturating_duration_since(*t) < window;
        if !seen.contains_key(&key) && seen.len() >= MAX_KEYS {
            seen.retain(|_, times| {
                times.retain(live);
                !times.is_empty()
            });
            if seen.len() >= MAX_KEYS {
                return Err(window);
            }
        }
        let times = seen.entry(key).or_default();
        times.retain(live);
        if times.len() >= self.per {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(window.saturating_sub(now.saturating_duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }

    /// Whether `key` has had its `per` events within the window at `now` (nothing recorded):
    /// how long until the oldest leaves it.
    pub fn exceeded(&self, key: &K, now: Instant) -> Option<Duration> {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let times = seen.get(key)?;
        let live: Vec<&Instant> = times
            .iter()
            .filter(|t| now.saturating_duration_since(**t) < self.window)
            .collect();
        let oldest = live.first()?;
        (live.len() >= self.per).then(|| {
            self.window
                .saturating_sub(now.saturating_duration_since(**oldest))
        })
    }

    /// The number of keys followed.
    pub fn keys(&self) -> usize {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// Whether `d` says that a value of the input is over its limit (a text too long, too many
/// schools): such a save is refused whole.
pub fn over_limit(d: &Diagnostic) -> bool {
    matches!(
        d.message_id,
        "portal-input-too-long" | "portal-input-too-many-schools"
    )
}

/// `text` cut to [`AUDIT_VALUE_CHARS`] characters, with `…` when it was longer.
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(AUDIT_VALUE_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_counts_per_key_and_forgets() {
        let w = Window::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert!(w.allow("a", t0).is_ok() && w.allow("a", t0).is_ok());
        assert_eq!(w.allow("a", t0), Err(Duration::from_secs(60)));
        assert!(w.allow("b", t0).is_ok());
        let later = t0 + Duration::from_secs(45);
        assert_eq!(w.allow("a", later), Err(Duration::from_secs(15)));
        assert!(w.allow("a", t0 + Duration::from_secs(60)).is_ok());
    }

    #[test]
    fn exceeded_says_so_without_counting() {
        let w = Window::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert_eq!(w.exceeded(&"a", t0), None);
        w.allow("a", t0).unwrap();
        assert_eq!(w.exceeded(&"a", t0), None);
        w.allow("a", t0).unwrap();
        let later = t0 + Duration::from_secs(20);
        assert_eq!(w.exceeded(&"a", later), Some(Duration::from_secs(40)));
        assert_eq!(w.exceeded(&"a", t0 + Duration::from_secs(60)), None);
    }

    #[test]
    fn a_window_is_bounded_in_keys() {
        let w = Window::new(1, Duration::from_secs(60));
        let t0 = Instant::now();
        for k in 0..MAX_KEYS {
            assert!(w.allow(k, t0).is_ok());
        }
        assert!(w.allow(MAX_KEYS, t0).is_err(), "one key too many");
        assert_eq!(w.keys(), MAX_KEYS);
        // A minute later the old keys make room.
        assert!(w.allow(MAX_KEYS, t0 + Duration::from_secs(60)).is_ok());
        assert_eq!(w.keys(), 1);
    }

    #[test]
    fn values_are_cut_on_characters() {
        assert_eq!(cut("court"), "court");
        let long = "é".repeat(AUDIT_VALUE_CHARS + 1);
        let cut = cut(&long);
        assert_eq!(cut.chars().count(), AUDIT_VALUE_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}
