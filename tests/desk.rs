//! The coordinator's desk over HTTP, in process, on a copy of the sample campaign: sign-in,
//! CSRF, attempts limited, sessions, the list with its totals, filters and sorting, reopening,
//! new links, invitations by INSEE code, downloads and the audit log.

use crate::common;
use crate::common::http as web;

use std::path::Path;
use std::sync::Arc;

use adhesion_core::date::Date;
use adhesion_portal::App;
use adhesion_portal::db::Db;
use adhesion_portal::service::{auth, links};
use axum::http::StatusCode;
use web::{Answer, enc};

const TODAY: Date = Date {
    year: 2022,
    month: 1,
    day: 10,
};
const PASSWORD: &str = "le mot de passe du rectorat";

/// `method uri` with `headers` and a form body.
async fn call(
    app: &Arc<App>,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    form: Option<String>,
) -> Answer {
    let body = form.map(|f| ("application/x-www-form-urlencoded", f));
    web::request(app, method, uri, headers, body).await
}

fn app(root: &Path) -> Arc<App> {
    Arc::new(App::open(root, Some(TODAY)).unwrap())
}

/// Signs in; gives the session cookie's header value and the desk page's CSRF token.
async fn sign_in(app: &Arc<App>) -> (String, String) {
    let form = call(app, "GET", "/admin/login", &[], None).await;
    let login_cookie = format!(
        "adhesion_connexion={}",
        form.cookie("adhesion_connexion").unwrap()
    );
    let answer = call(
        app,
        "POST",
        "/admin/login",
        &[("cookie", &login_cookie)],
        Some(format!("csrf={}&password={}", form.csrf(), enc(PASSWORD))),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text());
    let session = format!(
        "adhesion_session={}",
        answer.cookie("adhesion_session").unwrap()
    );
    let desk = call(app, "GET", "/admin", &[("cookie", &session)], None).await;
    assert_eq!(desk.status, StatusCode::OK);
    (session, desk.csrf())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_password_the_desk_only_says_how_to_set_one() {
    let dir = common::sample_campaign();
    let app = app(dir.path());
    for path in ["/admin", "/admin/login", "/admin/recapitulatif.csv"] {
        let a = call(&app, "GET", path, &[], None).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        let text = a.text();
        assert!(text.contains("adhesion serve --set-password"), "{path}");
        assert!(
            !text.contains("Châteaubriant") && !text.contains("csrf"),
            "{path}"
        );
        assert_eq!(a.headers["referrer-policy"], "no-referrer");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_csrf_wrong_password_attempts_and_cookies() {
    let dir = common::sample_campaign();
    let root = dir.path();
    auth::set_password(&Db::open(root).unwrap(), PASSWORD).unwrap();
    let app = app(root);

    // Not signed in: to the sign-in page, whatever the desk's path; a member's token or an
    // unknown session opens nothing.
    for path in [
        "/admin",
        "/admin/membres/laval",
        "/admin/recapitulatif.xlsx",
        "/admin/journal",
    ] {
        let a = call(&app, "GET", path, &[], None).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(a.location(), "/admin/login");
    }
    let token = links::invite(&Db::open(root).unwrap(), root, &["laval".to_owned()]).unwrap()[0]
        .1
        .clone()
        .unwrap();
    for cookie in [
        format!("adhesion_session={token}"),
        "adhesion_session=inconnue".to_owned(),
    ] {
        let a = call(&app, "GET", "/admin", &[("cookie", &cookie)], None).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
    }

    // The form sets its CSRF cookie: HttpOnly, SameSite=Strict, for /admin only, not Secure
    // over plain HTTP.
    let form = call(&app, "GET", "/admin/login", &[], None).await;
    assert_eq!(form.status, StatusCode::OK);
    let set = form.cookies().join("\n");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"));
    assert!(
        set.contains("Path=/admin") && !set.contains("Secure"),
        "{set}"
    );
    assert!(form.text().contains("type=\"password\""));
    let login_cookie = format!(
        "adhesion_connexion={}",
        form.cookie("adhesion_connexion").unwrap()
    );

    // No CSRF value: refused, nothing revealed.
    let a = call(
        &app,
        "POST",
        "/admin/login",
        &[("cookie", &login_cookie)],
        Some(format!("password={}", enc(PASSWORD))),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(a.cookie("adhesion_session").is_none());

    // A wrong password: 401, the same form again, no session.
    let a = call(
        &app,
        "POST",
        "/admin/login",
        &[("cookie", &login_cookie)],
        Some(format!("csrf={}&password=faux", form.csrf())),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert!(a.text().contains("Mot de passe incorrect"));
    assert!(a.cookie("adhesion_session").is_none());

    // The right one: a session cookie, HttpOnly, SameSite=Strict.
    let a = call(
        &app,
        "POST",
        "/admin/login",
        &[("cookie", &login_cookie)],
        Some(format!("csrf={}&password={}", form.csrf(), enc(PASSWORD))),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
    let session = a
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("adhesion_session="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));

    // Three attempts so far from this address: two more are allowed, the sixth is a 429.
    for _ in 0..2 {
        let a = call(
            &app,
            "POST",
            "/admin/login",
            &[],
            Some("csrf=x&password=faux".into()),
        )
        .await;
        assert_ne!(a.status, StatusCode::TOO_MANY_REQUESTS);
    }
    let a = call(
        &app,
        "POST",
        "/admin/login",
        &[("cookie", &login_cookie)],
        Some(format!("csrf={}&password={}", form.csrf(), enc(PASSWORD))),
    )
    .await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(a.headers["retry-after"], "60");

    let db = Db::open(root).unwrap();
    let conn = db.lock();
    let actions: Vec<String> = conn
        .sql()
        .audit_log(None)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"login-failed".to_owned()));
    assert!(actions.contains(&"login".to_owned()));
}

/// Behind an HTTPS proxy, the cookies are Secure and the address is the client's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_an_https_proxy_cookies_are_secure() {
    let dir = common::sample_campaign();
    let root = dir.path();
    auth::set_password(&Db::open(root).unwrap(), PASSWORD).unwrap();
    let app = Arc::new(App::open(root, Some(TODAY)).unwrap().with_proxy(true));
    let proxy = [
        ("x-forwarded-proto", "https"),
        ("x-forwarded-for", "203.0.113.9"),
    ];
    let form = call(&app, "GET", "/admin/login", &proxy, None).await;
    assert!(form.cookies().join("").contains("; Secure"));
    let login_cookie = format!(
        "adhesion_connexion={}",
        form.cookie("adhesion_connexion").unwrap()
    );
    let mut headers = proxy.to_vec();
    headers.push(("cookie", &login_cookie));
    let a = call(
        &app,
        "POST",
        "/admin/login",
        &headers,
        Some(format!("csrf={}&password={}", form.csrf(), enc(PASSWORD))),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert!(
        a.cookies()
            .iter()
            .any(|c| c.starts_with("adhesion_session=") && c.contains("Secure"))
    );
    let db = Db::open(root).unwrap();
    let conn = db.lock();
    let login = conn
        .sql()
        .audit_log(None)
        .unwrap()
        .into_iter()
        .find(|e| e.action == "login")
        .unwrap();
    assert_eq!(login.address, "203.0.113.9");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_its_totals_filters_and_sorting() {
    let dir = common::sample_campaign();
    let root = dir.path();
    auth::set_password(&Db::open(root).unwrap(), PASSWORD).unwrap();
    // A member file that does not load shows its problem on its row; the page stands.
    std::fs::write(root.join("members/53/cassé.yaml"), "collectivite: [\n").unwrap();
    let app = app(root);
    let (session, _) = sign_in(&app).await;
    let c = [("cookie", session.as_str())];
    let page = call(&app, "GET", "/admin", &c, None).await;
    let html = page.text();
    assert_eq!(html.matches("<tr data-id=").count(), 7, "{html}");
    assert!(html.contains("data-id=\"cassé\""));
    assert!(html.contains("Ville de Châteaubriant"));
    assert!(html.contains("non invité"));
    assert_eq!(page.headers["x-frame-options"], "DENY");
    assert_eq!(page.headers["cache-control"], "no-store");
    // The campaign's totals: the sample's six members and the broken one.
    assert!(html.contains("id=\"total-membres\">7<"), "{html}");

    // Filter by status: Laval invited.
    links::invite(&Db::open(root).unwrap(), root, &["laval".to_owned()]).unwrap();
    let page = call(&app, "GET", "/admin?statut=invite", &c, None)
        .await
        .text();
    assert_eq!(page.matches("<tr data-id=").count(), 1);
    assert!(page.contains("data-id=\"laval\""));
    // Search, accents and case aside.
    let page = call(&app, "GET", "/admin?q=CHATEAU", &c, None).await.text();
    assert_eq!(page.matches("<tr data-id=").count(), 1);
    assert!(page.contains("data-id=\"chateaubriant\""));
    // Sorting by pupils, descending then ascending.
    let order = |html: &str| -> Vec<String> {
        html.match_indices("<tr data-id=\"")
            .map(|(i, _)| html[i + 13..].split('"').next().unwrap().to_owned())
            .collect()
    };
    let desc = order(
        &call(&app, "GET", "/admin?tri=eleves&ordre=desc", &c, None)
            .await
            .text(),
    );
    let asc = order(
        &call(&app, "GET", "/admin?tri=eleves&ordre=asc", &c, None)
            .await
            .text(),
    );
    assert_eq!(desc.len(), 7);
    let mut reversed = asc.clone();
    reversed.reverse();
    assert_eq!(desc, reversed);
    assert_eq!(desc.last().unwrap(), "cassé", "no pupils: last");
    let sorted = call(&app, "GET", "/admin?tri=eleves&ordre=desc", &c, None)
        .await
        .text();
    assert!(sorted.contains("aria-sort=\"descending\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reopen_renew_invite_download_and_the_audit_log() {
    let dir = common::sample_campaign();
    let root = dir.path();
    auth::set_password(&Db::open(root).unwrap(), PASSWORD).unwrap();
    let token = links::invite(
        &Db::open(root).unwrap(),
        root,
        &["chateaubriant".to_owned()],
    )
    .unwrap()[0]
        .1
        .clone()
        .unwrap();
    let app = app(root);
    // The commune deposits.
    let dep = call(&app, "POST", &format!("/api/m/{token}/deposer"), &[], None).await;
    assert_eq!(dep.status, StatusCode::OK, "{}", dep.text());
    let (session, csrf) = sign_in(&app).await;
    let c = [("cookie", session.as_str())];
    let page = call(&app, "GET", "/admin/membres/chateaubriant", &c, None).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("id=\"statut\">déposé<"), "{html}");
    assert!(html.contains("/admin/membres/chateaubriant/rouvrir"));
    let pdf = call(
        &app,
        "GET",
        "/admin/membres/chateaubriant/annexe-2.pdf",
        &c,
        None,
    )
    .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with(b"%PDF"));

    // Reopen: refused without the CSRF token, done with it.
    let a = call(
        &app,
        "POST",
        "/admin/membres/chateaubriant/rouvrir",
        &c,
        Some(String::new()),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = call(
        &app,
        "POST",
        "/admin/membres/chateaubriant/rouvrir",
        &c,
        Some(format!("csrf={csrf}")),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let html = call(&app, "GET", "/admin/membres/chateaubriant", &c, None)
        .await
        .text();
    assert!(html.contains("id=\"statut\">rouvert<"));

    // Renew: the new link shown once, the old one dead.
    let a = call(
        &app,
        "POST",
        "/admin/membres/chateaubriant/renouveler",
        &[("cookie", &session), ("host", "portail.example.fr")],
        Some(format!("csrf={csrf}")),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let html = a.text();
    let at = html
        .find("http://portail.example.fr/m/")
        .expect("the new link");
    let new = html[at + 28..].split('<').next().unwrap().to_owned();
    assert_eq!(
        call(&app, "GET", &format!("/m/{token}"), &[], None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&app, "GET", &format!("/m/{new}"), &[], None)
            .await
            .status,
        StatusCode::OK
    );

    // Invite a commune by its INSEE code: its file, its link; an unknown code is refused.
    let a = call(
        &app,
        "POST",
        "/admin/inviter",
        &c,
        Some(format!("csrf={csrf}&insee=44109")),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    assert!(a.text().contains("/m/"));
    let made = adhesion_portal::service::member_files(root);
    let (id, path) = made
        .iter()
        .find(|(_, p)| std::fs::read_to_string(p).unwrap().contains("44109"))
        .expect("a member file for Nantes, 44109");
    assert!(path.starts_with(root.join("members")));
    let a = call(
        &app,
        "POST",
        "/admin/inviter",
        &c,
        Some(format!("csrf={csrf}&insee=99999")),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A commune that already has its file: refused, the file named.
    let a = call(
        &app,
        "POST",
        "/admin/inviter",
        &c,
        Some(format!("csrf={csrf}&insee=44036")),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.text().contains("chateaubriant.yaml"), "{}", a.text());
    let a = call(
        &app,
        "POST",
        "/admin/inviter",
        &c,
        Some("insee=44036".into()),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    // Downloads.
    let x = call(&app, "GET", "/admin/recapitulatif.xlsx", &c, None).await;
    assert_eq!(x.status, StatusCode::OK);
    assert!(x.body.starts_with(b"PK"));
    let csv = call(&app, "GET", "/admin/recapitulatif.csv", &c, None)
        .await
        .text();
    assert!(csv.contains("chateaubriant"));
    let log = call(&app, "GET", "/admin/journal.csv", &c, None)
        .await
        .text();
    assert!(log.starts_with("\u{feff}horodatage;membre;action;detail;adresse\r\n"));
    for action in ["deposit", "login", "reopen", "renew", "new-member"] {
        assert!(log.contains(&format!(";{action};")), "{action} in {log}");
    }
    assert!(
        !log.contains(&token) && !log.contains(&new),
        "no token in the log"
    );
    let page = call(&app, "GET", "/admin/journal", &c, None).await.text();
    assert!(page.contains("réouverture") && page.contains("dépôt"));
    let page = call(&app, "GET", &format!("/admin/membres/{id}"), &c, None).await;
    assert_eq!(page.status, StatusCode::OK);

    // Sign out: the session is gone.
    let a = call(
        &app,
        "POST",
        "/admin/logout",
        &c,
        Some(format!("csrf={csrf}")),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let a = call(&app, "GET", "/admin", &c, None).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
}

/// A session unused for longer than its idle time ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_ends() {
    let dir = common::sample_campaign();
    let root = dir.path();
    auth::set_password(&Db::open(root).unwrap(), PASSWORD).unwrap();
    let app = app(root);
    let (session, _) = sign_in(&app).await;
    let c = [("cookie", session.as_str())];
    assert_eq!(
        call(&app, "GET", "/admin", &c, None).await.status,
        StatusCode::OK
    );
    Db::open(root)
        .unwrap()
        .lock()
        .connection()
        .execute(
            "UPDATE sessions SET seen = seen - ?1",
            [auth::SESSION_IDLE + 1],
        )
        .unwrap();
    let a = call(&app, "GET", "/admin", &c, None).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
}

/// The top of the desk after one deposit: the files deposited out of all (number and bar, per
/// department), the days left, the needs confirmed apart from the estimated; the members late
/// with their contact, filtered and exported; the recap's portal columns, from the desk and
/// from `adhesion build`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_late_members_and_confirmed_needs() {
    let dir = common::sample_campaign();
    let root = dir.path();
    let db = Db::open(root).unwrap();
    auth::set_password(&db, PASSWORD).unwrap();
    let ids = ["laval", "mayenne", "ahuille"].map(str::to_owned);
    let invited = links::invite(&db, root, &ids).unwrap();
    drop(db);
    let app = app(root);
    let token = invited[0].1.clone().unwrap();
    let current = app.current(&token).unwrap().unwrap();
    assert!(
        app.deposit(&current, "").unwrap().is_ok(),
        "laval deposited"
    );
    let (session, _) = sign_in(&app).await;
    let c = [("cookie", session.as_str())];

    let html = call(&app, "GET", "/admin", &c, None).await.text();
    let cell = |id: &str| -> String {
        let at = html.find(&format!("id=\"{id}\">")).unwrap() + id.len() + 6;
        html[at..]
            .split('<')
            .next()
            .unwrap()
            .replace('\u{202f}', " ")
    };
    assert_eq!(cell("deposes"), "1 sur 6 (16 %)", "{html}");
    assert_eq!(cell("complets"), "0 sur 6 (0 %)");
    assert!(html.contains("<progress max=\"6\" value=\"1\""), "{html}");
    assert_eq!(cell("retards"), "5");
    // 10 January 2022, the deadline 15 January.
    assert_eq!(
        cell("echeance"),
        "Date limite des adhésions\u{a0}: 15\u{a0}janvier 2022, dans 5 jours"
    );
    let laval = adhesion_core::load::load_member(&root.join("members/53/laval.yaml"))
        .member
        .unwrap();
    let laval_pupils: i64 = laval.ecoles.value.iter().map(|e| e.eleves.value).sum();
    assert_eq!(cell("total-confirmes"), "1");
    assert_eq!(
        cell("total-eleves-confirmes").replace(' ', ""),
        laval_pupils.to_string()
    );
    assert_eq!(cell("total-estimes"), "5");
    // Mayenne (53): one of its three members deposited, two late.
    assert!(
        html.contains("<a href=\"/admin/retards?departement=53\">2</a>"),
        "{html}"
    );
    assert!(html.contains("Courriels\u{a0}: l’envoi n’est pas configuré"));

    // The members late, with their contact; filtered by department and status.
    let late = call(&app, "GET", "/admin/retards", &c, None).await.text();
    assert_eq!(late.matches("<tr data-id=").count(), 5, "{late}");
    assert!(!late.contains("data-id=\"laval\""));
    let mayenne = adhesion_core::load::load_member(&root.join("members/53/mayenne.yaml"))
        .member
        .unwrap();
    // The phone as the documents write it, its link without spaces.
    let phone = adhesion_portal::pages::phone_text(&mayenne.contact.telephone.value);
    assert!(phone.contains('\u{a0}'), "{phone}");
    assert!(late.contains(&format!(">{phone}</a>")), "{late}");
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    assert!(late.contains(&format!("href=\"tel:{digits}\"")), "{late}");
    let late = call(
        &app,
        "GET",
        "/admin/retards?departement=53&statut=invite",
        &c,
        None,
    )
    .await
    .text();
    assert_eq!(late.matches("<tr data-id=").count(), 2, "{late}");
    assert!(late.contains("href=\"/admin/retards.csv?departement=53&amp;statut=invite\""));

    // Exported with the same filter: the recap's spreadsheet format, and a workbook.
    let csv = call(&app, "GET", "/admin/retards.csv?departement=53", &c, None).await;
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    let text = csv.text();
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(
        lines[0],
        "Identifiant;Membre;Département;État;Contact;Téléphone;Courriel;Dernière modification"
    );
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("mayenne;") && l.contains(&phone))
    );
    let xlsx = call(&app, "GET", "/admin/retards.xlsx", &c, None).await;
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.body.to_vec())).unwrap();
    assert_eq!(book.worksheet_range("Retards").unwrap().height(), 6);

    // The recap says each member's standing and whether its needs are confirmed.
    let recap = call(&app, "GET", "/admin/recapitulatif.csv", &c, None)
        .await
        .text();
    let row = |csv: &str, id: &str| -> String {
        csv.lines()
            .find(|l| l.starts_with(&format!("{id};")))
            .unwrap()
            .to_owned()
    };
    assert!(
        row(&recap, "laval").ends_with(";déposé;confirmé"),
        "{recap}"
    );
    assert!(row(&recap, "mayenne").ends_with(";invité;estimé"));
    assert!(row(&recap, "le-mans").ends_with(";;estimé"));
    // So does `adhesion build`'s, read from the portal's database.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_adhesion"))
        .args(["build", "--quiet"])
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", "1641772800")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let built = std::fs::read_to_string(root.join("out/recapitulatif.csv")).unwrap();
    assert!(
        row(&built, "laval").ends_with(";généré;déposé;confirmé"),
        "{built}"
    );
    assert!(row(&built, "ahuille").ends_with(";généré;invité;estimé"));
    let pdf = common::pdftotext(&root.join("out/recapitulatif.pdf"), false);
    assert!(pdf.contains("besoins confirmés"), "{pdf}");
}
