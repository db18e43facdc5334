//! One member on the desk (`/admin/membres/<id>`): its status, values, problems, documents and
//! audit log; reopening and a new link; and the invitation of a commune by its INSEE code.

use std::collections::BTreeMap;
use std::sync::Arc;

use adhesion_core::document::Document;
use adhesion_core::i18n::{Arg, Lang, text_in};
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tera::Context;

use super::journal::{self, entries};
use super::page_of;
use super::session::{Signed, SignedForm};
use crate::form::{self, long_label_of};
use crate::http::{self, Client, Failure, Work};
use crate::member::routes::pdf_of;
use crate::service::links::{self, CommuneRefused};
use crate::service::{App, member_path};

/// `GET /admin/membres/<id>`.
pub async fn page(
    State(app): State<Arc<App>>,
    Signed(session): Signed,
    Path(id): Path<String>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        view(app, &id, &session.csrf, StatusCode::OK, None)
    })
    .await
    .into_response()
}

/// The member's page, with a new `link` to show once.
fn view(
    app: &App,
    id: &str,
    csrf: &str,
    status: StatusCode,
    link: Option<String>,
) -> Result<Response, Failure> {
    let Some(row) = app.member_lines().into_iter().find(|r| r.id == id) else {
        return Err(Failure::not_found());
    };
    let current = app.current_for_desk(id);
    let values = current
        .as_ref()
        .map(|c| form::flatten(&c.draft))
        .unwrap_or_default();
    let fields: Vec<BTreeMap<&str, String>> = values
        .iter()
        .filter(|(k, _)| !k.starts_with("ecoles["))
        .map(|(k, v)| BTreeMap::from([("label", long_label_of(k)), ("value", v.clone())]))
        .collect();
    let schools: Vec<BTreeMap<&str, String>> = current
        .iter()
        .flat_map(|c| &c.draft.ecoles)
        .map(|e| {
            BTreeMap::from([
                ("name", e.nom.clone()),
                ("uai", e.uai.clone().unwrap_or_default()),
                ("pupils", e.eleves.to_string()),
            ])
        })
        .collect();
    // Its latest lines; the others on the journal's pages.
    let log = app
        .db
        .lock()
        .sql()
        .audit_page(Some(id), None, journal::PAGE)
        .unwrap_or_default();
    let whole_log = (log.len() == journal::PAGE).then(|| {
        let mut url = form_urlencoded::Serializer::new(String::new());
        url.append_pair("membre", id);
        format!("/admin/journal?{}", url.finish())
    });
    let mut ctx = Context::new();
    ctx.insert("deposited", &row.status.deposited());
    ctx.insert("row", &row);
    ctx.insert("fields", &fields);
    ctx.insert("schools", &schools);
    ctx.insert("entries", &entries(log));
    ctx.insert("pieces", &super::pieces::lines(app, id));
    ctx.insert("whole_log", &whole_log);
    ctx.insert("link", &link);
    Ok(http::html(
        status,
        page_of(app, "desk_member.html", &row.name, ctx, Some(csrf)),
    ))
}

/// `GET /admin/membres/<id>/<file>`: a document (`<document>.pdf`), the attestation of the
/// deposit (`attestation.pdf`), or the signed pieces as one ZIP (`pieces.zip`).
pub async fn get(
    State(app): State<Arc<App>>,
    Signed(_): Signed,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    http::blocking(&app, Work::Compile, move |app| {
        let Some(current) = app.current_for_desk(&id) else {
            return Err(Failure::not_found());
        };
        match file.as_str() {
            "attestation.pdf" => match app.attestation(&current)? {
                Some(pdf) => Ok(http::pdf("attestation-depot.pdf", pdf)),
                None => Err(Failure::not_found()),
            },
            "pieces.zip" => {
                let zip = app.pieces_zip(&id)?;
                let name = format!("pieces-{id}.zip");
                Ok(http::attachment("application/zip", &name, zip))
            }
            name => match Document::of_pdf_name(name) {
                Some(doc) => pdf_of(app, &current, doc, &format!("/admin/membres/{id}")),
                None => Err(Failure::not_found()),
            },
        }
    })
    .await
    .into_response()
}

/// `POST /admin/membres/<id>/rouvrir`, `.../renouveler` and `.../courrier` (a paper original).
pub async fn action(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    form: SignedForm,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        if member_path(&app.root, &id).is_none() {
            return Err(Failure::not_found());
        }
        match action.as_str() {
            "rouvrir" => {
                let deposited = app
                    .db
                    .lock()
                    .sql()
                    .member_by_id(&id)?
                    .is_some_and(|r| r.status.deposited());
                if !deposited {
                    return Err(Failure::message(StatusCode::CONFLICT, "desk-not-deposited"));
                }
                links::reopen(&app.db, &id, &client.0)?;
                app.notify(
                    "reouverture",
                    &id,
                    &crate::time::unix_now().to_string(),
                    None,
                    None,
                );
                Ok(http::see_other(&format!("/admin/membres/{id}")))
            }
            "courrier" => super::pieces::record_paper(app, &id, &form, &client.0),
            "renouveler" => {
                let token = links::renew(&app.db, &app.root, &id, &client.0)?;
                let link = format!("{}/m/{token}", http::base_url(app, &headers));
                view(app, &id, &form.session.csrf, StatusCode::OK, Some(link))
            }
            _ => Err(Failure::not_found()),
        }
    })
    .await
    .into_response()
}

/// `POST /admin/inviter`: the member file of a commune, by its INSEE code, and its link.
pub async fn invite(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    form: SignedForm,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let code = form.field("insee").trim().to_owned();
        match app.invite_commune(&code, &client.0) {
            Ok((id, token)) => {
                let link = token.map(|t| format!("{}/m/{t}", http::base_url(app, &headers)));
                view(app, &id, &form.session.csrf, StatusCode::CREATED, link)
            }
            Err(CommuneRefused::UnknownInsee) => {
                let text = text_in(Lang::Fr, "desk-insee-unknown", &[("insee", Arg::Str(code))]);
                Err(Failure::text(StatusCode::UNPROCESSABLE_ENTITY, text))
            }
            Err(CommuneRefused::NotMade(text)) => {
                Err(Failure::text(StatusCode::UNPROCESSABLE_ENTITY, text))
            }
            Err(CommuneRefused::Portal(e)) => Err(Failure::internal(e)),
        }
    })
    .await
    .into_response()
}
