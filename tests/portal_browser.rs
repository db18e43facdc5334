//! The portal end to end in headless Chromium, as the town hall's secretary goes, keyboard only:
//! opens the link, reads the steps and the contact, fixes a wrong UAI from the portal's wording
//! and its hint, presses Enter in a field (nothing added, the draft saved), deposits through the
//! confirmation, reads the attestation back, uploads the three signed pieces; the coordinator
//! refuses one on the desk, the commune sends it again, the coordinator accepts it and the desk
//! shows the member « complet ». Then the coordinator reopens another deposit.
//! axe-core checks every page of the journey and the Nu Html Checker their HTML; screenshots go
//! to `target/screenshots/portal-*.png`. The server is the library's router on 127.0.0.1:0, in
//! the test. Needs `chromium` and `chromedriver` (`scripts/test portal_browser::`).
//!
//! Deterministic: every step waits for a condition on the page (polled, with a timeout), never
//! for a fixed time.

use crate::common;
use crate::common::browser;

use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use adhesion_core::date::Date;
use adhesion_portal::{self as portal, App};
use browser::{Browser, assert_accessible, screenshot};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

/// How long a condition on the page may take to hold.
const PATIENCE: Duration = Duration::from_secs(20);

/// A copy of the sample campaign.
fn campaign() -> tempfile::TempDir {
    common::sample_campaign()
}

/// Before the sample's joining deadline.
pub(crate) const BEFORE: Date = Date {
    year: 2022,
    month: 1,
    day: 10,
};

const MEMBER: &str = "members/44/chateaubriant.yaml";
/// The coordinator's password for the desk (`/admin`).
pub(crate) const PASSWORD: &str = "le mot de passe du rectorat";
const GOOD_UAI: &str = "0440123V";
/// Seven digits and a wrong check letter.
const BAD_UAI: &str = "0440123A";

/// Runs `script` (its body returns a value) until it returns something other than `null` or
/// `false`, and gives that; panics, naming `what`, after [`PATIENCE`].
pub(crate) async fn wait_for(client: &Client, what: &str, script: &str, args: Vec<Value>) -> Value {
    let start = Instant::now();
    loop {
        let value = client
            .execute(script, args.clone())
            .await
            .unwrap_or_else(|e| panic!("{what}: the script failed: {e}"));
        if !value.is_null() && value != Value::Bool(false) {
            return value;
        }
        if start.elapsed() > PATIENCE {
            let at = client
                .execute(
                    "return location.href + '\\n' + document.body.innerText.slice(0, 1500);",
                    vec![],
                )
                .await
                .unwrap_or_default();
            screenshot(client, "portal-failed.png").await;
            panic!(
                "{what}: not so after {PATIENCE:?}, on {}",
                at.as_str().unwrap_or("?")
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Replaces the value of the input `id` by typing `text`, then leaves it (a Tab: a real blur,
/// which saves the draft).
async fn type_into(client: &Client, id: &str, text: &str) {
    let input = client.find(Locator::Id(id)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
    // Tab moves the focus to the next field: the script's blur listener checks the form.
    input.send_keys("\u{E004}").await.unwrap();
}

/// The text of the error paragraph of the field `id` when shown, its spaces plain, else `null`.
const SHOWN_ERROR: &str = "const p = document.getElementById(arguments[0] + '-message'); \
     return p && !p.hidden && p.classList.contains('erreur') \
       ? p.textContent.replace(/[\\u00a0\\u202f]/g, ' ') : null;";

/// The page's script holds no text: every text comes from the catalogue, through the page's JSON
/// data block or the API's answers.
#[test]
fn the_script_holds_no_text() {
    let script = include_str!("../crates/adhesion-portal/src/portail.js");
    let code: String = script
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(code.is_ascii(), "portail.js holds accented text");
    for word in ["école", "élève", "corriger", "fr-FR"] {
        assert!(!code.contains(word), "portail.js holds `{word}`");
    }
}

/// The body of `GET path` on `addr` (a plain HTTP/1.1 request), insisting on a 200.
fn http_get(addr: std::net::SocketAddr, path: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&response[..split]).to_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{path}: {head}");
    assert!(!head.contains("transfer-encoding: chunked"), "{head}");
    response[split + 4..].to_vec()
}

/// The text of a PDF, by `pdftotext` (poppler-utils, which `scripts/test` installs).
fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the browser test needs pdftotext (poppler-utils): run it through scripts/test");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The pages of the journey, kept for the Nu Html Checker at the end.
pub(crate) type Pages = Vec<(String, String)>;

/// Looks at the page shown as its user would: a screenshot (`target/screenshots/portal-<name>.png`),
/// axe-core, and its served HTML kept for the validator.
pub(crate) async fn look(c: &Client, pages: &mut Pages, name: &str, what: &str) {
    screenshot(c, format!("portal-{name}.png")).await;
    assert_accessible(c, what).await;
    pages.push((name.to_owned(), browser::served_html(c).await));
}

/// Presses `key` on the element found by `css`: the keyboard's way to follow a link, press a
/// button (Enter) or tick a box (Space).
pub(crate) async fn press(c: &Client, css: &str, key: &str) {
    let element = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}` on the page: {e}"));
    element.send_keys(key).await.unwrap();
}

pub(crate) const ENTER: &str = "\u{E007}";
const SPACE: &str = " ";

/// The server of one test: the library's router on 127.0.0.1, a port of its own.
pub(crate) struct Server {
    pub(crate) addr: std::net::SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    pub(crate) async fn start(app: Arc<App>) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, portal::router(app))
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
        Server { addr, stop, task }
    }

    pub(crate) async fn stop(self) {
        let _ = self.stop.send(());
        self.task.await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secretary_goes_the_whole_way_by_keyboard_in_chromium() {
    let started = Instant::now();
    let dir = campaign();
    let root = dir.path();
    let db = portal::db::Db::open(root).unwrap();
    let invited = portal::service::links::invite(&db, root, &["chateaubriant".to_owned()]).unwrap();
    portal::service::auth::set_password(&db, PASSWORD).unwrap();
    let token = invited[0].1.clone().expect("a new token");
    let server = Server::start(Arc::new(App::open(root, Some(BEFORE)).unwrap())).await;
    let addr = server.addr;
    let page = format!("http://{addr}/m/{token}");

    let Some(browser) = Browser::start().await else {
        return;
    };
    let c = browser.client();
    let mut pages = Pages::new();
    c.goto(&page).await.unwrap();

    reads_the_page(c, &mut pages).await;
    fixes_the_form(c, &mut pages, &token).await;
    deposits(c, &mut pages, root).await;
    reads_the_attestation(c, addr, root).await;
    let scans = tempfile::tempdir().unwrap();
    sends_the_pieces(c, &mut pages, addr, &token, scans.path()).await;
    coordinator_decides(c, &mut pages, addr).await;
    sends_again_and_is_complete(c, &mut pages, addr, &page, scans.path()).await;
    reads_the_legal_pages(c, &mut pages).await;

    browser.stop().await;
    server.stop().await;
    // One run of the validator for the whole journey's pages.
    browser::assert_valid_html(&pages);
    eprintln!("the portal's browser test took {:?}", started.elapsed());
}

/// The page as it opens: French, pre-filled, its header, its steps, its deadline, its contact,
/// the preview of the annexe 2.
async fn reads_the_page(c: &Client, pages: &mut Pages) {
    let lang = c.find(Locator::Css("html")).await.unwrap();
    assert_eq!(lang.attr("lang").await.unwrap().as_deref(), Some("fr"));
    let title = c.title().await.unwrap();
    assert!(title.contains("Ville de Châteaubriant"), "{title}");
    let guide = c
        .execute(
            "const t = e => e ? e.innerText.replace(/[\\u00a0\\u202f]/g, ' ') : null; \
             const v = id => document.getElementById(id).value; \
             return { header: t(document.querySelector('header')), \
               steps: [...document.querySelectorAll('.etapes li')].map(t), \
               current: t(document.querySelector('.etapes li[aria-current=step] strong')), \
               deadline: t(document.querySelector('.echeance')), \
               contact: t(document.querySelector('.contact')), \
               footer: t(document.querySelector('footer')), \
               totals: t(document.getElementById('totaux')), \
               signataire: v('f-signataire-nom'), uai: v('f-ecoles-0-uai'), \
               eleves: v('f-ecoles-0-eleves'), \
               colon: JSON.parse(document.getElementById('portail-textes').textContent).colon };",
            vec![],
        )
        .await
        .unwrap();
    let text = |k: &str| guide[k].as_str().unwrap_or_default().to_owned();
    assert!(
        text("header").contains("Groupement de commandes"),
        "{guide}"
    );
    assert!(text("header").contains("coordonné par le"), "{guide}");
    let steps = guide["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 4, "the four steps: {guide}");
    assert!(
        steps[1].as_str().unwrap().starts_with("2. Déposer"),
        "{guide}"
    );
    assert_eq!(text("current"), "1. Vérifier et compléter", "{guide}");
    // 10 January 2022, the deadline on the 15th.
    assert_eq!(
        text("deadline"),
        "Date limite : 15 janvier 2022, dans 5 jours",
        "{guide}"
    );
    assert!(
        text("contact").contains("adhesions.dane@ac-nantes.example"),
        "{guide}"
    );
    assert!(text("contact").contains("02 40 37 37 37"), "{guide}");
    assert!(text("footer").contains("Accessibilité"), "{guide}");
    assert!(text("footer").contains("Données personnelles"), "{guide}");
    assert_eq!(text("totals"), "5 écoles, 539 élèves", "{guide}");
    assert_eq!(text("signataire"), "Hunault");
    assert_eq!(text("uai"), GOOD_UAI);
    assert_eq!(text("eleves"), "120");
    assert_eq!(
        guide["colon"], "\u{a0}: ",
        "the script's texts, from the catalogue"
    );
    wait_for(
        c,
        "the preview's first page drawn",
        "const i = document.querySelector('.apercu img'); \
         return i !== null && i.complete && i.naturalWidth > 0 && i.alt.startsWith('Annexe 2, page 1');",
        vec![],
    )
    .await;
    look(c, pages, "1-form", "the member's form").await;
}

/// A wrong UAI, in the portal's words with its hint, next to the field and in the summary; its
/// correction; Enter in a field saves and adds nothing; the totals follow.
async fn fixes_the_form(c: &Client, pages: &mut Pages, token: &str) {
    type_into(c, "f-ecoles-0-uai", BAD_UAI).await;
    let shown = wait_for(
        c,
        "the UAI error next to its field",
        SHOWN_ERROR,
        vec![json!("f-ecoles-0-uai")],
    )
    .await;
    let shown = shown.as_str().unwrap();
    assert!(
        shown.starts_with(
            "La lettre de contrôle de l’UAI 0440123A est fausse : pour 0440123, c’est V."
        ),
        "the portal's wording, with its hint: {shown}"
    );
    assert!(
        !shown.contains('`') && !shown.contains("ecoles["),
        "{shown}"
    );
    let summary = wait_for(
        c,
        "the error summary",
        "const r = document.getElementById('resume'); \
         return r.querySelector('a[href=\"#f-ecoles-0-uai\"]') \
           ? r.innerText.replace(/[\\u00a0\\u202f]/g, ' ') : null;",
        vec![],
    )
    .await;
    let summary = summary.as_str().unwrap();
    assert!(summary.contains(shown), "{summary}");
    let invalid = c.find(Locator::Id("f-ecoles-0-uai")).await.unwrap();
    assert_eq!(
        invalid.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    look(c, pages, "2-uai-error", "the form showing an error").await;

    type_into(c, "f-ecoles-0-uai", GOOD_UAI).await;
    wait_for(
        c,
        "the UAI error gone",
        "const p = document.getElementById('f-ecoles-0-uai-message'); \
         return p.hidden && document.getElementById('resume').textContent === '' \
           && !document.getElementById('f-ecoles-0-uai').hasAttribute('aria-invalid');",
        vec![],
    )
    .await;

    // Enter in a field: the draft is saved, « Enregistré à … », and no school added or removed.
    let input = c.find(Locator::Id("f-ecoles-0-eleves")).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys("125").await.unwrap();
    input.send_keys(ENTER).await.unwrap();
    let api = format!("/api/m/{token}");
    wait_for(
        c,
        "the draft saved with 125 pupils on Enter",
        "const x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send(); \
         return x.status === 200 && JSON.parse(x.responseText).member.ecoles[0].eleves === 125 \
           && document.getElementById('enregistrement').textContent.startsWith('Enregistré à');",
        vec![json!(api)],
    )
    .await;
    let after = c
        .execute(
            "return { schools: document.querySelectorAll('fieldset.ecole').length, \
                      path: location.pathname, totals: document.getElementById('totaux').textContent };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        after["schools"], 5,
        "Enter added or removed a school: {after}"
    );
    assert_eq!(after["path"], format!("/m/{token}"), "{after}");
    assert_eq!(after["totals"], "5 écoles, 544 élèves", "{after}");
}

/// « Déposer le dossier », by the keyboard: the confirmation says what is deposited and what it
/// commits to; the box ticked, the file is deposited, written and locked.
async fn deposits(c: &Client, pages: &mut Pages, root: &std::path::Path) {
    press(c, "button[name=action][value=deposer]", ENTER).await;
    let confirmation = wait_for(
        c,
        "the confirmation page",
        "return location.pathname.endsWith('/depot') && document.getElementById('confirmation') \
           ? document.querySelector('main').innerText.replace(/[\\u00a0\\u202f]/g, ' ') : null;",
        vec![],
    )
    .await;
    let confirmation = confirmation.as_str().unwrap();
    for expected in [
        "Déposer le dossier de Ville de Châteaubriant",
        "Signataire de la convention : ",
        "544",
        "s’engage à",
        "48 mois",
    ] {
        assert!(
            confirmation.contains(expected),
            "`{expected}` missing:\n{confirmation}"
        );
    }
    look(c, pages, "3-confirmation", "the confirmation").await;
    press(c, "#confirmation", SPACE).await;
    press(c, "form[action$='/deposer'] button[type=submit]", ENTER).await;
    wait_for(
        c,
        "the deposited page",
        "const s = document.getElementById('statut'); \
         return s !== null && s.textContent === 'déposé' && document.querySelector('.depose') !== null;",
        vec![],
    )
    .await;
    let locked = c
        .execute(
            "const f = [...document.querySelectorAll('#fiche input, #fiche select')]; \
             return f.length > 0 && f.every(e => e.disabled) \
               && document.querySelector('button[value=deposer]') === null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(locked, Value::Bool(true), "the deposited page is read-only");
    let written = std::fs::read_to_string(root.join(MEMBER)).unwrap();
    assert!(written.contains("eleves: 125"), "{written}");
    assert!(
        written.contains(GOOD_UAI) && !written.contains(BAD_UAI),
        "{written}"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_adhesion"))
        .args(["check", "--lang", "fr", "--root"])
        .arg(root)
        .current_dir(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "adhesion check after the deposit:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    look(c, pages, "4-deposited", "the deposited page").await;
}

/// The attestation, through the page's link: the member, the time in Paris, what was deposited
/// and the SHA-256 of the member file written.
async fn reads_the_attestation(c: &Client, addr: std::net::SocketAddr, root: &std::path::Path) {
    let link = c
        .find(Locator::Css(".depose a[href$='/attestation.pdf']"))
        .await
        .unwrap();
    let href = link.attr("href").await.unwrap().unwrap();
    let pdf = tokio::task::spawn_blocking(move || http_get(addr, &href))
        .await
        .unwrap();
    let text = pdf_text(&pdf).replace(['\u{a0}', '\u{202f}'], " ");
    let hash = common::sha256_hex(&std::fs::read(root.join(MEMBER)).unwrap());
    for expected in [
        "Attestation de dépôt",
        "Ville de Châteaubriant",
        "(heure de Paris)",
        "5 écoles, 544 élèves",
        GOOD_UAI,
        hash.as_str(),
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from the attestation:\n{text}"
        );
    }
}

/// Writes the signed pieces' files: the convention and the deliberation as PDFs, the annexe 2
/// as a PNG scan (the preview's first page); all fetched from the portal, real files.
fn scans(addr: std::net::SocketAddr, token: &str, dir: &std::path::Path) {
    for (path, file) in [
        (
            format!("/m/{token}/convention.pdf"),
            "convention-signee.pdf",
        ),
        (format!("/m/{token}/apercu/1.png"), "annexe-2-scannee.png"),
        (
            format!("/m/{token}/modele-deliberation.pdf"),
            "deliberation.pdf",
        ),
    ] {
        std::fs::write(dir.join(file), http_get(addr, &path)).unwrap();
    }
}

/// Chooses `file` for the piece `kind` and sends it (Enter on its button); waits for the page
/// to say the piece is received.
async fn send_piece(c: &Client, kind: &str, file: &std::path::Path) {
    let input = c.find(Locator::Id(&format!("piece-{kind}"))).await.unwrap();
    // A file input takes the file's path as keys: what the file chooser would fill in.
    input.send_keys(&file.display().to_string()).await.unwrap();
    press(c, &format!("form[action$='/pieces/{kind}'] button"), ENTER).await;
    wait_for(
        c,
        "the piece received",
        "return document.getElementById('piece-' + arguments[0]) === null \
           && location.search.includes('piece') && document.querySelector('.avis') !== null;",
        vec![json!(kind)],
    )
    .await;
}

/// The three signed pieces, sent one by one from the deposited page.
async fn sends_the_pieces(
    c: &Client,
    pages: &mut Pages,
    addr: std::net::SocketAddr,
    token: &str,
    dir: &std::path::Path,
) {
    let token = token.to_owned();
    let dir_owned = dir.to_owned();
    tokio::task::spawn_blocking(move || scans(addr, &token, &dir_owned))
        .await
        .unwrap();
    for (kind, file) in [
        ("convention", "convention-signee.pdf"),
        ("annexe-2", "annexe-2-scannee.png"),
        ("deliberation", "deliberation.pdf"),
    ] {
        send_piece(c, kind, &dir.join(file)).await;
    }
    let received = c
        .execute(
            "return document.querySelectorAll('td.piece-recue').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(received, 3, "the three pieces received");
    look(c, pages, "5-pieces", "the pieces received").await;
}

/// The coordinator signs in on the desk, opens the member by the keyboard, accepts the
/// convention and the deliberation, refuses the annexe 2 with a reason.
async fn coordinator_decides(c: &Client, pages: &mut Pages, addr: std::net::SocketAddr) {
    c.goto(&format!("http://{addr}/admin/login")).await.unwrap();
    look(c, pages, "desk-login", "the desk's sign-in").await;
    press(c, "#mot-de-passe", PASSWORD).await;
    press(c, "#mot-de-passe", ENTER).await;
    wait_for(
        c,
        "the desk's list after signing in",
        "return location.pathname === '/admin' && document.getElementById('total-membres') !== null;",
        vec![],
    )
    .await;
    let row = c
        .execute(
            "const r = document.querySelector('#membres tr[data-id=\"chateaubriant\"]'); \
             return r && { statut: r.dataset.statut, text: r.innerText };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(row["statut"], "depose", "{row}");
    look(c, pages, "desk", "the desk's list").await;

    // The member's link: focused, its focus visible, followed with Enter.
    let link = "#membres tr[data-id=\"chateaubriant\"] a[href=\"/admin/membres/chateaubriant\"]";
    let outline = c
        .execute(
            "const a = document.querySelector(arguments[0]); a.focus(); \
             const s = getComputedStyle(document.activeElement); \
             return document.activeElement === a ? s.outlineStyle + ' ' + s.outlineWidth : null;",
            vec![json!(link)],
        )
        .await
        .unwrap();
    assert_eq!(outline, "solid 3px", "the focused link shows its focus");
    press(c, link, ENTER).await;
    wait_for(
        c,
        "the member's page on the desk, its pieces to check",
        "return location.pathname === '/admin/membres/chateaubriant' \
           && document.querySelectorAll('#pieces form[action$=\"/accepter\"]').length === 3;",
        vec![],
    )
    .await;
    look(c, pages, "desk-member", "the desk's page of a member").await;

    for kind in ["convention", "deliberation"] {
        press(
            c,
            &format!("tr[data-piece='{kind}'] form[action$='/accepter'] button"),
            ENTER,
        )
        .await;
        wait_for(
            c,
            "the piece accepted",
            "const r = document.querySelector('tr[data-piece=\"' + arguments[0] + '\"]'); \
             return r !== null && r.querySelector('form') === null;",
            vec![json!(kind)],
        )
        .await;
    }
    press(c, "#motif-annexe-2", REASON).await;
    // Enter in the reason's field sends its form.
    press(c, "#motif-annexe-2", ENTER).await;
    let status = wait_for(
        c,
        "the annexe 2 refused",
        "const r = document.querySelector('tr[data-piece=\"annexe-2\"]'); \
         return r !== null && r.querySelector('form') === null ? r.cells[1].textContent : null;",
        vec![],
    )
    .await;
    assert!(status.as_str().unwrap().contains(REASON), "{status}");
}

/// The coordinator's reason for refusing the annexe 2.
const REASON: &str = "La signature est coupée sur le scan";

/// The commune reads the reason, sends the annexe 2 again; the coordinator accepts it; the
/// member is « complet » on the desk, in its list, and on the commune's page.
async fn sends_again_and_is_complete(
    c: &Client,
    pages: &mut Pages,
    addr: std::net::SocketAddr,
    page: &str,
    dir: &std::path::Path,
) {
    c.goto(page).await.unwrap();
    let refused = c
        .execute(
            "const t = document.querySelector('td.piece-refusee'); return t && t.textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        refused.as_str().is_some_and(|t| t.contains(REASON)),
        "the commune reads the reason: {refused}"
    );
    look(c, pages, "6-refused", "a piece refused").await;
    send_piece(c, "annexe-2", &dir.join("annexe-2-scannee.png")).await;

    c.goto(&format!("http://{addr}/admin/membres/chateaubriant"))
        .await
        .unwrap();
    press(
        c,
        "tr[data-piece='annexe-2'] form[action$='/accepter'] button",
        ENTER,
    )
    .await;
    wait_for(
        c,
        "the member complete on the desk",
        "const s = document.getElementById('statut'); return s !== null && s.textContent === 'complet';",
        vec![],
    )
    .await;
    look(
        c,
        pages,
        "desk-complete",
        "the desk's page of a complete member",
    )
    .await;
    c.goto(&format!("http://{addr}/admin")).await.unwrap();
    let row = c
        .execute(
            "const r = document.querySelector('#membres tr[data-id=\"chateaubriant\"]'); \
             return r && r.dataset.statut;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(row, "complet", "the desk's list shows the member complete");

    c.goto(page).await.unwrap();
    let state = c
        .execute(
            "return { statut: document.getElementById('statut').textContent, \
                      done: document.querySelector('.pieces .avis') !== null, \
                      inputs: document.querySelectorAll('input[type=file]').length };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(state["statut"], "complet", "{state}");
    assert_eq!(state["done"], true, "{state}");
    assert_eq!(state["inputs"], 0, "nothing left to send: {state}");
    look(c, pages, "7-complete", "the commune's page, complete").await;
}

/// The footer's two legal pages, followed by the keyboard.
async fn reads_the_legal_pages(c: &Client, pages: &mut Pages) {
    for (href, name, heading) in [
        (
            "/accessibilite",
            "accessibilite",
            "Déclaration d’accessibilité",
        ),
        (
            "/donnees-personnelles",
            "donnees-personnelles",
            "Données personnelles",
        ),
    ] {
        press(c, &format!("footer a[href='{href}']"), ENTER).await;
        let h1 = wait_for(
            c,
            "the legal page",
            "return location.pathname === arguments[0] ? document.querySelector('h1').textContent : null;",
            vec![json!(href)],
        )
        .await;
        assert!(h1.as_str().unwrap().starts_with(heading), "{h1}");
        look(c, pages, name, heading).await;
    }
}
