//! The routes of a member's link: its page and form, its PDFs, the preview of its annexe 2, its
//! deposit. Pages and forms work without the script.

use std::sync::Arc;

use adhesion_core::document::Document;
use adhesion_core::i18n::{Lang, text_in};
use adhesion_core::member_file::Draft;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::page::MemberPage;
use super::{base, with_member};
use crate::error::Error;
use crate::form;
use crate::http::{self, Client, Failure, Work};
use crate::pages;
use crate::service::{App, Current};

/// How finely the preview is drawn: 1.5 pixels per point (an A4 page 893 pixels wide).
const PREVIEW_PIXELS_PER_POINT: f64 = 1.5;

/// The member's page, with the saved draft (and the notice of a hand edit, if any).
pub async fn page(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    // With the compiling work: the page lays out the annexe 2 to count its preview's pages,
    // unless a PDF, a preview or an earlier view of this draft remembered that number (as light
    // work, it raised the saves' p99 under load).
    let t = token.clone();
    with_member(app, token, Work::Compile, move |app, current| {
        let notice = current
            .file_changed
            .then(|| text_in(Lang::Fr, "portal-file-changed", &[]));
        let draft = current.draft.clone();
        let version = current.row.version;
        Ok(render(
            app,
            &current,
            &draft,
            version,
            &t,
            notice,
            StatusCode::OK,
        ))
    })
    .await
    .into_response()
}

/// The member page showing `draft` (the saved one, or the entries of a refused save) at
/// `version`.
fn render(
    app: &App,
    current: &Current,
    draft: &Draft,
    version: i64,
    token: &str,
    notice: Option<String>,
    status: StatusCode,
) -> Response {
    let checked = app.check(current, draft, Vec::new(), &[]);
    let base = base(token);
    let page = MemberPage {
        draft,
        status: current.row.status,
        closed: app.closed(),
        deadline: app.pipeline.groupement().marche.date_limite_adhesion.value,
        diagnostics: &checked.diagnostics,
        notice,
        base: &base,
        preview_pages: app.preview_pages(current, &checked),
        version,
    };
    http::html(status, page.render())
}

/// The form posted: saved as a draft, then back to the page (303); a school added with
/// « Ajouter une école ».
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
        let mut fields = form::fields_from_form(&pairs);
        if pairs.iter().any(|(k, v)| k == "action" && v == "ajouter") {
            let last = fields
                .keys()
                .filter_map(|k| k.strip_prefix("ecoles["))
                .filter_map(|k| k.split(']').next()?.parse::<usize>().ok())
                .max();
            // After the largest index, if there is one: none after `usize::MAX`.
            let next = last.map_or(Some(0), |m| m.checked_add(1));
            if let Some(next) = next {
                fields.insert(format!("ecoles[{next}].nom"), String::new());
            }
        }
        // The version the page was made from; a form without one saves unconditionally.
        let expected = pairs
            .iter()
            .find(|(k, _)| k == "version")
            .and_then(|(_, v)| v.trim().parse::<i64>().ok());
        match app.save(&current, &fields, Vec::new(), expected, &client.0) {
            Ok(_) => Ok(http::see_other(&base(&t))),
            // Another tab saved first: its draft stays; this page comes back with the entries
            // just posted, at the new version, so that saving again replaces it knowingly.
            Err(Error::Conflict(version)) => {
                let (draft, _) = form::draft_from_fields(&fields, &current.draft, &current.path);
                let notice = Some(text_in(Lang::Fr, "portal-conflict", &[]));
                Ok(render(
                    app,
                    &current,
                    &draft,
                    version,
                    &t,
                    notice,
                    StatusCode::CONFLICT,
                ))
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

/// A PDF of the member's current draft, or a 422 page listing its errors. The first PDF of a
/// member invited makes it « ouvert » (following the link, as a mail scanner does, does not).
pub async fn pdf(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path((token, action)): Path<(String, String)>,
) -> Response {
    let Some(doc) = Document::of_pdf_name(&action) else {
        return Failure::not_found().into_response();
    };
    let t = token.clone();
    with_member(app, token, Work::Compile, move |app, current| {
        let response = pdf_of(app, &current, doc, &base(&t))?;
        app.opened(&current, &client.0)?;
        Ok(response)
    })
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

/// « Déposer »: the member file written, the page back (303); refused with the reason and the
/// draft's errors.
pub async fn deposit(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path((token, action)): Path<(String, String)>,
) -> Response {
    if action != "deposer" {
        return Failure::not_found().into_response();
    }
    let t = token.clone();
    with_member(app, token, Work::Light, move |app, current| {
        match app.deposit(&current, &client.0)? {
            Ok(()) => Ok(http::see_other(&base(&t))),
            Err((refusal, checked)) => {
                let problems =
                    checked.map_or_else(Vec::new, |c| pages::problems_of(&c.diagnostics));
                Err(Failure::refused(&refusal, &base(&t), problems))
            }
        }
    })
    .await
    .into_response()
}
