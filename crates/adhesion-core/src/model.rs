//! The data contract: `groupement.yaml` and `members/<id>.yaml` as typed structs.
//!
//! Every struct denies unknown keys. Identifiers, phones and codes are `String`s whatever the
//! YAML looks like (`insee: 01053` stays `"01053"`). Values that validation points at are
//! [`Spanned`], so that a problem can name its line and column; the checks themselves live in
//! [`crate::validate`].

use serde::{Deserialize, Serialize};
pub use serde_saphyr::Spanned;

use crate::date::Date;

/// A piece of text with its place in the YAML file.
pub type Text = Spanned<String>;

// ---------------------------------------------------------------------------------------------
// members/<id>.yaml

/// One member of the group: a commune, an EPCI, a syndicate...
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub collectivite: Collectivite,
    pub signataire: Signataire,
    pub contact: Contact,
    pub ecoles: Spanned<Vec<Ecole>>,
    pub signature: Option<Signature>,
    pub deliberation: Option<Deliberation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collectivite {
    pub nom: Text,
    pub nature: Text,
    pub siren: Text,
    pub insee: Option<Text>,
    pub adresse: Option<Text>,
}

/// Who signs the convention and the annexe 2.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signataire {
    pub civilite: Text,
    pub prenom: Text,
    pub nom: Text,
    pub fonction: Text,
}

/// The person who follows the file ("personne suivant le dossier").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub civilite: Option<Text>,
    pub prenom: Text,
    pub nom: Text,
    pub telephone: Text,
    pub courriel: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ecole {
    pub nom: Text,
    pub uai: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Text,
    pub eleves: Spanned<i64>,
    pub classes: Option<Spanned<i64>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    pub lieu: Option<Text>,
    pub date: Option<Spanned<Date>>,
}

/// Annexe 1: the council decision that authorises the signature.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deliberation {
    pub date: Spanned<Date>,
    pub acte: Option<Text>,
    pub reception_prefecture: Option<Spanned<Date>>,
    pub publication: Option<Spanned<Date>>,
}

/// The id of the blank forms, built to `out/vierge/`: reserved, no member may take it.
pub const BLANK_ID: &str = "vierge";

/// The kinds of member the convention names.
pub const NATURES: [&str; 4] = ["commune", "epci", "syndicat", "autre"];
pub const CIVILITES: [&str; 2] = ["M.", "Mme"];

/// A field of the people a member file names (`signataire`, `contact`), for the code that
/// addresses them by the dotted path diagnostics and comments use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonField {
    SignerTitle,
    SignerFirstName,
    SignerLastName,
    SignerRole,
    ContactTitle,
    ContactFirstName,
    ContactLastName,
    ContactPhone,
    ContactEmail,
}

impl PersonField {
    pub const ALL: [Self; 9] = [
        Self::SignerTitle,
        Self::SignerFirstName,
        Self::SignerLastName,
        Self::SignerRole,
        Self::ContactTitle,
        Self::ContactFirstName,
        Self::ContactLastName,
        Self::ContactPhone,
        Self::ContactEmail,
    ];

    /// The field at `path`, if it is a person field.
    pub fn from_path(path: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.path() == path)
    }

    /// Its path in the member file: `signataire.nom`.
    pub const fn path(self) -> &'static str {
        match self {
            Self::SignerTitle => "signataire.civilite",
            Self::SignerFirstName => "signataire.prenom",
            Self::SignerLastName => "signataire.nom",
            Self::SignerRole => "signataire.fonction",
            Self::ContactTitle => "contact.civilite",
            Self::ContactFirstName => "contact.prenom",
            Self::ContactLastName => "contact.nom",
            Self::ContactPhone => "contact.telephone",
            Self::ContactEmail => "contact.courriel",
        }
    }

    /// Its key inside its section: `nom`.
    pub fn key(self) -> &'static str {
        let path = self.path();
        path.split_once('.').map_or(path, |(_, key)| key)
    }
}

/// A school's `type:`, the words the contract accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchoolType {
    Maternelle,
    Elementaire,
    Primaire,
}

impl SchoolType {
    pub const ALL: [Self; 3] = [Self::Maternelle, Self::Elementaire, Self::Primaire];

    /// The word as the YAML says it: `elementaire`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Maternelle => "maternelle",
            Self::Elementaire => "elementaire",
            Self::Primaire => "primaire",
        }
    }

    /// The word as printed: "élémentaire".
    pub const fn word(self) -> &'static str {
        match self {
            Self::Maternelle => "maternelle",
            Self::Elementaire => "élémentaire",
            Self::Primaire => "primaire",
        }
    }

    /// The type a YAML word names, if any (exact, as validation requires).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

// ---------------------------------------------------------------------------------------------
// groupement.yaml

/// What is the same for every member of one campaign (one market).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Groupement {
    pub academie: Academie,
    pub coordonnateur: Coordonnateur,
    pub groupement: Denomination,
    pub references: References,
    pub preambule: Preambule,
    pub marche: Marche,
    /// School year of the pupil counts, e.g. `2021-2022`.
    pub annee_scolaire: Text,
    /// The documents' date (PDF metadata) when `SOURCE_DATE_EPOCH` is not set.
    pub date_edition: Date,
    /// The members' portal.
    #[serde(default)]
    pub portail: Option<Portail>,
    /// The campaign's SMTP server, through which the portal mails the members.
    #[serde(default)]
    pub courriel: Option<Courriel>,
}

/// The campaign's own SMTP server. Its password is never in a file of the campaign: it comes
/// from `ADHESION_SMTP_PASSWORD` or from a file given to `adhesion serve`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Courriel {
    /// Its host name (or address).
    pub serveur: Text,
    /// Its port: 465 for `tls`, 587 for `starttls` when absent.
    #[serde(default)]
    pub port: Option<u16>,
    /// `tls` (implicit, « smtps »), `starttls`, or `aucune` (only towards a loopback address).
    pub securite: Text,
    /// The sender, `Nom <adresse>` or an address.
    pub expediteur: Text,
    /// Where the members' answers go, when not to the sender.
    #[serde(default)]
    pub repondre_a: Option<Text>,
    /// The account to sign in with, when the server asks for one.
    #[serde(default)]
    pub identifiant: Option<String>,
    /// At most this many messages a second (the server's own limits); 5 when absent.
    #[serde(default)]
    pub debit: Option<u32>,
}

impl Courriel {
    /// The port, by default the one of its security.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.securite.value.as_str() {
            "starttls" => 587,
            "aucune" => 25,
            _ => 465,
        })
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Academie {
    /// As in running text: "académie de Nantes".
    pub nom: String,
    /// The bloc-marque printed in the header, one line per entry.
    pub bloc_marque: Vec<String>,
    pub devise: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Coordonnateur {
    /// As in running text: "rectorat de Nantes".
    pub nom: String,
    pub service: String,
    pub adresse: String,
    /// The title of who signs for the coordinator.
    pub signataire: String,
    /// The court named in the article on disputes.
    pub tribunal: String,
    /// How the members reach the coordinator's service: on the portal's pages and in its mails.
    #[serde(default)]
    pub contact: Option<CoordinatorContact>,
}

/// The coordinator's contact for the members.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CoordinatorContact {
    pub courriel: Text,
    pub telephone: Text,
}

/// The members' portal: its public address and the facts of its legal pages.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Portail {
    /// Its address as the members reach it (`https://...`): the links of the mails and of
    /// `adhesion invitations` begin with it.
    #[serde(default)]
    pub adresse: Option<Text>,
    /// Who hosts it, when it is not the coordinator itself (the personal data notice).
    #[serde(default)]
    pub hebergeur: Option<String>,
    /// How long the files are kept after the end of the market (the personal data notice).
    #[serde(default = "default_retention")]
    pub conservation: String,
    /// The data protection officer's address (the personal data notice).
    #[serde(default)]
    pub delegue_protection_donnees: Option<String>,
    /// The accessibility statement's facts.
    #[serde(default)]
    pub accessibilite: Accessibilite,
}

fn default_retention() -> String {
    "cinq ans".to_owned()
}

/// The facts of the accessibility statement (RGAA): its state and its audit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibilite {
    /// `non conforme` (no audit yet), `partiellement conforme` or `totalement conforme`.
    #[serde(default = "default_conformity")]
    pub etat: String,
    /// The share of the RGAA's criteria met, in percent, after an audit.
    #[serde(default)]
    pub taux: Option<u32>,
    /// The day of the audit.
    #[serde(default)]
    pub date_audit: Option<Date>,
    /// What is not accessible, one line each.
    #[serde(default)]
    pub non_conformites: Vec<String>,
    /// The day of the statement.
    #[serde(default)]
    pub date_declaration: Option<Date>,
}

fn default_conformity() -> String {
    "non conforme".to_owned()
}

impl Default for Accessibilite {
    fn default() -> Self {
        Self {
            etat: default_conformity(),
            taux: None,
            date_audit: None,
            non_conformites: Vec::new(),
            date_declaration: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Denomination {
    /// The group's official name, quoted in the convention.
    pub denomination: String,
    /// The ENT's name: "e-primo".
    pub ent: String,
    /// The software it relies on: "Open ENT-NG".
    pub solution: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct References {
    /// Version of the SDET cited in the "Vu" lines and the preamble, e.g. "6.4".
    pub sdet_version: String,
    /// The SDET's major version in words: "sixième".
    pub sdet_rang: String,
    /// Version of the code de la commande publique cited.
    pub code_commande_publique: Date,
}

/// The figures quoted in the preamble.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Preambule {
    pub partenariat_depuis: u32,
    pub ent_second_degre: String,
    pub ent_second_degre_lancement: u32,
    pub departements: u32,
    pub ent_second_degre_depuis: u32,
    pub ent_second_degre_etablissements: u32,
    /// In words, as the preamble says it: "d'un million".
    pub ent_second_degre_utilisateurs: String,
    pub part_eleves_pourcent: u32,
    pub ecoles_utilisatrices: u32,
}

/// The market's calendar and rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marche {
    pub date_limite_adhesion: Spanned<Date>,
    pub notification_debut: Spanned<Date>,
    pub notification_fin: Spanned<Date>,
    pub debut: Spanned<Date>,
    pub duree_mois: Spanned<u32>,
    /// Typed for the reader, checked against `debut + duree_mois`.
    pub fin: Spanned<Date>,
    /// No withdrawal during the first months of the market.
    pub engagement_minimum_mois: Spanned<u32>,
    /// Notice before the end of the first period, in months.
    pub preavis_mois: u32,
    pub criteres: Criteres,
}

/// Weights of the award criteria, in percent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criteres {
    pub prix: Spanned<u32>,
    pub qualite: u32,
}
