//! A deposit one can trust: « Déposer » saves what is on the page, then a confirmation page
//! shows what will be deposited and what it commits the member to, with a box to tick; the
//! deposit locks the file, and the page then offers the attestation of deposit.

use std::sync::Arc;

use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::member_file::Draft;
use adhesion_core::model::Marche;
use adhesion_core::render::typography;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tera::Context;

use super::{base, refused, with_member};
use crate::http::{self, Client, Failure, Work};
use crate::pages::{Site, render};
use crate::service::{App, Current, Refusal};

fn fr_with(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(Lang::Fr, id, args)
}

#[derive(Serialize)]
struct SchoolLine {
    name: String,
    uai: String,
    pupils: String,
}

/// The confirmation page of the deposit of `current` (`error`: the box was not ticked); the
/// draft's errors instead, when it has some.
pub fn confirmation(
    app: &App,
    current: &Current,
    token: &str,
    error: Option<String>,
) -> Result<Response, Failure> {
    let back = base(token);
    if let Some(refusal) = app.locked(current) {
        return Err(refused(&refusal, &back, None));
    }
    let checked = app.check(current, &current.draft, Vec::new(), &[]);
    if checked.has_errors() {
        return Err(refused(&Refusal::Errors, &back, Some(&checked)));
    }
    let d = &current.draft;
    let g = app.pipeline.groupement();
    let nom = || Arg::Str(d.collectivite.nom.clone());
    let schools: Vec<SchoolLine> = d
        .ecoles
        .iter()
        .map(|e| SchoolLine {
            name: e.nom.clone(),
            uai: e.uai.clone().unwrap_or_default(),
            pupils: typography::number(e.eleves),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("site", &Site::of(g));
    ctx.insert("base", &back);
    ctx.insert("version", &current.row.version);
    ctx.insert("summary", &summary(d));
    ctx.insert("schools", &schools);
    ctx.insert(
        "commitments_title",
        &fr_with("portal-confirm-commitments-title", &[("nom", nom())]),
    );
    ctx.insert("commitments", &commitments(&g.marche));
    let title = fr_with("portal-confirm-title", &[("nom", nom())]);
    let status = if error.is_some() {
        let head = fr_with(
            "portal-error-title-prefix",
            &[("title", Arg::Str(title.clone()))],
        );
        ctx.insert("head_title", &head);
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    ctx.insert("error", &error);
    Ok(http::html(status, render("depot.html", &title, ctx)))
}

/// What will be deposited, line by line: the member, its signatory, its contact, its needs.
fn summary(d: &Draft) -> [String; 4] {
    let pupils: i64 = d
        .ecoles
        .iter()
        .map(|e| e.eleves)
        .fold(0, i64::saturating_add);
    let s = &d.signataire;
    let signatory = format!("{} {} {}", s.civilite, s.prenom, typography::upper(&s.nom));
    [
        fr_with(
            "portal-confirm-member",
            &[("nom", Arg::Str(d.collectivite.nom.clone()))],
        ),
        fr_with(
            "portal-confirm-signatory",
            &[
                ("signataire", Arg::Str(signatory)),
                ("fonction", Arg::Str(s.fonction.clone())),
            ],
        ),
        fr_with(
            "portal-confirm-contact",
            &[(
                "contact",
                Arg::Str(format!("{} {}", d.contact.prenom, d.contact.nom)),
            )],
        ),
        fr_with(
            "portal-confirm-schools",
            &[
                ("schools", Arg::Num(d.ecoles.len() as i64)),
                ("pupils", Arg::Num(pupils)),
            ],
        ),
    ]
}

/// What joining commits the member to, from the convention's terms and the market's dates.
fn commitments(m: &Marche) -> [String; 7] {
    let months = |n: u32| Arg::Num(i64::from(n));
    [
        fr_with(
            "portal-confirm-commitment-duration",
            &[
                ("months", months(m.duree_mois.value)),
                ("start", Arg::Str(typography::date(m.debut.value))),
                ("end", Arg::Str(typography::date(m.fin.value))),
            ],
        ),
        fr_with(
            "portal-confirm-commitment-withdrawal",
            &[
                ("minimum", months(m.engagement_minimum_mois.value)),
                ("notice", months(m.preavis_mois)),
            ],
        ),
        fr_with("portal-confirm-commitment-accounts", &[]),
        fr_with("portal-confirm-commitment-payment", &[]),
        fr_with("portal-confirm-commitment-mandate", &[]),
        fr_with("portal-confirm-commitment-governance", &[]),
        fr_with("portal-confirm-commitment-deliberation", &[]),
    ]
}

/// `POST /m/{token}/deposer`: with the box ticked, the deposit, then the page (303); without,
/// the confirmation page again, saying so.
pub async fn deposit(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path((token, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if action != "deposer" {
        return Failure::not_found().into_response();
    }
    // The form's fields, read by hand: a post with no body at all is a deposit not confirmed.
    let confirmed = form_urlencoded::parse(&body).any(|(k, v)| k == "confirme" && v == "oui");
    let t = token.clone();
    with_member(app, token, Work::Light, move |app, current| {
        if !confirmed {
            let error = text_in(Lang::Fr, "portal-confirm-checkbox-required", &[]);
            return confirmation(app, &current, &t, Some(error));
        }
        match app.deposit(&current, &client.0)? {
            Ok(()) => Ok(http::see_other(&format!("{}?depose", base(&t)))),
            Err((refusal, checked)) => Err(refused(&refusal, &base(&t), checked.as_ref())),
        }
    })
    .await
    .into_response()
}
