//! The routes of a member's link: its page and form, the confirmation of its deposit and the
//! deposit, its attestation, its PDFs and the preview of its annexe 2, its signed pieces. Pages
//! and forms work without the script.

use std::sync::Arc;

use adhesion_core::document::Document;
use adhesion_core::i18n::{Lang, text_in};
use adhesion_core::member_file::Draft;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::page::{MemberPage, Notice};
use super::{base, with_member};
use crate::error::Error;
use crate::form;
use crate::http::{self, Client, Failure, Work};
use crate::pages;
use crate::service::{App, Current};
use crate::status::Status;

/// How finely the preview is drawn: 1.5 pixels per point (an A4 page 893 pixels wide).
const PREVIEW_PIXELS_PER_POINT: f64 = 1.5;

fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

/// What the page was sent back after (French: the URL is the interface): `?enregistre` a save
/// without the script, `?depose` the deposit, `?piece` a piece received.
#[derive(Debug, Default, Deserialize)]
pub struct After {
    enregistre: Option<String>,
    depose: Option<String>,
    piece: Option<String>,
}

/// The member's page.
pub async fn page(
    State(app): State<Arc<App>>,
    Path(token): Path<String>,
    Query(after): Query<After>,
) -> Response {
    // With the compiling work: the page lays out the annexe 2 to count its preview's pages,
    // unless a PDF, a preview or an earlier view of this draft remembered that number (as light
    // work, it raised the saves' p99 under load).
    let t = token.clone();
    with_member(app, token, Work::Compile, move |app, current| {
        let draft = current.draft.clone();
        let version = current.row.version;
        let view = View {
            draft: &draft,
            version,
            after: &after,
            conflict: false,
        };
        Ok(render(app, &current, &t, view, StatusCode::OK))
    })
    .await
    .into_response()
}

/// What a page shows besides its member: the draft (the saved one, or the entries of a refused
/// save), its version, and what the page comes back after.
struct View<'a> {
    draft: &'a Draft,
    version: i64,
    after: &'a After,
    conflict: bool,
}

/// The notice at the top of the page: a conflict, a hand edit, a save, a deposit, a piece.
fn notice(current: &Current, view: &View, has_errors: bool) -> Option<Notice> {
    let info = |id: &str| Notice {
        text: fr(id),
        kind: "info",
    };
    let success = |id: &str| Notice {
        text: fr(id),
        kind: "succes",
    };
    if view.conflict {
        Some(info("portal-conflict"))
    } else if current.file_changed {
        Some(info("portal-file-changed"))
    } else if view.after.depose.is_some() {
        None
    } else if view.after.piece.is_some() {
        Some(success("portal-piece-received-notice"))
    } else if view.after.enregistre.is_some() {
        Some(if has_errors {
            info("portal-saved-with-errors")
        } else {
            success("portal-saved-notice")
        })
    } else {
        None
    }
}

/// The member page.
fn render(app: &App, current: &Current, token: &str, view: View, status: StatusCode) -> Response {
    let checked = app.check(current, view.draft, Vec::new(), &[]);
    let base = base(token);
    let pieces = app.pieces(&current.row.id);
    let page = MemberPage {
        draft: view.draft,
        status: current.row.status,
        closed: app.closed(),
        diagnostics: &checked.diagnostics,
        notice: notice(current, &view, checked.has_errors()),
        base: &base,
        preview_pages: app.preview_pages(current, &checked),
        version: view.version,
        campaign: app.pipeline.groupement(),
        today: app.today(),
        // Opening the link changes the row, not the file: only a save is "Enregistré à".
        saved_at: match current.row.status {
            Status::Draft | Status::Reopened => current.row.updated,
            _ => 0,
        },
        deposited_at: current.row.deposited_at,
        pieces: &pieces,
        after_post: view.after.enregistre.is_some() || view.conflict,
    };
    http::html(status, page.render())
}

/// The form posted: saved as a draft, then back to the page (303); a school added with
/// « Ajouter une école »; « Déposer » saves, then asks for confirmation.
pub async fn save(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path(token): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    let t = token.clone();
    with_member(app, token, Work::Light, move |app, current| {
        if let Some(refusal) = app.locked(&current) {
            return Err(Failure::refused(&refusal, &base(&t), Vec::new()));
        }
        let action = pairs
            .iter()
            .find(|(k, _)| k == "action")
            .map_or("", |(_, v)| v.as_str());
        let mut fields = form::fields_from_form(&pairs);
        if action == "ajouter" {
            form::add_school(&mut fields);
        }
        // The version the page was made from; a form without one saves unconditionally.
        let expected = pairs
            .iter()
            .find(|(k, _)| k == "version")
            .and_then(|(_, v)| v.trim().parse::<i64>().ok());
        match app.save(&current, &fields, Vec::new(), expected, &client.0) {
            Ok(_) if action == "deposer" => Ok(http::see_other(&format!("{}/depot", base(&t)))),
            Ok(_) => Ok(http::see_other(&format!("{}?enregistre", base(&t)))),
            // Another tab saved first: its draft stays; this page comes back with the entries
            // just posted, at the new version, so that saving again replaces it knowingly.
            Err(Error::Conflict(version)) => {
                let (draft, _) = form::draft_from_fields(&fields, &current.draft, &current.path);
                let view = View {
                    draft: &draft,
                    version,
                    after: &After::default(),
                    conflict: true,
                };
                Ok(render(app, &current, &t, view, StatusCode::CONFLICT))
            }
            Err(Error::OverLimit(problems)) => Err(Failure::problems(
                StatusCode::UNPROCESSABLE_ENTITY,
                "server-over-limit",
                &base(&t),
                pages::problems_of(&problems),
            )),
            Err(e) => Err(e.into()),
        }
    })
    .await
    .into_response()
}

/// `GET /m/{token}/<file>`: a PDF of the member's current draft (or a 422 page listing its
/// errors), its attestation of deposit, or the confirmation page of its deposit (`depot`). The
/// first PDF of a member invited makes it « ouvert » (following the link, as a mail scanner
/// does, does not).
pub async fn get(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path((token, action)): Path<(String, String)>,
) -> Response {
    let t = token.clone();
    let work = move |app: &App, current: Current| match action.as_str() {
        "depot" => super::deposit::confirmation(app, &current, &t, None),
        "attestation.pdf" => match app.attestation(&current)? {
            Some(pdf) => Ok(http::pdf("attestation-depot.pdf", pdf)),
            None => Err(Failure::not_found()),
        },
        name => match Document::of_pdf_name(name) {
            Some(doc) => {
                let response = pdf_of(app, &current, doc, &base(&t))?;
                app.opened(&current, &client.0)?;
                Ok(response)
            }
            None => Err(Failure::not_found()),
        },
    };
    with_member(app, token, Work::Compile, work)
        .await
        .into_response()
}

/// The PDF `doc` of the member's current draft, or a 422 page listing its errors (with a link
/// back to `back`). The desk's downloads are the same.
pub fn pdf_of(
    app: &App,
    current: &Current,
    doc: Document,
    back: &str,
) -> Result<Response, Failure> {
    match app.pdf(current, doc) {
        Ok(bytes) => Ok(http::pdf(doc.pdf_name(), bytes)),
        Err(checked) => Err(Failure::problems(
            StatusCode::UNPROCESSABLE_ENTITY,
            "portal-pdf-errors",
            back,
            pages::problems_of(&checked.diagnostics),
        )),
    }
}

/// `GET /m/{token}/apercu/{n}.png`: page `n` of the annexe 2 of the current draft, drawn in
/// process (typst-render); 404 past its last page or when the draft has errors.
pub async fn preview(
    State(app): State<Arc<App>>,
    Path((token, page)): Path<(String, String)>,
) -> Response {
    let Some(n) = page
        .strip_suffix(".png")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| *n >= 1)
    else {
        return Failure::not_found().into_response();
    };
    with_member(app, token, Work::Compile, move |app, current| {
        match app.preview(&current, n, PREVIEW_PIXELS_PER_POINT) {
            Some(png) => {
                Ok(([(axum::http::header::CONTENT_TYPE, "image/png")], png).into_response())
            }
            None => Err(Failure::not_found()),
        }
    })
    .await
    .into_response()
}
