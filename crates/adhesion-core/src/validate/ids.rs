//! French administrative identifiers: UAI, SIREN, INSEE code, ACTES identifier, phone, e-mail.
//!
//! Each check takes the text as typed and returns the normalized form or a problem with a hint.

use crate::date::Date;
use crate::i18n::Message;
use crate::msg;

/// Why an identifier is wrong, in plain words, with a hint when one helps: a catalogue message.
///
/// `message` and `hint` are its texts in the language of the run; [`Problem::to_message`] gives
/// the whole catalogue message (id, arguments, texts) for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub hint: Option<String>,
    catalogue: Message,
}

impl From<Message> for Problem {
    fn from(m: Message) -> Self {
        Self {
            message: m.text.clone(),
            hint: m.hint.clone(),
            catalogue: m,
        }
    }
}

impl Problem {
    /// The problem as a catalogue message: its id, arguments, text and `.hint`, as
    /// `Diagnostic::error(code, file, problem.to_message())` takes it.
    pub fn to_message(&self) -> Message {
        self.catalogue.clone()
    }

    /// [`Problem::to_message`], consuming the problem.
    pub fn into_message(self) -> Message {
        self.catalogue
    }
}

const UAI_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// A UAI (school identifier): 7 digits and a check letter. Lower case is accepted.
pub fn uai(text: &str) -> Result<String, Problem> {
    let upper = text.trim().to_ascii_uppercase();
    let bytes = upper.as_bytes();
    let shaped = bytes.len() == 8
        && bytes[..7].iter().all(u8::is_ascii_digit)
        && bytes[7].is_ascii_uppercase();
    if !shaped {
        return Err(msg!("validate-uai-shape", text = text).into());
    }
    let number: u32 = upper[..7].parse().unwrap_or(0);
    let expected = UAI_LETTERS[(number % 23) as usize] as char;
    if bytes[7] as char != expected {
        return Err(msg!(
            "validate-uai-check-letter",
            uai = upper,
            digits = &upper[..7],
            expected = expected
        )
        .into());
    }
    Ok(upper)
}

/// Luhn checksum over ASCII digits.
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 { d2 - 9 } else { d2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A SIREN: 9 digits with a valid Luhn key. Spaces are tolerated and removed.
pub fn siren(text: &str) -> Result<String, Problem> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(msg!("validate-siren-shape", text = text).into());
    }
    if !luhn(&digits) {
        return Err(msg!("validate-siren-luhn", siren = digits).into());
    }
    Ok(digits)
}

/// A SIRET: 14 digits, Luhn, with La Poste's exception (digit sum a multiple of 5).
pub fn siret(text: &str) -> Result<String, Problem> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(msg!("validate-siret-shape", text = text).into());
    }
    let ok = if digits.starts_with("356000000") {
        digits.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0
    } else {
        luhn(&digits)
    };
    if ok {
        Ok(digits)
    } else {
        Err(msg!("validate-siret-check", siret = digits).into())
    }
}

/// An INSEE commune code: 5 characters, Corsica as 2A/2B, overseas as 97x.
pub fn insee(text: &str) -> Result<String, Problem> {
    let code = text.trim().to_ascii_uppercase();
    let b = code.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 5
        && match b[0] {
            b'0' | b'1' | b'3' | b'4' | b'5' | b'6' | b'7' | b'8' => digits(1..5),
            b'2' => (matches!(b[1], b'A' | b'B') || (b'1'..=b'9').contains(&b[1])) && digits(2..5),
            b'9' => {
                ((b'0'..=b'5').contains(&b[1]) && digits(2..5))
                    || (b[1] == b'7'
                        && matches!(b[2], b'1' | b'2' | b'3' | b'4' | b'6')
                        && digits(3..5))
            }
            _ => false,
        };
    if ok {
        Ok(code)
    } else {
        Err(msg!("validate-insee-shape", text = text).into())
    }
}

/// The parts of an ACTES identifier (`DDD-SIREN-YYYYMMDD-NUMBER-NATURE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acte {
    pub departement: String,
    pub siren: String,
    pub date: Date,
    pub numero: String,
    pub nature: String,
}

const ACTE_NATURES: [&str; 6] = ["DE", "AR", "AI", "CC", "BF", "AU"];

/// An ACTES identifier as stamped by the prefecture, e.g. `044-214400368-20211222-13-DE`.
pub fn acte(text: &str) -> Result<Acte, Problem> {
    let shape = || Problem::from(msg!("validate-acte-shape", text = text));
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [dep, siren_part, date, numero, nature] = parts[..] else {
        return Err(shape());
    };
    if dep.len() != 3 || !dep.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(shape());
    }
    let siren = siren(siren_part).map_err(|p| {
        Problem::from(msg!(
            "validate-acte-siren",
            text = text,
            problem = p.message
        ))
    })?;
    let date = (date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()))
        .then(|| Date::parse(&format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..])))
        .flatten()
        .ok_or_else(shape)?;
    let numero_ok = (1..=15).contains(&numero.len())
        && !numero.starts_with('_')
        && numero
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'_');
    if !numero_ok {
        return Err(shape());
    }
    if !ACTE_NATURES.contains(&nature) {
        return Err(msg!("validate-acte-nature", nature = nature, text = text).into());
    }
    Ok(Acte {
        departement: dep.to_owned(),
        siren,
        date,
        numero: numero.to_owned(),
        nature: nature.to_owned(),
    })
}

/// The country codes of the French overseas collectivities whose numbers are written in their
/// international form: the length of the number after the code, and how it starts (fixed,
/// mobile and internet-telephony ranges). None of them starts with the trunk prefix 0.
const OVERSEAS: [(&str, usize, &[&str]); 8] = [
    // Réunion and Mayotte (Mayotte's 0269 and 0639 since 2007).
    (
        "262",
        9,
        &[
            "262", "263", "269", "639", "692", "693", "709", "939", "947", "976",
        ],
    ),
    // Guadeloupe, Saint-Martin, Saint-Barthélemy.
    ("590", 9, &["590", "690", "691", "709", "939", "947", "976"]),
    // Guyane.
    ("594", 9, &["594", "694", "709", "939", "947", "976"]),
    // Martinique.
    ("596", 9, &["596", "696", "697", "709", "939", "947", "976"]),
    // Saint-Pierre-et-Miquelon: six digits, outside the French ten-digit plan, or the newer
    // nine-digit mobiles.
    ("508", 6, &["2", "3", "4", "5", "6", "7", "8", "9"]),
    ("508", 9, &["708"]),
    // New Caledonia: six digits, no trunk prefix.
    ("687", 6, &["2", "3", "4", "5", "7", "8", "9"]),
    // French Polynesia: eight digits since 2017.
    ("689", 8, &["4", "8"]),
];

/// A French phone number, returned as its digits in national form (`0240815216`) or, for an
/// overseas collectivity, with its country code (`+262262123456`, `+687281234`).
pub fn phone(text: &str) -> Result<String, Problem> {
    let bad = || Problem::from(msg!("validate-phone", text = text));
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}' | '\u{202f}' | '(' | ')'))
        .collect();
    if let Some(rest) = compact.strip_prefix('+') {
        if !rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        if let Some(national) = rest.strip_prefix("33") {
            let national = national.strip_prefix('0').unwrap_or(national);
            return if national.len() == 9 && national.as_bytes()[0] != b'0' {
                Ok(format!("0{national}"))
            } else {
                Err(bad())
            };
        }
        // Mayotte's code until 2007, now the Comoros': a number written with it is out of date
        // or foreign, and which of Mayotte's ranges it moved to cannot be guessed.
        if rest.starts_with("269") {
            return Err(msg!("validate-phone-comoros", text = text).into());
        }
        let Some(code) = OVERSEAS
            .iter()
            .map(|(c, ..)| *c)
            .find(|c| rest.starts_with(c))
        else {
            return Err(bad());
        };
        let fits = |n: &str| {
            OVERSEAS.iter().any(|(c, len, starts)| {
                *c == code && n.len() == *len && starts.iter().any(|s| n.starts_with(s))
            })
        };
        let number = &rest[code.len()..];
        // "+262 (0)262 …": the trunk prefix written after the code, as with +33.
        let number = number
            .strip_prefix('0')
            .filter(|n| fits(n))
            .unwrap_or(number);
        return if fits(number) {
            Ok(format!("+{code}{number}"))
        } else {
            Err(bad())
        };
    }
    let b = compact.as_bytes();
    if b.len() == 10
        && b[0] == b'0'
        && (b'1'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
    {
        Ok(compact)
    } else {
        Err(bad())
    }
}

/// A plausible e-mail address: one `@`, a dotted domain, no spaces.
pub fn email(text: &str) -> Result<String, Problem> {
    let t = text.trim();
    let ok = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
                && !t.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if ok {
        Ok(t.to_owned())
    } else {
        Err(msg!("validate-email", text = text).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uai_vectors() {
        for ok in [
            "0440069L", "0491381K", "0530712L", "0530215W", "0721061M", "6200088B", "9740002J",
        ] {
            assert_eq!(uai(ok).as_deref(), Ok(ok), "{ok}");
        }
        assert_eq!(uai("0440069l").as_deref(), Ok("0440069L"));
        let e = uai("0671236G").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("for `0671236` the letter is `E`"));
        let e = uai("0441234A").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("for `0441234` the letter is `C`"));
        for bad in [
            "",
            "044006L",
            "04400690L",
            "A440069L",
            "0440069",
            "0440069-",
        ] {
            assert!(uai(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn siren_vectors() {
        for ok in ["214400368", "214401093", "200053593", "057813131"] {
            assert_eq!(siren(ok).as_deref(), Ok(ok), "{ok}");
        }
        assert_eq!(siren("214 400 368").as_deref(), Ok("214400368"));
        for bad in [
            "214400367",
            "21440036",
            "2144003680",
            "21440036A",
            "57813131",
        ] {
            assert!(siren(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn siret_vectors() {
        assert!(siret("21440036800004").is_ok());
        assert!(siret("21440036800005").is_err());
        // La Poste: digit sum a multiple of 5, Luhn not required.
        assert!(siret("35600000000006").is_ok());
        assert!(siret("35600000000007").is_err());
    }

    #[test]
    fn insee_vectors() {
        for ok in [
            "44036", "01053", "2A004", "2B033", "21231", "97411", "97611", "95127",
        ] {
            assert!(insee(ok).is_ok(), "{ok}");
        }
        for bad in [
            "4403", "440366", "2C004", "97511", "96123", "99123", "A4036", "20123",
        ] {
            assert!(insee(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn acte_vectors() {
        let a = acte("044-214400368-20211222-13-DE").unwrap();
        assert_eq!(a.siren, "214400368");
        assert_eq!(a.date, Date::parse("2021-12-22").unwrap());
        assert_eq!(a.nature, "DE");
        assert!(acte("044-214400368-20211222-DEL_2021_13-DE").is_ok());
        for bad in [
            "044-214400368-20211222-13-XX",
            "044-214400367-20211222-13-DE",
            "044-214400368-20211322-13-DE",
            "044-214400368-20211222-_13-DE",
            "044-214400368-20211222-1234567890123456-DE",
            "044-214400368-20211222-13",
            "44-214400368-20211222-13-DE",
        ] {
            assert!(acte(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phone_vectors() {
        assert_eq!(phone("02 40 81 52 16").as_deref(), Ok("0240815216"));
        assert_eq!(phone("02.40.81.52.16").as_deref(), Ok("0240815216"));
        assert_eq!(phone("+33 2 40 81 52 16").as_deref(), Ok("0240815216"));
        assert_eq!(phone("+33 (0)2 40 81 52 16").as_deref(), Ok("0240815216"));
        assert_eq!(phone("+262 262 12 34 56").as_deref(), Ok("+262262123456"));
        for bad in [
            "02 41 02 32",
            "0040815216",
            "12 40 81 52 16",
            "+44 20 7946 0958",
            "tel",
        ] {
            assert!(phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn overseas_phones() {
        let cases = [
            ("0262 12 34 56", "0262123456"),
            ("+262 692 12 34 56", "+262692123456"),
            ("+262 (0)262 12 34 56", "+262262123456"),
            ("+262 269 61 23 45", "+262269612345"),
            ("+262 639 12 34 56", "+262639123456"),
            ("+590 590 12 34 56", "+590590123456"),
            ("+590 690 12 34 56", "+590690123456"),
            ("+594 594 12 34 56", "+594594123456"),
            ("+596 696 12 34 56", "+596696123456"),
            ("05 08 41 12 34", "0508411234"),
            ("+508 41 12 34", "+508411234"),
            ("+508 708 41 23 45", "+508708412345"),
            ("+687 28 12 34", "+687281234"),
            ("+687 75.12.34", "+687751234"),
            ("+689 40 12 34 56", "+68940123456"),
            ("+689 87 12 34 56", "+68987123456"),
        ];
        for (typed, normalized) in cases {
            assert_eq!(phone(typed).as_deref(), Ok(normalized), "{typed}");
        }
        for bad in [
            // Too short or too long for the code.
            "+262 262 12 34 5",
            "+590 590 12 34 56 7",
            "+508 41 12 3",
            "+508 412 34 56 78",
            "+687 28 12 34 5",
            "+689 40 12 34",
            // Not a range of the territory.
            "+262 590 12 34 56",
            "+596 692 12 34 56",
            "+687 61 23 45",
            "+689 20 12 34 56",
            // Not French.
            "+269 61 23 45",
            "+269 773 12 34",
            "+1 212 555 0100",
            "+6871 23 45",
        ] {
            assert!(phone(bad).is_err(), "{bad}");
        }
        let comoros = phone("+269 61 23 45").unwrap_err();
        assert!(
            comoros
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("+262 269")),
            "{comoros:?}"
        );
    }

    #[test]
    fn email_vectors() {
        assert!(email("m.caillon@ville-chateaubriant.fr").is_ok());
        for bad in [
            "m.caillon",
            "a@b",
            "a b@c.fr",
            "@c.fr",
            "a@@c.fr",
            "a@c..fr",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }
}
