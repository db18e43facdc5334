//! Hostile values in every field: each scalar field of a valid member is replaced, one at a
//! time, by values pasted from spreadsheets, typed by mistake or made to break things, and a
//! whole campaign is built around that member. Each variant must be built or rejected with a
//! diagnostic naming the member's file: never a panic, never a hang, never a fatal error for the
//! whole run, never a PDF for a rejected member.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::common::{Finished, copy_dir, run_with_timeout};

const BIN: &str = env!("CARGO_BIN_EXE_adhesion");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A run that takes longer than this is a hang. Generous: the 100,000-character values are
/// laid out by Typst when they pass validation, and two variants run at a time.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A valid member with every field the data contract has, one school.
const MEMBER: &str = "\
collectivite:
  nom: Ville de Châteaubriant
  nature: commune
  siren: 214400368
  insee: 44036
  adresse: Hôtel de Ville, B.P. 189, 44146 Châteaubriant Cedex
signataire:
  civilite: M.
  prenom: Alain
  nom: Hunault
  fonction: Maire
contact:
  civilite: Mme
  prenom: Marie
  nom: Caillon
  telephone: 02 40 81 52 16
  courriel: m.caillon@ville-chateaubriant.fr
ecoles:
  - nom: École élémentaire Béré
    uai: 0440123V
    type: elementaire
    eleves: 120
    classes: 5
signature:
  lieu: Châteaubriant
  date: 2021-12-16
deliberation:
  date: 2021-12-16
  acte: 044-214400368-20211222-13-DE
  reception_prefecture: 2021-12-22
  publication: 2021-12-22
";

/// The values, as YAML source text put after `key: `.
fn hostile_values() -> Vec<(&'static str, String)> {
    vec![
        ("multi-byte in a code", "4é".to_owned()),
        (
            "combining accents",
            "\"Cha\u{302}teaubriant e\u{301}\"".to_owned(),
        ),
        (
            "zero-width characters",
            "\"a\\u200Bb\\u2060c\\uFEFF\"".to_owned(),
        ),
        (
            "right-to-left marks",
            "\"\\u200Fمدرسة\\u202Eabc\\u202C\"".to_owned(),
        ),
        ("emoji", "\"🏫 école 👩‍🏫\"".to_owned()),
        (
            "control characters",
            "\"a\\u0000b\\u0007c\\u001B[31m\"".to_owned(),
        ),
        ("line breaks", "\"ligne 1\\nligne 2\\r\\n\"".to_owned()),
        ("empty string", "\"\"".to_owned()),
        ("blank string", "\"   \"".to_owned()),
        ("no value", String::new()),
        ("null", "~".to_owned()),
        ("100,000 characters", "A".repeat(100_000)),
        ("100,000 multi-byte characters", "é".repeat(100_000)),
        ("100,000 digits", "1".repeat(100_000)),
        ("a list", "[a, b]".to_owned()),
        ("a map", "{a: 1}".to_owned()),
        ("a huge number", "99999999999999999999999999".to_owned()),
        ("a negative number", "-1".to_owned()),
        ("a float", "1.5e308".to_owned()),
        ("not a number", ".nan".to_owned()),
        ("a boolean", "yes".to_owned()),
        ("an impossible date", "2021-02-30".to_owned()),
        ("month 13", "2021-13-01".to_owned()),
        ("year zero", "0000-00-00".to_owned()),
        ("a far date", "99999-12-31".to_owned()),
        ("a binary tag", "!!binary aGVsbG8=".to_owned()),
        ("a custom tag", "!commune Laval".to_owned()),
        ("an int tag on text", "!!int Laval".to_owned()),
        ("an anchor", "&ancre Laval".to_owned()),
        ("an unknown alias", "*inconnu".to_owned()),
        (
            "Typst code",
            "\"#panic(\\\"x\\\") ] #pagebreak() [ $x$ \\\\\"".to_owned(),
        ),
        ("Tera code", "\"{{ groupement }} {% raw %}\"".to_owned()),
        ("HTML", "\"<script>alert(1)</script>\"".to_owned()),
    ]
}

/// Every `key: value` line of [`MEMBER`]: its index and the text before the value.
fn scalar_fields() -> Vec<(usize, String)> {
    MEMBER
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (key, value) = line.split_once(": ")?;
            (!value.is_empty()).then(|| (i, format!("{key}: ")))
        })
        .collect()
}

/// [`MEMBER`] with line `index` given `value`.
fn variant(index: usize, key: &str, value: &str) -> String {
    let mut text = String::new();
    for (i, line) in MEMBER.lines().enumerate() {
        if i == index {
            text.push_str(key);
            text.push_str(value);
        } else {
            text.push_str(line);
        }
        text.push('\n');
    }
    text
}

/// A campaign folder with the repository's campaign file and templates and no member yet.
fn campaign(dir: &Path) {
    fs::copy(
        Path::new(REPO).join("groupement.yaml"),
        dir.join("groupement.yaml"),
    )
    .unwrap();
    copy_dir(&Path::new(REPO).join("templates"), &dir.join("templates"));
    fs::create_dir_all(dir.join("members")).unwrap();
}

/// The files `adhesion build` left in `out/<id>/`.
fn outputs(root: &Path, id: &str) -> Vec<PathBuf> {
    match fs::read_dir(root.join("out").join(id)) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// What is wrong with one run of a variant, if anything.
fn judge(root: &Path, run: &Finished) -> Option<String> {
    let stderr = &run.stderr;
    if stderr.contains("panicked") || stderr.contains("internal error") {
        return Some(format!("panic:\n{stderr}"));
    }
    // A diagnostic quotes a value, not a pasted page: the excerpt and the message are cut.
    if stderr.len() > 20_000 {
        return Some(format!(
            "{} bytes of diagnostics:\n{}…",
            stderr.len(),
            stderr.chars().take(600).collect::<String>()
        ));
    }
    let files = outputs(root, "membre");
    match run.code {
        Some(0) => {
            let mut pdfs: Vec<_> = files
                .iter()
                .filter_map(|p| p.file_name()?.to_str())
                .collect();
            pdfs.sort_unstable();
            if pdfs != ["annexe-2.pdf", "convention.pdf", "modele-deliberation.pdf"] {
                return Some(format!("built, but out/membre holds {pdfs:?}"));
            }
            for pdf in &files {
                let bytes = fs::read(pdf).unwrap();
                let tail = &bytes[bytes.len().saturating_sub(32)..];
                if !bytes.starts_with(b"%PDF-") || !tail.windows(5).any(|w| w == b"%%EOF") {
                    return Some(format!("{} is not a whole PDF", pdf.display()));
                }
            }
            None
        }
        Some(1) => {
            if !stderr.contains("error:") || !stderr.contains("membre.yaml") {
                return Some(format!(
                    "failed without a diagnostic naming the file:\n{stderr}"
                ));
            }
            // The rendered sources of a failed member stay for its Typst errors to point at;
            // a PDF or a temporary file would be a half-written output.
            let written: Vec<_> = files
                .iter()
                .filter(|p| p.extension().is_none_or(|e| e != "typ"))
                .collect();
            (!written.is_empty()).then(|| format!("rejected, but out/membre holds {written:?}"))
        }
        Some(code) => Some(format!(
            "exit status {code} (fatal for the whole run):\n{stderr}"
        )),
        None => Some(format!("hung or killed by a signal:\n{stderr}")),
    }
}

#[test]
fn every_field_survives_every_hostile_value() {
    let fields = scalar_fields();
    let values = hostile_values();
    assert!(fields.len() >= 25, "fields found: {}", fields.len());
    let cases: Vec<(usize, &str, &str, &str)> = fields
        .iter()
        .flat_map(|(line, key)| {
            values
                .iter()
                .map(move |(name, value)| (*line, key.as_str(), *name, value.as_str()))
        })
        .collect();

    // Two workers, each with a campaign of its own whose one member is rewritten per variant.
    let next = AtomicUsize::new(0);
    let problems = Mutex::new(Vec::new());
    let (mut built, mut rejected) = (AtomicUsize::new(0), AtomicUsize::new(0));
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                let dir = tempfile::tempdir().unwrap();
                let root = dir.path();
                campaign(root);
                let file = root.join("members/membre.yaml");
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(line, key, name, value)) = cases.get(i) else {
                        break;
                    };
                    let _ = fs::remove_dir_all(root.join("out"));
                    fs::write(&file, variant(line, key, value)).unwrap();
                    let mut cmd = Command::new(BIN);
                    cmd.env("LC_ALL", "en_US.UTF-8");
                    cmd.args(["build", "--quiet", "--root"]).arg(root);
                    let run = run_with_timeout(&mut cmd, TIMEOUT);
                    let field = key.trim().trim_start_matches("- ").trim_end_matches(": ");
                    match judge(root, &run) {
                        Some(problem) => problems
                            .lock()
                            .unwrap()
                            .push(format!("line {} (`{field}`) = {name}: {problem}", line + 1)),
                        None if run.code == Some(0) => _ = built.fetch_add(1, Ordering::Relaxed),
                        None => _ = rejected.fetch_add(1, Ordering::Relaxed),
                    }
                }
            });
        }
    });
    let problems = problems.into_inner().unwrap();
    let (built, rejected) = (*built.get_mut(), *rejected.get_mut());
    eprintln!(
        "{} variants: {built} built, {rejected} rejected",
        cases.len()
    );
    assert!(
        problems.is_empty(),
        "{} of {} variants went wrong:\n{}",
        problems.len(),
        cases.len(),
        problems.join("\n\n")
    );
    // Both outcomes happen: the hostile values reach the documents, not only the validator.
    assert!(
        built > 0 && rejected > 0,
        "built {built}, rejected {rejected}"
    );
}

/// The typo of the issue: a non-ASCII INSEE code in one member of a whole campaign made the
/// recap panic, and no member got its PDFs.
#[test]
fn a_non_ascii_insee_code_fails_its_member_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    campaign(root);
    copy_dir(&Path::new(REPO).join("members"), &root.join("members"));
    fs::write(
        root.join("members/membre.yaml"),
        MEMBER
            .replace("insee: 44036", "insee: \"4é\"")
            .replace("214400368", "213502388")
            .replace("0440123V", "0350004P"),
    )
    .unwrap();
    let run = run_with_timeout(
        Command::new(BIN)
            .env("LC_ALL", "en_US.UTF-8")
            .args(["build", "--quiet", "--root"])
            .arg(root),
        TIMEOUT,
    );
    assert_eq!(run.code, Some(1), "stderr:\n{}", run.stderr);
    assert!(run.stderr.contains("membre.yaml"), "{}", run.stderr);
    assert!(outputs(root, "membre").is_empty());
    for id in ["chateaubriant", "laval", "le-mans"] {
        assert_eq!(outputs(root, id).len(), 3, "{id}: {:?}", outputs(root, id));
    }
    let recap = fs::read_to_string(root.join("out/recapitulatif.csv")).unwrap();
    let row = recap
        .lines()
        .find(|l| l.contains("membre"))
        .unwrap_or_else(|| panic!("no row of the failed member in the recap:\n{recap}"));
    assert!(row.contains("erreur"), "{row}");
}
