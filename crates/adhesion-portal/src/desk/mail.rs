//! The desk's mail (`/admin/courriels`): the outbox at a glance and its failures with the
//! server's reply; « Inviter » the members not yet invited and « Relancer » the late ones by
//! status, each through a preview of one message and the count before anything is sent.

use std::sync::Arc;

use adhesion_core::i18n::{Arg, Lang, text_in};
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::session::{Signed, SignedForm};
use super::{fr, page_of};
use crate::http::{self, Client, Failure, Work};
use crate::mail::messages::Facts;
use crate::service::App;
use crate::service::mail::late;
use crate::status::Status;
use crate::time::when;

/// The statuses a reminder can go to, by their key in the form.
const LATE: [Status; 4] = [
    Status::Invited,
    Status::Opened,
    Status::Draft,
    Status::Reopened,
];

/// `?envoye=N&sans=M`: what the last batch queued, and how many members had no address.
#[derive(Debug, Default, Deserialize)]
pub struct Sent {
    envoye: Option<usize>,
    deja: Option<usize>,
    sans: Option<String>,
}

/// A failed message as the page lists it.
#[derive(Serialize)]
struct Failed {
    when: String,
    recipient: String,
    subject: String,
    reply: String,
}

/// `GET /admin/courriels`.
pub async fn page(
    State(app): State<Arc<App>>,
    Signed(session): Signed,
    Query(sent): Query<Sent>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let sql = app.db.lock();
        let counts = sql.sql().outbox_counts()?;
        let failed: Vec<Failed> = sql
            .sql()
            .outbox(Some("failed"), 100)?
            .into_iter()
            .map(|m| Failed {
                when: when(m.created_at),
                recipient: m.recipient,
                subject: m.subject,
                reply: m.reply,
            })
            .collect();
        drop(sql);
        let (not_invited, late_counts) = audience(app);
        let mut ctx = Context::new();
        ctx.insert("configured", &app.mail.is_some());
        ctx.insert("address", &app.public_address());
        ctx.insert("counts", &counts);
        ctx.insert("failed", &failed);
        ctx.insert("not_invited", &not_invited);
        ctx.insert("late", &late_counts);
        let count = |id: &str, n: usize| text_in(Lang::Fr, id, &[("count", Arg::Num(n as i64))]);
        ctx.insert("sent", &sent.envoye.map(|n| count("desk-mail-queued", n)));
        let already = sent.deja.filter(|n| *n > 0);
        ctx.insert("already", &already.map(|n| count("desk-mail-already", n)));
        ctx.insert("without", &sent.sans);
        let page = page_of(
            app,
            "desk_mail.html",
            &fr("desk-mail"),
            ctx,
            Some(&session.csrf),
        );
        Ok::<_, Failure>(http::html(StatusCode::OK, page))
    })
    .await
    .into_response()
}

/// One late status with its count, for the reminder's checkboxes.
#[derive(Serialize)]
struct LateCount {
    key: &'static str,
    word: String,
    count: usize,
}

/// The members not invited yet, and the late ones by status.
fn audience(app: &App) -> (usize, Vec<LateCount>) {
    let lines = app.member_lines();
    let not_invited = lines
        .iter()
        .filter(|l| l.status == Status::NotInvited)
        .count();
    let late = LATE
        .iter()
        .map(|s| LateCount {
            key: s.url_key(),
            word: s.word(),
            count: lines.iter().filter(|l| l.status == *s).count(),
        })
        .collect();
    (not_invited, late)
}

/// The members a batch goes to: `invitation` the members not invited yet; `relance` the late
/// ones of the statuses ticked.
fn recipients(app: &App, form: &SignedForm) -> Vec<String> {
    let kind = form.field("sorte");
    let ticked: Vec<&str> = form
        .form
        .iter()
        .filter(|(k, _)| k == "statut")
        .map(|(_, v)| v.as_str())
        .collect();
    app.member_lines()
        .into_iter()
        .filter(|l| match kind {
            "invitation" => l.status == Status::NotInvited,
            _ => {
                late(l.status)
                    && l.status != Status::NotInvited
                    && ticked.contains(&l.status.url_key())
            }
        })
        .map(|l| l.id)
        .collect()
}

/// `POST /admin/courriels/apercu`: the count and one message as it will be sent, with the
/// button that sends them.
pub async fn preview(State(app): State<Arc<App>>, form: SignedForm) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let kind = match form.field("sorte") {
            "relance" => "relance",
            _ => "invitation",
        };
        let ids = recipients(app, &form);
        let sample = ids.first().and_then(|id| app.current_for_desk(id));
        let made = match (&sample, app.public_address()) {
            (Some(current), Some(base)) => {
                let facts = Facts {
                    link: Some(format!("{base}/m/{}", fr("desk-mail-link-placeholder"))),
                    ..Facts::default()
                };
                Some(
                    app.make_mail(kind, current, facts)
                        .map_err(Failure::internal)?,
                )
            }
            _ => None,
        };
        let mut ctx = Context::new();
        ctx.insert("kind", kind);
        ctx.insert("ids", &ids);
        ctx.insert(
            "count_text",
            &text_in(
                Lang::Fr,
                "desk-mail-count",
                &[("count", Arg::Num(ids.len() as i64))],
            ),
        );
        ctx.insert("made", &made);
        ctx.insert("recipient", &sample.map(|c| c.draft.contact.courriel));
        let title = fr(if kind == "relance" {
            "desk-mail-remind-title"
        } else {
            "desk-mail-invite-title"
        });
        let page = page_of(
            app,
            "desk_mail_preview.html",
            &title,
            ctx,
            Some(&form.session.csrf),
        );
        Ok::<_, Failure>(http::html(StatusCode::OK, page))
    })
    .await
    .into_response()
}

/// `POST /admin/courriels/envoyer`: queues the messages of the members listed (`membre`), then
/// back to the page, saying how many.
pub async fn send(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    form: SignedForm,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        if app.mail.is_none() {
            return Err(Failure::text(StatusCode::CONFLICT, fr("desk-mail-off")));
        }
        let ids: Vec<String> = form
            .form
            .iter()
            .filter(|(k, _)| k == "membre")
            .map(|(_, v)| v.clone())
            .collect();
        let batch = match form.field("sorte") {
            "relance" => app.mail_reminders(&ids, &client.0)?,
            _ => app.mail_invitations(&ids, &client.0)?,
        };
        let mut url = form_urlencoded::Serializer::new(String::new());
        url.append_pair("envoye", &batch.queued.to_string());
        url.append_pair("deja", &batch.already.to_string());
        if !batch.no_address.is_empty() {
            url.append_pair("sans", &batch.no_address.join(", "));
        }
        Ok::<_, Failure>(
            Redirect::to(&format!("/admin/courriels?{}", url.finish())).into_response(),
        )
    })
    .await
    .into_response()
}
