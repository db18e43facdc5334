//! The attestation of a deposit: a PDF that says what a member deposited and when (Paris
//! time), with the SHA-256 of the member file it deposited, so that the file the coordinator
//! keeps can be checked against it. Typst, compiled in process over the campaign's fonts and
//! style; every value escaped for Typst markup.

use adhesion_core::member_file::Draft;
use adhesion_core::model::SchoolType;
use adhesion_core::render::escape::{markup, markup_exact};
use adhesion_core::render::typography;
use jiff::Timestamp;

use super::{App, Current};
use crate::error::Error;
use crate::time::{paris, today};

impl App {
    /// The attestation of the member's deposit, when it is deposited.
    pub fn attestation(&self, current: &Current) -> Result<Option<Vec<u8>>, Error> {
        let (Some(at), Some(hash)) = (current.row.deposited_at, &current.row.deposit_hash) else {
            return Ok(None);
        };
        if !current.row.status.deposited() {
            return Ok(None);
        }
        let source = attestation_source(self, &current.draft, at, hash);
        self.compiled();
        self.pipeline
            .compile_source("attestation-depot", source)
            .map(Some)
            .map_err(|d| {
                let text = d.first().map_or_else(String::new, |d| d.message.clone());
                Error::Io("attestation-depot.typ".into(), std::io::Error::other(text))
            })
    }
}

/// `n` with its thousands grouped, as the documents write it.
fn number(n: i64) -> String {
    markup(&typography::number(n))
}

/// The Typst source of the attestation of `draft`, deposited at `at` (seconds since 1970) as a
/// member file whose SHA-256 is `hash`.
fn attestation_source(app: &App, draft: &Draft, at: i64, hash: &[u8]) -> String {
    let g = app.pipeline.groupement();
    let when = Timestamp::from_second(at).unwrap_or_else(|_| Timestamp::now());
    let zoned = when.to_zoned_datetime(paris().clone());
    let day = typography::date(today(when));
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    let s = &draft.signataire;
    let c = &draft.contact;
    let pupils: i64 = draft.ecoles.iter().map(|e| e.eleves).sum();
    format!(
        r#"#import "/style.typ": bloc-marque
#set page(paper: "a4", margin: (x: 2cm, y: 2cm), numbering: "1 / 1")
#set text(font: "Adhesion Sans", size: 10pt, lang: "fr", region: "FR")
#set par(justify: false)
#set document(title: [Attestation de dépôt – {nom}])
#bloc-marque
#v(0.8cm)
#show heading.where(level: 1): it => align(center, text(size: 15pt, it.body))
= Attestation de dépôt
#v(0.4cm)
Groupement de commandes « {groupement} », coordonné par le {coordonnateur} ({service}).

Le portail des membres atteste que le dossier d’adhésion de *{nom}* (SIREN {siren}) a été déposé le *{day} à {hour} h {minute:02}* (heure de Paris).

== Ce qui a été déposé
#table(columns: (auto, 1fr), stroke: none, inset: (x: 0pt, y: 3pt),
  [Signataire~:], [{civ} {prenom} {signataire_nom}, {fonction}],
  [Personne qui suit le dossier~:], [{contact}, {telephone}, {courriel}],
  [Écoles~:], [{schools} écoles, {pupils} élèves (année scolaire {annee})],
)
#table(columns: (1fr, auto, auto, auto), align: (left, left, left, right),
  table.header([*École*], [*UAI*], [*Type*], [*Élèves*]),
{rows})

== Empreinte du fichier déposé
Empreinte SHA-256 du fichier du membre déposé, qui permet de vérifier que le fichier conservé par le coordonnateur est bien celui-ci~:

#text(size: 8.5pt)[{hex}]

== Et maintenant
Imprimez la convention d’adhésion et l’annexe 2, faites adopter la délibération par votre conseil, puis faites signer la convention et l’annexe 2. Transmettez ces trois pièces au coordonnateur avant le {deadline}, sur le portail ou par courrier à l’adresse suivante~: {adresse}.
"#,
        nom = markup(&draft.collectivite.nom),
        groupement = markup(&g.groupement.denomination),
        coordonnateur = markup(&g.coordonnateur.nom),
        service = markup(&g.coordonnateur.service),
        siren = markup_exact(&draft.collectivite.siren),
        day = markup(&day),
        hour = zoned.hour(),
        minute = zoned.minute(),
        civ = markup(&s.civilite),
        prenom = markup(&s.prenom),
        signataire_nom = markup(&typography::upper(&s.nom)),
        fonction = markup(&s.fonction),
        contact = markup(&format!("{} {}", c.prenom, c.nom)),
        telephone = markup(&c.telephone),
        courriel = markup_exact(&c.courriel),
        schools = number(draft.ecoles.len() as i64),
        pupils = number(pupils),
        annee = markup(&g.annee_scolaire.value),
        rows = school_rows(draft),
        hex = hex,
        deadline = markup(&typography::date(g.marche.date_limite_adhesion.value)),
        adresse = markup(&format!(
            "{}, {}, {}",
            typography::capitalize_first(&g.coordonnateur.nom),
            g.coordonnateur.service,
            g.coordonnateur.adresse
        )),
    )
}

/// The rows of the schools' table: name, UAI, type, pupils, each a Typst cell.
fn school_rows(draft: &Draft) -> String {
    let mut rows = String::new();
    for e in &draft.ecoles {
        let kind = SchoolType::ALL
            .iter()
            .find(|t| t.as_str() == e.kind)
            .map_or(e.kind.as_str(), |t| t.word());
        rows.push_str(&format!(
            "  [{}], [{}], [{}], [{}],\n",
            markup(&e.nom),
            markup_exact(e.uai.as_deref().unwrap_or("")),
            markup(kind),
            number(e.eleves)
        ));
    }
    rows
}
