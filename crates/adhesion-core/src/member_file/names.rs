//! The names a member file gets when nothing better is known: "Commune de X" (with French
//! elision and contraction), "École *type* *patronyme*" from the open data, ids from names.
//!
//! - the member is "Commune de X" ("Commune d'Ahuillé", "Commune du Mans", "Commune des
//!   Sables-d'Olonne"). "Commune" is the legal word and fits every commune; a council that says
//!   "Ville de X" edits the line, and `adhesion import` keeps what the file says;
//! - a school is "École *type* *patronyme*" with the patronyme of the open data title-cased
//!   ("G.S. LOUIS PERGAUD" → "École élémentaire G.S. Louis Pergaud"), or "École *type* de X"
//!   when it has none ("École maternelle d'Ahuillé"). Accents the capitals lost are not
//!   restored: people fix names in the file, and an import keeps the names of known schools.

use crate::communes;
use crate::model::SchoolType;

/// Departments by code, for telling communes of the same name apart.
const DEPARTEMENTS: &str = "01 Ain|02 Aisne|03 Allier|04 Alpes-de-Haute-Provence|05 Hautes-Alpes|\
06 Alpes-Maritimes|07 Ardèche|08 Ardennes|09 Ariège|10 Aube|11 Aude|12 Aveyron|\
13 Bouches-du-Rhône|14 Calvados|15 Cantal|16 Charente|17 Charente-Maritime|18 Cher|19 Corrèze|\
2A Corse-du-Sud|2B Haute-Corse|21 Côte-d'Or|22 Côtes-d'Armor|23 Creuse|24 Dordogne|25 Doubs|\
26 Drôme|27 Eure|28 Eure-et-Loir|29 Finistère|30 Gard|31 Haute-Garonne|32 Gers|33 Gironde|\
34 Hérault|35 Ille-et-Vilaine|36 Indre|37 Indre-et-Loire|38 Isère|39 Jura|40 Landes|\
41 Loir-et-Cher|42 Loire|43 Haute-Loire|44 Loire-Atlantique|45 Loiret|46 Lot|\
47 Lot-et-Garonne|48 Lozère|49 Maine-et-Loire|50 Manche|51 Marne|52 Haute-Marne|53 Mayenne|\
54 Meurthe-et-Moselle|55 Meuse|56 Morbihan|57 Moselle|58 Nièvre|59 Nord|60 Oise|61 Orne|\
62 Pas-de-Calais|63 Puy-de-Dôme|64 Pyrénées-Atlantiques|65 Hautes-Pyrénées|\
66 Pyrénées-Orientales|67 Bas-Rhin|68 Haut-Rhin|69 Rhône|70 Haute-Saône|71 Saône-et-Loire|\
72 Sarthe|73 Savoie|74 Haute-Savoie|75 Paris|76 Seine-Maritime|77 Seine-et-Marne|78 Yvelines|\
79 Deux-Sèvres|80 Somme|81 Tarn|82 Tarn-et-Garonne|83 Var|84 Vaucluse|85 Vendée|86 Vienne|\
87 Haute-Vienne|88 Vosges|89 Yonne|90 Territoire de Belfort|91 Essonne|92 Hauts-de-Seine|\
93 Seine-Saint-Denis|94 Val-de-Marne|95 Val-d'Oise|971 Guadeloupe|972 Martinique|973 Guyane|\
974 La Réunion|976 Mayotte";

/// "44 Loire-Atlantique" for a commune's INSEE code.
pub fn departement(insee: &str) -> String {
    let code = if insee.starts_with("97") {
        insee.get(..3)
    } else {
        insee.get(..2)
    }
    .unwrap_or(insee);
    DEPARTEMENTS
        .split('|')
        .find(|d| d.split_once(' ').is_some_and(|(c, _)| c == code))
        .map_or_else(|| format!("department {code}"), str::to_owned)
}

/// "de Laval", "d'Ahuillé", "du Mans", "des Sables-d'Olonne", "de La Roche-sur-Yon".
/// Elides before a vowel or `y`, not before `h` (which may be aspirated).
pub fn de(nom: &str) -> String {
    if let Some(rest) = nom.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = nom.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let vowel = nom
        .chars()
        .next()
        .map(|c| communes::fold(&c.to_string()))
        .is_some_and(|f| f.starts_with(['a', 'e', 'i', 'o', 'u', 'y']));
    if vowel {
        format!("d'{nom}")
    } else {
        format!("de {nom}")
    }
}

/// The member's name for a commune: "Commune de X" (see the module docs for why).
pub fn collectivite_nom(commune: &str) -> String {
    format!("Commune {}", de(commune))
}

/// The word of a school type as printed: `elementaire` → "élémentaire".
fn type_word(kind: &str) -> &str {
    SchoolType::parse(kind).map_or(kind, |k| k.word())
}

/// A school's name from the open data: "École primaire Suzanne Sens", or "École primaire
/// d'Ahuillé" when the patronyme says nothing (empty, `-`, "ECOLE PRIMAIRE PUBLIQUE").
pub fn school_name(kind: &str, patronyme: &str, commune: &str) -> String {
    let mut words: Vec<&str> = patronyme.split_whitespace().collect();
    let noise = |w: &str| {
        ["-", "ecole", "primare", "publique"].contains(&w) || SchoolType::parse(w).is_some()
    };
    // Leading "ECOLE [TYPE] [PUBLIQUE] [-]" repeats what the name says already.
    if words.first().is_some_and(|w| communes::fold(w) == "ecole") {
        let skip = words
            .iter()
            .take_while(|w| noise(&communes::fold(w)) || **w == "-")
            .count();
        words.drain(..skip);
    }
    let says_nothing = words.iter().all(|w| *w == "-" || noise(&communes::fold(w)));
    let word = type_word(kind);
    if says_nothing {
        if commune.is_empty() {
            format!("École {word}")
        } else {
            format!("École {word} {}", de(commune))
        }
    } else {
        format!("École {word} {}", title_case(&words.join(" ")))
    }
}

/// Words kept in lower case inside a name.
const SMALL_WORDS: [&str; 16] = [
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "sur", "sous", "aux", "au", "avec",
    "ex",
];
/// Acronyms of the open data kept in capitals ("RPIC": regroupement pédagogique concentré).
const ACRONYMS: [&str; 5] = ["rpi", "rpic", "rpid", "rpii", "rpidi"];

/// Title case for names written in capitals: "JEAN DE LA FONTAINE" → "Jean de la Fontaine",
/// "L'ANGELLERIE" → "L'Angellerie", "SAINT-EXUPERY" → "Saint-Exupery", "G.S." and "RPIC" kept.
/// Accents that the capitals dropped are not restored.
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut first_part = true;
        let mut part = String::new();
        for c in word.chars() {
            if matches!(c, '-' | '/') {
                out.push_str(&title_part(&part, i == 0 && first_part, false));
                out.push(c);
                part.clear();
                first_part = false;
            } else {
                part.push(c);
            }
        }
        // The last word is a name, even a short one ("HENRI DES" → "Henri Des").
        let last = i + 1 == words.len() && first_part;
        out.push_str(&title_part(&part, i == 0 && first_part, last));
    }
    out
}

fn title_part(part: &str, first: bool, last: bool) -> String {
    let start = part.find(char::is_alphanumeric).unwrap_or(part.len());
    let (lead, core) = part.split_at(start);
    // Elided article or preposition: "L'ANGELLERIE", "D'OISEAU".
    if let Some((a, rest)) = core.split_once(['\'', '’'])
        && matches!(a, "L" | "l" | "D" | "d")
        && !rest.is_empty()
    {
        let a = if first && a.eq_ignore_ascii_case("l") {
            "L".to_owned()
        } else {
            a.to_lowercase()
        };
        return format!("{lead}{a}'{}", title_word(rest, true, false));
    }
    format!("{lead}{}", title_word(core, first, last))
}

fn title_word(word: &str, first: bool, last: bool) -> String {
    let lower = word.to_lowercase();
    let letters: Vec<&str> = word.split('.').filter(|s| !s.is_empty()).collect();
    let dotted = word.contains('.') && letters.iter().all(|s| s.chars().count() == 1);
    if dotted || ACRONYMS.contains(&lower.as_str()) {
        return word.to_uppercase();
    }
    let preposition = matches!(lower.as_str(), "de" | "du" | "des" | "d");
    if !last && ((!first && SMALL_WORDS.contains(&lower.as_str())) || (first && preposition)) {
        return lower;
    }
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An ASCII id from a name: "Saint-Aubin-des-Châteaux" → `saint-aubin-des-chateaux`.
pub fn slug(name: &str) -> String {
    let mut id = communes::fold(name)
        .split(' ')
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    id.truncate(50);
    id.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(collectivite_nom("Ahuillé"), "Commune d'Ahuillé");
        assert_eq!(collectivite_nom("Le Mans"), "Commune du Mans");
        assert_eq!(
            collectivite_nom("Les Sables-d'Olonne"),
            "Commune des Sables-d'Olonne"
        );
        assert_eq!(
            collectivite_nom("La Roche-sur-Yon"),
            "Commune de La Roche-sur-Yon"
        );
        assert_eq!(collectivite_nom("Évron"), "Commune d'Évron");
        assert_eq!(collectivite_nom("Yvré-l'Évêque"), "Commune d'Yvré-l'Évêque");
        assert_eq!(collectivite_nom("Herbignac"), "Commune de Herbignac");
        for (name, commune) in [
            ("Ahuillé", "53001"),
            ("Le Mans", "72181"),
            ("Les Sables-d'Olonne", "85194"),
            ("L'Abergement-Clémenciat", "01001"),
        ] {
            assert!(communes::names(&collectivite_nom(name), name), "{commune}");
        }
        let cases = [
            ("primaire", "SUZANNE SENS", "École primaire Suzanne Sens"),
            (
                "maternelle",
                "L'ANGELLERIE",
                "École maternelle L'Angellerie",
            ),
            (
                "elementaire",
                "G.S. LOUIS PERGAUD",
                "École élémentaire G.S. Louis Pergaud",
            ),
            (
                "primaire",
                "JEAN DE LA FONTAINE",
                "École primaire Jean de la Fontaine",
            ),
            (
                "primaire",
                "DE LA FONTAINE BLEUE",
                "École primaire de la Fontaine Bleue",
            ),
            (
                "primaire",
                "CHANT D'OISEAU",
                "École primaire Chant d'Oiseau",
            ),
            (
                "primaire",
                "DES P'TITS LOUPS",
                "École primaire des P'tits Loups",
            ),
            ("primaire", "HENRI DES", "École primaire Henri Des"),
            (
                "primaire",
                "RPID 12 NOGENT-LE-BERNARD",
                "École primaire RPID 12 Nogent-le-Bernard",
            ),
            (
                "elementaire",
                "ANDRE TURCOT (R.P.I.D AVEC PETOSSE)",
                "École élémentaire Andre Turcot (R.P.I.D avec Petosse)",
            ),
            ("primaire", "ECOLE DU LAC", "École primaire du Lac"),
            (
                "maternelle",
                "ECOLE MATERNELLE PUBLIQUE DR OLLIVIER",
                "École maternelle Dr Ollivier",
            ),
            ("primaire", "-", "École primaire d'Ahuillé"),
            ("primaire", "", "École primaire d'Ahuillé"),
            ("primaire", "PRIMAIRE", "École primaire d'Ahuillé"),
            (
                "primaire",
                "ECOLE PRIMAIRE PUBLIQUE",
                "École primaire d'Ahuillé",
            ),
        ];
        for (kind, patronyme, expected) in cases {
            assert_eq!(school_name(kind, patronyme, "Ahuillé"), expected);
        }
        assert_eq!(school_name("primaire", "-", ""), "École primaire");
        assert_eq!(slug("Saint-Aubin-des-Châteaux"), "saint-aubin-des-chateaux");
        assert_eq!(slug("L'Haÿ-les-Roses"), "l-hay-les-roses");
        assert_eq!(slug("Œuilly"), "oeuilly");
        assert_eq!(departement("2A004"), "2A Corse-du-Sud");
        assert_eq!(departement("97411"), "974 La Réunion");
    }
}
