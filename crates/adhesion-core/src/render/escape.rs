//! Putting data into Typst source so that no value can change the document's structure.
//!
//! Two contexts, two escapes: [`markup`] for text placed in Typst markup (the default, applied by
//! Tera's autoescape to every `{{ value }}` of a `.typ` template) and [`string_literal`] for values
//! placed in Typst code (`#champ({{ value | str }})`). Both apply French spacing first, so that
//! "adresse : x" typed in the data prints with a no-break space.

use std::fmt::Write as _;

use crate::render::typography;

/// Escapes `text` for Typst markup: every ASCII punctuation character gets a backslash, line
/// breaks become forced line breaks, control characters are dropped. Ordinals such as "1er" are
/// set in superscript.
pub fn markup(text: &str) -> String {
    markup_exact(&typography::spacing(text))
}

/// [`markup`] without French typography: for values that must print exactly as typed, such as an
/// e-mail address (`o'brien@...` must not get a typographic apostrophe).
pub fn markup_exact(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(len) = ordinal_suffix(&chars, i) {
            out.push(c);
            out.push_str("#super[");
            out.extend(&chars[i + 1..i + 1 + len]);
            out.push(']');
            i += 1 + len;
            continue;
        }
        match c {
            '\r' if chars.get(i + 1) == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// At `chars[i] == '1'` standing alone and followed by "er", "re", "ers" or "res" that end a
/// word, the length of that suffix.
fn ordinal_suffix(chars: &[char], i: usize) -> Option<usize> {
    if chars[i] != '1' || (i > 0 && chars[i - 1].is_alphanumeric()) {
        return None;
    }
    ["ers", "res", "er", "re"].iter().find_map(|s| {
        let len = s.chars().count();
        let matches = chars.len() >= i + 1 + len
            && chars[i + 1..i + 1 + len].iter().copied().eq(s.chars())
            && chars.get(i + 1 + len).is_none_or(|c| !c.is_alphanumeric());
        matches.then_some(len)
    })
}

/// Makes `text` a Typst string literal, quotes included, with French typography.
pub fn string_literal(text: &str) -> String {
    string_literal_exact(&typography::spacing(text))
}

/// [`string_literal`] without French typography.
pub fn string_literal_exact(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The escape function Tera calls for every `{{ value }}` of a `.typ` template.
pub fn tera_escape(input: &str, output: &mut dyn std::io::Write) -> std::io::Result<()> {
    output.write_all(markup(input).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_cases() {
        let cases = [
            ("Ville de Châteaubriant", "Ville de Châteaubriant"),
            ("#OpenToWork", "\\#OpenToWork"),
            ("a*b_c", "a\\*b\\_c"),
            ("= titre", "\\= titre"),
            ("1. liste", "1\\. liste"),
            ("x -- y ... z", "x \\-\\- y \\.\\.\\. z"),
            ("// pas un commentaire", "\\/\\/ pas un commentaire"),
            ("@ref <label>", "\\@ref \\<label\\>"),
            ("l'école \"x\"", "l’école \\\"x\\\""),
            ("a\nb", "a\\\nb"),
            ("a\r\nb", "a\\\nb"),
            ("\\u{41}", "\\\\u\\{41\\}"),
            ("1er degré", "1#super[er] degré"),
            ("11er 1erx", "11er 1erx"),
            ("a\u{7}b", "ab"),
        ];
        for (input, expected) in cases {
            assert_eq!(markup(input), expected, "{input:?}");
        }
    }

    #[test]
    fn exact_keeps_apostrophes_and_spaces() {
        assert_eq!(markup_exact("o'brien@x.fr"), "o\\'brien\\@x\\.fr");
        assert_eq!(string_literal_exact("o'brien : x"), "\"o'brien : x\"");
        assert_eq!(string_literal("o'brien : x"), "\"o’brien\u{a0}: x\"");
    }

    #[test]
    fn string_cases() {
        let cases = [
            ("Paris", "\"Paris\""),
            ("a\"b\\c", "\"a\\\"b\\\\c\""),
            ("a\nb", "\"a\\nb\""),
            ("#x $y$ [z]", "\"#x $y$ [z]\""),
            ("a\u{1}b", "\"a\\u{1}b\""),
        ];
        for (input, expected) in cases {
            assert_eq!(string_literal(input), expected, "{input:?}");
        }
    }
}
