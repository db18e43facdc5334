//! Semantic checks, separate from parsing: every problem of a file at once, not the first one.

use std::collections::BTreeMap;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{SourceFile, strsim};
use crate::model::{self, Groupement, Member, PersonField, Spanned, Text};
use ids::Problem;

pub mod communes;
pub mod ids;

/// Pupils per class above which a warning is given.
const MAX_PUPILS_PER_CLASS: i64 = 40;
/// Pupils per class below which the count looks unusual.
const MIN_PUPILS_PER_CLASS: i64 = 5;
/// More pupils or classes than this in one school is a typing error.
const MAX_PUPILS: i64 = 5_000;
const MAX_CLASSES: i64 = 200;

/// Collects diagnostics for one file.
struct Checker<'a> {
    source: &'a SourceFile,
    out: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(source: &'a SourceFile) -> Self {
        Self {
            source,
            out: Vec::new(),
        }
    }

    fn push<T>(
        &mut self,
        severity: Severity,
        code: &'static str,
        at: &Spanned<T>,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let d = self
            .source
            .diagnostic(severity, code, at.referenced, message);
        self.out.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }

    fn error<T>(&mut self, code: &'static str, at: &Spanned<T>, message: impl Into<String>) {
        self.push(Severity::Error, code, at, message, None);
    }

    fn warning<T>(&mut self, code: &'static str, at: &Spanned<T>, message: impl Into<String>) {
        self.push(Severity::Warning, code, at, message, None);
    }

    fn problem<T>(&mut self, code: &'static str, at: &Spanned<T>, p: Problem) {
        self.push(Severity::Error, code, at, p.message, p.hint);
    }

    /// A required text must hold something besides spaces.
    fn non_empty(&mut self, key: &str, t: &Text) -> bool {
        if t.value.trim().is_empty() {
            self.error("empty", t, format!("`{key}` is empty"));
            false
        } else {
            true
        }
    }

    /// One of a fixed list of words, with "did you mean" for a near miss.
    fn one_of(&mut self, code: &'static str, key: &str, t: &Text, allowed: &[&str]) -> bool {
        if allowed.contains(&t.value.as_str()) {
            return true;
        }
        if !self.non_empty(key, t) {
            return false;
        }
        let list = allowed
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let near = allowed
            .iter()
            .map(|a| (strsim(&t.value.to_lowercase(), &a.to_lowercase()), *a))
            .filter(|(d, _)| *d <= 3)
            .min()
            .map(|(_, a)| format!("did you mean `{a}`?"));
        self.push(
            Severity::Error,
            code,
            t,
            format!("`{key}` must be one of {list}, not `{}`", t.value),
            near,
        );
        false
    }
}

/// Checks one member on its own and against the campaign.
pub fn member(m: &Member, source: &SourceFile, g: &Groupement) -> Vec<Diagnostic> {
    let mut c = Checker::new(source);
    let col = &m.collectivite;
    c.non_empty("collectivite.nom", &col.nom);
    let is_commune = c.one_of(
        "nature",
        "collectivite.nature",
        &col.nature,
        &model::NATURES,
    ) && col.nature.value == "commune";
    let siren = match ids::siren(&col.siren.value) {
        Ok(s) => Some(s),
        Err(p) => {
            c.problem("siren", &col.siren, p);
            None
        }
    };
    let insee = match &col.insee {
        Some(t) => match ids::insee(&t.value) {
            Ok(code) => Some((code, t)),
            Err(p) => {
                c.problem("insee", t, p);
                None
            }
        },
        None => {
            if is_commune {
                c.push(
                    Severity::Error,
                    "insee",
                    &col.nature,
                    "a commune needs its INSEE code: `collectivite.insee` is missing",
                    Some("add `insee: \"44036\"` (5 characters) under `collectivite`".into()),
                );
            }
            None
        }
    };
    if is_commune {
        check_commune(
            &mut c,
            &col.nom,
            siren.as_deref().map(|s| (s, &col.siren)),
            insee.as_ref().map(|(code, t)| (code.as_str(), *t)),
        );
    }

    for (key, t) in texts(m) {
        check_characters(&mut c, &key, t);
    }

    let s = &m.signataire;
    c.one_of(
        "civilite",
        PersonField::SignerTitle.path(),
        &s.civilite,
        &model::CIVILITES,
    );
    c.non_empty(PersonField::SignerFirstName.path(), &s.prenom);
    c.non_empty(PersonField::SignerLastName.path(), &s.nom);
    c.non_empty(PersonField::SignerRole.path(), &s.fonction);

    let k = &m.contact;
    if let Some(civ) = &k.civilite {
        c.one_of(
            "civilite",
            PersonField::ContactTitle.path(),
            civ,
            &model::CIVILITES,
        );
    }
    c.non_empty(PersonField::ContactFirstName.path(), &k.prenom);
    c.non_empty(PersonField::ContactLastName.path(), &k.nom);
    if c.non_empty(PersonField::ContactPhone.path(), &k.telephone)
        && let Err(p) = ids::phone(&k.telephone.value)
    {
        c.problem("telephone", &k.telephone, p);
    }
    if c.non_empty(PersonField::ContactEmail.path(), &k.courriel)
        && let Err(p) = ids::email(&k.courriel.value)
    {
        c.problem("courriel", &k.courriel, p);
    }

    if m.ecoles.value.is_empty() {
        c.error(
            "ecoles",
            &m.ecoles,
            "`ecoles` lists no school: at least one is needed",
        );
    }
    for (i, e) in m.ecoles.value.iter().enumerate() {
        check_school(&mut c, i, e);
    }

    let deadline = g.marche.date_limite_adhesion.value;
    if let Some(sig) = &m.signature {
        if let Some(date) = &sig.date
            && date.value > deadline
        {
            c.warning(
                "late",
                date,
                format!(
                    "the signature date {} is after the joining deadline {deadline}",
                    date.value
                ),
            );
        }
        if let Some(lieu) = &sig.lieu {
            c.non_empty("signature.lieu", lieu);
        }
    }
    if let Some(d) = &m.deliberation {
        check_deliberation(&mut c, d, siren.as_deref(), deadline);
    }
    c.out
}

/// Every free text of a member, with its key.
fn texts(m: &Member) -> Vec<(String, &Text)> {
    let c = &m.collectivite;
    let mut out = vec![
        ("collectivite.nom".to_owned(), &c.nom),
        (
            PersonField::SignerFirstName.path().to_owned(),
            &m.signataire.prenom,
        ),
        (
            PersonField::SignerLastName.path().to_owned(),
            &m.signataire.nom,
        ),
        (
            PersonField::SignerRole.path().to_owned(),
            &m.signataire.fonction,
        ),
        (
            PersonField::ContactFirstName.path().to_owned(),
            &m.contact.prenom,
        ),
        (
            PersonField::ContactLastName.path().to_owned(),
            &m.contact.nom,
        ),
        (
            PersonField::ContactEmail.path().to_owned(),
            &m.contact.courriel,
        ),
    ];
    if let Some(a) = &c.adresse {
        out.push(("collectivite.adresse".to_owned(), a));
    }
    if let Some(l) = m.signature.as_ref().and_then(|s| s.lieu.as_ref()) {
        out.push(("signature.lieu".to_owned(), l));
    }
    for (i, e) in m.ecoles.value.iter().enumerate() {
        out.push((format!("ecoles[{}].nom", i + 1), &e.nom));
    }
    out
}

/// The longest free text a member file may hold, in characters. Well above any real name or
/// address (a French commune's longest name has 45; an EPCI's, about 120), well below what the
/// documents can hold (PDF strings in the metadata stop at 32,767 bytes).
pub const MAX_TEXT_CHARS: usize = 300;

/// Characters no font prints: control characters, private-use ones (a word processor's bullet,
/// U+F0B7), unassigned ones, and those no font of the documents has (emoji); and texts too long
/// for a document.
fn check_characters(c: &mut Checker, key: &str, t: &Text) {
    let length = t.value.chars().count();
    if length > MAX_TEXT_CHARS {
        c.push(
            Severity::Error,
            "length",
            t,
            format!("`{key}` is {length} characters long, more than the {MAX_TEXT_CHARS} a document can print"),
            Some("it often comes from a whole cell or page pasted in: keep the name or the address alone".into()),
        );
        return;
    }
    let unprintable = |ch: char| {
        (ch.is_control() && ch != '\n' && ch != '\t')
            || ('\u{e000}'..='\u{f8ff}').contains(&ch)
            || ('\u{f0000}'..).contains(&ch)
            || matches!(ch, '\u{fffe}' | '\u{ffff}' | '\u{fffd}')
    };
    if let Some(ch) = t.value.chars().find(|&ch| unprintable(ch)) {
        c.push(
            Severity::Error,
            "character",
            t,
            format!("`{key}` holds the character U+{:04X}, which cannot be printed", ch as u32),
            Some("it often comes from a copy-paste out of a word processor (bullets, symbols): retype the text".into()),
        );
    } else if let Some(ch) = (t.value.chars())
        .find(|&ch| !matches!(ch, '\n' | '\t') && !crate::compile::world::printable(ch))
    {
        c.push(
            Severity::Error,
            "character",
            t,
            format!(
                "`{key}` holds `{ch}` (U+{:04X}), which the documents' fonts cannot print",
                ch as u32
            ),
            Some("emoji and pictograms cannot appear in the documents: remove it".into()),
        );
    }
}

fn check_commune(
    c: &mut Checker,
    nom: &Text,
    siren: Option<(&str, &Text)>,
    insee: Option<(&str, &Text)>,
) {
    let communes = communes::all();
    let by_insee = insee.and_then(|(code, _)| communes.by_insee(code));
    let by_siren = siren.and_then(|(s, _)| communes.by_siren(s));
    if let (Some((code, at)), None) = (insee, by_insee) {
        c.warning(
            "insee",
            at,
            format!("no commune has the INSEE code `{code}`"),
        );
    }
    match (by_insee, by_siren, siren) {
        (Some(a), Some(b), Some((_, at))) if a.insee != b.insee => c.push(
            Severity::Warning,
            "commune",
            at,
            format!(
                "SIREN `{}` is that of {} ({}), but INSEE code `{}` is that of {}",
                b.siren, b.nom, b.insee, a.insee, a.nom
            ),
            Some(format!("the SIREN of {} is `{}`", a.nom, a.siren)),
        ),
        (Some(a), None, Some((s, at))) => c.push(
            Severity::Warning,
            "commune",
            at,
            format!(
                "SIREN `{s}` is not that of a commune, but INSEE code `{}` is that of {}",
                a.insee, a.nom
            ),
            Some(format!("the SIREN of {} is `{}`", a.nom, a.siren)),
        ),
        _ => {}
    }
    if let Some(commune) = by_insee.or(by_siren)
        && !nom.value.trim().is_empty()
        && !communes::names(&nom.value, commune.nom)
    {
        let named = communes
            .named_in(&nom.value)
            .map(|other| format!(", and names {} ({})", other.nom, other.insee))
            .unwrap_or_default();
        c.push(
            Severity::Warning,
            "commune",
            nom,
            format!(
                "`{}` does not name {}, the commune of INSEE code `{}`{named}",
                nom.value, commune.nom, commune.insee
            ),
            Some(format!(
                "write the commune's name, e.g. `Ville de {}`",
                commune.nom
            )),
        );
    }
}

fn check_school(c: &mut Checker, i: usize, e: &model::Ecole) {
    let key = |k: &str| format!("ecoles[{}].{k}", i + 1);
    c.non_empty(&key("nom"), &e.nom);
    match &e.uai {
        Some(u) => {
            if let Err(p) = ids::uai(&u.value) {
                c.problem("uai", u, p);
            }
        }
        None => c.push(
            Severity::Warning,
            "uai",
            &e.nom,
            format!("school `{}` has no UAI", e.nom.value),
            Some(
                "add `uai:`, the school's 8-character identifier, so that the ENT can be set up"
                    .into(),
            ),
        ),
    }
    c.one_of(
        "type",
        &key("type"),
        &e.kind,
        &model::SchoolType::ALL.map(model::SchoolType::as_str),
    );
    if e.eleves.value < 0 {
        c.error(
            "eleves",
            &e.eleves,
            format!(
                "`{}` must be a whole number of pupils, 0 or more",
                key("eleves")
            ),
        );
    } else if e.eleves.value > MAX_PUPILS {
        c.error(
            "eleves",
            &e.eleves,
            format!(
                "{} pupils in one school is more than {MAX_PUPILS}: is it a typing error?",
                e.eleves.value
            ),
        );
    }
    if let Some(classes) = &e.classes {
        if classes.value < 0 {
            c.error(
                "classes",
                classes,
                format!("`{}` must be a whole number, 0 or more", key("classes")),
            );
        } else if classes.value > MAX_CLASSES {
            c.error(
                "classes",
                classes,
                format!(
                    "{} classes in one school is more than {MAX_CLASSES}: is it a typing error?",
                    classes.value
                ),
            );
        } else if classes.value == 0 && e.eleves.value > 0 {
            c.warning(
                "classes",
                classes,
                format!("school `{}` has pupils but no class", e.nom.value),
            );
        } else if classes.value > 0 && e.eleves.value >= 0 {
            let per_class = e.eleves.value as f64 / classes.value as f64;
            if per_class > MAX_PUPILS_PER_CLASS as f64 {
                c.warning(
                    "eleves",
                    &e.eleves,
                    format!(
                        "{} pupils in {} classes is more than {MAX_PUPILS_PER_CLASS} per class",
                        e.eleves.value, classes.value
                    ),
                );
            } else if per_class < MIN_PUPILS_PER_CLASS as f64 {
                c.warning(
                    "eleves",
                    &e.eleves,
                    format!(
                        "{} pupils in {} classes is an unusual count (fewer than {MIN_PUPILS_PER_CLASS} per class)",
                        e.eleves.value, classes.value
                    ),
                );
            }
        }
    }
}

fn check_deliberation(
    c: &mut Checker,
    d: &model::Deliberation,
    siren: Option<&str>,
    deadline: Date,
) {
    if d.date.value > deadline {
        c.warning(
            "late",
            &d.date,
            format!(
                "the council session of {} is after the joining deadline {deadline}",
                d.date.value
            ),
        );
    }
    if let Some(acte) = &d.acte {
        match ids::acte(&acte.value) {
            Err(p) => c.problem("acte", acte, p),
            Ok(a) => {
                if let Some(s) = siren
                    && a.siren != s
                {
                    c.push(
                        Severity::Error,
                        "acte",
                        acte,
                        format!(
                            "the ACTES identifier names SIREN `{}`, not the member's `{s}`",
                            a.siren
                        ),
                        None,
                    );
                }
                if a.date < d.date.value {
                    c.error(
                        "acte",
                        acte,
                        format!(
                            "the ACTES identifier is dated {}, before the council session of {}",
                            a.date, d.date.value
                        ),
                    );
                }
            }
        }
    }
    for (key, date) in [
        ("reception_prefecture", &d.reception_prefecture),
        ("publication", &d.publication),
    ] {
        if let Some(date) = date
            && date.value < d.date.value
        {
            c.error(
                "deliberation",
                date,
                format!(
                    "`deliberation.{key}` ({}) is before the council session ({})",
                    date.value, d.date.value
                ),
            );
        }
    }
}

/// A member as seen by the checks across members.
pub struct Entry<'a> {
    pub member: &'a Member,
    pub source: &'a SourceFile,
}

/// Checks across members: a UAI or a SIREN may belong to one member only. Returns the index of
/// the member each diagnostic belongs to.
pub fn across(entries: &[Entry], root: &std::path::Path) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    let mut sirens: BTreeMap<String, Vec<(usize, &Text)>> = BTreeMap::new();
    let mut uais: BTreeMap<String, Vec<(usize, &Text)>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Ok(s) = ids::siren(&e.member.collectivite.siren.value) {
            sirens
                .entry(s)
                .or_default()
                .push((i, &e.member.collectivite.siren));
        }
        for school in &e.member.ecoles.value {
            if let Some(u) = &school.uai
                && let Ok(code) = ids::uai(&u.value)
            {
                uais.entry(code).or_default().push((i, u));
            }
        }
    }
    for (what, code, map) in [
        ("SIREN", "duplicate-siren", &sirens),
        ("UAI", "duplicate-uai", &uais),
    ] {
        for (value, places) in map {
            if places.len() < 2 {
                continue;
            }
            for &(i, at) in places {
                let others: Vec<String> = places
                    .iter()
                    .filter(|(j, t)| !(*j == i && t.referenced == at.referenced))
                    .map(|(j, t)| {
                        let line = crate::load::position(t.referenced)
                            .map(|p| p.line)
                            .unwrap_or(0);
                        format!(
                            "{}:{line}",
                            crate::diagnostic::display_path(&entries[*j].source.path, root)
                        )
                    })
                    .collect();
                let d = entries[i].source.diagnostic(
                    Severity::Error,
                    code,
                    at.referenced,
                    format!("{what} `{value}` also appears in {}", others.join(", ")),
                );
                out.push((
                    i,
                    d.with_hint(format!("a {what} belongs to one member only")),
                ));
            }
        }
    }
    out
}

/// Checks the campaign file: its dates must agree with each other.
pub fn groupement(g: &Groupement, source: &SourceFile) -> Vec<Diagnostic> {
    let mut c = Checker::new(source);
    let m = &g.marche;
    let expected_end = m.debut.value.add_months(m.duree_mois.value);
    if m.fin.value != expected_end {
        c.push(
            Severity::Error,
            "dates",
            &m.fin,
            format!(
                "the market ends on {} but starts on {} for {} months",
                m.fin.value, m.debut.value, m.duree_mois.value
            ),
            Some(format!("`fin` should be {expected_end}")),
        );
    }
    if m.notification_fin.value < m.notification_debut.value {
        c.error(
            "dates",
            &m.notification_fin,
            format!(
                "the notification window ends ({}) before it starts ({})",
                m.notification_fin.value, m.notification_debut.value
            ),
        );
    }
    if m.notification_debut.value < m.date_limite_adhesion.value {
        c.error(
            "dates",
            &m.notification_debut,
            "the market is notified before the joining deadline",
        );
    }
    if m.debut.value < m.notification_fin.value {
        c.error("dates", &m.debut, "the market starts before it is notified");
    }
    if m.engagement_minimum_mois.value > m.duree_mois.value {
        c.error(
            "dates",
            &m.engagement_minimum_mois,
            "the minimum commitment is longer than the market",
        );
    }
    if m.criteres.prix.value + m.criteres.qualite != 100 {
        c.error(
            "criteres",
            &m.criteres.prix,
            format!(
                "the weights of price ({}%) and quality ({}%) do not add up to 100%",
                m.criteres.prix.value, m.criteres.qualite
            ),
        );
    }
    let year = &g.annee_scolaire;
    let ok = year
        .value
        .split_once('-')
        .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
        .is_some_and(|(a, b)| b == a + 1 && year.value.len() == 9);
    if !ok {
        c.push(
            Severity::Error,
            "annee_scolaire",
            year,
            format!("`{}` is not a school year", year.value),
            Some("write it as `2021-2022`".into()),
        );
    }
    c.out
}
