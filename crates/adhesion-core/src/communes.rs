//! Every French commune (INSEE code, SIREN, name), shipped inside the tool for cross-checks.
//!
//! `data/communes.txt` is `insee;siren;nom` per line, made from the open data in
//! `data/open-data/communes-france.csv` (see `docs/data-sources.md` to refresh it).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const DATA: &str = include_str!("../data/communes.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commune {
    pub insee: &'static str,
    pub siren: &'static str,
    pub nom: &'static str,
}

impl Commune {
    /// A line of the list: `insee;siren;nom`.
    fn parse(line: &'static str) -> Option<Commune> {
        let mut parts = line.splitn(3, ';');
        Some(Commune {
            insee: parts.next()?,
            siren: parts.next()?,
            nom: parts.next()?,
        })
    }
}

/// The list, sorted by INSEE code. A code is looked up by bisection in the text itself; the
/// parsed list and the other indexes are built on first use, so that checking a member does
/// not start by parsing 35,000 lines.
pub struct Communes {
    list: OnceLock<Vec<Commune>>,
    by_siren: OnceLock<HashMap<&'static str, usize>>,
    folded: OnceLock<Vec<String>>,
}

impl Communes {
    pub fn by_insee(&self, insee: &str) -> Option<Commune> {
        let bytes = DATA.as_bytes();
        // [lo, hi): the lines still in question; `lo` is always the start of a line, `hi` the
        // start of a line or the end of the text.
        let (mut lo, mut hi) = (0, bytes.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = bytes[lo..mid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(lo, |p| lo + p + 1);
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| start + p);
            let line = &DATA[start..end];
            let code = line.split(';').next().unwrap_or_default();
            match code.cmp(insee) {
                Ordering::Equal => return Commune::parse(line),
                Ordering::Less => lo = end + 1,
                Ordering::Greater => hi = start,
            }
        }
        None
    }

    pub fn by_siren(&self, siren: &str) -> Option<Commune> {
        // Most communes' SIREN is `21`, their department, `0`, their number and a check digit
        // (21 44 0 036 8 for 44036): tried first, then the index.
        if let (Some(dept), Some(number)) = (siren.get(2..4), siren.get(5..8))
            && siren.starts_with("21")
            && let Some(c) = self.by_insee(&format!("{dept}{number}"))
            && c.siren == siren
        {
            return Some(c);
        }
        let index = self.by_siren.get_or_init(|| {
            self.list()
                .iter()
                .enumerate()
                .map(|(i, c)| (c.siren, i))
                .collect()
        });
        index.get(siren).map(|&i| self.list()[i])
    }

    /// Communes whose name, folded, equals `name` folded ("chateaubriant" finds Châteaubriant).
    pub fn by_name(&self, name: &str) -> Vec<&Commune> {
        let wanted = fold(name);
        self.list()
            .iter()
            .zip(self.folded())
            .filter(|(_, f)| **f == wanted)
            .map(|(c, _)| c)
            .collect()
    }

    /// The commune with the longest name that `text` names ("Ville de Nantes" → Nantes), if any.
    pub fn named_in(&self, text: &str) -> Option<&Commune> {
        let text = format!(" {} ", fold(text));
        self.list()
            .iter()
            .zip(self.folded())
            .filter(|(_, f)| f.len() > 2 && text.contains(&format!(" {f} ")))
            .max_by_key(|(_, f)| f.len())
            .map(|(c, _)| c)
    }

    /// Folded names, in list order, computed once.
    fn folded(&self) -> &[String] {
        self.folded
            .get_or_init(|| self.list().iter().map(|c| fold(c.nom)).collect())
    }

    /// Every commune, in INSEE order.
    pub fn iter(&self) -> impl Iterator<Item = &Commune> {
        self.list().iter()
    }

    /// Every commune, in INSEE order, parsed once.
    fn list(&self) -> &[Commune] {
        self.list
            .get_or_init(|| DATA.lines().filter_map(Commune::parse).collect())
    }

    pub fn len(&self) -> usize {
        self.list().len()
    }

    pub fn is_empty(&self) -> bool {
        self.list().is_empty()
    }
}

/// The bundled list.
pub fn all() -> &'static Communes {
    static COMMUNES: Communes = Communes {
        list: OnceLock::new(),
        by_siren: OnceLock::new(),
        folded: OnceLock::new(),
    };
    &COMMUNES
}

/// Lower case, no accents, words separated by single spaces: for comparing names.
/// Decomposing first strips any accent, and a name pasted in decomposed form matches too.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().flat_map(char::to_lowercase) {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c if is_combining_mark(c) => {}
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` names the commune `nom`: its folded words appear in order in `text`.
/// A leading article may contract ("Le Mans" → "Ville du Mans") and is not required.
pub fn names(text: &str, nom: &str) -> bool {
    let text = format!(" {} ", fold(text));
    let nom = fold(nom);
    let bare = ["le ", "la ", "les ", "l "]
        .iter()
        .find_map(|a| nom.strip_prefix(a))
        .unwrap_or(&nom);
    text.contains(&format!(" {nom} ")) || text.contains(&format!(" {bare} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_by_insee_without_duplicates() {
        assert!(all().list().is_sorted_by(|a, b| a.insee < b.insee));
    }

    /// The bundled list is what `docs/data-sources.md`'s command makes of the open data in the
    /// repository: the first three columns of each row, sorted by INSEE code.
    #[test]
    fn made_from_the_open_data() {
        let csv_path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/open-data/communes-france.csv"
        );
        let csv = std::fs::read_to_string(csv_path).unwrap();
        let mut lines: Vec<String> = csv
            .lines()
            .skip(1)
            .map(|row| row.splitn(4, ',').take(3).collect::<Vec<_>>().join(";"))
            .collect();
        lines.sort_unstable();
        let bundled: Vec<&str> = DATA.lines().collect();
        assert_eq!(bundled.len(), lines.len());
        for (bundled, made) in bundled.iter().zip(&lines) {
            assert_eq!(bundled, made);
        }
    }

    #[test]
    fn every_siren_is_found() {
        let c = all();
        for commune in c.list() {
            assert_eq!(c.by_siren(commune.siren), Some(*commune));
            assert_eq!(c.by_insee(commune.insee), Some(*commune));
        }
        // The first and the last lines, and codes between or around them.
        assert_eq!(c.by_insee("01001").unwrap().insee, "01001");
        let last = c.list().last().unwrap();
        assert_eq!(c.by_insee(last.insee), Some(*last));
        for missing in [
            "", "0", "00000", "01000", "01001 ", "0100", "99999", "zzzzz",
        ] {
            assert_eq!(c.by_insee(missing), None, "{missing:?}");
        }
        assert_eq!(c.by_siren("210100013"), None);
        assert_eq!(c.by_siren("21"), None);
        assert_eq!(c.by_insee("00000"), None);
        // Merged communes keep no such pattern: Arboys en Bugey.
        assert_eq!(c.by_siren("200053668").unwrap().insee, "01015");
    }

    #[test]
    fn lookups() {
        let c = all();
        assert!(c.len() > 34_000);
        let chateaubriant = c.by_insee("44036").unwrap();
        assert_eq!(chateaubriant.siren, "214400368");
        assert_eq!(chateaubriant.nom, "Châteaubriant");
        assert_eq!(c.by_siren("214401093").unwrap().nom, "Nantes");
        assert_eq!(c.by_name("CHATEAUBRIANT").len(), 1);
        assert_eq!(
            c.named_in("Ville de Nantes").map(|c| c.insee),
            Some("44109")
        );
        assert_eq!(
            c.named_in("Mairie de Saint-Aubin-des-Châteaux")
                .map(|c| c.insee),
            Some("44153")
        );
    }

    #[test]
    fn folding_and_naming() {
        assert_eq!(fold("L'Abergement-Clémenciat"), "l abergement clemenciat");
        assert!(names("Ville de CHATEAUBRIANT", "Châteaubriant"));
        assert!(names(
            "Commune de Saint-Aubin-des-Châteaux",
            "Saint-Aubin-des-Châteaux"
        ));
        assert!(!names("Ville de Nantes", "Châteaubriant"));
        assert!(!names("Ville de Nantesville", "Nantes"));
        assert!(names("Ville du Mans", "Le Mans"));
        assert!(names("Ville de La Roche-sur-Yon", "La Roche-sur-Yon"));
        assert_eq!(fold("Œuvre ÆSOP Haÿ"), "oeuvre aesop hay");
    }

    #[test]
    fn decomposed_names_match() {
        // As pasted from some PDFs and macOS file names: `a` then a combining circumflex.
        let decomposed = "Cha\u{302}teaubriant";
        assert_eq!(fold(decomposed), "chateaubriant");
        assert!(names(decomposed, "Châteaubriant"));
        assert_eq!(all().by_name(decomposed).len(), 1);
        assert_eq!(fold("Ñ Å İ"), "n a i");
    }
}
