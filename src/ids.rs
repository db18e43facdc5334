//! French administrative identifiers: UAI, SIREN, INSEE code, ACTES identifier, phone, e-mail.
//!
//! Each check takes the text as typed and returns the normalized form or a problem with a hint.

use crate::date::Date;

/// Why an identifier is wrong, in plain words, with a hint when one helps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
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
        return Err(Problem::new(format!(
            "`{text}` is not a UAI: 7 digits and a letter are expected"
        ))
        .hint("a UAI looks like `0440069L`"));
    }
    let number: u32 = upper[..7].parse().unwrap_or(0);
    let expected = UAI_LETTERS[(number % 23) as usize] as char;
    if bytes[7] as char != expected {
        return Err(
            Problem::new(format!("the check letter of UAI `{upper}` is wrong"))
                .hint(format!("for `{}` the letter is `{expected}`", &upper[..7])),
        );
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
        return Err(
            Problem::new(format!("`{text}` is not a SIREN: 9 digits are expected"))
                .hint("a SIREN looks like `214400368`; write it in quotes if a spreadsheet dropped a leading zero"),
        );
    }
    if !luhn(&digits) {
        return Err(Problem::new(format!(
            "SIREN `{digits}` fails its Luhn check: a digit is wrong"
        )));
    }
    Ok(digits)
}

/// A SIRET: 14 digits, Luhn, with La Poste's exception (digit sum a multiple of 5).
pub fn siret(text: &str) -> Result<String, Problem> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::new(format!(
            "`{text}` is not a SIRET: 14 digits are expected"
        )));
    }
    let ok = if digits.starts_with("356000000") {
        digits.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0
    } else {
        luhn(&digits)
    };
    if ok {
        Ok(digits)
    } else {
        Err(Problem::new(format!(
            "SIRET `{digits}` fails its check: a digit is wrong"
        )))
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
        Err(
            Problem::new(format!("`{text}` is not an INSEE commune code"))
                .hint("5 characters such as `44036`, `2A004` or `97411`"),
        )
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
    let shape = || {
        Problem::new(format!("`{text}` is not an ACTES identifier")).hint(
            "expected `DDD-SIREN-YYYYMMDD-NUMBER-NATURE`, e.g. `044-214400368-20211222-13-DE`",
        )
    };
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [dep, siren_part, date, numero, nature] = parts[..] else {
        return Err(shape());
    };
    if dep.len() != 3 || !dep.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(shape());
    }
    let siren = siren(siren_part).map_err(|p| Problem {
        message: format!(
            "the SIREN inside ACTES identifier `{text}` is wrong: {}",
            p.message
        ),
        hint: None,
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
        return Err(Problem::new(format!(
            "`{nature}` is not a nature of act in ACTES identifier `{text}`"
        ))
        .hint("one of DE (délibération), AR, AI, CC, BF, AU"));
    }
    Ok(Acte {
        departement: dep.to_owned(),
        siren,
        date,
        numero: numero.to_owned(),
        nature: nature.to_owned(),
    })
}

const OVERSEAS_PREFIXES: [&str; 4] = ["262", "590", "594", "596"];

/// A French phone number, returned as its digits in national form (`0240815216`) or with its
/// international prefix (`+262262123456`).
pub fn phone(text: &str) -> Result<String, Problem> {
    let bad = || {
        Problem::new(format!("`{text}` is not a French phone number"))
            .hint("10 digits starting with 01 to 09, or the +33 form, e.g. `02 40 81 52 16`")
    };
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
        return match OVERSEAS_PREFIXES.iter().find(|p| rest.starts_with(*p)) {
            Some(p) if rest.len() == p.len() + 9 => Ok(format!("+{rest}")),
            _ => Err(bad()),
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
        Err(Problem::new(format!("`{text}` is not an e-mail address"))
            .hint("an address looks like `prenom.nom@mairie.fr`"))
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
