//! French typography, done by the pipeline rather than by hand in the data: dates in words,
//! grouped thousands, phone numbers in pairs, no-break spaces before high punctuation and inside
//! guillemets.

use crate::date::Date;

/// No-break space (U+00A0): before `:` and inside « ».
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space (U+202F): before `; ! ?` and between groups of digits.
pub const NNBSP: char = '\u{202f}';

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "16 décembre 2021", "1er janvier 2022".
pub fn date(d: Date) -> String {
    let day = if d.day == 1 {
        "1er".to_owned()
    } else {
        d.day.to_string()
    };
    format!("{day}{NBSP}{} {}", MONTHS[usize::from(d.month - 1)], d.year)
}

/// "16/12/2021", as the calendar of the convention writes the notification window.
pub fn date_numeric(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day, d.month, d.year)
}

/// Groups digits by three with narrow no-break spaces: "1 090", "35 000".
pub fn number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// A normalized phone number (see [`crate::ids::phone`]) printed in pairs: "02 40 81 52 16".
pub fn phone(normalized: &str) -> String {
    let (prefix, national) = match normalized.strip_prefix('+') {
        Some(rest) if rest.len() > 9 => {
            let (p, n) = rest.split_at(rest.len() - 9);
            (format!("+{p}{NBSP}"), n.to_owned())
        }
        _ => (String::new(), normalized.to_owned()),
    };
    let chars: Vec<char> = national.chars().collect();
    // Nine digits after an international prefix: 1 + 4 pairs; ten digits: 5 pairs.
    let first = chars.len() % 2;
    let mut out = prefix;
    let mut groups: Vec<String> = Vec::new();
    if first == 1 {
        groups.push(chars[0].to_string());
    }
    for pair in chars[first..].chunks(2) {
        groups.push(pair.iter().collect());
    }
    out.push_str(&groups.join(&NBSP.to_string()));
    out
}

/// Replaces the space before `: ; ! ?` and inside « » by the right no-break space, adding it
/// where it is missing, and the typewriter apostrophe by the typographic one (as Typst does for
/// template text). Leaves URLs, times (`10:30`) and everything else as typed.
pub fn spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A run of ordinary spaces followed by high punctuation becomes one no-break space.
        if c == ' ' {
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && i > 0 && matches!(chars[j], ':' | ';' | '!' | '?' | '»') {
                out.push(if chars[j] == ':' || chars[j] == '»' {
                    NBSP
                } else {
                    NNBSP
                });
                i = j;
                continue;
            }
            if out.ends_with('«') {
                out.push(NBSP);
                i = j;
                continue;
            }
            out.extend(&chars[i..j]);
            i = j;
            continue;
        }
        if c == '\'' {
            out.push('’');
            i += 1;
            continue;
        }
        if c == '«' {
            out.push(c);
            if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
                out.push(NBSP);
            }
            i += 1;
            continue;
        }
        if c == '»' && i > 0 && !chars[i - 1].is_whitespace() {
            out.push(NBSP);
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Small whole numbers in words, as legal text writes durations: "deux mois".
pub fn in_words(n: u32) -> String {
    const WORDS: [&str; 21] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
        "dix-neuf", "vingt",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// "Châteaubriant" → "CHÂTEAUBRIANT": accents are kept on capitals, as French typography wants.
pub fn upper(text: &str) -> String {
    text.to_uppercase()
}

/// Upper-cases the first letter only: "rectorat de Nantes" → "Rectorat de Nantes".
pub fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        let cases = [
            ("2021-12-16", "16 décembre 2021"),
            ("2022-01-01", "1er janvier 2022"),
            ("2022-08-19", "19 août 2022"),
            ("2022-02-02", "2 février 2022"),
        ];
        for (iso, words) in cases {
            assert_eq!(date(Date::parse(iso).unwrap()).replace(NBSP, " "), words);
        }
        assert_eq!(
            date_numeric(Date::parse("2022-04-08").unwrap()),
            "08/04/2022"
        );
    }

    #[test]
    fn grouped_numbers() {
        let cases = [
            (0, "0"),
            (539, "539"),
            (1090, "1 090"),
            (35000, "35 000"),
            (1234567, "1 234 567"),
        ];
        for (n, s) in cases {
            assert_eq!(number(n).replace(NNBSP, " "), s);
        }
    }

    #[test]
    fn phones_in_pairs() {
        assert_eq!(phone("0240815216").replace(NBSP, " "), "02 40 81 52 16");
        assert_eq!(
            phone("+262262123456").replace(NBSP, " "),
            "+262 2 62 12 34 56"
        );
    }

    #[test]
    fn french_spacing() {
        let cases = [
            ("adresse : Rectorat", "adresse\u{a0}: Rectorat"),
            ("adresse: Rectorat", "adresse: Rectorat"),
            ("Vraiment ?", "Vraiment\u{202f}?"),
            ("« adhérents »", "«\u{a0}adhérents\u{a0}»"),
            ("«adhérents»", "«\u{a0}adhérents\u{a0}»"),
            ("10:30 http://x.fr", "10:30 http://x.fr"),
            ("a  ;", "a\u{202f};"),
            (" : début", " : début"),
            ("l'école", "l’école"),
        ];
        for (input, expected) in cases {
            assert_eq!(spacing(input), expected, "{input}");
        }
    }

    #[test]
    fn words_and_case() {
        assert_eq!(in_words(2), "deux");
        assert_eq!(in_words(24), "24");
        assert_eq!(upper("Châteaubriant œuvre"), "CHÂTEAUBRIANT ŒUVRE");
        assert_eq!(capitalize_first("rectorat de Nantes"), "Rectorat de Nantes");
        assert_eq!(capitalize_first("éducation"), "Éducation");
    }
}
