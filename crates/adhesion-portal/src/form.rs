//! Between a member's [`Draft`] and what the portal receives and sends: the HTML form's fields
//! and the API's JSON, both named after the data contract's paths (`signataire.nom`,
//! `ecoles[2].eleves`), with their ids and labels on the pages.
//!
//! No rule of the contract is here: only what a `Draft` cannot hold (a number that is not one, a
//! date that is not one) is reported by the portal; the rest is `adhesion check`'s.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value, json};

use adhesion_core::date::Date;
use adhesion_core::diagnostic::Diagnostic;
use adhesion_core::i18n::{Arg, Lang, Message, text_in};
use adhesion_core::member_file::{
    Draft, DraftContact, DraftDeliberation, DraftEcole, DraftSignataire, DraftSignature,
};

/// The most schools a member may have in the portal (Paris, the largest, has about 650).
pub const MAX_SCHOOLS: usize = 1000;
/// The longest text a field may hold, in characters.
pub const MAX_FIELD_CHARS: usize = 500;

/// The fields of the contract a commune edits, outside the schools.
pub const TEXT_FIELDS: [&str; 14] = [
    "signataire.civilite",
    "signataire.prenom",
    "signataire.nom",
    "signataire.fonction",
    "contact.civilite",
    "contact.prenom",
    "contact.nom",
    "contact.telephone",
    "contact.courriel",
    "signature.lieu",
    "signature.date",
    "deliberation.date",
    "deliberation.acte",
    "deliberation.reception_prefecture",
];
/// The last of them, apart for the array's size.
pub const LAST_FIELD: &str = "deliberation.publication";
/// The fields of one school.
pub const SCHOOL_FIELDS: [&str; 5] = ["nom", "uai", "type", "eleves", "classes"];

/// A problem of the input itself, at `field`, in French.
pub fn input_error(
    file: &Path,
    field: &str,
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
) -> Diagnostic {
    Diagnostic::error("saisie", file, Message::new_in(Lang::Fr, id, args)).on(field)
}

/// The fields of `draft` as a flat map, path → text.
pub fn flatten(draft: &Draft) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    let mut put = |k: &str, v: &str| {
        m.insert(k.to_owned(), v.to_owned());
    };
    let s = &draft.signataire;
    put("signataire.civilite", &s.civilite);
    put("signataire.prenom", &s.prenom);
    put("signataire.nom", &s.nom);
    put("signataire.fonction", &s.fonction);
    let c = &draft.contact;
    put("contact.civilite", c.civilite.as_deref().unwrap_or(""));
    put("contact.prenom", &c.prenom);
    put("contact.nom", &c.nom);
    put("contact.telephone", &c.telephone);
    put("contact.courriel", &c.courriel);
    let sig = draft.signature.clone().unwrap_or_default();
    put("signature.lieu", sig.lieu.as_deref().unwrap_or(""));
    put(
        "signature.date",
        &sig.date.map(|d| d.to_string()).unwrap_or_default(),
    );
    let d = draft.deliberation.as_ref();
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    put("deliberation.date", &date(d.map(|d| d.date)));
    put(
        "deliberation.acte",
        d.and_then(|d| d.acte.as_deref()).unwrap_or(""),
    );
    put(
        "deliberation.reception_prefecture",
        &date(d.and_then(|d| d.reception_prefecture)),
    );
    put(
        "deliberation.publication",
        &date(d.and_then(|d| d.publication)),
    );
    for (i, e) in draft.ecoles.iter().enumerate() {
        put(&format!("ecoles[{i}].nom"), &e.nom);
        put(&format!("ecoles[{i}].uai"), e.uai.as_deref().unwrap_or(""));
        put(&format!("ecoles[{i}].type"), &e.kind);
        put(&format!("ecoles[{i}].eleves"), &e.eleves.to_string());
        put(
            &format!("ecoles[{i}].classes"),
            &e.classes.map(|c| c.to_string()).unwrap_or_default(),
        );
    }
    m
}

/// `ecoles[3].uai` → (3, "uai").
fn school_path(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix("ecoles[")?;
    let (i, rest) = rest.split_once("].")?;
    Some((i.parse().ok()?, rest))
}

/// Whether `path` is a field the commune may send.
fn known(path: &str) -> bool {
    TEXT_FIELDS.contains(&path)
        || path == LAST_FIELD
        || school_path(path).is_some_and(|(_, f)| SCHOOL_FIELDS.contains(&f))
}

/// A draft from `fields` (path → text) over `base` (its `collectivite`, which the commune does
/// not edit, and the values of fields that could not be read). Rows of schools are taken in the
/// order of their indices, gaps closed; a row whose `ecoles[i].supprimer` is set is dropped.
/// The problems of the input come back as diagnostics of `file` in French.
pub fn draft_from_fields(
    fields: &BTreeMap<String, String>,
    base: &Draft,
    file: &Path,
) -> (Draft, Vec<Diagnostic>) {
    let mut r = Reader {
        fields,
        file,
        errors: Vec::new(),
    };
    for (k, v) in fields {
        if v.chars().count() > MAX_FIELD_CHARS {
            let max = vec![("max", Arg::Num(MAX_FIELD_CHARS as i64))];
            r.errors
                .push(input_error(file, k, "portal-input-too-long", max));
        }
    }
    let draft = Draft {
        collectivite: base.collectivite.clone(),
        signataire: DraftSignataire {
            civilite: r.get("signataire.civilite"),
            prenom: r.get("signataire.prenom"),
            nom: r.get("signataire.nom"),
            fonction: r.get("signataire.fonction"),
        },
        contact: DraftContact {
            civilite: r.opt("contact.civilite"),
            prenom: r.get("contact.prenom"),
            nom: r.get("contact.nom"),
            telephone: r.get("contact.telephone"),
            courriel: r.get("contact.courriel"),
        },
        signature: r.signature(),
        deliberation: r.deliberation(base),
        ecoles: r.schools(base),
    };
    (draft, r.errors)
}

/// Reads a draft's values from the fields, collecting the problems of the input.
struct Reader<'a> {
    fields: &'a BTreeMap<String, String>,
    file: &'a Path,
    errors: Vec<Diagnostic>,
}

impl Reader<'_> {
    /// The text of field `k`, trimmed ("" when absent).
    fn get(&self, k: &str) -> String {
        self.fields
            .get(k)
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    }

    /// The text of field `k`, when it holds something.
    fn opt(&self, k: &str) -> Option<String> {
        Some(self.get(k)).filter(|s| !s.is_empty())
    }

    fn error(&mut self, field: &str, id: &'static str, args: Vec<(&'static str, Arg)>) {
        self.errors.push(input_error(self.file, field, id, args));
    }

    /// The date of field `k`, when it holds one; a problem when it holds something else.
    fn date(&mut self, k: &str) -> Option<Date> {
        let text = self.opt(k)?;
        let d = Date::parse(&text);
        if d.is_none() {
            self.error(
                k,
                "portal-input-not-a-date",
                vec![("value", Arg::Str(text))],
            );
        }
        d
    }

    /// The number of field `k`: `None` when empty, `Some(None)` (and a problem) when not one.
    fn number(&mut self, k: &str) -> Option<Option<i64>> {
        let text = self.opt(k)?;
        match text.parse::<i64>() {
            Ok(n) => Some(Some(n)),
            Err(_) => {
                self.error(
                    k,
                    "portal-input-not-a-number",
                    vec![("value", Arg::Str(text))],
                );
                Some(None)
            }
        }
    }

    fn signature(&mut self) -> Option<DraftSignature> {
        let lieu = self.opt("signature.lieu");
        let date = self.date("signature.date");
        (lieu.is_some() || date.is_some()).then_some(DraftSignature { lieu, date })
    }

    /// The deliberation; without its date, its references are kept only if `base` had them.
    fn deliberation(&mut self, base: &Draft) -> Option<DraftDeliberation> {
        let date = self.date("deliberation.date");
        let acte = self.opt("deliberation.acte");
        let reception = self.date("deliberation.reception_prefecture");
        let publication = self.date("deliberation.publication");
        match date {
            Some(date) => Some(DraftDeliberation {
                date,
                acte,
                reception_prefecture: reception,
                publication,
            }),
            None if acte.is_some() || reception.is_some() || publication.is_some() => {
                if self.opt("deliberation.date").is_none() {
                    self.error(
                        "deliberation.date",
                        "portal-input-deliberation-date",
                        vec![],
                    );
                }
                base.deliberation.clone()
            }
            None => None,
        }
    }

    /// The schools, in the order of their indices; a number that cannot be read keeps `base`'s.
    fn schools(&mut self, base: &Draft) -> Vec<DraftEcole> {
        let mut rows: Vec<usize> = self
            .fields
            .keys()
            .filter_map(|k| school_path(k).map(|(i, _)| i))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        if rows.len() > MAX_SCHOOLS {
            let max = vec![("max", Arg::Num(MAX_SCHOOLS as i64))];
            self.error("ecoles", "portal-input-too-many-schools", max);
            rows.truncate(MAX_SCHOOLS);
        }
        let mut schools = Vec::new();
        for i in rows {
            let k = |f: &str| format!("ecoles[{i}].{f}");
            if self.opt(&k("supprimer")).is_some() {
                continue;
            }
            let previous = base.ecoles.get(i);
            let eleves = match self.number(&k("eleves")) {
                Some(Some(n)) => n,
                Some(None) => previous.map_or(0, |e| e.eleves),
                None => 0,
            };
            let classes = match self.number(&k("classes")) {
                Some(Some(n)) => Some(n),
                Some(None) => previous.and_then(|e| e.classes),
                None => None,
            };
            schools.push(DraftEcole {
                nom: self.get(&k("nom")),
                uai: self.opt(&k("uai")),
                kind: self.get(&k("type")),
                eleves,
                classes,
            });
        }
        schools
    }
}

/// Adds an empty school after the form's last one (« Ajouter une école »).
pub fn add_school(fields: &mut BTreeMap<String, String>) {
    let next = fields
        .keys()
        .filter_map(|k| school_path(k).map(|(i, _)| i))
        .max()
        .map_or(Some(0), |m| m.checked_add(1));
    if let Some(next) = next.filter(|n| *n < MAX_SCHOOLS) {
        fields.insert(format!("ecoles[{next}].nom"), String::new());
    }
}

/// The form's fields: every pair of a urlencoded body, the last value of a name winning; names
/// that are not fields (the buttons, the draft's `version`) are left out; unknown names are
/// ignored.
pub fn fields_from_form(pairs: &[(String, String)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .filter(|(k, _)| known(k) || k.ends_with("].supprimer"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The member as JSON, in the contract's structure.
pub fn to_json(draft: &Draft) -> Value {
    let c = &draft.collectivite;
    let sig = draft.signature.as_ref();
    let d = draft.deliberation.as_ref();
    json!({
        "collectivite": {
            "nom": c.nom, "nature": c.nature, "siren": c.siren,
            "insee": c.insee, "adresse": c.adresse,
        },
        "signataire": {
            "civilite": draft.signataire.civilite, "prenom": draft.signataire.prenom,
            "nom": draft.signataire.nom, "fonction": draft.signataire.fonction,
        },
        "contact": {
            "civilite": draft.contact.civilite, "prenom": draft.contact.prenom,
            "nom": draft.contact.nom, "telephone": draft.contact.telephone,
            "courriel": draft.contact.courriel,
        },
        "ecoles": draft.ecoles.iter().map(|e| json!({
            "nom": e.nom, "uai": e.uai, "type": e.kind, "eleves": e.eleves, "classes": e.classes,
        })).collect::<Vec<_>>(),
        "signature": sig.map(|s| json!({
            "lieu": s.lieu, "date": s.date.map(|d| d.to_string()),
        })),
        "deliberation": d.map(|d| json!({
            "date": d.date.to_string(), "acte": d.acte,
            "reception_prefecture": d.reception_prefecture.map(|d| d.to_string()),
            "publication": d.publication.map(|d| d.to_string()),
        })),
    })
}

/// The fields of a JSON member (as [`to_json`] gives it); `collectivite` is read-only and
/// ignored. Unknown keys and values of the wrong kind are problems of the input.
pub fn fields_from_json(value: &Value, file: &Path) -> (BTreeMap<String, String>, Vec<Diagnostic>) {
    let mut fields = BTreeMap::new();
    let mut errors = Vec::new();
    let Some(top) = value.as_object() else {
        errors.push(input_error(file, "", "portal-input-not-an-object", vec![]));
        return (fields, errors);
    };
    let scalar = |v: &Value| -> Option<String> {
        match v {
            Value::Null => Some(String::new()),
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let object = |prefix: &str,
                  o: &Map<String, Value>,
                  fields: &mut BTreeMap<String, String>,
                  errors: &mut Vec<Diagnostic>| {
        for (k, v) in o {
            let path = format!("{prefix}.{k}");
            match scalar(v) {
                Some(s) if known(&path) => {
                    fields.insert(path, s);
                }
                _ => errors.push(input_error(
                    file,
                    &path,
                    "portal-input-unknown-field",
                    vec![("field", Arg::Str(path.clone()))],
                )),
            }
        }
    };
    for (k, v) in top {
        match (k.as_str(), v) {
            ("collectivite", _) => {}
            ("signataire" | "contact" | "signature" | "deliberation", Value::Object(o)) => {
                object(k, o, &mut fields, &mut errors)
            }
            ("signature" | "deliberation", Value::Null) => {}
            ("ecoles", Value::Array(items)) => {
                if items.len() > MAX_SCHOOLS {
                    errors.push(input_error(
                        file,
                        "ecoles",
                        "portal-input-too-many-schools",
                        vec![("max", Arg::Num(MAX_SCHOOLS as i64))],
                    ));
                }
                for (i, item) in items.iter().take(MAX_SCHOOLS).enumerate() {
                    match item.as_object() {
                        Some(o) => {
                            // A row with no field still counts.
                            object(&format!("ecoles[{i}]"), o, &mut fields, &mut errors);
                            fields.entry(format!("ecoles[{i}].nom")).or_default();
                        }
                        None => errors.push(input_error(
                            file,
                            &format!("ecoles[{i}]"),
                            "portal-input-not-an-object",
                            vec![],
                        )),
                    }
                }
            }
            _ => errors.push(input_error(
                file,
                k,
                "portal-input-unknown-field",
                vec![("field", Arg::Str(k.clone()))],
            )),
        }
    }
    (fields, errors)
}

/// A diagnostic's wording on the portal's pages and in its API: the catalogue's
/// `portal-diag-*` message of its id (`validate-uai-check-letter` → `portal-diag-uai-check-letter`,
/// `load-empty` → `portal-diag-load-empty`, `portal-input-too-long` →
/// `portal-diag-input-too-long`), in French, with its dates written in French; never the command
/// line's wording (keys in backticks, YAML paths). A diagnostic without a wording of its own (a
/// Typst error of a template) gets a general one that sends to the coordinator.
pub fn portal_message(d: &Diagnostic) -> String {
    if let Some(id) = wording_id(d.message_id) {
        let args: Vec<(&str, Arg)> = d.args.iter().map(|(k, v)| (*k, french_arg(v))).collect();
        let text = text_in(Lang::Fr, &id, &args);
        if text != id {
            return text;
        }
    }
    fr("portal-diag-other")
}

/// The id of the portal's wording of message `id`.
pub fn wording_id(id: &str) -> Option<String> {
    if let Some(rest) = id.strip_prefix("validate-") {
        Some(format!("portal-diag-{rest}"))
    } else if id.starts_with("load-") {
        Some(format!("portal-diag-{id}"))
    } else {
        id.strip_prefix("portal-")
            .filter(|r| !r.starts_with("diag-"))
            .map(|rest| format!("portal-diag-{rest}"))
    }
}

/// An argument as a page shows it: a date `2021-12-16` as `16 décembre 2021`.
fn french_arg(arg: &Arg) -> Arg {
    match arg {
        Arg::Str(s) => match Date::parse(s) {
            Some(d) => Arg::Str(adhesion_core::render::typography::date(d)),
            None => Arg::Str(s.clone()),
        },
        Arg::Num(n) => Arg::Num(*n),
    }
}

/// A message of the catalogue, in French.
fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

fn fr_with(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(Lang::Fr, id, args)
}

/// The id of a field's input: `ecoles[2].uai` → `f-ecoles-2-uai`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        });
    }
    id.replace("--", "-").trim_end_matches('-').to_owned()
}

/// `text` with its first letter in lower case, unless it starts an acronym ("UAI", "SIREN").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_uppercase() => text.to_owned(),
        (Some(a), _) => a.to_lowercase().chain(text.chars().skip(1)).collect(),
        _ => String::new(),
    }
}

/// The catalogue id of the label of a field path (schools' fields by their key alone).
fn label_id(path: &str) -> Option<&'static str> {
    let key = match school_path(path) {
        Some((_, field)) => format!("ecoles.{field}"),
        None => path.to_owned(),
    };
    Some(match key.as_str() {
        "collectivite.nom" => "portal-field-collectivite-nom",
        "collectivite.siren" => "portal-field-siren",
        "collectivite.insee" => "portal-field-insee",
        "collectivite.nature" => "portal-field-nature",
        "collectivite.adresse" => "portal-field-adresse",
        "signataire.civilite" | "contact.civilite" => "portal-field-civilite",
        "signataire.prenom" | "contact.prenom" => "portal-field-prenom",
        "signataire.nom" | "contact.nom" => "portal-field-nom",
        "signataire.fonction" => "portal-field-qualite",
        "contact.telephone" => "portal-field-telephone",
        "contact.courriel" => "portal-field-courriel",
        "signature.lieu" => "portal-field-lieu",
        "signature.date" => "portal-field-signature-date",
        "deliberation.date" => "portal-field-deliberation-date",
        "deliberation.acte" => "portal-field-acte",
        "deliberation.reception_prefecture" => "portal-field-reception",
        "deliberation.publication" => "portal-field-publication",
        "ecoles" => "portal-field-ecoles",
        "ecoles.nom" => "portal-field-ecole-nom",
        "ecoles.uai" => "portal-field-uai",
        "ecoles.type" => "portal-field-type",
        "ecoles.eleves" => "portal-field-eleves",
        "ecoles.classes" => "portal-field-classes",
        _ => return None,
    })
}

/// The label of a field, in French, as the form shows it under its section (« Prénom »).
pub fn label_of(path: &str) -> String {
    label_id(path).map_or_else(|| path.to_owned(), fr)
}

/// The label of a field with its section or school, for a list out of the form's context
/// (« Signataire, prénom », « École 2, UAI »).
pub fn long_label_of(path: &str) -> String {
    let Some(id) = label_id(path) else {
        return path.to_owned();
    };
    let prefix = match (school_path(path), path.split('.').next()) {
        (Some((i, _)), _) => Some(fr_with(
            "portal-school-number",
            &[("n", Arg::Num(i.saturating_add(1) as i64))],
        )),
        (None, Some("signataire")) => Some(fr("portal-section-signataire")),
        (None, Some("contact")) => Some(fr("portal-section-contact")),
        _ => None,
    };
    match prefix {
        Some(p) => format!("{p}, {}", lower_first(&fr(id))),
        None => fr(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_of_the_form_is_not_a_field() {
        let pairs: Vec<(String, String)> = [
            ("version", "3"),
            ("signataire.nom", "Hunault"),
            ("ecoles[0].nom", "Les Tilleuls"),
            ("action", "enregistrer"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let fields = fields_from_form(&pairs);
        assert_eq!(
            fields.keys().collect::<Vec<_>>(),
            ["ecoles[0].nom", "signataire.nom"]
        );
        let (draft, errors) = draft_from_fields(&fields, &Draft::default(), Path::new("m.yaml"));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(draft.signataire.nom, "Hunault");
    }

    /// The ids of a catalogue area's messages.
    fn ids(area: &str) -> Vec<String> {
        let (_, fr, _) = adhesion_core::i18n::AREAS
            .iter()
            .find(|(a, _, _)| *a == area)
            .unwrap();
        fr.lines()
            .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim().to_owned()))
            .filter(|id| !id.starts_with('#') && !id.starts_with('.') && !id.contains(' '))
            .collect()
    }

    /// Every message a field of a member's file can raise has its portal wording, in both
    /// languages, with no backtick: the portal never shows the command line's wording.
    #[test]
    fn every_field_diagnostic_has_a_portal_wording() {
        // The checks of the campaign file, a hint, and what is about files rather than a
        // member's fields: never on a member's page.
        let elsewhere = [
            "validate-market-end",
            "validate-notification-window",
            "validate-notified-before-deadline",
            "validate-starts-before-notified",
            "validate-commitment-too-long",
            "validate-criteria-weights",
            "validate-school-year",
            "validate-portal-address",
            "validate-mail-security",
            "validate-mail-plain",
            "validate-mail-server",
            "validate-mail-address",
            "validate-did-you-mean",
            "validate-duplicate-siren",
            "validate-duplicate-uai",
            "load-this-value",
            "load-id-unsafe",
            "load-id-reserved",
            "load-not-yaml",
            "load-symlink-loop",
            "load-folder-unreadable",
            "load-duplicate-id",
        ];
        let raised = ids("validate")
            .into_iter()
            .chain(ids("load"))
            .chain(
                ids("portal")
                    .into_iter()
                    .filter(|id| id.starts_with("portal-input-")),
            )
            .chain(["portal-bad-json".to_owned()])
            .filter(|id| !elsewhere.contains(&id.as_str()));
        // The area's messages, in both languages (the tests of the catalogue check that both
        // files have the same ids).
        let worded = ids("portal-diag");
        let (_, fr, en) = adhesion_core::i18n::AREAS
            .iter()
            .find(|(a, _, _)| *a == "portal-diag")
            .unwrap();
        assert!(
            !fr.lines()
                .chain(en.lines())
                .any(|l| !l.starts_with('#') && l.contains('`'))
        );
        let mut missing = Vec::new();
        for id in raised {
            let wording = wording_id(&id).unwrap();
            if !worded.contains(&wording) {
                missing.push(format!("{wording}, for {id}"));
            }
        }
        assert!(missing.is_empty(), "no portal wording: {missing:#?}");
    }

    #[test]
    fn a_wrong_uai_is_told_with_its_letter() {
        let d = Diagnostic::error(
            "uai",
            "m.yaml",
            Message::new_in(
                Lang::Fr,
                "validate-uai-check-letter",
                vec![
                    ("uai", Arg::Str("0530086G".into())),
                    ("digits", Arg::Str("0530086".into())),
                    ("expected", Arg::Str("F".into())),
                ],
            ),
        );
        let text = portal_message(&d);
        assert!(!text.contains('`'));
        assert!(
            text.starts_with(
                "La lettre de contrôle de l’UAI 0530086G est fausse\u{a0}: pour 0530086, c’est F."
            ),
            "{text}"
        );
    }
}
