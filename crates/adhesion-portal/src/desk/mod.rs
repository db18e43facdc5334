//! The coordinator's desk (`/admin`): signing in ([`session`]), the campaign's progress and
//! needs ([`progress`]) and every member's status with filters and sorting ([`list`]); the
//! members late, for phoning ([`late`]); a member's data, PDFs, audit log and
//! actions ([`member`]); the audit log ([`journal`]) and the downloads ([`downloads`]).
//!
//! Every page needs a live session except the sign-in; every form that changes something
//! carries the session's CSRF token ([`session::SignedForm`]). The lists come from the member
//! files and the database, never from a build: a member file that does not load shows its
//! diagnostic on its row.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use adhesion_core::i18n::{Lang, text_in};
use axum::Router;
use axum::routing::{get, post};
use tera::Context;

use crate::service::App;

pub mod downloads;
pub mod journal;
pub mod late;
pub mod list;
pub mod mail;
pub mod member;
pub mod pieces;
pub mod progress;
pub mod session;

/// The desk's routes.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/admin", get(list::page))
        .route(
            "/admin/login",
            get(session::login_page).post(session::login),
        )
        .route("/admin/logout", post(session::logout))
        .route("/admin/journal", get(journal::page))
        .route("/admin/journal.csv", get(downloads::journal))
        .route("/admin/invitations.csv", post(downloads::invitations))
        .route("/admin/inviter", post(member::invite))
        .route("/admin/retards", get(late::page))
        .route("/admin/retards.csv", get(late::csv))
        .route("/admin/retards.xlsx", get(late::xlsx))
        .route("/admin/courriels", get(mail::page))
        .route("/admin/courriels/apercu", post(mail::preview))
        .route("/admin/courriels/envoyer", post(mail::send))
        .route("/admin/membres/{id}", get(member::page))
        .route(
            "/admin/membres/{id}/{action}",
            get(member::get).post(member::action),
        )
        .route("/admin/membres/{id}/pieces/{piece}", get(pieces::file))
        .route(
            "/admin/membres/{id}/pieces/{piece}/{decision}",
            post(pieces::decide),
        )
        .route("/admin/{file}", get(downloads::download))
}

fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

/// The desk's fixed texts, under the names the templates use (`desk-sign-in` → `sign_in`):
/// every message of `locales/fr/desk.ftl` without a variable.
fn texts() -> &'static BTreeMap<String, String> {
    static TEXTS: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
        let source = adhesion_core::i18n::AREAS
            .iter()
            .find(|(area, _, _)| *area == "desk")
            .map_or("", |(_, fr, _)| *fr);
        source
            .lines()
            .filter_map(|line| {
                let (id, value) = line.split_once(" = ")?;
                let plain = id.starts_with("desk-") && !value.is_empty() && !value.contains('{');
                plain.then(|| (id["desk-".len()..].replace('-', "_"), fr(id)))
            })
            .collect()
    });
    &TEXTS
}

/// A page of the desk: `template` with its texts, the campaign's header and the session's CSRF
/// token.
fn page_of(app: &App, template: &str, title: &str, mut ctx: Context, csrf: Option<&str>) -> String {
    ctx.insert("site", &crate::pages::Site::of(app.pipeline.groupement()));
    ctx.insert("d", texts());
    ctx.insert("csrf", &csrf.unwrap_or_default());
    crate::pages::render(template, title, ctx)
}
