//! The portal end to end in headless Chromium : a member opens its link, the
//! page is French and pre-filled, a wrong UAI shows `adhesion check`'s very message next to its
//! field and in the summary, its correction clears it, the totals follow a changed pupil count,
//! the three PDFs download, and the deposit writes the member file and makes the page read-only.
//! Then the coordinator signs in to the desk (`/admin`) in the same browser, finds the commune
//! deposited with what it typed, reopens its file, and the commune's page is editable again.
//! axe-core checks the form, the deposited page and the desk's pages; screenshots go to
//! `target/screenshots/portal-*.png`. The server is the library's router on 127.0.0.1:0, in the
//! test. Needs `chromium` and `chromedriver` (`scripts/test portal_browser::`).
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
const BEFORE: Date = Date {
    year: 2022,
    month: 1,
    day: 10,
};

const MEMBER: &str = "members/44/chateaubriant.yaml";
/// The coordinator's password for the desk (`/admin`).
const PASSWORD: &str = "le mot de passe du rectorat";
const GOOD_UAI: &str = "0440123V";
/// Seven digits and a wrong check letter.
const BAD_UAI: &str = "0440123A";

/// The message `adhesion check --lang fr --format json` gives for `BAD_UAI` as the first
/// school's UAI, on another copy of the campaign.
fn check_message_for_bad_uai() -> String {
    let dir = campaign();
    let path = dir.path().join(MEMBER);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(GOOD_UAI));
    std::fs::write(&path, text.replacen(GOOD_UAI, BAD_UAI, 1)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_adhesion"))
        .args(["check", "--lang", "fr", "--format", "json", "--root"])
        .arg(dir.path())
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("cannot run adhesion check");
    let all = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    all.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|d| d["code"] == "uai" && d["args"]["uai"] == BAD_UAI)
        .and_then(|d| d["message"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("adhesion check gave no UAI diagnostic:\n{all}"))
}

/// Runs `script` (its body returns a value) until it returns something other than `null` or
/// `false`, and gives that; panics, naming `what`, after [`PATIENCE`].
async fn wait_for(client: &Client, what: &str, script: &str, args: Vec<Value>) -> Value {
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
            panic!("{what}: not so after {PATIENCE:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Replaces the value of the input `id` by typing `text`, then leaves it (a Tab: a real blur).
async fn type_into(client: &Client, id: &str, text: &str) {
    let input = client.find(Locator::Id(id)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
    // Tab moves the focus to the next field: the script's blur listener checks the form.
    input.send_keys("\u{E004}").await.unwrap();
}

/// The text of the error paragraph of the field `id` when shown, else `null`.
const SHOWN_ERROR: &str = "const p = document.getElementById(arguments[0] + '-erreur'); \
     return p && !p.hidden && p.textContent !== '' ? p.textContent : null;";

/// The first 4 bytes of `url`, fetched by the page, as text, with the status and content type.
async fn fetch_head(client: &Client, url: &str) -> Value {
    client
        .execute_async(
            "const [url, done] = arguments;
             fetch(url, { credentials: 'same-origin' })
               .then(async r => {
                 const bytes = new Uint8Array(await r.arrayBuffer());
                 done({ status: r.status, type: r.headers.get('content-type'),
                        head: String.fromCharCode(...bytes.slice(0, 4)) });
               })
               .catch(e => done({ error: String(e) }));",
            vec![json!(url)],
        )
        .await
        .unwrap()
}

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_fills_checks_downloads_and_deposits_in_chromium() {
    let started = Instant::now();
    let expected = check_message_for_bad_uai();
    assert!(expected.contains(BAD_UAI), "{expected}");

    let dir = campaign();
    let root = dir.path();
    let invited = portal::service::links::invite(
        &portal::db::Db::open(root).unwrap(),
        root,
        &["chateaubriant".to_owned()],
    )
    .unwrap();
    portal::service::auth::set_password(&portal::db::Db::open(root).unwrap(), PASSWORD).unwrap();
    let token = invited[0].1.clone().expect("a new token");
    let app = Arc::new(App::open(root, Some(BEFORE)).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, portal::router(app))
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
    });
    let page = format!("http://{addr}/m/{token}");

    let Some(browser) = Browser::start().await else {
        return;
    };
    let c = browser.client();
    c.goto(&page).await.unwrap();

    // French and pre-filled from the member file.
    let lang = c.find(Locator::Css("html")).await.unwrap();
    assert_eq!(lang.attr("lang").await.unwrap().as_deref(), Some("fr"));
    let title = c.title().await.unwrap();
    assert!(title.contains("Ville de Châteaubriant"), "{title}");
    let value_of = |id: &'static str| async move {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    };
    assert_eq!(value_of("f-signataire-nom").await, "Hunault");
    assert_eq!(value_of("f-ecoles-0-uai").await, GOOD_UAI);
    assert_eq!(value_of("f-ecoles-0-eleves").await, "120");
    let totals = c.find(Locator::Id("totaux")).await.unwrap().text().await;
    assert_eq!(totals.unwrap(), "5 écoles, 539 élèves");
    // The script's texts, from the catalogue, in a JSON data block.
    let texts = c
        .execute(
            "return JSON.parse(document.getElementById('portail-textes').textContent);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(texts["colon"], "\u{a0}: ");
    // The preview of the annexe 2 beside the form, drawn by the server.
    wait_for(
        c,
        "the preview's first page drawn",
        "const i = document.querySelector('.apercu img'); \
         return i !== null && i.complete && i.naturalWidth > 0 && i.alt.startsWith('Annexe 2, page 1');",
        vec![],
    )
    .await;
    screenshot(c, "portal-1-form.png").await;
    assert_accessible(c, "the member's form").await;

    // A wrong UAI: the error shows next to the field and in the summary, in check's words.
    type_into(c, "f-ecoles-0-uai", BAD_UAI).await;
    let shown = wait_for(
        c,
        "the UAI error next to its field",
        SHOWN_ERROR,
        vec![json!("f-ecoles-0-uai")],
    )
    .await;
    assert_eq!(shown.as_str().unwrap(), expected);
    let summary = wait_for(
        c,
        "the error summary",
        "const r = document.getElementById('resume'); \
         return r.querySelector('a[href=\"#f-ecoles-0-uai\"]') ? r.innerText : null;",
        vec![],
    )
    .await;
    let summary = summary.as_str().unwrap();
    assert!(summary.contains(&expected), "{summary}");
    assert!(summary.contains("1 erreur à corriger"), "{summary}");
    let invalid = c.find(Locator::Id("f-ecoles-0-uai")).await.unwrap();
    assert_eq!(
        invalid.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    screenshot(c, "portal-2-uai-error.png").await;
    assert_accessible(c, "the form showing an error").await;

    // Corrected: the error goes.
    type_into(c, "f-ecoles-0-uai", GOOD_UAI).await;
    wait_for(
        c,
        "the UAI error gone",
        "const p = document.getElementById('f-ecoles-0-uai-erreur'); \
         return p.hidden && document.getElementById('resume').textContent === '' \
           && !document.getElementById('f-ecoles-0-uai').hasAttribute('aria-invalid');",
        vec![],
    )
    .await;

    // A pupil count changed: the totals follow, and the draft is saved when the field is left.
    type_into(c, "f-ecoles-0-eleves", "125").await;
    wait_for(
        c,
        "the totals following the pupil count",
        "return document.getElementById('totaux').textContent === '5 écoles, 544 élèves';",
        vec![],
    )
    .await;
    let api = format!("/api/m/{token}");
    wait_for(
        c,
        "the draft saved with 125 pupils",
        "const x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send(); \
         return x.status === 200 && JSON.parse(x.responseText).member.ecoles[0].eleves === 125;",
        vec![json!(api)],
    )
    .await;
    // The preview drawn again from the saved draft.
    wait_for(
        c,
        "the preview refreshed",
        "const i = document.querySelector('.apercu img'); \
         return /[?]v=[0-9]+$/.test(i.src) && i.complete && i.naturalWidth > 0;",
        vec![],
    )
    .await;
    screenshot(c, "portal-3-totals.png").await;

    // The three PDFs, through the page's own links.
    let links = c.find_all(Locator::Css("a[href$=\".pdf\"]")).await.unwrap();
    let mut hrefs = Vec::new();
    for link in &links {
        hrefs.push(link.attr("href").await.unwrap().unwrap());
    }
    assert_eq!(
        hrefs,
        ["convention.pdf", "annexe-2.pdf", "modele-deliberation.pdf"]
            .map(|f| format!("/m/{token}/{f}"))
    );
    for href in &hrefs {
        let got = fetch_head(c, href).await;
        assert_eq!(got["status"], 200, "{href}: {got}");
        assert_eq!(got["type"], "application/pdf", "{href}: {got}");
        assert_eq!(got["head"], "%PDF", "{href}: {got}");
    }

    // The annexe 2 downloaded holds the values typed.
    let path = format!("/m/{token}/annexe-2.pdf");
    let pdf = tokio::task::spawn_blocking(move || http_get(addr, &path))
        .await
        .unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains("544"), "the new total of pupils:\n{text}");
    assert!(text.contains("125"), "the first school's pupils:\n{text}");
    assert!(text.contains(GOOD_UAI), "{text}");

    // Deposit: the page becomes read-only, the member file is written.
    let deposit = c
        .find(Locator::XPath(
            "//button[normalize-space()='Déposer le dossier']",
        ))
        .await
        .unwrap();
    deposit.click().await.unwrap();
    wait_for(
        c,
        "the deposited page",
        "const s = document.querySelector('.statut strong'); \
         return s !== null && s.textContent === 'déposé';",
        vec![],
    )
    .await;
    let disabled = c
        .execute(
            "const f = [...document.querySelectorAll('#fiche input, #fiche select')]; \
             return f.length > 0 && f.every(e => e.disabled) \
               && document.querySelectorAll('button').length === 0;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        disabled,
        Value::Bool(true),
        "the deposited page is read-only"
    );
    let written = std::fs::read_to_string(root.join(MEMBER)).unwrap();
    assert!(written.contains("eleves: 125"), "{written}");
    assert!(
        written.contains(GOOD_UAI) && !written.contains(BAD_UAI),
        "{written}"
    );
    assert!(
        adhesion_core::load::load_member(&root.join(MEMBER))
            .member
            .is_ok()
    );
    // `adhesion check` finds the campaign clean with the deposited file.
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
    screenshot(c, "portal-4-deposited.png").await;
    assert_accessible(c, "the deposited page").await;

    coordinator_reopens(c, addr, &page).await;

    browser.stop().await;
    let _ = stop.send(());
    server.await.unwrap();
    eprintln!("the portal's browser test took {:?}", started.elapsed());
}

/// The coordinator, in the same browser after the commune's deposit: signs in on `/admin/login`,
/// finds the commune deposited on the desk with the schools and pupils it typed (the campaign's
/// totals adding up), opens its page by the keyboard, reopens its file, and the commune's page
/// (`member_page`) is editable again. axe-core checks the three desk pages.
async fn coordinator_reopens(c: &Client, addr: std::net::SocketAddr, member_page: &str) {
    c.goto(&format!("http://{addr}/admin/login")).await.unwrap();
    let password = c.find(Locator::Id("mot-de-passe")).await.unwrap();
    screenshot(c, "portal-desk-login.png").await;
    assert_accessible(c, "the desk's sign-in").await;
    password.send_keys(PASSWORD).await.unwrap();
    // Enter in the field submits the form, as a keyboard user would.
    password.send_keys("\u{E007}").await.unwrap();
    wait_for(
        c,
        "the desk's list after signing in",
        "return location.pathname === '/admin' && document.getElementById('total-membres') !== null;",
        vec![],
    )
    .await;

    // The commune's row: deposited, with what it typed (5 schools, 544 pupils after the change
    // to 125 in the first one); the campaign's totals are the sums of the rows.
    let list = c
        .execute(
            "const rows = [...document.querySelectorAll('#membres tbody tr')]; \
             const r = document.querySelector('#membres tr[data-id=\"chateaubriant\"]'); \
             const num = id => Number(document.getElementById(id).textContent); \
             const cell = (row, i) => row.cells[i].textContent.trim(); \
             return { \
               statut: r && r.dataset.statut, mot: r && cell(r, 2), \
               ecoles: r && Number(cell(r, 4)), eleves: r && Number(cell(r, 5)), \
               rows: rows.length, \
               sum_ecoles: rows.reduce((s, x) => s + Number(cell(x, 4)), 0), \
               sum_eleves: rows.reduce((s, x) => s + Number(cell(x, 5)), 0), \
               total_membres: num('total-membres'), total_ecoles: num('total-ecoles'), \
               total_eleves: num('total-eleves'), \
               deposes: rows.filter(x => x.dataset.statut === 'depose').length };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(list["statut"], "depose", "{list}");
    assert_eq!(list["mot"], "déposé", "{list}");
    assert_eq!(list["ecoles"], 5, "{list}");
    assert_eq!(list["eleves"], 544, "{list}");
    assert_eq!(list["deposes"], 1, "only the commune deposited: {list}");
    // The sample campaign's six members, all on the list unfiltered.
    assert_eq!(list["rows"], 6, "{list}");
    assert_eq!(list["total_membres"], list["rows"], "{list}");
    assert_eq!(list["total_ecoles"], list["sum_ecoles"], "{list}");
    assert_eq!(list["total_eleves"], list["sum_eleves"], "{list}");
    // The members' table in view rather than the totals above it.
    c.execute(
        "document.getElementById('membres-titre').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    screenshot(c, "portal-desk.png").await;
    assert_accessible(c, "the desk's list").await;

    // The member's link, a native link: focused, its focus visible, followed with Enter.
    let link = c
        .find(Locator::Css(
            "#membres tr[data-id=\"chateaubriant\"] a[href=\"/admin/membres/chateaubriant\"]",
        ))
        .await
        .unwrap();
    let outline = c
        .execute(
            "arguments[0].focus(); \
             const s = getComputedStyle(document.activeElement); \
             return document.activeElement === arguments[0] ? s.outlineStyle + ' ' + s.outlineWidth : null;",
            vec![serde_json::to_value(&link).unwrap()],
        )
        .await
        .unwrap();
    assert_eq!(outline, "solid 3px", "the focused link shows its focus");
    link.send_keys("\u{E007}").await.unwrap();
    wait_for(
        c,
        "the member's page on the desk, deposited",
        "const s = document.getElementById('statut'); \
         return location.pathname === '/admin/membres/chateaubriant' && s !== null \
           && s.textContent === 'déposé';",
        vec![],
    )
    .await;
    let schools = c
        .execute(
            "const cap = document.querySelector('table.liste caption'); \
             const cells = [...document.querySelectorAll('table.liste tbody tr')] \
               .filter(r => r.cells.length === 3).map(r => r.cells[2].textContent); \
             return { caption: cap && cap.textContent, first: cells[0] };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        schools["caption"], "Écoles\u{a0}: 5, Élèves\u{a0}: 544",
        "{schools}"
    );
    assert_eq!(schools["first"], "125", "{schools}");
    screenshot(c, "portal-desk-member.png").await;
    assert_accessible(c, "the desk's page of a member").await;

    // Reopen, by its button.
    let reopen = c
        .find(Locator::XPath(
            "//form[contains(@action, '/rouvrir')]//button[normalize-space()='Rouvrir le dossier']",
        ))
        .await
        .unwrap();
    reopen.click().await.unwrap();
    wait_for(
        c,
        "the member reopened on the desk",
        "const s = document.getElementById('statut'); \
         return s !== null && s.textContent === 'rouvert' \
           && document.querySelector('form[action$=\"/rouvrir\"]') === null;",
        vec![],
    )
    .await;
    assert_accessible(c, "the desk's page of a reopened member").await;

    // The commune's page is editable again, with what it had typed.
    c.goto(member_page).await.unwrap();
    wait_for(
        c,
        "the commune's page reopened",
        "const s = document.querySelector('.statut strong'); \
         return s !== null && s.textContent === 'rouvert';",
        vec![],
    )
    .await;
    let editable = c
        .execute(
            "const f = [...document.querySelectorAll('#fiche input, #fiche select')]; \
             return { fields: f.length, disabled: document.querySelectorAll('[disabled]').length, \
                      eleves: document.getElementById('f-ecoles-0-eleves').value, \
                      deposit: [...document.querySelectorAll('button')] \
                        .some(b => b.textContent.trim() === 'Déposer le dossier') };",
            vec![],
        )
        .await
        .unwrap();
    assert!(editable["fields"].as_u64().unwrap() > 0, "{editable}");
    assert_eq!(editable["disabled"], 0, "nothing disabled: {editable}");
    assert_eq!(editable["eleves"], "125", "{editable}");
    assert_eq!(
        editable["deposit"], true,
        "the deposit button is back: {editable}"
    );
}
