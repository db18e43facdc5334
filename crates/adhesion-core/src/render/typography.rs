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

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// "jeudi 16 décembre 2021", as the heading of a council session names its day.
pub fn date_with_weekday(d: Date) -> String {
    format!("{} {}", WEEKDAYS[usize::from(d.weekday())], date(d))
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

/// A normalized phone number (see [`crate::validate::ids::phone`]) printed as the French write it, in
/// pairs after the country code: "02 40 81 52 16", "+262 262 12 34 56" (nine digits: three,
/// then pairs), "+687 28 12 34", "+689 40 12 34 56".
pub fn phone(normalized: &str) -> String {
    let chars: Vec<char> = normalized.chars().collect();
    // Every country code the validation keeps (+262, +508, +590, +594, +596, +687, +689) has
    // three digits; +33 numbers are kept in national form.
    let (prefix, national) = match chars.split_first() {
        Some(('+', rest)) if rest.len() > 3 => {
            let (code, number) = rest.split_at(3);
            (
                format!("+{}{NBSP}", code.iter().collect::<String>()),
                number,
            )
        }
        _ => (String::new(), &chars[..]),
    };
    let first = if national.len() % 2 == 1 {
        3.min(national.len())
    } else {
        0
    };
    let mut groups: Vec<String> = Vec::new();
    if first > 0 {
        groups.push(national[..first].iter().collect());
    }
    for pair in national[first..].chunks(2) {
        groups.push(pair.iter().collect());
    }
    prefix + &groups.join(&NBSP.to_string())
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

/// The largest number [`in_words`] spells: legal texts need durations, counts and amounts in
/// words, none of them near a billion.
pub const IN_WORDS_MAX: u64 = 999_999_999;

/// 0 to 19: the words that are not built from smaller ones (17 to 19 are, but this keeps the
/// seventies and nineties one lookup away).
const UNITS: [&str; 20] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
];

/// Tens from twenty to sixty; seventy and ninety are counted on sixty and eighty.
const TENS: [&str; 7] = [
    "",
    "",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
];

/// A whole number in words, as legal text writes durations: "deux mois", "vingt et un mois".
/// Traditional spelling (before the 1990 reform, still the usual one in legal texts): hyphens
/// only between tens and units below a hundred, "et" in 21, 31... 71, an s on "vingts" and
/// "cents" that end the number or come before "millions" but not before "mille". `None` above
/// [`IN_WORDS_MAX`].
pub fn in_words(n: u64) -> Option<String> {
    if n > IN_WORDS_MAX {
        return None;
    }
    if n == 0 {
        return Some(UNITS[0].to_owned());
    }
    let (millions, thousands, rest) = (n / 1_000_000, n / 1000 % 1000, n % 1000);
    let mut words: Vec<String> = Vec::new();
    if millions > 0 {
        let noun = if millions == 1 { "million" } else { "millions" };
        words.push(format!("{} {noun}", below_thousand(millions, true)));
    }
    // "mille", invariable, is never preceded by "un".
    match thousands {
        0 => {}
        1 => words.push("mille".to_owned()),
        t => words.push(format!("{} mille", below_thousand(t, false))),
    }
    if rest > 0 {
        words.push(below_thousand(rest, true));
    }
    Some(words.join(" "))
}

/// 1 to 999 in words. `plural`: whether a final "cent" or "quatre-vingt" takes its s (not
/// before "mille").
fn below_thousand(n: u64, plural: bool) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let mut out = match hundreds {
        0 => return below_hundred(rest, plural),
        1 => "cent".to_owned(),
        h => format!(
            "{} cent{}",
            UNITS[h as usize],
            if rest == 0 && plural { "s" } else { "" }
        ),
    };
    if rest > 0 {
        out.push(' ');
        out.push_str(&below_hundred(rest, plural));
    }
    out
}

/// 1 to 99 in words.
fn below_hundred(n: u64, plural: bool) -> String {
    let (tens, units) = ((n / 10) as usize, (n % 10) as usize);
    match (tens, units) {
        (0 | 1, _) => UNITS[n as usize].to_owned(),
        (2..=6, 0) => TENS[tens].to_owned(),
        (2..=6, 1) => format!("{} et un", TENS[tens]),
        (2..=6, u) => format!("{}-{}", TENS[tens], UNITS[u]),
        (7, 1) => "soixante et onze".to_owned(),
        (7, u) => format!("soixante-{}", UNITS[10 + u]),
        (8, 0) if plural => "quatre-vingts".to_owned(),
        (8, 0) => "quatre-vingt".to_owned(),
        (8, u) => format!("quatre-vingt-{}", UNITS[u]),
        (_, u) => format!("quatre-vingt-{}", UNITS[10 + u]),
    }
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
        let weekdays = [
            ("2021-12-16", "jeudi 16 décembre 2021"),
            ("2022-01-01", "samedi 1er janvier 2022"),
            ("2021-06-30", "mercredi 30 juin 2021"),
            ("2024-02-29", "jeudi 29 février 2024"),
            ("1970-01-01", "jeudi 1er janvier 1970"),
            ("1969-12-28", "dimanche 28 décembre 1969"),
            ("2000-03-06", "lundi 6 mars 2000"),
        ];
        for (iso, words) in weekdays {
            let d = Date::parse(iso).unwrap();
            assert_eq!(date_with_weekday(d).replace(NBSP, " "), words);
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
        let cases = [
            ("0240815216", "02 40 81 52 16"),
            ("0262123456", "02 62 12 34 56"),
            ("+262262123456", "+262 262 12 34 56"),
            ("+262692123456", "+262 692 12 34 56"),
            ("+590690123456", "+590 690 12 34 56"),
            ("+594594123456", "+594 594 12 34 56"),
            ("+596596123456", "+596 596 12 34 56"),
            ("+508411234", "+508 41 12 34"),
            ("+508708412345", "+508 708 41 23 45"),
            ("+687281234", "+687 28 12 34"),
            ("+68940123456", "+689 40 12 34 56"),
            // Not normalized (a member that failed validation): printed, never a panic.
            ("+1", "+1"),
            ("123", "123"),
            ("", ""),
        ];
        for (normalized, printed) in cases {
            assert_eq!(
                phone(normalized).replace(NBSP, " "),
                printed,
                "{normalized}"
            );
        }
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
    fn numbers_in_words() {
        let cases = [
            (0, "zéro"),
            (2, "deux"),
            (16, "seize"),
            (17, "dix-sept"),
            (20, "vingt"),
            (21, "vingt et un"),
            (24, "vingt-quatre"),
            (31, "trente et un"),
            (61, "soixante et un"),
            (70, "soixante-dix"),
            (71, "soixante et onze"),
            (77, "soixante-dix-sept"),
            (80, "quatre-vingts"),
            (81, "quatre-vingt-un"),
            (90, "quatre-vingt-dix"),
            (91, "quatre-vingt-onze"),
            (99, "quatre-vingt-dix-neuf"),
            (100, "cent"),
            (101, "cent un"),
            (180, "cent quatre-vingts"),
            (200, "deux cents"),
            (201, "deux cent un"),
            (1000, "mille"),
            (1001, "mille un"),
            (2000, "deux mille"),
            (21_000, "vingt et un mille"),
            (80_000, "quatre-vingt mille"),
            (200_000, "deux cent mille"),
            (
                999_999,
                "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf",
            ),
            (1_000_000, "un million"),
            (1_000_001, "un million un"),
            (2_000_000, "deux millions"),
            (80_000_000, "quatre-vingts millions"),
            (200_000_000, "deux cents millions"),
            (
                IN_WORDS_MAX,
                "neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille \
                 neuf cent quatre-vingt-dix-neuf",
            ),
        ];
        for (n, words) in cases {
            assert_eq!(in_words(n).as_deref(), Some(words), "{n}");
        }
        assert_eq!(in_words(IN_WORDS_MAX + 1), None);
    }

    #[test]
    fn words_and_case() {
        assert_eq!(upper("Châteaubriant œuvre"), "CHÂTEAUBRIANT ŒUVRE");
        assert_eq!(capitalize_first("rectorat de Nantes"), "Rectorat de Nantes");
        assert_eq!(capitalize_first("éducation"), "Éducation");
    }
}
