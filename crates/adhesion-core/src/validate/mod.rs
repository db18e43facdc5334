//! Semantic checks, separate from parsing: every problem of a file at once, not the first one.

use std::collections::BTreeMap;

use crate::communes;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Message;
use crate::load::{SourceFile, strsim};
use crate::model::{self, Groupement, Member, PersonField, Spanned, Text};
use crate::msg;
use ids::Problem;

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

    /// A diagnostic at `at`; the message's `.hint`, if any, is its hint.
    fn push<T>(
        &mut self,
        severity: Severity,
        code: &'static str,
        at: &Spanned<T>,
        message: Message,
    ) {
        let d = self
            .source
            .diagnostic(severity, code, at.referenced, message);
        self.out.push(d);
    }

    fn error<T>(&mut self, code: &'static str, at: &Spanned<T>, message: Message) {
        self.push(Severity::Error, code, at, message);
    }

    fn warning<T>(&mut self, code: &'static str, at: &Spanned<T>, message: Message) {
        self.push(Severity::Warning, code, at, message);
    }

    fn problem<T>(&mut self, code: &'static str, at: &Spanned<T>, p: Problem) {
        self.push(Severity::Error, code, at, p.into_message());
    }

    /// A required text must hold something besides spaces.
    fn non_empty(&mut self, key: &str, t: &Text) -> bool {
        if t.value.trim().is_empty() {
            self.error("empty", t, msg!("validate-empty", key = key));
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
            .map(|(_, a)| msg!("validate-did-you-mean", suggestion = a));
        let d = self.source.diagnostic(
            Severity::Error,
            code,
            t.referenced,
            msg!("validate-one-of", key = key, list = list, value = t.value),
        );
        self.out.push(match near {
            Some(h) => d.with_hint(h),
            None => d,
        });
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
                c.error("insee", &col.nature, msg!("validate-commune-insee-missing"));
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
        c.error("ecoles", &m.ecoles, msg!("validate-no-school"));
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
                msg!(
                    "validate-signature-late",
                    date = date.value,
                    deadline = deadline
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
        c.error(
            "length",
            t,
            msg!(
                "validate-text-too-long",
                key = key,
                length = length,
                max = MAX_TEXT_CHARS
            ),
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
        c.error(
            "character",
            t,
            msg!(
                "validate-character-unprintable",
                key = key,
                code = format!("{:04X}", ch as u32)
            ),
        );
    } else if let Some(ch) =
        (t.value.chars()).find(|&ch| !matches!(ch, '\n' | '\t') && !crate::fonts::printable(ch))
    {
        c.error(
            "character",
            t,
            msg!(
                "validate-character-no-font",
                key = key,
                character = ch,
                code = format!("{:04X}", ch as u32)
            ),
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
            msg!("validate-commune-insee-unknown", insee = code),
        );
    }
    match (by_insee, by_siren, siren) {
        (Some(a), Some(b), Some((_, at))) if a.insee != b.insee => c.warning(
            "commune",
            at,
            msg!(
                "validate-commune-siren-insee-mismatch",
                siren = b.siren,
                siren_commune = b.nom,
                siren_insee = b.insee,
                insee = a.insee,
                insee_commune = a.nom,
                expected_siren = a.siren
            ),
        ),
        (Some(a), None, Some((s, at))) => c.warning(
            "commune",
            at,
            msg!(
                "validate-commune-siren-not-commune",
                siren = s,
                insee = a.insee,
                insee_commune = a.nom,
                expected_siren = a.siren
            ),
        ),
        _ => {}
    }
    if let Some(commune) = by_insee.or(by_siren)
        && !nom.value.trim().is_empty()
        && !communes::names(&nom.value, commune.nom)
    {
        let message = match communes.named_in(&nom.value) {
            Some(other) => msg!(
                "validate-commune-name-other",
                name = nom.value,
                commune = commune.nom,
                insee = commune.insee,
                other = other.nom,
                other_insee = other.insee
            ),
            None => msg!(
                "validate-commune-name-mismatch",
                name = nom.value,
                commune = commune.nom,
                insee = commune.insee
            ),
        };
        c.warning("commune", nom, message);
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
        None => c.warning(
            "uai",
            &e.nom,
            msg!("validate-school-no-uai", school = e.nom.value),
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
            msg!("validate-pupils-negative", key = key("eleves")),
        );
    } else if e.eleves.value > MAX_PUPILS {
        c.error(
            "eleves",
            &e.eleves,
            msg!(
                "validate-pupils-too-many",
                pupils = e.eleves.value,
                max = MAX_PUPILS
            ),
        );
    }
    if let Some(classes) = &e.classes {
        if classes.value < 0 {
            c.error(
                "classes",
                classes,
                msg!("validate-classes-negative", key = key("classes")),
            );
        } else if classes.value > MAX_CLASSES {
            c.error(
                "classes",
                classes,
                msg!(
                    "validate-classes-too-many",
                    classes = classes.value,
                    max = MAX_CLASSES
                ),
            );
        } else if classes.value == 0 && e.eleves.value > 0 {
            c.warning(
                "classes",
                classes,
                msg!("validate-school-no-class", school = e.nom.value),
            );
        } else if classes.value > 0 && e.eleves.value >= 0 {
            let per_class = e.eleves.value as f64 / classes.value as f64;
            if per_class > MAX_PUPILS_PER_CLASS as f64 {
                c.warning(
                    "eleves",
                    &e.eleves,
                    msg!(
                        "validate-pupils-per-class-high",
                        pupils = e.eleves.value,
                        classes = classes.value,
                        max = MAX_PUPILS_PER_CLASS
                    ),
                );
            } else if per_class < MIN_PUPILS_PER_CLASS as f64 {
                c.warning(
                    "eleves",
                    &e.eleves,
                    msg!(
                        "validate-pupils-per-class-low",
                        pupils = e.eleves.value,
                        classes = classes.value,
                        min = MIN_PUPILS_PER_CLASS
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
            msg!(
                "validate-deliberation-late",
                date = d.date.value,
                deadline = deadline
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
                    c.error(
                        "acte",
                        acte,
                        msg!("validate-acte-siren-other", acte_siren = a.siren, siren = s),
                    );
                }
                if a.date < d.date.value {
                    c.error(
                        "acte",
                        acte,
                        msg!(
                            "validate-acte-before-session",
                            date = a.date,
                            session = d.date.value
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
                msg!(
                    "validate-deliberation-date-before",
                    key = key,
                    date = date.value,
                    session = d.date.value
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
    for (code, map) in [("duplicate-siren", &sirens), ("duplicate-uai", &uais)] {
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
                let others = others.join(", ");
                let message = if code == "duplicate-siren" {
                    msg!("validate-duplicate-siren", value = value, others = others)
                } else {
                    msg!("validate-duplicate-uai", value = value, others = others)
                };
                let d = entries[i]
                    .source
                    .diagnostic(Severity::Error, code, at.referenced, message);
                out.push((i, d));
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
        c.error(
            "dates",
            &m.fin,
            msg!(
                "validate-market-end",
                end = m.fin.value,
                start = m.debut.value,
                months = m.duree_mois.value,
                expected = expected_end
            ),
        );
    }
    if m.notification_fin.value < m.notification_debut.value {
        c.error(
            "dates",
            &m.notification_fin,
            msg!(
                "validate-notification-window",
                end = m.notification_fin.value,
                start = m.notification_debut.value
            ),
        );
    }
    if m.notification_debut.value < m.date_limite_adhesion.value {
        c.error(
            "dates",
            &m.notification_debut,
            msg!("validate-notified-before-deadline"),
        );
    }
    if m.debut.value < m.notification_fin.value {
        c.error("dates", &m.debut, msg!("validate-starts-before-notified"));
    }
    if m.engagement_minimum_mois.value > m.duree_mois.value {
        c.error(
            "dates",
            &m.engagement_minimum_mois,
            msg!("validate-commitment-too-long"),
        );
    }
    if m.criteres.prix.value + m.criteres.qualite != 100 {
        c.error(
            "criteres",
            &m.criteres.prix,
            msg!(
                "validate-criteria-weights",
                price = m.criteres.prix.value,
                quality = m.criteres.qualite
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
        c.error(
            "annee_scolaire",
            year,
            msg!("validate-school-year", year = year.value),
        );
    }
    c.out
}
