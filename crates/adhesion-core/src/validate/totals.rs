//! Sums of pupils that cannot wrap: a count that fails its check (negative, or more than
//! [`MAX_PUPILS`] in one school) is not added, and the sum is checked.

use super::MAX_PUPILS;

/// `eleves` when it passes its check, 0 otherwise.
pub fn counted(eleves: i64) -> i64 {
    if (0..=MAX_PUPILS).contains(&eleves) {
        eleves
    } else {
        0
    }
}

/// The sum of the counts that pass their check (at most `i64::MAX`, which more than a billion
/// schools would take).
pub fn pupils(counts: impl IntoIterator<Item = i64>) -> i64 {
    counts
        .into_iter()
        .map(counted)
        .fold(0i64, |sum, n| sum.checked_add(n).unwrap_or(i64::MAX))
}

/// `a + b`, at most `i64::MAX`: totals of totals.
pub fn add(a: i64, b: i64) -> i64 {
    a.checked_add(b).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_that_fail_their_check_are_not_added() {
        assert_eq!(pupils([120, 130]), 250);
        assert_eq!(pupils([i64::MAX, i64::MAX, 289]), 289);
        assert_eq!(pupils([-5, MAX_PUPILS + 1, MAX_PUPILS]), MAX_PUPILS);
        assert_eq!(add(i64::MAX, 1), i64::MAX);
    }
}
