//! The legal pages every public online service shows in its footer: the accessibility
//! statement (in the RGAA's form) and the personal data notice, their facts from the campaign
//! file (`portail:` in `groupement.yaml`), their texts from the catalogue.

use std::sync::Arc;

use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::model::{Groupement, Portail};
use adhesion_core::render::typography;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use tera::Context;

use crate::http::{self, Work};
use crate::pages::{Site, render};
use crate::service::App;

/// The routes of the legal pages.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/accessibilite", get(accessibility))
        .route("/donnees-personnelles", get(privacy))
}

fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

fn fr_with(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(Lang::Fr, id, args)
}

/// A section of a legal page.
#[derive(Serialize)]
struct Section {
    title: String,
    paragraphs: Vec<String>,
    items: Vec<String>,
}

fn section(title: &str, paragraphs: Vec<String>) -> Section {
    Section {
        title: fr(title),
        paragraphs,
        items: Vec::new(),
    }
}

/// A legal page of the campaign `g`.
fn page(g: &Groupement, title: &str, intro: Vec<String>, sections: Vec<Section>) -> Response {
    let mut ctx = Context::new();
    ctx.insert("site", &Site::of(g));
    ctx.insert("intro", &intro);
    ctx.insert("sections", &sections);
    http::html(StatusCode::OK, render("legal.html", &fr(title), ctx))
}

/// The portal's facts, with their defaults when the campaign file has none.
fn portal(g: &Groupement) -> Portail {
    g.portail.clone().unwrap_or_default()
}

/// `GET /accessibilite`: the accessibility statement.
async fn accessibility(State(app): State<Arc<App>>) -> Response {
    http::blocking(&app, Work::Light, |app| {
        let g = app.pipeline.groupement();
        let a = portal(g).accessibilite;
        let nom = || Arg::Str(g.coordonnateur.nom.clone());
        let intro = vec![fr_with(
            "portal-a11y-commitment",
            &[
                ("coordonnateur", nom()),
                ("groupement", Arg::Str(g.groupement.denomination.clone())),
            ],
        )];
        let audit = match (a.taux, a.date_audit) {
            (Some(taux), Some(day)) => fr_with(
                "portal-a11y-audit",
                &[
                    ("date", Arg::Str(typography::date(day))),
                    ("taux", Arg::Num(i64::from(taux))),
                ],
            ),
            _ => fr("portal-a11y-audit-none"),
        };
        let mut issues = section("portal-a11y-issues-title", Vec::new());
        issues.items = if a.non_conformites.is_empty() {
            vec![fr("portal-a11y-issue-pdf"), fr("portal-a11y-issue-preview")]
        } else {
            a.non_conformites.clone()
        };
        let mut checks = vec![fr("portal-a11y-checks")];
        if let Some(day) = a.date_declaration {
            checks.push(fr_with(
                "portal-a11y-date",
                &[("date", Arg::Str(typography::date(day)))],
            ));
        }
        let service = Arg::Str(g.coordonnateur.service.clone());
        let sections = vec![
            section(
                "portal-a11y-state-title",
                vec![
                    fr_with("portal-a11y-state", &[("etat", Arg::Str(a.etat.clone()))]),
                    audit,
                ],
            ),
            issues,
            section("portal-a11y-checks-title", checks),
            section(
                "portal-a11y-contact-title",
                vec![fr_with("portal-a11y-contact", &[("service", service)])],
            ),
            section(
                "portal-a11y-remedies-title",
                vec![fr("portal-a11y-remedies")],
            ),
        ];
        page(g, "portal-a11y-title", intro, sections)
    })
    .await
    .into_response()
}

/// `GET /donnees-personnelles`: the personal data notice.
async fn privacy(State(app): State<Arc<App>>) -> Response {
    http::blocking(&app, Work::Light, |app| {
        let g = app.pipeline.groupement();
        let p = portal(g);
        let c = &g.coordonnateur;
        let controller = fr_with(
            "portal-privacy-controller",
            &[
                ("coordonnateur", Arg::Str(c.nom.clone())),
                ("service", Arg::Str(c.service.clone())),
                ("adresse", Arg::Str(c.adresse.clone())),
            ],
        );
        let mut recipients = vec![fr("portal-privacy-recipients")];
        if let Some(host) = &p.hebergeur {
            recipients.push(fr_with(
                "portal-privacy-host",
                &[("hebergeur", Arg::Str(host.clone()))],
            ));
        }
        let retention = fr_with(
            "portal-privacy-retention",
            &[
                ("fin", Arg::Str(typography::date(g.marche.fin.value))),
                ("conservation", Arg::Str(p.conservation.clone())),
            ],
        );
        let mut rights = vec![fr("portal-privacy-rights")];
        if let Some(dpo) = &p.delegue_protection_donnees {
            rights.push(fr_with(
                "portal-privacy-dpo",
                &[("delegue", Arg::Str(dpo.clone()))],
            ));
        }
        rights.push(fr("portal-privacy-cnil"));
        let sections = vec![
            section("portal-privacy-controller-title", vec![controller]),
            section(
                "portal-privacy-purpose-title",
                vec![fr("portal-privacy-purpose")],
            ),
            section("portal-privacy-data-title", vec![fr("portal-privacy-data")]),
            section("portal-privacy-recipients-title", recipients),
            section("portal-privacy-retention-title", vec![retention]),
            section("portal-privacy-rights-title", rights),
        ];
        page(g, "portal-privacy-title", Vec::new(), sections)
    })
    .await
    .into_response()
}
