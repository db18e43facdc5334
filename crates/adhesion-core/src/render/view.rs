//! What templates see: a plain, serializable view of the campaign and of one member.
//!
//! This is the contract between data and templates. Values are as typed (identifiers normalized),
//! derived figures (school count, pupil total, end of the first period) are computed here, and
//! formatting (dates in words, grouped numbers) is left to template filters.

use serde::Serialize;

use crate::date::Date;
use crate::model::{self, Groupement, Member};
use crate::validate::ids;

/// The campaign as templates see it: `groupement.yaml` plus derived values.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignView<'a> {
    #[serde(flatten)]
    pub groupement: GroupementView<'a>,
    /// The day after the joining deadline: the earliest launch of the call for tenders.
    pub lancement_au_plus_tot: Date,
    /// Months of commitment left after the first period.
    pub engagement_restant_mois: u32,
    /// The market's years: "2022-2026".
    pub periode: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupementView<'a> {
    pub academie: &'a model::Academie,
    pub coordonnateur: &'a model::Coordonnateur,
    pub groupement: &'a model::Denomination,
    pub references: &'a model::References,
    pub preambule: &'a model::Preambule,
    pub marche: MarcheView,
    pub annee_scolaire: &'a str,
    pub date_edition: Date,
}

#[derive(Debug, Clone, Serialize)]
pub struct MarcheView {
    pub date_limite_adhesion: Date,
    pub notification_debut: Date,
    pub notification_fin: Date,
    pub debut: Date,
    pub duree_mois: u32,
    pub fin: Date,
    pub engagement_minimum_mois: u32,
    pub preavis_mois: u32,
    pub critere_prix: u32,
    pub critere_qualite: u32,
}

impl<'a> CampaignView<'a> {
    pub fn new(g: &'a Groupement) -> Self {
        let m = &g.marche;
        let limite = m.date_limite_adhesion.value;
        let lendemain = limite.next_day();
        Self {
            groupement: GroupementView {
                academie: &g.academie,
                coordonnateur: &g.coordonnateur,
                groupement: &g.groupement,
                references: &g.references,
                preambule: &g.preambule,
                marche: MarcheView {
                    date_limite_adhesion: limite,
                    notification_debut: m.notification_debut.value,
                    notification_fin: m.notification_fin.value,
                    debut: m.debut.value,
                    duree_mois: m.duree_mois.value,
                    fin: m.fin.value,
                    engagement_minimum_mois: m.engagement_minimum_mois.value,
                    preavis_mois: m.preavis_mois,
                    critere_prix: m.criteres.prix.value,
                    critere_qualite: m.criteres.qualite,
                },
                annee_scolaire: &g.annee_scolaire.value,
                date_edition: g.date_edition,
            },
            lancement_au_plus_tot: lendemain,
            engagement_restant_mois: m
                .duree_mois
                .value
                .saturating_sub(m.engagement_minimum_mois.value),
            periode: format!("{}-{}", m.debut.value.year, m.fin.value.year),
        }
    }
}

/// One member as templates see it. Every field is `None` on a blank form.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MemberView {
    pub id: Option<String>,
    pub collectivite: CollectiviteView,
    /// The body that decides: "Conseil Municipal" for a commune...
    pub assemblee: Option<&'static str>,
    pub signataire: PersonView,
    pub contact: PersonView,
    pub ecoles: Vec<EcoleView>,
    pub nb_ecoles: Option<usize>,
    pub total_eleves: Option<i64>,
    pub total_classes: Option<i64>,
    pub signature: Option<SignatureView>,
    pub deliberation: Option<DeliberationView>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CollectiviteView {
    pub nom: Option<String>,
    pub nature: Option<String>,
    pub siren: Option<String>,
    pub insee: Option<String>,
    pub adresse: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PersonView {
    pub civilite: Option<String>,
    pub prenom: Option<String>,
    pub nom: Option<String>,
    pub fonction: Option<String>,
    /// Normalized digits (`0240815216`); the `telephone` filter prints pairs.
    pub telephone: Option<String>,
    pub courriel: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EcoleView {
    pub nom: String,
    pub uai: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    /// "École élémentaire" etc., for printing.
    pub type_libelle: &'static str,
    pub eleves: i64,
    pub classes: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    pub lieu: Option<String>,
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeliberationView {
    pub date: Date,
    pub acte: Option<String>,
    pub reception_prefecture: Option<Date>,
    pub publication: Option<Date>,
}

fn assemblee(nature: &str) -> &'static str {
    match nature {
        "commune" => "Conseil Municipal",
        "epci" => "Conseil Communautaire",
        "syndicat" => "Comité Syndical",
        _ => "Assemblée délibérante",
    }
}

fn type_libelle(kind: &str) -> &'static str {
    model::SchoolType::parse(kind).map_or("", model::SchoolType::word)
}

fn text(t: &model::Text) -> Option<String> {
    Some(t.value.clone())
}

impl MemberView {
    pub fn new(id: &str, m: &Member) -> Self {
        let ecoles: Vec<EcoleView> = m
            .ecoles
            .value
            .iter()
            .map(|e| EcoleView {
                nom: e.nom.value.clone(),
                uai: e
                    .uai
                    .as_ref()
                    .map(|u| ids::uai(&u.value).unwrap_or_else(|_| u.value.clone())),
                kind: e.kind.value.clone(),
                type_libelle: type_libelle(&e.kind.value),
                eleves: e.eleves.value,
                classes: e.classes.as_ref().map(|c| c.value),
            })
            .collect();
        let c = &m.collectivite;
        Self {
            id: Some(id.to_owned()),
            assemblee: Some(assemblee(&c.nature.value)),
            collectivite: CollectiviteView {
                nom: text(&c.nom),
                nature: text(&c.nature),
                siren: Some(ids::siren(&c.siren.value).unwrap_or_else(|_| c.siren.value.clone())),
                insee: c.insee.as_ref().and_then(text),
                adresse: c.adresse.as_ref().and_then(text),
            },
            signataire: PersonView {
                civilite: text(&m.signataire.civilite),
                prenom: text(&m.signataire.prenom),
                nom: text(&m.signataire.nom),
                fonction: text(&m.signataire.fonction),
                telephone: None,
                courriel: None,
            },
            contact: PersonView {
                civilite: m.contact.civilite.as_ref().and_then(text),
                prenom: text(&m.contact.prenom),
                nom: text(&m.contact.nom),
                fonction: None,
                telephone: Some(
                    ids::phone(&m.contact.telephone.value)
                        .unwrap_or_else(|_| m.contact.telephone.value.clone()),
                ),
                courriel: text(&m.contact.courriel),
            },
            nb_ecoles: Some(ecoles.len()),
            total_eleves: Some(ecoles.iter().fold(0i64, |t, e| t.saturating_add(e.eleves))),
            total_classes: ecoles
                .iter()
                .try_fold(0i64, |t, e| Some(t.saturating_add(e.classes?))),
            ecoles,
            signature: m.signature.as_ref().map(|s| SignatureView {
                lieu: s.lieu.as_ref().and_then(text),
                date: s.date.as_ref().map(|d| d.value),
            }),
            deliberation: m.deliberation.as_ref().map(|d| DeliberationView {
                date: d.date.value,
                acte: d.acte.as_ref().and_then(text),
                reception_prefecture: d.reception_prefecture.as_ref().map(|x| x.value),
                publication: d.publication.as_ref().map(|x| x.value),
            }),
        }
    }

    /// The view of a blank form: nothing filled in.
    pub fn blank() -> Self {
        Self::default()
    }
}
