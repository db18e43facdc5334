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

mod campaign;
pub mod ids;
pub mod totals;

pub use campaign::{groupement, is_loopback, mailbox_address};

/// Pupils per class above which a warning is given.
const MAX_PUPILS_PER_CLASS: i64 = 40;
/// Pupils per class below which the count looks unusual.
const MIN_PUPILS_PER_CLASS: i64 = 5;
/// More pupils or classes than this in one school is a typing error.
pub const MAX_PUPILS: i64 = 5_000;
const MAX_CLASSES: i64 = 200;

/// A field of a member file: its path in the data (`ecoles[2].uai`, from 0, as the portal and
/// the API name it) and its key as the command line's messages write it (`ecoles[3].uai`, from 1,
/// as people count).
struct Field {
    path: String,
    key: String,
}

impl Field {
    /// A field outside the schools, whose path and key are the same.
    fn top(path: &str) -> Field {
        Field {
            path: path.to_owned(),
            key: path.to_owned(),
        }
    }

    /// Field `name` of school `i` (from 0).
    fn school(i: usize, name: &str) -> Field {
        Field {
            path: format!("ecoles[{i}].{name}"),
            key: format!("ecoles[{}].{name}", i + 1),
        }
    }
}

/// Collects diagnostics for one file, each with the path of the value it is about.
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

    /// A diagnostic about the value at `field`, pointing at `at`; the message's `.hint`, if
    /// any, is its hint.
    fn push<T>(
        &mut self,
        severity: Severity,
        code: &'static str,
        field: &str,
        at: &Spanned<T>,
        message: Message,
    ) {
        let d = self
            .source
            .diagnostic(severity, code, at.referenced, message)
            .on(field);
        self.out.push(d);
    }

    fn error<T>(&mut self, code: &'static str, field: &str, at: &Spanned<T>, message: Message) {
        self.push(Severity::Error, code, field, at, message);
    }

    fn warning<T>(&mut self, code: &'static str, field: &str, at: &Spanned<T>, message: Message) {
        self.push(Severity::Warning, code, field, at, message);
    }

    fn problem<T>(&mut self, code: &'static str, field: &str, at: &Spanned<T>, p: Problem) {
        self.push(Severity::Error, code, field, at, p.into_message());
    }

    /// A required text must hold something besides spaces.
    fn non_empty(&mut self, field: &Field, t: &Text) -> bool {
        if t.value.trim().is_empty() {
            let message = msg!("validate-empty", key = field.key);
            self.error("empty", &field.path, t, message);
            false
        } else {
            true
        }
    }

    /// One of a fixed list of words, with "did you mean" for a near miss.
    fn one_of(&mut self, code: &'static str, field: &Field, t: &Text, allowed: &[&str]) -> bool {
        if allowed.contains(&t.value.as_str()) {
            return true;
        }
        if !self.non_empty(field, t) {
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
        let message = msg!(
            "validate-one-of",
            key = field.key,
            list = list,
            value = t.value
        );
        let d = self
            .source
            .diagnostic(Severity::Error, code, t.referenced, message)
            .on(&field.path);
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
    let siren = check_collectivite(&mut c, &m.collectivite);
    for (field, t) in texts(m) {
        check_characters(&mut c, &field, t);
    }
    check_people(&mut c, m);
    if m.ecoles.value.is_empty() {
        c.error("ecoles", "ecoles", &m.ecoles, msg!("validate-no-school"));
    }
    for (i, e) in m.ecoles.value.iter().enumerate() {
        check_school(&mut c, i, e);
    }
    let deadline = g.marche.date_limite_adhesion.value;
    if let Some(sig) = &m.signature {
        if let Some(date) = &sig.date
            && date.value > deadline
        {
            let message = msg!(
                "validate-signature-late",
                date = date.value,
                deadline = deadline
            );
            c.warning("late", "signature.date", date, message);
        }
        if let Some(lieu) = &sig.lieu {
            c.non_empty(&Field::top("signature.lieu"), lieu);
        }
    }
    if let Some(d) = &m.deliberation {
        check_deliberation(&mut c, d, siren.as_deref(), deadline);
    }
    c.out
}

/// The member itself: its name, nature, SIREN, INSEE code, and a commune against the list of
/// communes. Gives the SIREN when it is one.
fn check_collectivite(c: &mut Checker, col: &model::Collectivite) -> Option<String> {
    c.non_empty(&Field::top("collectivite.nom"), &col.nom);
    let nature = Field::top("collectivite.nature");
    let is_commune =
        c.one_of("nature", &nature, &col.nature, &model::NATURES) && col.nature.value == "commune";
    let siren = match ids::siren(&col.siren.value) {
        Ok(s) => Some(s),
        Err(p) => {
            c.problem("siren", "collectivite.siren", &col.siren, p);
            None
        }
    };
    let insee = match &col.insee {
        Some(t) => match ids::insee(&t.value) {
            Ok(code) => Some((code, t)),
            Err(p) => {
                c.problem("insee", "collectivite.insee", t, p);
                None
            }
        },
        None => {
            if is_commune {
                let message = msg!("validate-commune-insee-missing");
                c.error("insee", "collectivite.insee", &col.nature, message);
            }
            None
        }
    };
    if is_commune {
        check_commune(
            c,
            &col.nom,
            siren.as_deref().map(|s| (s, &col.siren)),
            insee.as_ref().map(|(code, t)| (code.as_str(), *t)),
        );
    }
    siren
}

/// The signatory and the contact.
fn check_people(c: &mut Checker, m: &Member) {
    let field = |f: PersonField| Field::top(f.path());
    let s = &m.signataire;
    let civilites = &model::CIVILITES;
    c.one_of(
        "civilite",
        &field(PersonField::SignerTitle),
        &s.civilite,
        civilites,
    );
    c.non_empty(&field(PersonField::SignerFirstName), &s.prenom);
    c.non_empty(&field(PersonField::SignerLastName), &s.nom);
    c.non_empty(&field(PersonField::SignerRole), &s.fonction);
    let k = &m.contact;
    if let Some(civ) = &k.civilite {
        c.one_of(
            "civilite",
            &field(PersonField::ContactTitle),
            civ,
            civilites,
        );
    }
    c.non_empty(&field(PersonField::ContactFirstName), &k.prenom);
    c.non_empty(&field(PersonField::ContactLastName), &k.nom);
    let phone = field(PersonField::ContactPhone);
    if c.non_empty(&phone, &k.telephone)
        && let Err(p) = ids::phone(&k.telephone.value)
    {
        c.problem("telephone", &phone.path, &k.telephone, p);
    }
    let email = field(PersonField::ContactEmail);
    if c.non_empty(&email, &k.courriel)
        && let Err(p) = ids::email(&k.courriel.value)
    {
        c.problem("courriel", &email.path, &k.courriel, p);
    }
}

/// Every free text of a member, with its field.
fn texts(m: &Member) -> Vec<(Field, &Text)> {
    let c = &m.collectivite;
    let person = |f: PersonField| Field::top(f.path());
    let mut out = vec![
        (Field::top("collectivite.nom"), &c.nom),
        (person(PersonField::SignerFirstName), &m.signataire.prenom),
        (person(PersonField::SignerLastName), &m.signataire.nom),
        (person(PersonField::SignerRole), &m.signataire.fonction),
        (person(PersonField::ContactFirstName), &m.contact.prenom),
        (person(PersonField::ContactLastName), &m.contact.nom),
        (person(PersonField::ContactEmail), &m.contact.courriel),
    ];
    if let Some(a) = &c.adresse {
        out.push((Field::top("collectivite.adresse"), a));
    }
    if let Some(l) = m.signature.as_ref().and_then(|s| s.lieu.as_ref()) {
        out.push((Field::top("signature.lieu"), l));
    }
    for (i, e) in m.ecoles.value.iter().enumerate() {
        out.push((Field::school(i, "nom"), &e.nom));
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
fn check_characters(c: &mut Checker, field: &Field, t: &Text) {
    let (key, path) = (&field.key, field.path.as_str());
    let length = t.value.chars().count();
    if length > MAX_TEXT_CHARS {
        let message = msg!(
            "validate-text-too-long",
            key = key,
            length = length,
            max = MAX_TEXT_CHARS
        );
        c.error("length", path, t, message);
        return;
    }
    let unprintable = |ch: char| {
        (ch.is_control() && ch != '\n' && ch != '\t')
            || ('\u{e000}'..='\u{f8ff}').contains(&ch)
            || ('\u{f0000}'..).contains(&ch)
            || matches!(ch, '\u{fffe}' | '\u{ffff}' | '\u{fffd}')
    };
    if let Some(ch) = t.value.chars().find(|&ch| unprintable(ch)) {
        let code = format!("{:04X}", ch as u32);
        let message = msg!("validate-character-unprintable", key = key, code = code);
        c.error("character", path, t, message);
    } else if let Some(ch) =
        (t.value.chars()).find(|&ch| !matches!(ch, '\n' | '\t') && !crate::fonts::printable(ch))
    {
        let message = msg!(
            "validate-character-no-font",
            key = key,
            character = ch,
            code = format!("{:04X}", ch as u32)
        );
        c.error("character", path, t, message);
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
        let message = msg!("validate-commune-insee-unknown", insee = code);
        c.warning("insee", "collectivite.insee", at, message);
    }
    match (by_insee, by_siren, siren) {
        (Some(a), Some(b), Some((_, at))) if a.insee != b.insee => c.warning(
            "commune",
            "collectivite.siren",
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
            "collectivite.siren",
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
        c.warning("commune", "collectivite.nom", nom, message);
    }
}

fn check_school(c: &mut Checker, i: usize, e: &model::Ecole) {
    let field = |k: &str| Field::school(i, k);
    c.non_empty(&field("nom"), &e.nom);
    match &e.uai {
        Some(u) => {
            if let Err(p) = ids::uai(&u.value) {
                c.problem("uai", &field("uai").path, u, p);
            }
        }
        None => {
            let message = msg!("validate-school-no-uai", school = e.nom.value);
            c.warning("uai", &field("uai").path, &e.nom, message);
        }
    }
    c.one_of(
        "type",
        &field("type"),
        &e.kind,
        &model::SchoolType::ALL.map(model::SchoolType::as_str),
    );
    let pupils = field("eleves");
    if e.eleves.value < 0 {
        let message = msg!("validate-pupils-negative", key = pupils.key);
        c.error("eleves", &pupils.path, &e.eleves, message);
    } else if e.eleves.value > MAX_PUPILS {
        let message = msg!(
            "validate-pupils-too-many",
            pupils = e.eleves.value,
            max = MAX_PUPILS
        );
        c.error("eleves", &pupils.path, &e.eleves, message);
    }
    if let Some(classes) = &e.classes {
        check_classes(c, i, e, classes);
    }
}

/// A school's number of classes, and its pupils per class.
fn check_classes(c: &mut Checker, i: usize, e: &model::Ecole, classes: &Spanned<i64>) {
    let field = Field::school(i, "classes");
    let pupils = Field::school(i, "eleves").path;
    if classes.value < 0 {
        let message = msg!("validate-classes-negative", key = field.key);
        c.error("classes", &field.path, classes, message);
    } else if classes.value > MAX_CLASSES {
        let message = msg!(
            "validate-classes-too-many",
            classes = classes.value,
            max = MAX_CLASSES
        );
        c.error("classes", &field.path, classes, message);
    } else if classes.value == 0 && e.eleves.value > 0 {
        let message = msg!("validate-school-no-class", school = e.nom.value);
        c.warning("classes", &field.path, classes, message);
    } else if classes.value > 0 && e.eleves.value >= 0 {
        let per_class = e.eleves.value as f64 / classes.value as f64;
        if per_class > MAX_PUPILS_PER_CLASS as f64 {
            let message = msg!(
                "validate-pupils-per-class-high",
                pupils = e.eleves.value,
                classes = classes.value,
                max = MAX_PUPILS_PER_CLASS
            );
            c.warning("eleves", &pupils, &e.eleves, message);
        } else if per_class < MIN_PUPILS_PER_CLASS as f64 {
            let message = msg!(
                "validate-pupils-per-class-low",
                pupils = e.eleves.value,
                classes = classes.value,
                min = MIN_PUPILS_PER_CLASS
            );
            c.warning("eleves", &pupils, &e.eleves, message);
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
        let message = msg!(
            "validate-deliberation-late",
            date = d.date.value,
            deadline = deadline
        );
        c.warning("late", "deliberation.date", &d.date, message);
    }
    if let Some(acte) = &d.acte {
        let field = "deliberation.acte";
        match ids::acte(&acte.value) {
            Err(p) => c.problem("acte", field, acte, p),
            Ok(a) => {
                if let Some(s) = siren
                    && a.siren != s
                {
                    let message =
                        msg!("validate-acte-siren-other", acte_siren = a.siren, siren = s);
                    c.error("acte", field, acte, message);
                }
                if a.date < d.date.value {
                    let message = msg!(
                        "validate-acte-before-session",
                        date = a.date,
                        session = d.date.value
                    );
                    c.error("acte", field, acte, message);
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
            let message = msg!(
                "validate-deliberation-date-before",
                key = key,
                date = date.value,
                session = d.date.value
            );
            c.error(
                "deliberation",
                &format!("deliberation.{key}"),
                date,
                message,
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
    // Each identifier's places: the member, the field, the value.
    type Places<'a> = BTreeMap<String, Vec<(usize, String, &'a Text)>>;
    let mut sirens: Places = BTreeMap::new();
    let mut uais: Places = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Ok(s) = ids::siren(&e.member.collectivite.siren.value) {
            sirens.entry(s).or_default().push((
                i,
                "collectivite.siren".to_owned(),
                &e.member.collectivite.siren,
            ));
        }
        for (k, school) in e.member.ecoles.value.iter().enumerate() {
            if let Some(u) = &school.uai
                && let Ok(code) = ids::uai(&u.value)
            {
                uais.entry(code)
                    .or_default()
                    .push((i, format!("ecoles[{k}].uai"), u));
            }
        }
    }
    for (code, map) in [("duplicate-siren", &sirens), ("duplicate-uai", &uais)] {
        for (value, places) in map {
            if places.len() < 2 {
                continue;
            }
            for (i, field, at) in places {
                let i = *i;
                let others: Vec<String> = places
                    .iter()
                    .filter(|(j, _, t)| !(*j == i && t.referenced == at.referenced))
                    .map(|(j, _, t)| {
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
                    .diagnostic(Severity::Error, code, at.referenced, message)
                    .on(field);
                out.push((i, d));
            }
        }
    }
    out
}
