//! The coordinator's campaign in headless Chromium: signs in, reads the progress at the top of
//! the desk, previews and sends the invitations (to a real SMTP server on 127.0.0.1), sees the
//! bar and the list of members late move when a commune deposits, filters that list and
//! downloads it. axe-core checks every page, the Nu Html Checker their HTML; screenshots go to
//! `target/screenshots/portal-desk-*.png`. Needs `chromium`, `chromedriver` and python3-aiosmtpd
//! (`scripts/test desk_browser::`).

use crate::common::browser::{self, Browser};
use crate::common::smtp::SmtpServer;
use crate::mail::campaign_mailing_to;
use crate::portal_browser::{ENTER, PASSWORD, Pages, Server, look, press, wait_for};

use std::time::{Duration, Instant};

use adhesion_portal as portal;
use fantoccini::Client;
use serde_json::{Value, json};

/// The text of the element `id` on the page, its narrow spaces as spaces.
async fn text_of(c: &Client, id: &str) -> String {
    let value = c
        .execute(
            "const e = document.getElementById(arguments[0]); return e && e.textContent;",
            vec![json!(id)],
        )
        .await
        .unwrap();
    value
        .as_str()
        .unwrap_or_else(|| panic!("no #{id} on the page"))
        .replace('\u{202f}', " ")
}

/// Reloads the page until the element `id` says `expected` (the outbox is sent in the
/// background), or panics after a minute.
async fn reload_until(c: &Client, id: &str, expected: &str) {
    let start = Instant::now();
    loop {
        if text_of(c, id).await == expected {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "#{id} still says « {} », not « {expected} »",
            text_of(c, id).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
        c.refresh().await.unwrap();
    }
}

/// `path` fetched by the page itself (its session's cookie), as `{status, type, text}`.
async fn fetched(c: &Client, path: &str) -> Value {
    c.execute_async(
        "const done = arguments[arguments.length - 1]; \
         fetch(arguments[0]).then(r => r.text().then(t => done({ \
           status: r.status, type: r.headers.get('content-type'), \
           disposition: r.headers.get('content-disposition'), text: t })));",
        vec![json!(path)],
    )
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_coordinator_invites_follows_and_phones_in_chromium() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let dir = campaign_mailing_to(&smtp, 1000);
    let root = dir.path();
    portal::service::auth::set_password(&portal::db::Db::open(root).unwrap(), PASSWORD).unwrap();
    let app = crate::mail::app(root);
    let sender = tokio::spawn(portal::service::outbox::run(app.clone()));
    let server = Server::start(app.clone()).await;
    let addr = server.addr;
    let Some(browser) = Browser::start().await else {
        return;
    };
    let c = browser.client();
    let mut pages = Pages::new();

    // Signed in, the top of the desk: nothing deposited, every member late, the days left.
    c.goto(&format!("http://{addr}/admin/login")).await.unwrap();
    press(c, "#mot-de-passe", PASSWORD).await;
    press(c, "#mot-de-passe", ENTER).await;
    wait_for(
        c,
        "the desk after signing in",
        "return location.pathname === '/admin' && document.getElementById('deposes') !== null;",
        vec![],
    )
    .await;
    assert_eq!(text_of(c, "deposes").await, "0 sur 6 (0 %)");
    assert_eq!(text_of(c, "retards").await, "6");
    assert!(text_of(c, "echeance").await.ends_with("dans 5 jours"));

    // The invitations: previewed, then sent; the outbox empties into the SMTP server.
    c.goto(&format!("http://{addr}/admin/courriels"))
        .await
        .unwrap();
    look(c, &mut pages, "desk-mail", "the desk's mail").await;
    press(
        c,
        "form:has(input[name=sorte][value=invitation]) button",
        ENTER,
    )
    .await;
    wait_for(
        c,
        "the invitation's preview",
        "return location.pathname === '/admin/courriels/apercu' && document.getElementById('texte');",
        vec![],
    )
    .await;
    let preview = text_of(c, "texte").await;
    assert!(preview.contains("lien-personnel"), "{preview}");
    assert!(text_of(c, "compte").await.contains('6'));
    // The answer to a POST cannot be fetched again: the validator reads its DOM (no script
    // changes the desk's pages: portail.js acts on the member's form only).
    browser::screenshot(c, "portal-desk-mail-preview.png").await;
    browser::assert_accessible(c, "the invitation's preview").await;
    let dom = c
        .execute(
            "return '<!DOCTYPE html>\\n' + document.documentElement.outerHTML;",
            vec![],
        )
        .await
        .unwrap();
    pages.push(("desk-mail-preview".into(), dom.as_str().unwrap().to_owned()));
    press(c, "form[action='/admin/courriels/envoyer'] button", ENTER).await;
    wait_for(
        c,
        "the mail page after sending",
        "return location.pathname === '/admin/courriels' && location.search.includes('envoye=6');",
        vec![],
    )
    .await;
    reload_until(c, "envoyes", "6").await;
    assert_eq!(smtp.received().len(), 6, "one invitation per member");

    // A commune deposits, from the link its mail gave it.
    let laval = adhesion_core::load::load_member(&root.join("members/53/laval.yaml"))
        .member
        .unwrap();
    let to = &laval.contact.courriel.value;
    let mail = smtp
        .received()
        .into_iter()
        .find(|m| crate::mail::header(m, "To").is_some_and(|h| h.contains(to.as_str())))
        .expect("Laval's invitation");
    let token = crate::mail::link_in(&mail)
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let current = app.current(&token).unwrap().expect("the mailed link works");
    assert!(
        app.deposit(&current, "").unwrap().is_ok(),
        "Laval deposited"
    );

    // The bar and the late list moved.
    c.goto(&format!("http://{addr}/admin")).await.unwrap();
    assert_eq!(text_of(c, "deposes").await, "1 sur 6 (16 %)");
    let bar = c
        .execute(
            "const p = document.querySelector('progress[aria-labelledby=\"jauge-deposes\"]'); \
             return [p.value, p.max];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(bar, json!([1, 6]));
    assert_eq!(text_of(c, "retards").await, "5");
    // The six invitations and Laval's acknowledgement of its deposit.
    reload_until(
        c,
        "lien-courriels",
        "Courriels\u{a0}: 7 envoyés, aucun en échec, 0 en attente",
    )
    .await;
    look(c, &mut pages, "desk-progress", "the desk's progress").await;

    // The members late, followed by keyboard, filtered by department, downloaded.
    press(c, "#lien-retards", ENTER).await;
    wait_for(
        c,
        "the members late",
        "return location.pathname === '/admin/retards' && document.getElementById('retards');",
        vec![],
    )
    .await;
    let ids = c
        .execute(
            "return [...document.querySelectorAll('#retards tr[data-id]')].map(r => r.dataset.id);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(ids.as_array().unwrap().len(), 5, "{ids}");
    assert!(!ids.as_array().unwrap().contains(&json!("laval")));
    look(c, &mut pages, "desk-late", "the members late").await;
    c.execute(
        "document.getElementById('filtre-departement').value = '53';",
        vec![],
    )
    .await
    .unwrap();
    press(c, "form.filtre button", ENTER).await;
    wait_for(
        c,
        "the members late in 53",
        "return location.search.includes('departement=53') \
           && document.querySelectorAll('#retards tr[data-id]').length === 2;",
        vec![],
    )
    .await;
    let href = c
        .execute(
            "return document.getElementById('retards-csv').getAttribute('href');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(href, "/admin/retards.csv?departement=53");
    let csv = fetched(c, href.as_str().unwrap()).await;
    assert_eq!(csv["status"], 200);
    assert_eq!(csv["disposition"], "attachment; filename=\"retards.csv\"");
    let text = csv["text"].as_str().unwrap();
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert!(lines[0].starts_with("Identifiant;Membre;Département;État;Contact;Téléphone"));
    assert_eq!(
        lines.len(),
        3,
        "the header and the two members late in 53: {text}"
    );
    let xlsx = fetched(c, "/admin/retards.xlsx?departement=53").await;
    assert_eq!(xlsx["status"], 200);

    browser.stop().await;
    server.stop().await;
    sender.abort();
    browser::assert_valid_html(&pages);
}
