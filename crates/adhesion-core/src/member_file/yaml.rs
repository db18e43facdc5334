//! YAML scalars as the writer puts them: plain where YAML reads them back as the same string,
//! quoted otherwise.

use std::fmt::Write as _;

/// Words that YAML 1.1 or 1.2 reads as null, booleans or special numbers.
const KEYWORDS: [&str; 16] = [
    "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf",
    ".nan", "nan", "inf",
];

/// A string as a YAML value: plain when YAML reads it back as that same string (and nothing
/// else: a number, a boolean, null, a date), double-quoted otherwise.
pub fn scalar(s: &str) -> String {
    if needs_quotes(s) {
        quoted(s)
    } else {
        s.to_owned()
    }
}

fn needs_quotes(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return true;
    };
    let second = s.chars().nth(1);
    let numberish = first.is_ascii_digit()
        || (matches!(first, '+' | '-' | '.')
            && second.is_some_and(|c| c.is_ascii_digit() || c == '.'))
        || s.parse::<f64>().is_ok();
    numberish
        || KEYWORDS.contains(&s.to_ascii_lowercase().as_str())
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || s.ends_with(':')
        || s.contains(": ")
        || s.contains(" #")
        || s.chars().any(|c| {
            c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\t')
        })
}

/// A string as a double-quoted YAML scalar, escaping what must be.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if c.is_control() || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
