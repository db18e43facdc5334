//! The daily commands end to end: the recap and the print file of `adhesion build`, `init`,
//! `new`, `import`, `watch`, and a build killed half-way then run again, each run as the binary
//! in a campaign copied into a temporary folder (nothing is written into the repository). PDFs
//! are read back with poppler's `pdftotext` and `pdfinfo` (poppler-utils).
//!
//! Expected numbers are never taken from the tool: they are recomputed here from the members'
//! YAML files or from the spreadsheets of `tests/fixtures/commands/` (small CSV files made by
//! hand from the open data of Mayenne's public schools) and the workbooks of
//! `tests/fixtures/import/` (see their `make.py`).

use crate::common::{copy_dir, flat, grouped, pdf_pages, pdfinfo};

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use calamine::Reader;
use serde::Deserialize;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_adhesion");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A run that takes longer than this is a hang: the child is killed and the test fails. Generous,
/// because a benchmark may share the machine.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The header of `out/recapitulatif.csv`.
const RECAP_HEADER: &str = "id;nom;nature;siren;insee;departement;signataire;courriel_contact;ecoles;eleves;signature;deliberation;statut;portail;besoin";

// ---------------------------------------------------------------------------------------------
// Helpers: campaigns, running the binary, reading PDFs and YAML.

fn fixture(name: &str) -> PathBuf {
    Path::new(REPO).join("tests/fixtures").join(name)
}

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: i32,
    stderr: String,
}

impl Run {
    #[track_caller]
    fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit status; stderr:\n{}", self.stderr);
        self
    }

    #[track_caller]
    fn assert_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "`{needle}` not on stderr:\n{}",
            self.stderr
        );
        self
    }

    fn last_line(&self) -> &str {
        self.stderr.lines().last().unwrap_or("")
    }
}

/// The binary, with a clean environment for reproducible documents.
fn command(cwd: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("LC_ALL", "en_US.UTF-8");
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Reads a pipe to its end on another thread, so that a chatty child never blocks.
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Waits for `child` until `deadline`, killing it (and failing) past it.
fn wait_until(child: &mut Child, deadline: Instant, what: &str) -> i32 {
    let patience = deadline.saturating_duration_since(Instant::now());
    let status = crate::common::wait_child(child, patience)
        .unwrap_or_else(|| panic!("`{what}` hung: killed at its deadline"));
    status
        .code()
        .unwrap_or_else(|| panic!("`{what}` was killed by a signal: {status:?}"))
}

/// Runs `adhesion ARGS` from `cwd`, with a timeout.
fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run_for(cwd, args, TIMEOUT)
}

/// Runs `adhesion ARGS` from `cwd`, killed and failing past `timeout`.
fn run_for(cwd: &Path, args: &[&str], timeout: Duration) -> Run {
    let what = format!("adhesion {}", args.join(" "));
    let start = Instant::now();
    let mut child = command(cwd, args).spawn().expect("cannot run the binary");
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let code = wait_until(&mut child, start + timeout, &what);
    let _ = out.join().unwrap();
    let stderr = err.join().unwrap();
    eprintln!("`{what}` took {:?}", start.elapsed());
    assert!(!stderr.contains("panicked"), "the tool panicked:\n{stderr}");
    Run { code, stderr }
}

/// A campaign in a temporary folder.
struct Campaign {
    _dir: TempDir,
    root: PathBuf,
}

impl Campaign {
    /// A copy of the repository's own campaign (groupement.yaml, members/, templates/).
    fn sample() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        let repo = Path::new(REPO);
        fs::copy(repo.join("groupement.yaml"), root.join("groupement.yaml")).unwrap();
        copy_dir(&repo.join("members"), &root.join("members"));
        copy_dir(&repo.join("templates"), &root.join("templates"));
        Self { _dir: dir, root }
    }

    /// A new, empty campaign made by `adhesion init`.
    fn init() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("campagne");
        run_in(dir.path(), &["init", root.to_str().unwrap()]).assert_code(0);
        Self { _dir: dir, root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Replaces `from` (which must be there) by `to` in a file of the campaign.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "`{from}` is not in {rel}");
        fs::write(self.path(rel), text.replacen(from, to, 1)).unwrap();
    }

    /// Runs `adhesion ARGS --root ROOT` from inside the campaign, as its coordinator would.
    fn run(&self, args: &[&str]) -> Run {
        let mut all = args.to_vec();
        all.extend(["--root", self.root.to_str().unwrap()]);
        run_in(&self.root, &all)
    }

    /// Adds `n` syndicates (one small school each, valid) to the members.
    fn add_syndicates(&self, n: u32) {
        for i in 0..n {
            let yaml = format!(
                "collectivite:\n  nom: Syndicat scolaire numéro {i}\n  nature: syndicat\n  siren: {}\n\
                 signataire:\n  civilite: Mme\n  prenom: Anne\n  nom: Martin\n  fonction: Présidente\n\
                 contact:\n  prenom: Paul\n  nom: Durand\n  telephone: 02 40 00 00 00\n  courriel: p.durand@example.fr\n\
                 ecoles:\n  - nom: École du syndicat {i}\n    type: primaire\n    eleves: {}\n    classes: 2\n",
                siren_with_key(20_000_000 + i),
                30 + i
            );
            fs::write(self.path(&format!("members/syndicat-{i:03}.yaml")), yaml).unwrap();
        }
    }

    /// The member files, as (id, path), sorted by id.
    fn members(&self) -> Vec<(String, PathBuf)> {
        fn walk(dir: &Path, out: &mut Vec<(String, PathBuf)>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "yaml") {
                    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
                    out.push((id, path));
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.path("members"), &mut out);
        out.sort();
        out
    }

    /// The names of the files directly under `members/`, sorted.
    fn member_file_names(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path("members"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// The page count of a PDF, from `pdfinfo`.
fn page_count(pdf: &Path) -> usize {
    pdfinfo(pdf)
        .get("Pages")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gives no page count for {}", pdf.display()))
}

/// The parts of a member file these tests look at, read independently of the product's model.
#[derive(Debug, Deserialize)]
struct MemberYaml {
    collectivite: CollectiviteYaml,
    signataire: PersonYaml,
    contact: ContactYaml,
    ecoles: Vec<SchoolYaml>,
}

#[derive(Debug, Deserialize)]
struct CollectiviteYaml {
    nom: String,
    siren: String,
    insee: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PersonYaml {
    prenom: String,
    nom: String,
}

#[derive(Debug, Deserialize)]
struct ContactYaml {
    nom: String,
    telephone: String,
    courriel: String,
}

#[derive(Debug, Deserialize)]
struct SchoolYaml {
    nom: String,
    uai: Option<String>,
    eleves: u64,
}

fn read_member(path: &Path) -> MemberYaml {
    let text = fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

impl MemberYaml {
    fn pupils(&self) -> u64 {
        self.ecoles.iter().map(|e| e.eleves).sum()
    }

    /// The department: the first two characters of the INSEE code.
    fn departement(&self) -> String {
        self.collectivite.insee.as_deref().unwrap_or("")[..2].to_owned()
    }

    /// UAI → pupils.
    fn schools(&self) -> BTreeMap<String, u64> {
        self.ecoles
            .iter()
            .map(|e| (e.uai.clone().unwrap_or_default(), e.eleves))
            .collect()
    }
}

/// A `;`-separated school list of `tests/fixtures/commands/`, read here: INSEE code → (SIREN,
/// UAI → pupils).
fn schools_by_commune(csv: &str) -> BTreeMap<String, (String, BTreeMap<String, u64>)> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (insee, siren, uai, eleves) = (col("Code INSEE"), col("SIREN"), col("UAI"), col("Élèves"));
    let mut out: BTreeMap<String, (String, BTreeMap<String, u64>)> = BTreeMap::new();
    for line in lines {
        let cells: Vec<&str> = line.split(';').collect();
        let entry = out
            .entry(cells[insee].to_owned())
            .or_insert_with(|| (cells[siren].to_owned(), BTreeMap::new()));
        entry
            .1
            .insert(cells[uai].to_owned(), cells[eleves].parse().unwrap());
    }
    out
}

/// The lines of stderr that are problems (`error:` or `warning:`), each with the `-->` line
/// that follows it.
fn problems(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("error:") || line.starts_with("warning:") {
            let at = lines
                .get(i + 1)
                .filter(|l| l.trim_start().starts_with("-->"))
                .map_or("", |l| l.trim());
            out.push(format!("{line} {at}"));
        }
    }
    out
}

/// (bytes, modification time, inode) of a file: all three stay when it is left untouched.
fn identity(path: &Path) -> (Vec<u8>, SystemTime, u64) {
    let meta = fs::metadata(path).unwrap();
    (
        fs::read(path).unwrap(),
        meta.modified().unwrap(),
        meta.ino(),
    )
}

// ---------------------------------------------------------------------------------------------
// 1. The recap: out/recapitulatif.csv and out/recapitulatif.pdf

#[test]
fn recap_totals_match_the_members_files_and_survive_a_no_change_rebuild() {
    let c = Campaign::sample();
    let members: Vec<(String, MemberYaml)> = c
        .members()
        .into_iter()
        .map(|(id, path)| (id, read_member(&path)))
        .collect();
    assert_eq!(members.len(), 6, "the sample campaign has six members");
    c.run(&["build", "-j", "1"])
        .assert_code(0)
        .assert_has("built 6 members");

    // The CSV: BOM, `;`, CRLF, one row per member in id order, numbers from the YAML files.
    let bytes = fs::read(c.path("out/recapitulatif.csv")).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "the CSV starts with a UTF-8 byte-order mark"
    );
    let csv = String::from_utf8(bytes).unwrap();
    let csv = csv.strip_prefix('\u{feff}').unwrap();
    assert!(csv.ends_with("\r\n"), "the last line ends with CRLF");
    assert_eq!(
        csv.matches('\n').count(),
        csv.matches("\r\n").count(),
        "every line ends with CRLF"
    );
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines[0], RECAP_HEADER);
    assert_eq!(lines.len(), members.len() + 1, "one row per member:\n{csv}");
    for ((id, m), line) in members.iter().zip(&lines[1..]) {
        let f: Vec<&str> = line.split(';').collect();
        assert_eq!(f.len(), 15, "15 fields: {line}");
        let insee = m.collectivite.insee.as_deref().unwrap();
        assert_eq!(
            (f[0], f[1], f[3], f[4], f[5]),
            (
                id.as_str(),
                m.collectivite.nom.as_str(),
                m.collectivite.siren.as_str(),
                insee,
                &insee[..2]
            ),
            "identity of {id}: {line}"
        );
        assert_eq!(f[7], m.contact.courriel, "contact of {id}");
        assert_eq!(f[8], m.ecoles.len().to_string(), "schools of {id}: {line}");
        assert_eq!(f[9], m.pupils().to_string(), "pupils of {id}: {line}");
        assert_eq!(f[12], "généré", "status of {id}");
    }

    // The PDF's totals: per department (first two characters of the INSEE code) and overall.
    let mut by_dep: BTreeMap<String, (usize, usize, u64)> = BTreeMap::new();
    for (_, m) in &members {
        let t = by_dep.entry(m.departement()).or_default();
        t.0 += 1;
        t.1 += m.ecoles.len();
        t.2 += m.pupils();
    }
    let total = by_dep
        .values()
        .fold((0, 0, 0), |a, t| (a.0 + t.0, a.1 + t.1, a.2 + t.2));
    let pdf = c.path("out/recapitulatif.pdf");
    let text = pdf_pages(&pdf, true).join("\n");
    let lines: Vec<String> = text.lines().map(flat).collect();
    let start = lines
        .iter()
        .position(|l| l == "Totaux")
        .expect("a totals table");
    let end = start + lines[start..].iter().position(|l| l == "Membres").unwrap();
    let table: Vec<&String> = lines[start + 1..end]
        .iter()
        .filter(|l| !l.is_empty())
        .collect();
    let mut expected = vec!["Département Membres Écoles Élèves".to_owned()];
    for (dep, (n, ecoles, eleves)) in &by_dep {
        expected.push(format!("{dep} {n} {ecoles} {}", grouped(*eleves)));
    }
    expected.push(format!(
        "Total {} {} {}",
        total.0,
        total.1,
        grouped(total.2)
    ));
    assert_eq!(table, expected.iter().collect::<Vec<_>>(), "totals table");

    // The workbook: identifiers as text, counts as numbers, totals, a sheet per department.
    let xlsx = c.path("out/recapitulatif.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let mut sheets = vec!["Récapitulatif".to_owned()];
    sheets.extend(by_dep.keys().map(|d| format!("Dép. {d}")));
    assert_eq!(book.sheet_names(), sheets, "a sheet per department");
    let text = |v: &str| Some(calamine::Data::String(v.to_owned()));
    let number = |n: f64| Some(calamine::Data::Float(n));
    let main = book.worksheet_range("Récapitulatif").unwrap();
    assert_eq!(main.height(), members.len() + 2, "header, members, totals");
    for (i, (id, m)) in members.iter().enumerate() {
        let row = i as u32 + 1;
        let cell = |c: u32| main.get_value((row, c)).cloned();
        let insee = m.collectivite.insee.as_deref().unwrap();
        assert_eq!(cell(0), text(id));
        assert_eq!(cell(3), text(&m.collectivite.siren), "SIREN of {id}");
        assert_eq!(cell(4), text(insee), "INSEE of {id}");
        assert_eq!(cell(5), text(&insee[..2]), "department of {id}");
        assert_eq!(cell(8), number(m.ecoles.len() as f64), "schools of {id}");
        assert_eq!(cell(9), number(m.pupils() as f64), "pupils of {id}");
    }
    let last = members.len() as u32 + 1;
    assert_eq!(main.get_value((last, 0)).cloned(), text("Total"));
    assert_eq!(
        [1, 8, 9].map(|c| main.get_value((last, c)).cloned()),
        [
            number(total.0 as f64),
            number(total.1 as f64),
            number(total.2 as f64)
        ],
        "the totals row"
    );
    for (dep, (n, ecoles, eleves)) in &by_dep {
        let sheet = book.worksheet_range(&format!("Dép. {dep}")).unwrap();
        let last = *n as u32 + 1;
        assert_eq!(sheet.height(), n + 2, "rows of {dep}");
        assert_eq!(
            [1, 8, 9].map(|c| sheet.get_value((last, c)).cloned()),
            [
                number(*n as f64),
                number(*ecoles as f64),
                number(*eleves as f64)
            ],
            "the totals of {dep}"
        );
    }

    // A rebuild that changes nothing leaves the recap's PDF and workbook alone.
    let before = identity(&pdf);
    let xlsx_before = identity(&xlsx);
    let run = c.run(&["build", "-j", "1"]);
    run.assert_code(0);
    assert_eq!(
        run.last_line(),
        "built 0 members (0 PDFs) in out, 6 unchanged"
    );
    assert!(identity(&pdf) == before, "recapitulatif.pdf was rewritten");
    assert!(
        identity(&xlsx) == xlsx_before,
        "recapitulatif.xlsx was rewritten"
    );
    assert_eq!(
        fs::read_to_string(c.path("out/recapitulatif.csv")).unwrap(),
        format!("\u{feff}{csv}"),
        "the CSV is the same"
    );
}

/// A SIREN with its Luhn key: `base` is its first eight digits.
fn siren_with_key(base: u32) -> String {
    let digits = format!("{base:08}");
    let sum: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap();
            // The key goes last: the digit before it is doubled.
            if i % 2 == 0 {
                let d2 = d * 2;
                if d2 > 9 { d2 - 9 } else { d2 }
            } else {
                d
            }
        })
        .sum();
    format!("{digits}{}", (10 - sum % 10) % 10)
}

#[test]
fn recap_longer_than_a_part_is_joined_with_its_pages_numbered_on() {
    let c = Campaign::sample();
    // 130 syndicates more than the sample's six members: the recap's PDF is compiled in three
    // parts of 50 rows, joined.
    c.add_syndicates(130);
    c.run(&["build", "-j", "2"])
        .assert_code(0)
        .assert_has("built 136 members");
    let pdf = c.path("out/recapitulatif.pdf");
    let pages = pdf_pages(&pdf, true);
    assert_eq!(pages.len(), page_count(&pdf));
    assert!(pages.len() > 3, "136 members fill more than three pages");
    // Every page ends with its number, from 1 on, across the parts.
    for (n, page) in pages.iter().enumerate() {
        let last = page.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
        assert!(
            last.trim_end().ends_with(&format!(" {}", n + 1)),
            "page {} ends with `{last}`",
            n + 1
        );
    }
    // Every member once, in id order, whatever part it fell in.
    let text = pages.join("\n");
    let ids: Vec<String> = c.members().into_iter().map(|(id, _)| id).collect();
    let mut at = 0;
    for id in &ids {
        let found = text[at..]
            .lines()
            .position(|l| l.split_whitespace().next() == Some(id.as_str()))
            .unwrap_or_else(|| panic!("{id} is not in the recap after the members before it"));
        at += text[at..]
            .lines()
            .take(found + 1)
            .map(|l| l.len() + 1)
            .sum::<usize>();
    }
    assert_eq!(
        text.lines()
            .filter(|l| l.trim_start().starts_with("syndicat-"))
            .count(),
        130,
        "each syndicate once"
    );
}

#[test]
fn recap_lists_a_member_in_error_with_its_status() {
    let c = Campaign::sample();
    // A wrong SIREN key: a validation error, the member gets no PDF.
    c.edit("members/53/mayenne.yaml", "215301474", "215301475");
    let run = c.run(&["build", "-j", "1"]);
    run.assert_code(1);
    assert_eq!(
        run.last_line(),
        "built 5 members (15 PDFs) in out, 1 failed"
    );
    assert!(!c.path("out/mayenne/convention.pdf").exists());

    let csv = fs::read_to_string(c.path("out/recapitulatif.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .split_terminator("\r\n")
        .skip(1)
        .map(|l| l.split(';').collect())
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    let expected: Vec<String> = c.members().into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, expected, "every member has its row, in id order");
    for r in &rows {
        let status = if r[0] == "mayenne" {
            "en erreur"
        } else {
            "généré"
        };
        assert_eq!(r[12], status, "status of {}", r[0]);
    }
    let text = pdf_pages(&c.path("out/recapitulatif.pdf"), true).join("\n");
    let row = text
        .lines()
        .find(|l| l.starts_with("mayenne "))
        .unwrap_or_else(|| panic!("no row of mayenne in the recap:\n{text}"));
    assert!(row.trim_end().ends_with("en erreur"), "{row}");
}

#[test]
fn recap_compiled_during_the_build_is_redone_when_typst_fails_a_member() {
    let c = Campaign::sample();
    // Valid data, but the annexe's template stops on this member: only Typst finds out, after
    // the recap was started from the rows every member would have if it built.
    c.edit(
        "templates/annexe-2.typ",
        "#annexe-2(",
        "#assert({{ c.nom | str }} != \"Ville de Laval\", message: \"annexe refusée\")\n#annexe-2(",
    );
    let run = c.run(&["build", "-j", "2"]);
    run.assert_code(1);
    assert!(run.stderr.contains("annexe refusée"), "{}", run.stderr);
    assert!(
        !c.path("out/laval/convention.pdf").exists(),
        "no PDF at all for laval"
    );
    assert!(c.path("out/mayenne/annexe-2.pdf").exists());

    let csv = c.read("out/recapitulatif.csv");
    let laval = csv.lines().find(|l| l.starts_with("laval;")).unwrap();
    assert!(laval.ends_with(";en erreur;;"), "no portal: {laval}");
    let text = pdf_pages(&c.path("out/recapitulatif.pdf"), true).join("\n");
    let row = text
        .lines()
        .find(|l| l.starts_with("laval "))
        .unwrap_or_else(|| panic!("no row of laval in the recap:\n{text}"));
    assert!(row.trim_end().ends_with("en erreur"), "{row}");
}

#[test]
fn recap_pdf_follows_the_campaign_file_and_its_template() {
    let c = Campaign::sample();
    c.run(&["build", "-j", "1"]).assert_code(0);
    let text = flat(&pdf_pages(&c.path("out/recapitulatif.pdf"), false).join("\n"));
    assert!(text.contains("Effectifs des écoles 2021-2022"), "{text}");

    // The school year is printed in the recap (and in every annexe 2).
    c.edit(
        "groupement.yaml",
        "annee_scolaire: 2021-2022",
        "annee_scolaire: 2024-2025",
    );
    c.run(&["build", "-j", "1"])
        .assert_code(0)
        .assert_has("built 6 members");
    let annexe = flat(&pdf_pages(&c.path("out/laval/annexe-2.pdf"), false).join("\n"));
    assert!(annexe.contains("2024-2025"), "the annexes follow: {annexe}");
    let text = flat(&pdf_pages(&c.path("out/recapitulatif.pdf"), false).join("\n"));
    assert!(
        text.contains("Effectifs des écoles 2024-2025"),
        "the recap still shows the old school year: {text}"
    );

    // So is the recap's own template.
    c.edit(
        "templates/recapitulatif.typ",
        "== Totaux",
        "== Totaux par département",
    );
    c.run(&["build", "-j", "1"]).assert_code(0);
    let text = flat(&pdf_pages(&c.path("out/recapitulatif.pdf"), false).join("\n"));
    assert!(text.contains("Totaux par département"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// 2. The print file: out/impression.pdf

/// Checks that the print file is every member's convention then annexe 2, in id order, page
/// by page, and returns its page count.
fn assert_print_file(c: &Campaign) -> usize {
    let print = c.path("out/impression.pdf");
    // (id, document, page, its text, whether it names the member).
    let mut expected: Vec<(String, &str, usize, String, Option<String>)> = Vec::new();
    for (id, path) in c.members() {
        let nom = flat(&read_member(&path).collectivite.nom);
        for doc in ["convention.pdf", "annexe-2.pdf"] {
            let pdf = c.path("out").join(&id).join(doc);
            let own = pdf_pages(&pdf, false);
            let n = own.len();
            assert_eq!(n, page_count(&pdf), "{}", pdf.display());
            for (i, text) in own.into_iter().enumerate() {
                // The member's name is on the convention's last page (signatures) and on the
                // annexe's first page.
                let names =
                    (doc == "convention.pdf" && i + 1 == n) || (doc == "annexe-2.pdf" && i == 0);
                expected.push((id.clone(), doc, i + 1, text, names.then(|| nom.clone())));
            }
        }
    }
    let pages = pdf_pages(&print, false);
    assert_eq!(
        page_count(&print),
        expected.len(),
        "pages of impression.pdf"
    );
    assert_eq!(pages.len(), expected.len());
    for (n, (page, (id, doc, p, text, nom))) in pages.iter().zip(&expected).enumerate() {
        let page = flat(page);
        if let Some(nom) = nom {
            assert!(
                page.contains(nom.as_str()),
                "page {} of the print file should be {id}'s {doc} and name `{nom}`:\n{page}",
                n + 1
            );
        }
        assert!(
            page == flat(text),
            "page {} of the print file should be page {p} of {id}/{doc}",
            n + 1
        );
    }
    expected.len()
}

#[test]
fn merge_prints_every_convention_then_annexe_in_member_order() {
    let c = Campaign::sample();
    let run = c.run(&["build", "--merge", "-j", "1"]);
    run.assert_code(0);
    let pages = assert_print_file(&c);
    assert_eq!(
        run.last_line(),
        format!("built 6 members (18 PDFs) in out; print file of {pages} pages")
    );

    // Nothing changed: no member is built, the print file is still whole.
    let run = c.run(&["build", "--merge", "-j", "1"]);
    run.assert_code(0);
    assert_eq!(
        run.last_line(),
        format!("built 0 members (0 PDFs) in out, 6 unchanged; print file of {pages} pages")
    );
    assert_eq!(assert_print_file(&c), pages);

    // One member changed: rebuilt, and the print file holds its new annexe among the others.
    c.edit("members/53/ahuille.yaml", "eleves: 109", "eleves: 118");
    let run = c.run(&["build", "--merge", "-j", "1"]);
    run.assert_code(0);
    assert_eq!(
        run.last_line(),
        format!("built 1 member (3 PDFs) in out, 5 unchanged; print file of {pages} pages")
    );
    assert_eq!(assert_print_file(&c), pages);
    let annexe = flat(&pdf_pages(&c.path("out/ahuille/annexe-2.pdf"), false).join("\n"));
    assert!(annexe.contains("118 élèves"), "{annexe}");
}

#[test]
fn merge_with_member_files_says_there_is_no_print_file() {
    let c = Campaign::sample();
    let run = c.run(&["build", "--merge", "members/53/ahuille.yaml", "-j", "1"]);
    assert!(!c.path("out/impression.pdf").exists());
    // The print file is of the whole campaign: refused as a usage error, or at least said.
    assert!(
        run.code == 2 || run.stderr.contains("impression") || run.stderr.contains("--merge"),
        "`--merge` was silently ignored (exit {}):\n{}",
        run.code,
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// 3. `init` and `new`

/// Fills the empty people fields of a file written by `adhesion new` or `import`, as a person
/// would in an editor: `section.key` → value.
fn fill_people(text: &str, values: &[(&str, &str)]) -> String {
    let mut section = "";
    let mut out = String::new();
    for line in text.lines() {
        if !line.starts_with([' ', '#', '-']) {
            section = line.split(':').next().unwrap_or("");
        }
        let key = line.trim_start().split(':').next().unwrap_or("");
        let path = format!("{section}.{key}");
        let value = values.iter().find(|(p, _)| *p == path).map(|(_, v)| *v);
        match value {
            Some(v) if line.contains(": \"\"") => {
                out.push_str(&line.replacen("\"\"", &format!("\"{v}\""), 1));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn init_then_new_make_a_campaign_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path();
    let root = tmp.join("campagne");
    let r = root.to_str().unwrap();
    run_in(tmp, &["init", "campagne"])
        .assert_code(0)
        .assert_has("created a campaign in campagne");
    assert!(root.join("groupement.yaml").is_file());
    assert!(root.join("members").is_dir());
    assert_eq!(fs::read_dir(root.join("members")).unwrap().count(), 0);
    let typ = |dir: &Path| -> BTreeSet<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".typ"))
            .collect()
    };
    let shipped = typ(&Path::new(REPO).join("templates"));
    assert!(shipped.contains("convention.typ") && shipped.contains("annexe-2.typ"));
    assert_eq!(
        typ(&root.join("templates")),
        shipped,
        "every template is shipped"
    );
    for name in &shipped {
        let len = fs::metadata(root.join("templates").join(name))
            .unwrap()
            .len();
        assert!(len > 0, "templates/{name} is empty");
    }
    let check = run_in(tmp, &["check", "--root", r]);
    check.assert_code(0);
    assert_eq!(check.last_line(), "checked 0 members");

    // A second init refuses the folder and leaves it alone.
    let groupement = fs::read(root.join("groupement.yaml")).unwrap();
    run_in(tmp, &["init", "campagne"])
        .assert_code(2)
        .assert_has("is not empty");
    assert_eq!(fs::read(root.join("groupement.yaml")).unwrap(), groupement);

    // A member from the list of communes: identifiers filled, people left to fill.
    run_in(
        tmp,
        &["new", "chateaubriant", "--insee", "44036", "--root", r],
    )
    .assert_code(0)
    .assert_has("members/chateaubriant.yaml");
    let file = root.join("members/chateaubriant.yaml");
    let m = read_member(&file);
    assert!(m.collectivite.nom.contains("Châteaubriant"), "{m:?}");
    assert_eq!(m.collectivite.siren, "214400368");
    assert_eq!(m.collectivite.insee.as_deref(), Some("44036"));
    assert_eq!(m.signataire.nom, "");
    let check = run_in(tmp, &["check", "--root", r]);
    check.assert_code(1);
    for field in [
        "signataire.prenom",
        "signataire.nom",
        "signataire.fonction",
        "contact.prenom",
        "contact.nom",
        "contact.telephone",
        "contact.courriel",
    ] {
        check.assert_has(&format!("`{field}` is empty"));
    }
    let at = problems(&check.stderr);
    assert!(
        at.iter().any(|p| p.contains("`signataire.nom` is empty")
            && p.contains("members/chateaubriant.yaml:")),
        "the problem names its file and line: {at:#?}"
    );
    assert_eq!(check.last_line(), "checked 1 member, 1 failed");

    // `new` never overwrites without `--force`.
    let before = fs::read(&file).unwrap();
    run_in(
        tmp,
        &["new", "chateaubriant", "--insee", "44036", "--root", r],
    )
    .assert_code(2)
    .assert_has("already exists");
    assert_eq!(fs::read(&file).unwrap(), before, "the file is unchanged");

    // An ambiguous name lists every commune of that name, from the bundled list.
    let communes =
        fs::read_to_string(Path::new(REPO).join("crates/adhesion-core/data/communes.txt")).unwrap();
    let beaulieu: Vec<&str> = communes
        .lines()
        .filter(|l| l.ends_with(";Beaulieu"))
        .map(|l| l.split(';').next().unwrap())
        .collect();
    assert!(beaulieu.len() > 1, "test data: Beaulieu is ambiguous");
    let run = run_in(tmp, &["new", "beaulieu", "--nom", "beaulieu", "--root", r]);
    run.assert_code(2)
        .assert_has(&format!("{} communes are called", beaulieu.len()));
    for code in &beaulieu {
        run.assert_has(&format!("--insee {code}"));
    }
    assert!(!root.join("members/beaulieu.yaml").exists());

    // Schools from a school list (the open data's format): the commune's, and only those.
    let list = fixture("commands/ecoles-ahuille.csv");
    let args = ["new", "ahuille", "--insee", "53001", "--ecoles"];
    let mut args = args.to_vec();
    args.extend([list.to_str().unwrap(), "--root", r]);
    run_in(tmp, &args).assert_code(0);
    let file = root.join("members/ahuille.yaml");
    let m = read_member(&file);
    assert_eq!(m.collectivite.siren, "215300013");
    assert_eq!(
        m.schools(),
        BTreeMap::from([("0530086F".to_owned(), 109), ("0530712L".to_owned(), 41)]),
        "the two schools of 53001, not Alexain's: {m:?}"
    );

    // Filled in by hand, the new member checks and builds.
    let filled = fill_people(
        &fs::read_to_string(&file).unwrap(),
        &[
            ("signataire.civilite", "M."),
            ("signataire.prenom", "Jean-Marc"),
            ("signataire.nom", "Lefèvre"),
            ("signataire.fonction", "Maire"),
            ("contact.prenom", "Zoé"),
            ("contact.nom", "Martin"),
            ("contact.telephone", "02 43 01 51 61"),
            ("contact.courriel", "mairie@ahuille.fr"),
        ],
    );
    fs::write(&file, filled).unwrap();
    let member = file.to_str().unwrap();
    run_in(tmp, &["check", member, "--root", r]).assert_code(0);
    run_in(tmp, &["build", member, "--root", r, "-j", "1"]).assert_code(0);
    let annexe = flat(&pdf_pages(&root.join("out/ahuille/annexe-2.pdf"), false).join("\n"));
    assert!(annexe.contains("Jean-Marc LEFÈVRE"), "{annexe}");
    assert!(annexe.contains("150 élèves"), "{annexe}");
}

// ---------------------------------------------------------------------------------------------
// 4. `import`

/// The member files the Mayenne fixture makes, by INSEE code.
const MAYENNE_IDS: [(&str, &str); 3] = [
    ("53097", "evron"),
    ("53140", "louverne"),
    ("53188", "renaze"),
];

#[test]
fn import_creates_members_once_after_a_dry_run() {
    let c = Campaign::init();
    let csv = fixture("commands/ecoles-mayenne.csv");
    let file = csv.to_str().unwrap();
    let expected = schools_by_commune(&fs::read_to_string(&csv).unwrap());
    assert_eq!(expected.len(), 3, "test data: three communes");

    let run = c.run(&["import", file, "--dry-run"]);
    run.assert_code(0);
    for (insee, id) in MAYENNE_IDS {
        let pupils: u64 = expected[insee].1.values().sum();
        run.assert_has(&format!("would create members/{id}.yaml: "))
            .assert_has(&format!("{pupils} pupils"));
    }
    assert_eq!(
        run.last_line(),
        "import of `ecoles-mayenne.csv`: 3 members: 3 to create (dry run: nothing written)"
    );
    assert!(c.member_file_names().is_empty(), "a dry run writes nothing");

    let run = c.run(&["import", file]);
    run.assert_code(0);
    assert_eq!(
        run.last_line(),
        "import of `ecoles-mayenne.csv`: 3 members: 3 created"
    );
    for (insee, id) in MAYENNE_IDS {
        run.assert_has(&format!("created members/{id}.yaml"));
        let m = read_member(&c.path(&format!("members/{id}.yaml")));
        assert_eq!(m.collectivite.insee.as_deref(), Some(insee));
        assert_eq!(m.collectivite.siren, expected[insee].0);
        assert_eq!(m.schools(), expected[insee].1, "schools of {id}");
    }

    // The files load: only the people, left for a person to fill in, are reported.
    let check = c.run(&["check"]);
    check.assert_code(1);
    assert_eq!(check.last_line(), "checked 3 members, 3 failed");
    let problems = problems(&check.stderr);
    assert!(!problems.is_empty());
    for p in &problems {
        assert!(
            p.starts_with("error: `signataire.") || p.starts_with("error: `contact."),
            "only empty people fields should be reported, not: {p}"
        );
    }
    for (_, id) in MAYENNE_IDS {
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`contact.courriel` is empty") && p.contains(id)),
            "{id}: {problems:#?}"
        );
    }

    // Again: nothing to do, nothing rewritten.
    let before: Vec<String> = MAYENNE_IDS
        .iter()
        .map(|(_, id)| c.read(&format!("members/{id}.yaml")))
        .collect();
    let run = c.run(&["import", file]);
    run.assert_code(0);
    for (_, id) in MAYENNE_IDS {
        run.assert_has(&format!("unchanged members/{id}.yaml"));
    }
    assert_eq!(
        run.last_line(),
        "import of `ecoles-mayenne.csv`: 3 members: 3 unchanged"
    );
    let after: Vec<String> = MAYENNE_IDS
        .iter()
        .map(|(_, id)| c.read(&format!("members/{id}.yaml")))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn import_updates_pupils_and_keeps_what_people_typed() {
    let c = Campaign::init();
    let csv = fixture("commands/ecoles-mayenne.csv");
    c.run(&["import", csv.to_str().unwrap()]).assert_code(0);

    // Évron's file, completed by hand: people, the council's own name, a school's accents.
    let evron = "\
# Évron: completed by the town hall.
collectivite:
  nom: Ville d'Évron
  nature: commune
  siren: \"200084697\"
  insee: \"53097\"
signataire:
  civilite: M.
  prenom: Joël
  nom: Balandraud
  fonction: Maire
contact:
  civilite: Mme
  prenom: Claire
  nom: Durand
  telephone: 02 43 01 62 00
  courriel: ecoles@evron.fr  # the schools' office
ecoles:
  - nom: École primaire de Châtres-la-Forêt
    uai: \"0530167U\"
    type: primaire
    eleves: 75
    classes: 3
  - nom: École primaire Jean Monnet
    uai: \"0530208N\"
    type: primaire
    eleves: 283
    classes: 14
  - nom: École primaire Les Petits Luatais
    uai: \"0530392N\"
    type: primaire
    eleves: 87
    classes: 4
";
    fs::write(c.path("members/evron.yaml"), evron).unwrap();
    c.run(&["check", "members/evron.yaml"]).assert_code(0);

    // The next school year: Jean Monnet has 291 pupils.
    let text = fs::read_to_string(&csv).unwrap();
    assert!(text.contains(";14;283\n"));
    let updated = text.replace(";14;283\n", ";14;291\n");
    let sheet = c.path("ecoles-2025.csv");
    fs::write(&sheet, &updated).unwrap();
    let run = c.run(&["import", sheet.to_str().unwrap()]);
    run.assert_code(0)
        .assert_has("updated members/evron.yaml: `ecoles[0530208N].eleves`: 283 → 291")
        .assert_has("unchanged members/louverne.yaml")
        .assert_has("unchanged members/renaze.yaml");
    assert_eq!(
        run.last_line(),
        "import of `ecoles-2025.csv`: 3 members: 1 updated, 2 unchanged"
    );

    let m = read_member(&c.path("members/evron.yaml"));
    let expected = schools_by_commune(&updated);
    assert_eq!(m.schools(), expected["53097"].1, "the pupils are updated");
    assert_eq!(m.collectivite.nom, "Ville d'Évron");
    assert_eq!(
        (m.signataire.prenom.as_str(), m.signataire.nom.as_str()),
        ("Joël", "Balandraud")
    );
    assert_eq!(m.contact.nom, "Durand");
    assert_eq!(m.contact.courriel, "ecoles@evron.fr");
    assert_eq!(flat(&m.contact.telephone), "02 43 01 62 00");
    assert_eq!(m.ecoles[0].nom, "École primaire de Châtres-la-Forêt");
    let text = c.read("members/evron.yaml");
    assert!(
        text.contains("# Évron: completed by the town hall."),
        "{text}"
    );
    assert!(text.contains("# the schools' office"), "{text}");
    c.run(&["check", "members/evron.yaml"]).assert_code(0);
}

#[test]
fn import_reports_identifiers_a_spreadsheet_damaged_and_skips_their_member() {
    let c = Campaign::init();
    // Row 3: Ahuillé's SIREN in scientific notation; row 4: Bourg-en-Bresse's INSEE code `1053`.
    let csv = fixture("commands/ecoles-abimees.csv");
    let run = c.run(&["import", csv.to_str().unwrap()]);
    run.assert_code(1);
    let problems = problems(&run.stderr);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].contains("SIREN `2,15300E+08`")
            && problems[0].contains("scientific notation")
            && problems[0].contains("ecoles-abimees.csv:3:"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("INSEE code `1053`")
            && problems[1].contains("leading zero")
            && problems[1].contains("ecoles-abimees.csv:4:"),
        "{}",
        problems[1]
    );
    run.assert_has("this one is probably `01053`")
        .assert_has("skipped members/ahuille.yaml: not written: row 3 has errors");
    assert_eq!(
        run.last_line(),
        "import of `ecoles-abimees.csv`: 3 members: 2 created, 1 skipped; 2 errors"
    );
    assert_eq!(c.member_file_names(), ["evron.yaml", "louverne.yaml"]);
    assert_eq!(
        read_member(&c.path("members/evron.yaml")).schools(),
        BTreeMap::from([("0530167U".to_owned(), 75)])
    );
}

#[test]
fn import_reads_a_workbook() {
    let c = Campaign::init();
    // ecoles.xlsx (make.py): Alexain's SIREN and Ambrières' INSEE code are number cells, as a
    // spreadsheet keeps a column nobody formatted as text: they are those identifiers.
    let xlsx = fixture("import/ecoles.xlsx");
    let run = c.run(&["import", xlsx.to_str().unwrap()]);
    run.assert_code(0)
        .assert_has("only the first of 2 sheets")
        .assert_has("created members/ahuille.yaml: 2 schools, 150 pupils")
        .assert_has("created members/alexain.yaml: 1 school, 40 pupils")
        .assert_has("created members/ambrieres-les-vallees.yaml: 1 school, 261 pupils");
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    assert_eq!(
        run.last_line(),
        "import of `ecoles.xlsx`: 3 members: 3 created"
    );
    assert_eq!(
        c.member_file_names(),
        ["ahuille.yaml", "alexain.yaml", "ambrieres-les-vallees.yaml"]
    );
    let m = read_member(&c.path("members/ahuille.yaml"));
    assert_eq!(m.collectivite.insee.as_deref(), Some("53001"));
    assert_eq!(m.collectivite.siren, "215300013");
    assert_eq!(
        m.schools(),
        BTreeMap::from([("0530086F".to_owned(), 109), ("0530712L".to_owned(), 41)])
    );
    let m = read_member(&c.path("members/alexain.yaml"));
    assert_eq!(m.collectivite.siren, "215300021");
    let m = read_member(&c.path("members/ambrieres-les-vallees.yaml"));
    assert_eq!(m.collectivite.insee.as_deref(), Some("53003"));
}

#[test]
fn import_reads_identifiers_typed_as_numbers() {
    let c = Campaign::init();
    // ecoles-nombres.xlsx (make.py): every identifier a number cell. Craon's and
    // Bourg-en-Bresse's (`1053`) rows are whole; the other four lost something and are refused,
    // each naming its cell.
    let xlsx = fixture("import/ecoles-nombres.xlsx");
    let run = c.run(&["import", xlsx.to_str().unwrap()]);
    run.assert_code(1)
        .assert_has("note: the INSEE code `1053` is a number in the spreadsheet: read as `01053`, its leading zero put back (cell E3)")
        .assert_has("error: the SIREN `215300000` is a number in the spreadsheet and fails its Luhn check: a digit is wrong or was rounded away (cell F4)\n  --> ")
        .assert_has("ecoles-nombres.xlsx:4:6\n")
        .assert_has("= hint: format the column `siren_commune` as text in the spreadsheet")
        .assert_has("created members/bourg-en-bresse.yaml: 1 school, 180 pupils")
        .assert_has("created members/craon.yaml: 1 school, 237 pupils")
        .assert_has("skipped members/ahuille.yaml: not written: row 4 has errors");
    assert_eq!(
        run.last_line(),
        "import of `ecoles-nombres.xlsx`: 6 members: 2 created, 4 skipped; 4 errors"
    );
    assert_eq!(
        c.member_file_names(),
        ["bourg-en-bresse.yaml", "craon.yaml"]
    );
    let m = read_member(&c.path("members/bourg-en-bresse.yaml"));
    assert_eq!(m.collectivite.insee.as_deref(), Some("01053"));
    assert_eq!(m.collectivite.siren, "210100533");
    let m = read_member(&c.path("members/craon.yaml"));
    assert_eq!(m.collectivite.insee.as_deref(), Some("53084"));
    assert_eq!(m.collectivite.siren, "215300849");
    assert_eq!(m.schools(), BTreeMap::from([("0530188S".to_owned(), 237)]));
}

// ---------------------------------------------------------------------------------------------
// 5. `watch`

#[test]
fn watch_rebuilds_a_member_when_its_file_is_saved() {
    let c = Campaign::sample();
    let start = Instant::now();
    let deadline = start + TIMEOUT;
    let args = [
        "watch",
        "members/53/ahuille.yaml",
        "--max-builds",
        "2",
        "-j",
        "1",
        "--root",
        c.root.to_str().unwrap(),
    ];
    let mut child = command(&c.root, &args).spawn().unwrap();
    let out = drain(child.stdout.take().unwrap());
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            all.push_str(&line);
            all.push('\n');
            let _ = tx.send(line);
        }
        all
    });

    // The first build.
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if line.starts_with("built ") => {
                assert_eq!(line, "built 1 member (3 PDFs) in out");
                break;
            }
            Ok(_) => {}
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("no first build reported within {TIMEOUT:?}: {e}");
            }
        }
    }
    let annexe = c.path("out/ahuille/annexe-2.pdf");
    assert!(flat(&pdf_pages(&annexe, false).join("\n")).contains("109 élèves"));

    // A real change of content: Suzanne Sens now has 118 pupils.
    let file = c.path("members/53/ahuille.yaml");
    let before = fs::metadata(&file).unwrap().modified().unwrap();
    c.edit("members/53/ahuille.yaml", "eleves: 109", "eleves: 118");
    if fs::metadata(&file).unwrap().modified().unwrap() == before {
        // A file system with coarse times: make the save visible.
        let f = fs::File::options().write(true).open(&file).unwrap();
        f.set_modified(before + Duration::from_secs(1)).unwrap();
    }

    let code = wait_until(&mut child, deadline, "adhesion watch");
    let _ = out.join().unwrap();
    let stderr = reader.join().unwrap();
    eprintln!("`adhesion watch` took {:?}", start.elapsed());
    assert_eq!(code, 0, "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        stderr.matches("built 1 member (3 PDFs) in out").count(),
        2,
        "two builds:\n{stderr}"
    );
    let text = flat(&pdf_pages(&annexe, false).join("\n"));
    assert!(text.contains("118 élèves"), "{text}");
    assert!(!text.contains("109"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// 6. An interrupted build

/// Every file under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The ids of the complete lines of the build's journal.
fn journaled(journal: &Path) -> BTreeSet<String> {
    #[derive(Deserialize)]
    struct Line {
        id: String,
    }
    let text = fs::read_to_string(journal).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<Line>(l).ok())
        .map(|l| l.id)
        .collect()
}

#[test]
fn a_build_killed_half_way_is_taken_up_where_it_stopped() {
    // Long runs on a shared machine: a hang is still caught, later.
    let timeout = TIMEOUT * 6;
    let c = Campaign::sample();
    c.add_syndicates(94);
    let total = 100;
    let root = c.root.to_str().unwrap();
    let journal = c.path("out/.manifest.journal");

    // One worker, killed (SIGKILL) once ten members are recorded as done.
    let mut child = command(&c.root, &["build", "-j", "1", "--root", root])
        .spawn()
        .unwrap();
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let journaled_ten = crate::common::poll(timeout, Duration::from_millis(2), || {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the build ended ({status:?}) before it was killed: give it more members");
        }
        (journaled(&journal).len() >= 10).then_some(())
    });
    if journaled_ten.is_none() {
        let _ = child.kill();
        panic!("no member journaled within {timeout:?}");
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    let (_, stderr) = (out.join().unwrap(), err.join().unwrap());
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9),
        "killed, not finished: {status:?}\n{stderr}"
    );

    // What the killed run left: whole PDFs only, and every member of the journal complete.
    let done = journaled(&journal);
    assert!(done.len() >= 10 && done.len() < total, "{}", done.len());
    for file in files_under(&c.path("out")) {
        if file.extension().is_some_and(|e| e == "pdf") {
            let bytes = fs::read(&file).unwrap();
            assert!(bytes.starts_with(b"%PDF-"), "{}", file.display());
            assert!(
                bytes.trim_ascii_end().ends_with(b"%%EOF"),
                "truncated: {}",
                file.display()
            );
        }
    }
    let pdfs = |ids: &BTreeSet<String>| -> Vec<PathBuf> {
        ids.iter()
            .flat_map(|id| {
                ["convention.pdf", "annexe-2.pdf", "modele-deliberation.pdf"]
                    .map(|name| c.path(&format!("out/{id}/{name}")))
            })
            .collect()
    };
    let before: Vec<_> = pdfs(&done).iter().map(|p| identity(p)).collect();

    // Taken up: only the members not journaled are built, the others left untouched.
    let run = run_for(&c.root, &["build", "-j", "2", "--root", root], timeout);
    run.assert_code(0);
    let left = total - done.len();
    // (The syndicates' schools have no UAI: a warning each.)
    assert_eq!(
        run.last_line(),
        format!(
            "built {left} members ({} PDFs) in out, {} unchanged, {} with warnings",
            left * 3,
            done.len(),
            total - 6
        )
    );
    let after: Vec<_> = pdfs(&done).iter().map(|p| identity(p)).collect();
    assert!(
        before == after,
        "the members done before the kill were rebuilt"
    );
    assert!(
        !journal.exists(),
        "the journal goes once the run is complete"
    );
    let files = files_under(&c.path("out"));
    let leftovers: Vec<_> = files
        .iter()
        .filter(|f| f.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The same bytes as a build from scratch.
    let resumed: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .map(|f| (f.clone(), fs::read(f).unwrap()))
        .collect();
    assert_eq!(
        resumed.len(),
        total * 3 + 1,
        "every member's PDFs and the recap"
    );
    run_for(
        &c.root,
        &["build", "--force", "-j", "2", "--root", root],
        timeout,
    )
    .assert_code(0)
    .assert_has(&format!("built {total} members"));
    for (file, bytes) in resumed {
        assert!(
            fs::read(&file).unwrap() == bytes,
            "{} differs",
            file.display()
        );
    }
}
