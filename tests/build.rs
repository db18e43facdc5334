//! End-to-end tests of the `adhesion` binary: campaigns in, PDFs out, read back with poppler's
//! `pdftotext` and `pdfinfo` (poppler-utils must be installed).
//!
//! Every test copies a campaign (the repository's own sample, or a fixture under
//! `tests/fixtures/valid/` completed with the repository's `templates/`) into its own temporary
//! folder and runs the binary there with `--root`; nothing is written into the repository.
//! `SOURCE_DATE_EPOCH` is removed from the environment of every run unless a test sets it.
//!
//! Golden files: `tests/golden/` holds the rendered Typst sources of Châteaubriant (written with
//! `--emit-typ`), laid out as under `out/`. After an intended change of the templates, refresh them
//! with `UPDATE_GOLDEN=1 cargo test --release --test tests build::` and review the diff
//! before committing.

use crate::common::{copy_dir, flat, grouped, pdf_pages, pdfinfo, pdftotext};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_adhesion");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Pages of every sample convention: the legal text is the same for every member and fills three
/// A4 pages and the top of a fourth (10 pt Adhesion Sans, that is Liberation Sans), where the
/// unbreakable signature block goes. A change here is a change of layout worth looking at.
const CONVENTION_PAGES: usize = 4;
/// Pages of every sample annexe 2: the commitment sheet, then the detail of the schools after a
/// page break. The largest sample member (Le Mans, 33 schools) fits on one detail page.
const ANNEXE_PAGES: usize = 2;

const CONVENTION_SUBJECT: &str = "Convention d'adhésion à un groupement de commandes pour la mise en place d'un environnement numérique de travail dans les écoles de l'académie de Nantes";
const ANNEXE_SUBJECT: &str =
    "Tableau d'engagement des collectivités portant expression des besoins";
/// The page footers, removed before reading the text as one flow.
const FOOTERS: [&str; 3] = [
    "Convention d'adhésion - groupement de commandes e-primo",
    "Annexe 2 - tableau d'engagement - groupement de commandes e-primo",
    "Modèle de délibération - groupement de commandes e-primo",
];

// ---------------------------------------------------------------------------------------------
// Helpers: campaigns, running the binary, reading PDFs, normalizing text.

/// A copy of the repository's own campaign (groupement.yaml, members/, templates/).
fn sample_campaign() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(REPO);
    fs::copy(
        repo.join("groupement.yaml"),
        dir.path().join("groupement.yaml"),
    )
    .unwrap();
    copy_dir(&repo.join("members"), &dir.path().join("members"));
    copy_dir(&repo.join("templates"), &dir.path().join("templates"));
    dir
}

/// A copy of `tests/fixtures/valid/<name>/`, with the repository's templates when the fixture
/// has none (fixtures hold data, the templates under test are the real ones).
fn fixture_campaign(name: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(REPO).join("tests/fixtures/valid").join(name),
        dir.path(),
    );
    if !dir.path().join("templates").exists() {
        copy_dir(
            &Path::new(REPO).join("templates"),
            &dir.path().join("templates"),
        );
    }
    dir
}

/// Every file under `dir`, sorted, relative to `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(path.strip_prefix(base).unwrap().to_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The names of the folders directly under `out`, sorted: one per member built (files at the top
/// of `out/`, such as recap files or the manifest of incremental builds, are left out).
fn output_folders(out: &Path) -> Vec<String> {
    let mut folders: Vec<String> = fs::read_dir(out)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", out.display()))
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    folders
}

/// Asserts that `dir` holds a convention and an annexe 2.
#[track_caller]
fn assert_both_pdfs(dir: &Path) {
    for pdf in ["convention.pdf", "annexe-2.pdf"] {
        assert!(dir.join(pdf).is_file(), "no {pdf} in {}", dir.display());
    }
}

/// The member files of a campaign, as (id, path), sorted by id.
fn member_files(root: &Path) -> Vec<(String, PathBuf)> {
    let mut members: Vec<(String, PathBuf)> = files_under(&root.join("members"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, root.join("members").join(p))
        })
        .collect();
    members.sort();
    members
}

/// What one run of the binary did.
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

/// Runs `adhesion ARGS --root ROOT` from inside `root`, with `env` added to the environment.
fn adhesion_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.env("LC_ALL", "en_US.UTF-8");
    cmd.args(args)
        .arg("--root")
        .arg(root)
        .current_dir(root)
        .env_remove("SOURCE_DATE_EPOCH");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let out = cmd.output().expect("cannot run the adhesion binary");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn adhesion(root: &Path, args: &[&str]) -> Run {
    adhesion_env(root, args, &[])
}

/// Runs the binary and insists on exit status 0.
fn build(root: &Path, args: &[&str]) -> Run {
    let run = adhesion(root, args);
    assert_eq!(
        run.status,
        0,
        "`adhesion {}` exited with {}; stderr:\n{}",
        args.join(" "),
        run.status,
        run.stderr
    );
    run
}

/// The XMP metadata stream of a PDF.
fn pdf_xmp(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg("-meta")
        .arg(pdf)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// [`flat`], plus what legitimately differs between the seed's text and the typeset one:
/// "…" and "...", en dash and hyphen, "62 %" and "62%".
fn normalize(text: &str) -> String {
    let text = text.replace('…', "...").replace(['–', '—'], "-");
    flat(&text).replace(" %", "%")
}

/// The raw text of a PDF without its page footers and page numbers ("2/4").
fn without_footers(pdf: &Path) -> String {
    let raw = pdftotext(pdf, false);
    let kept: Vec<&str> = raw
        .lines()
        .filter(|line| {
            let l = normalize(line);
            let page_number = l.split_once('/').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.chars().all(|c| c.is_ascii_digit())
                    && b.chars().all(|c| c.is_ascii_digit())
            });
            !page_number && !FOOTERS.contains(&l.as_str())
        })
        .collect();
    kept.join("\n")
}

/// The text of a PDF as one flow, footers removed, [`normalize`]d.
fn body_text(pdf: &Path) -> String {
    normalize(&without_footers(pdf))
}

/// Asserts that every item of `expected` appears in `text`, in that order.
fn assert_in_order(text: &str, expected: &[String], what: &str) {
    let mut from = 0;
    for (i, item) in expected.iter().enumerate() {
        match text[from..].find(item.as_str()) {
            Some(at) => from += at + item.len(),
            None => {
                let earlier = if text.contains(item.as_str()) {
                    "it appears, but before the previous item"
                } else {
                    "it does not appear at all"
                };
                let next: String = text[from..].chars().take(400).collect();
                panic!(
                    "{what}: item {} of {} is missing ({earlier}):\n    {item}\ntext after the previous item:\n    {next}",
                    i + 1,
                    expected.len()
                );
            }
        }
    }
}

/// Asserts that `text` holds `needle`, showing the text when it does not.
#[track_caller]
fn assert_has(text: &str, needle: &str, what: &str) {
    assert!(
        text.contains(needle),
        "{what}: `{needle}` not found in:\n{text}"
    );
}

/// Asserts that `label` is followed by a dotted line to fill by hand.
#[track_caller]
fn assert_dotted(text: &str, label: &str) {
    let at = text
        .find(label)
        .unwrap_or_else(|| panic!("`{label}` missing in:\n{text}"));
    let after: String = text[at + label.len()..].chars().take(12).collect();
    assert!(
        after.chars().filter(|&c| c == '.').count() >= 5,
        "`{label}` should be followed by a dotted line, got `{after}`"
    );
}

/// The parts of a member file these tests look at, read independently of the product's model.
#[derive(Debug, Deserialize)]
struct MemberYaml {
    collectivite: CollectiviteYaml,
    signataire: PersonYaml,
    contact: PersonYaml,
    ecoles: Vec<SchoolYaml>,
    signature: Option<SignatureYaml>,
}

#[derive(Debug, Deserialize)]
struct CollectiviteYaml {
    nom: String,
    adresse: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PersonYaml {
    prenom: String,
    nom: String,
    fonction: Option<String>,
    telephone: Option<String>,
    courriel: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SchoolYaml {
    nom: String,
    uai: Option<String>,
    eleves: u64,
}

#[derive(Debug, Deserialize)]
struct SignatureYaml {
    date: Option<String>,
}

fn read_member(path: &Path) -> MemberYaml {
    let text = fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A French number as printed: national form in pairs, "+33 2 43 …" → "02 43 …".
fn phone_pairs(typed: &str) -> String {
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let national = match typed.trim().strip_prefix("+33") {
        Some(_) => format!("0{}", digits[2..].trim_start_matches('0')),
        None => digits,
    };
    assert_eq!(
        national.len(),
        10,
        "test helper: unexpected phone `{typed}`"
    );
    let pairs: Vec<String> = national
        .as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    pairs.join(" ")
}

/// "2021-12-16" → "16 décembre 2021", "2022-01-01" → "1er janvier 2022".
fn date_in_words(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let parts: Vec<u32> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    let day = if parts[2] == 1 {
        "1er".to_owned()
    } else {
        parts[2].to_string()
    };
    format!("{day} {} {}", MONTHS[parts[1] as usize - 1], parts[0])
}

/// A valid UAI: 7 digits and the check letter.
fn uai(number: u32) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    format!("{number:07}{}", LETTERS[(number % 23) as usize] as char)
}

/// Whether a `-layout` line is the header row of the schools' table.
fn is_table_header(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words == ["École", "UAI", "Type", "Classes", "Élèves"]
}

/// Checks the detail pages (all pages after the first) of an annexe 2: each starts its table
/// with the header row, the schools come row by row in the order of the data, each once, and the
/// total closes the table on the last page. Returns the number of detail pages.
fn assert_detail_table(pdf: &Path, schools: &[SchoolYaml]) -> usize {
    let pages = pdf_pages(pdf, true);
    // A row reads "name UAI type classes pupils" on one `-layout` line.
    let row_start = |s: &SchoolYaml| match &s.uai {
        Some(uai) => format!("{} {}", flat(&s.nom), uai.to_uppercase()),
        None => flat(&s.nom),
    };
    let mut next = 0;
    let mut rows = 0;
    for (p, page) in pages.iter().enumerate().skip(1) {
        let lines: Vec<String> = page.lines().map(flat).collect();
        let header = lines
            .iter()
            .position(|l| is_table_header(l))
            .unwrap_or_else(|| {
                panic!(
                    "{}: page {} has no header row of the schools' table:\n{page}",
                    pdf.display(),
                    p + 1
                )
            });
        for line in &lines[..header] {
            assert!(
                !schools.iter().any(|s| line.starts_with(&row_start(s))),
                "{}: page {}: a school comes before the header row: {line}",
                pdf.display(),
                p + 1
            );
        }
        for line in &lines[header + 1..] {
            if schools.iter().any(|s| line.starts_with(&row_start(s))) {
                rows += 1;
            }
            let Some(school) = schools.get(next) else {
                continue;
            };
            if !line.starts_with(&row_start(school)) {
                continue;
            }
            let pupils = format!(" {}", grouped(school.eleves));
            assert!(
                line.ends_with(&pupils),
                "{}: row of `{}` should end with its {} pupils: {line}",
                pdf.display(),
                school.nom,
                school.eleves
            );
            next += 1;
        }
    }
    assert_eq!(
        next,
        schools.len(),
        "{}: only {next} of {} schools found in order on the detail pages",
        pdf.display(),
        schools.len()
    );
    assert_eq!(
        rows,
        schools.len(),
        "{}: every school has exactly one row",
        pdf.display()
    );
    let n = schools.len();
    let total = format!("Total : {n} {}", if n == 1 { "école" } else { "écoles" });
    let last = flat(pages.last().unwrap());
    assert_has(&last, &total, "the total closes the table on the last page");
    let totals = pages
        .iter()
        .map(|p| flat(p).matches("Total :").count())
        .sum::<usize>();
    assert_eq!(
        totals,
        1,
        "{}: the total row must appear once",
        pdf.display()
    );
    pages.len() - 1
}

// ---------------------------------------------------------------------------------------------
// The legal text of the convention, from the seed.

/// The legal text of the FIRST copy of the convention in the seed
/// (`tests/fixtures/seed/chateaubriant.txt`), from "Vu le Code Général" to "Tribunal Administratif
/// de Nantes.", one sentence (or list item, or "Vu" line) per entry, headings where they stand.
///
/// Corrections of the OCR and deliberate differences of the product, nothing else:
/// - "ENT 1<sup>er</sup> degré": the OCR's markup for the superscript; the text reads "1er".
/// - "plus de 1090 écoles": the product groups thousands ("1 090"), as French typography wants.
/// - ARTICLE 5 "d'un d'Environnement Numérique": a typo of the original, the product prints
///   "d'un Environnement Numérique".
/// - ARTICLE 5 "intègrera": the first copy's spelling; the product prints "intégrera" (the
///   spelling of the seed's second copy).
/// - Headings: the seed mixes "ARTICLE 1 - ", "ARTICLE 2 – ", "ARTICLE 3 –RETRAIT", "4.2
///   Gouvernance", "7.1 Obligation"; the product writes every heading "N – Title" (en dash with
///   spaces: "ARTICLE 3 – RETRAIT-EXCLUSION", "4.2 – Gouvernance"), which is what is listed.
/// - List items: the seed's "- " bullets are left out (the PDF shows "•").
/// - "62%", "40%", "60%": left as in the seed; [`normalize`] drops the space the product puts
///   before "%".
const CONVENTION_TEXT: &[&str] = &[
    "Vu le Code Général des Collectivités territoriales,",
    "Vu le Code de l'Éducation,",
    "Vu le Schéma Directeur des Espaces Numériques de Travail du Ministère de l'Éducation nationale (Version 6.4),",
    "Vu le code de la commande publique dans sa version du 01/04/2019,",
    "Il est constitué entre les communes signataires de la présente convention et le rectorat de Nantes, ci-après dénommés « adhérents », un groupement de commandes.",
    "La dénomination du groupement est : « Environnement Numérique de Travail dans les écoles de l'Académie de Nantes, ENT 1er degré e-primo ».",
    "PRÉAMBULE",
    "La présente convention traduit la volonté commune du rectorat de l'académie de Nantes et des collectivités territoriales adhérentes au groupement de poursuivre le partenariat, initié en 2013, relatif au déploiement d'un environnement numérique de travail (ENT) pour les écoles situées sur tout ou partie de leur territoire.",
    "Cet ENT, nommé e-primo, vise à fournir à tous les membres de la communauté éducative un point d'accès unique à un ensemble de services numériques, en rapport avec leurs activités, accessible en tout temps et tout lieu depuis n'importe quel terminal relié à l'internet.",
    "L'ENT du premier degré de l'académie de Nantes constitue la déclinaison locale d'un projet national, piloté par le Ministère de l'Éducation nationale qui en a fixé le périmètre à travers la rédaction d'un Schéma Directeur des Environnements de Travail qui en est aujourd'hui à sa sixième version (SDET V6.4).",
    "Ce projet vient en prolongement du projet e-lyco, ENT du second degré, lancé en 2009 en partenariat entre le rectorat, la région et les 5 départements de l'académie.",
    "Cet ENT, généralisé à tout le territoire académique, pour l'ensemble des collèges et lycées, publics ou privés, ainsi que certains établissements agricoles, concerne, depuis 2014, plus de 650 établissements et plus d'un million d'utilisateurs.",
    "Aujourd'hui 62% des élèves de l'enseignement primaire public de l'académie bénéficient d'e-primo dans plus de 1 090 écoles utilisatrices.",
    "Ce nouveau marché répond également à la volonté de diffuser encore plus largement la solution e-primo sur le territoire académique.",
    "Liste des documents annexés :",
    "annexe 1 : copie de la délibération donnant autorisation de contracter visée par le contrôle de légalité",
    "annexe 2 : tableau d'engagement des collectivités portant expression des besoins",
    "ARTICLE 1 – OBJET DE LA CONVENTION",
    "La présente convention a pour objet de constituer un groupement de commandes et d'en définir les modalités d'organisation et de fonctionnement.",
    "Ce groupement de commandes passera un marché public dont la finalité sera de mettre à disposition des écoles situées sur le territoire des collectivités membres dudit groupement, une solution unique d'environnement numérique de travail.",
    "Ce groupement de commandes sera constitué conformément aux articles L2113-6 à L2113-8 du code de la commande publique.",
    "ARTICLE 2 – ADHÉSION AU GROUPEMENT DE COMMANDES",
    "Sont membres du groupement de commandes le rectorat, les communes, communautés de communes, EPCI, syndicats mixtes ou autres établissements publics signataires de la convention, sur la base d'une autorisation expresse à signer les présentes, donnée par leur assemblée délibérative aux maires ou présidents de communautés ou d'établissements publics.",
    "Une copie de la délibération est à fournir en annexe de la convention.",
    "L'adhésion de chacun des membres résulte de la décision souveraine de chaque collectivité.",
    "L'adhésion de nouveaux membres après la clôture du recensement des besoins soumis à la consultation n'est plus possible jusqu'à la fin du marché considéré.",
    "La date limite d'inscription au groupement est fixée au 15 janvier 2022 et se matérialisera par l'envoi en recommandé avec accusé de réception de la convention signée et annexée des documents listés en fin de convention à l'adresse : Rectorat de Nantes – Délégation Académique au Numérique Éducatif – 4, rue de la Houssinière – BP 72616 – 44 326 Nantes cedex 3.",
    "Peuvent adhérer au présent marché les collectivités listées au premier alinéa du présent article situées sur le territoire de l'académie de Nantes, qu'elles soient déjà utilisatrices de la solution e-primo pour leur(s) école(s) ou non.",
    "L'adhésion au présent groupement de commandes est d'une durée de 48 mois.",
    "ARTICLE 3 – RETRAIT-EXCLUSION",
    "Retrait : le retrait n'est pas possible durant les 24 premiers mois du présent marché.",
    "En l'absence de demande de retrait exprimée par l'envoi en recommandé avec accusé de réception d'un courrier au rectorat dans les deux mois qui précèdent la fin de la première période de 24 mois, la collectivité reste engagée pour les 24 derniers mois du marché.",
    "Exclusion : l'exclusion pourra être prononcée, en cas de non-exécution, suite à une procédure judiciaire et en observant la décision du juge compétent.",
    "ARTICLE 4 – FONCTIONNEMENT DU GROUPEMENT DE COMMANDES",
    "Le marché public, objet de la présente convention, relève d'un groupement de commandes conforme aux articles L2113-6 à L2113-8 du code de la commande publique.",
    "Les adhérents mandatent le coordonnateur, nommé le rectorat de Nantes, pour passer, signer, notifier le marché conformément aux besoins exprimés dans l'annexe jointe.",
    "Chaque membre du groupement prend en charge l'exécution du marché pour ce qui le concerne conformément aux articles L2113-6 à L2113-8 du code de la commande publique.",
    "4.1 – Missions du coordonnateur",
    "Le coordonnateur du groupement est chargé de procéder aux opérations suivantes :",
    "recueillir l'adhésion des membres du groupement qui comportera en annexe les besoins exprimés,",
    "rédiger le dossier de consultation des entreprises (DCE) composé du CCTP (cahier des clauses techniques particulières), CCAP (cahier des clauses administratives particulières), RC (règlement de la consultation), BPU (bordereau de prix unitaire), AE (acte d'engagement),",
    "procéder à la publication du marché,",
    "rédiger le rapport d'analyse des offres,",
    "signer le marché,",
    "notifier le marché au candidat retenu,",
    "envoyer à chaque adhérent les documents nécessaires à l'exécution du marché.",
    "Le coordonnateur tient à la disposition des adhérents les informations relatives à l'activité du groupement.",
    "4.2 – Gouvernance",
    "La gouvernance du projet est assurée par un Comité de pilotage animé par le rectorat.",
    "Ce Comité comprend des représentants de l'Éducation nationale, rectorat et directions des services départementaux de l'Éducation nationale, et des collectivités partenaires.",
    "Le Comité de pilotage a vocation à se réunir à des étapes clés du marché (initialisation, évaluation...).",
    "Des groupes de pilotage départementaux portant sur le développement du numérique dans les écoles assureront le suivi local du déploiement et des usages d'e-primo.",
    "Des représentants des collectivités adhérentes pourront être invités à siéger dans ces groupes de pilotage.",
    "ARTICLE 5 – PÉRIMÈTRE DU MARCHÉ",
    "Le marché public porte sur la mise à disposition, par un prestataire extérieur, d'un Environnement Numérique de Travail qui s'appuie sur une solution libre, Open ENT-NG.",
    "Pour tous les membres du groupement, la solution est proposée en mode locatif, dit SaaS (Software as a Service).",
    "Au-delà des élèves des écoles entrant dans le périmètre du groupement de commandes, les services numériques constitutifs de l'ENT seront accessibles aux enseignants, aux parents ou responsables légaux de l'élève, aux agents territoriaux travaillant dans l'école, aux partenaires (sportifs, culturels...) travaillant avec l'école et, en partie, aux représentants de la collectivité locale et des services de l'Éducation nationale (inspecteurs de circonscription, conseillers pédagogiques...).",
    "Outre la fourniture et l'intégration de la solution elle-même, la prestation intégrera l'hébergement du service, son maintien en condition opérationnelle de fonctionnement, selon des taux de disponibilité fixés dans le CCTP, l'évolution de la solution et, de manière optionnelle, l'articulation avec certaines briques du système d'information des membres du groupement.",
    "ARTICLE 6 – CALENDRIER ET DURÉE DU MARCHÉ",
    "La durée du marché passé par le groupement est fixée à 48 mois.",
    "Le calendrier prévisionnel du marché est fixé comme suit :",
    "15 janvier 2022 : date limite de réception au rectorat de la convention du groupement de commandes,",
    "entre le 08/04/2022 et le 12/04/2022 : notification du marché,",
    "19 juillet 2022 : date d'entrée en vigueur du nouveau marché.",
    "ARTICLE 7 – MODALITÉS DE PARTICIPATION FINANCIÈRE DES MEMBRES DU GROUPEMENT ET ENGAGEMENTS RÉCIPROQUES",
    "7.1 – Obligation des adhérents",
    "Chaque adhérent partenaire finance, pour ce qui le concerne, la fourniture de comptes d'accès à l'ENT pour les élèves de ses écoles ou de ses utilisateurs.",
    "Le choix du nombre d'écoles bénéficiant du service est du seul ressort de chaque adhérent.",
    "Sur la durée du marché la collectivité ne pourra pas commander moins de comptes que le besoin exprimé lors de l'adhésion au présent groupement de commandes (annexe 2).",
    "Ces principes constituent un engagement contractuel.",
    "Chaque membre du groupement étant titulaire de son marché, il s'acquitte des factures qui lui sont adressées directement par l'attributaire du marché.",
    "Les adhérents au groupement s'engagent par ailleurs à participer, ou à se faire représenter, aux instances de pilotage du projet telles que décrites plus haut.",
    "7.2 – Prestations particulières du rectorat et des services académiques",
    "Le rectorat prend à sa charge, sur la durée du marché, la formation des enseignants et l'accompagnement des utilisateurs à travers des actions pilotées par les Inspecteurs d'Académie-Directeurs académiques des services de l'éducation nationale (IA-DASEN).",
    "Ces actions de formation sont coordonnées par l'académie, le département ou la circonscription.",
    "Elles s'appuient sur la mobilisation des équipes de circonscription : Inspecteurs de l'éducation nationale, conseillers pédagogiques, enseignants référents pour les usages du numérique.",
    "Le rectorat assure également le pilotage du projet à travers la préparation, l'animation et le compte rendu des réunions afférentes aux structures de gouvernance et de suivi.",
    "Il informe régulièrement les membres du groupement de l'avancement du projet, sur la base d'une rubrique dédiée au projet sur le site académique.",
    "Il participe au processus d'évaluation du projet, dans ses aspects pédagogiques, par le biais des corps d'inspection.",
    "Le rectorat représente le groupement de commandes au sein de la gouvernance Open ENT-NG.",
    "L'assistance aux utilisateurs présente 3 niveaux.",
    "Une plateforme d'appels inter-académique intervient au niveau 1 en lien avec les personnes ressources du niveau local.",
    "La Délégation Académique au Numérique Éducatif (DANE) et la Direction des Systèmes d'Information (DSI) du rectorat interviennent au niveau 2 et sont en lien permanent avec le prestataire intervenant au niveau 3.",
    "7.3 – Prix",
    "Dans le cadre du marché public ouvert à la concurrence qui sera publié une fois le groupement de commandes constitué, le règlement de la consultation fixera le poids du critère prix à 40% de la note finale des candidatures examinées par la commission d'appel d'offres.",
    "La qualité des exigences fonctionnelles représentera quant à elle 60% de la note finale.",
    "ARTICLE 8 – DURÉE DE LA CONVENTION",
    "La présente convention, dont la durée se confond avec celle du marché, prend effet à compter de la date du 19 juillet 2022.",
    "La procédure d'appel d'offres du marché e-primo pourra être lancée dès la dernière signature recueillie, soit au plus tôt le 16 janvier 2022.",
    "La convention prend fin à l'issue du marché, soit le 19 juillet 2026.",
    "ARTICLE 9 – LITIGES",
    "Les litiges relatifs à cette exécution relèveront de la compétence exclusive du Tribunal Administratif de Nantes.",
];

/// The headings of the convention, in order: articles 1 to 9 and their sub-articles.
const CONVENTION_HEADINGS: &[&str] = &[
    "ARTICLE 1 –",
    "ARTICLE 2 –",
    "ARTICLE 3 –",
    "ARTICLE 4 –",
    "4.1 –",
    "4.2 –",
    "ARTICLE 5 –",
    "ARTICLE 6 –",
    "ARTICLE 7 –",
    "7.1 –",
    "7.2 –",
    "7.3 –",
    "ARTICLE 8 –",
    "ARTICLE 9 –",
];

/// The text of the model deliberation that is the same for every member: a deliberation as
/// town halls write it, its « Exposé » after the deliberation of Châteaubriant.
const DELIBERATION_TEXT: &[&str] = &[
    "Délibération n° :",
    "Nombre de membres en exercice :",
    "Nombre de votants :",
    "Présents :",
    "Secrétaire de séance :",
    "Modèle de délibération (annexe 1 de la convention d'adhésion)",
    "Objet : adhésion à un groupement de commandes pour la mise en place d'un environnement numérique de travail dans les écoles de l'académie de Nantes",
    "Exposé",
    "L'ENT e-primo vise à fournir à tous les membres de la communauté éducative un point d'accès unique à un ensemble de services numériques, en rapport avec leurs activités, accessible en tout temps et en tout lieu.",
    "Afin d'étendre le déploiement de l'ENT, e-primo, sur le territoire, l'académie de Nantes propose aux collectivités, le désirant, d'adhérer à un groupement de commandes pour la période 2022-2026.",
    "La convention prévoit l'adhésion au groupement pour la durée du marché, soit 48 mois, sans retrait possible pendant les 24 premiers mois",
    "Délibération",
    "Vu le code de la commande publique, et notamment ses articles L. 2113-6 et L. 2113-7 relatifs aux groupements de commandes ;",
    "Compte tenu de ce qui précède et",
    "Article 1 – D'adhérer au groupement de commandes",
    "pour la durée du marché, du 19 juillet 2022 au 19 juillet 2026.",
    "Article 3 – D'autoriser",
    "à signer la convention d'adhésion au groupement de commandes pour la mise en place d'un ENT, son annexe 2",
    "Article 4 – De dire que les dépenses correspondantes seront inscrites au budget",
    "Pour :",
    "Contre :",
    // « Abstentions : » ends the row of Pour and Contre, but pdftotext reads the third column
    // after the signatures' grid: its presence is checked on its own.
    "Fait et délibéré à",
    "Le secrétaire de séance,",
    "Certifié exécutoire par",
    "compte tenu de la transmission en préfecture le",
];

// ---------------------------------------------------------------------------------------------
// 1. The sample campaign.

#[test]
fn sample_campaign_builds_every_member_with_metadata() {
    let campaign = sample_campaign();
    let root = campaign.path();
    let run = build(root, &["build"]);
    let members = member_files(root);
    assert_eq!(members.len(), 6, "the sample campaign has six members");
    assert_has(&run.stderr, "built 6 members", "the summary");

    for (id, path) in &members {
        let member = read_member(path);
        let nom = flat(&member.collectivite.nom);
        for (pdf, pages, subject) in [
            ("convention.pdf", CONVENTION_PAGES, CONVENTION_SUBJECT),
            ("annexe-2.pdf", ANNEXE_PAGES, ANNEXE_SUBJECT),
        ] {
            let file = root.join("out").join(id).join(pdf);
            assert!(file.is_file(), "{id}: no {pdf}");
            let info = pdfinfo(&file);
            let what = format!("{id}/{pdf}");
            assert_eq!(info["Pages"], pages.to_string(), "{what}: page count");
            assert!(
                flat(&info["Title"]).contains(&nom),
                "{what}: title `{}` lacks `{nom}`",
                info["Title"]
            );
            assert_eq!(
                flat(&info["Author"]),
                format!("Rectorat de Nantes, {nom}"),
                "{what}: author"
            );
            assert_eq!(flat(&info["Subject"]), subject, "{what}: subject");
            for keyword in ["groupement de commandes", "e-primo"] {
                assert!(
                    info["Keywords"].split(", ").any(|k| k == keyword),
                    "{what}: keyword `{keyword}` in `{}`",
                    info["Keywords"]
                );
            }
            assert_eq!(info["Tagged"], "yes", "{what}: tagged PDF");
            assert!(
                info["Page size"].contains("(A4)"),
                "{what}: page size {}",
                info["Page size"]
            );
            assert_eq!(
                info["CreationDate"], "2021-11-15T00:00:00Z",
                "{what}: the campaign's date_edition"
            );
            let xmp = pdf_xmp(&file);
            for claim in [
                "<pdfaid:part>2</pdfaid:part>",
                "<pdfaid:conformance>B</pdfaid:conformance>",
                "<pdfuaid:part>1</pdfuaid:part>",
                "<rdf:li>fr-FR</rdf:li>",
            ] {
                assert_has(
                    &xmp,
                    claim,
                    &format!("{what}: XMP metadata (PDF/A-2b, PDF/UA-1, French)"),
                );
            }
        }
    }
    let ids: Vec<String> = members.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(
        output_folders(&root.join("out")),
        ids,
        "one output folder per member, no other"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. The convention's text against the seed.

#[test]
fn convention_text_follows_the_seed_sentence_by_sentence() {
    let campaign = sample_campaign();
    let root = campaign.path();
    build(root, &["build"]);
    let text = body_text(&root.join("out/chateaubriant/convention.pdf"));

    let sentences: Vec<String> = CONVENTION_TEXT.iter().map(|s| normalize(s)).collect();
    assert_in_order(&text, &sentences, "the convention's legal text");
    let headings: Vec<String> = CONVENTION_HEADINGS.iter().map(|s| normalize(s)).collect();
    assert_in_order(&text, &headings, "the convention's headings");

    // The seed's OCR typos must not have crept in.
    for typo in [
        "HUNAUULT",
        "e-primos",
        "d'un d'Environnement",
        "intègrera",
        "–RETRAIT",
    ] {
        assert!(
            !text.contains(&normalize(typo)),
            "the convention prints the seed's typo `{typo}`"
        );
    }

    // The signature block comes after the legal text.
    let end = "Tribunal Administratif de Nantes.";
    let signatures = &text[text.find(end).expect("end of the legal text") + end.len()..];
    for expected in [
        "Le recteur de la région académique Pays de la Loire et de l'académie de Nantes, Chancelier des universités",
        "Coordonnateur du groupement de commandes",
        "Nom de la collectivité adhérente : Ville de Châteaubriant",
        "Fonction du signataire : Maire",
        "Nom du signataire : Alain HUNAULT",
        "Fait à Châteaubriant, le 16 décembre 2021",
    ] {
        assert_has(signatures, &normalize(expected), "the signature block");
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Annexe 2 of every sample member.

#[test]
fn deliberation_is_headed_by_the_member_not_the_academie() {
    let campaign = sample_campaign();
    let root = campaign.path();
    let ahuille = root.join("members/53/ahuille.yaml");
    let yaml = fs::read_to_string(&ahuille).unwrap();
    assert!(yaml.contains("nature: commune"));
    fs::write(&ahuille, yaml.replace("nature: commune", "nature: autre")).unwrap();
    build(root, &["build"]);
    let text = body_text(&root.join("out/chateaubriant/modele-deliberation.pdf"));
    let mut expected: Vec<String> = [
        "Ville de Châteaubriant",
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL",
        "Séance publique du jeudi 16 décembre 2021",
    ]
    .iter()
    .chain(DELIBERATION_TEXT)
    .map(|s| normalize(s))
    .collect();
    // The member's own: its assembly, its visa, its signatory, its act.
    for (before, own) in [
        (
            "Délibération",
            "Vu le code général des collectivités territoriales, et notamment son article L. 2121-29 ;",
        ),
        (
            "Compte tenu de ce qui précède et",
            "après en avoir délibéré, le conseil municipal décide :",
        ),
        ("Article 3 – D'autoriser", "Alain HUNAULT, Maire,"),
    ] {
        let at = expected
            .iter()
            .position(|e| *e == normalize(before))
            .unwrap();
        expected.insert(at + 1, normalize(own));
    }
    // The act's facts complete the last item, « compte tenu de la transmission en préfecture le ».
    expected.pop();
    expected.push(normalize("le Maire, compte tenu de la transmission en préfecture le 22 décembre 2021 (identifiant de l'acte : 044-214400368-20211222-13-DE) et de la publication le 22 décembre 2021."));
    assert_in_order(&text, &expected, "Châteaubriant's deliberation");
    assert!(
        text.starts_with(
            "Ville de Châteaubriant EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL"
        ),
        "the member heads its deliberation:\n{text}"
    );
    for academie in ["ACADÉMIE", "DE NANTES", "Liberté"] {
        assert!(
            !text.contains(academie),
            "the académie's letterhead (`{academie}`) is on the deliberation:\n{text}"
        );
    }
    for figure in [
        "Nombre de membres présents :",
        "Pour :",
        "Abstentions :",
        "Le secrétaire de séance,",
    ] {
        assert_dotted(&text, figure);
    }

    // Without a known session, its date is a dotted line.
    let laval = body_text(&root.join("out/laval/modele-deliberation.pdf"));
    assert!(
        laval.starts_with("Ville de Laval EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL Séance publique du"),
        "Laval's heading:\n{laval}"
    );
    assert_dotted(&laval, "Séance publique du");

    // Any other body: the fallback, with its article elided, and its statutes as a visa.
    let autre = body_text(&root.join("out/ahuille/modele-deliberation.pdf"));
    assert_has(
        &autre,
        "DÉLIBÉRATIONS DE L'ASSEMBLÉE DÉLIBÉRANTE Séance publique du",
        "Ahuillé's heading",
    );
    assert_has(
        &autre,
        "délibéré, l'assemblée délibérante décide",
        "Ahuillé's decision",
    );
    assert_has(
        &autre,
        "Vu les statuts de Commune d'Ahuillé",
        "Ahuillé's statutes",
    );
    assert_has(&autre, "par le Président", "Ahuillé's president");
}

#[test]
fn annexe_2_prints_every_field_of_every_sample_member() {
    let campaign = sample_campaign();
    let root = campaign.path();
    build(root, &["build"]);

    for (id, path) in member_files(root) {
        let m = read_member(&path);
        let pdf = root.join("out").join(&id).join("annexe-2.pdf");
        let pages = pdf_pages(&pdf, false);
        let sheet = flat(&pages[0]);
        let what = format!("{id}: annexe 2, page 1");

        let signataire = format!(
            "{} {}",
            m.signataire.prenom,
            m.signataire.nom.to_uppercase()
        );
        let fonction = m.signataire.fonction.as_deref().unwrap();
        let ecoles = m.ecoles.len() as u64;
        let eleves: u64 = m.ecoles.iter().map(|e| e.eleves).sum();
        let mut expected = vec![
            format!("Commune ou collectivité {}", m.collectivite.nom),
            format!("Nom du signataire {signataire}, {fonction}"),
            format!(
                "Nom - Prénom {} {}",
                m.contact.nom.to_uppercase(),
                m.contact.prenom
            ),
            format!(
                "Numéro de téléphone {}",
                phone_pairs(m.contact.telephone.as_deref().unwrap())
            ),
            format!("Courriel {}", m.contact.courriel.as_deref().unwrap()),
            format!(
                "Nombre d'écoles (détail en page 2) {} {}",
                grouped(ecoles),
                if ecoles == 1 { "école" } else { "écoles" }
            ),
            format!(
                "Nombre d'élèves estimés (Effectifs totaux des écoles 2021-2022) {} {}",
                grouped(eleves),
                if eleves == 1 { "élève" } else { "élèves" }
            ),
            format!(
                "Je soussigné(e) {signataire} maire / président(e) de {}",
                m.collectivite.nom
            ),
        ];
        if let Some(date) = m.signature.as_ref().and_then(|s| s.date.as_deref()) {
            expected.push(format!("Date et signature : {}", date_in_words(date)));
        }
        expected.push(format!("Fonction : {fonction}"));
        expected.push(format!("Prénom NOM : {signataire}"));
        let expected: Vec<String> = expected.iter().map(|e| flat(e)).collect();
        assert_in_order(&sheet, &expected, &what);

        let detail = flat(&pages[1]);
        assert_has(
            &detail,
            &flat(&format!("Détail des écoles – {}", m.collectivite.nom)),
            &id,
        );
        assert_detail_table(&pdf, &m.ecoles);
    }
}

/// Le Mans, the largest sample member: its 33 schools all fit under the header row of the one
/// detail page (the table's flow over several pages is tested with a bigger member below).
#[test]
fn annexe_2_of_le_mans_lists_its_33_schools() {
    let campaign = sample_campaign();
    let root = campaign.path();
    build(root, &["build", "members/72/le-mans.yaml"]);
    let m = read_member(&root.join("members/72/le-mans.yaml"));
    assert_eq!(m.ecoles.len(), 33);
    let pdf = root.join("out/le-mans/annexe-2.pdf");
    assert_eq!(
        assert_detail_table(&pdf, &m.ecoles),
        1,
        "detail pages of Le Mans"
    );
    let total = flat(&pdf_pages(&pdf, true)[1]);
    assert_has(
        &total,
        "Total : 33 écoles 264 4 944",
        "totals of classes and pupils",
    );
}

#[test]
fn annexe_2_detail_table_flows_over_pages_repeating_its_header() {
    let campaign = sample_campaign();
    let root = campaign.path();
    fs::remove_dir_all(root.join("members")).unwrap();
    // A member big enough for three detail pages, generated with valid UAIs.
    let mut yaml = String::from(
        "collectivite:\n  nom: Syndicat intercommunal des écoles du bocage\n  nature: syndicat\n  siren: \"200053593\"\n\
         signataire:\n  civilite: Mme\n  prenom: Anne\n  nom: Martin\n  fonction: Présidente\n\
         contact:\n  prenom: Paul\n  nom: Durand\n  telephone: 02 41 00 00 00\n  courriel: ecoles@bocage.fr\n\
         ecoles:\n",
    );
    for i in 1..=90u32 {
        yaml.push_str(&format!(
            "  - nom: École primaire numéro {i}\n    uai: {}\n    type: primaire\n    eleves: {}\n    classes: 5\n",
            uai(4_490_000 + i),
            80 + i
        ));
    }
    fs::create_dir_all(root.join("members/49")).unwrap();
    fs::write(root.join("members/49/bocage.yaml"), &yaml).unwrap();

    let run = build(root, &["build"]);
    assert!(
        !run.stderr.contains("warning"),
        "the generated member is clean:\n{}",
        run.stderr
    );
    let m = read_member(&root.join("members/49/bocage.yaml"));
    let pdf = root.join("out/bocage/annexe-2.pdf");
    let detail_pages = assert_detail_table(&pdf, &m.ecoles);
    assert!(
        detail_pages >= 2,
        "90 schools should need several detail pages, got {detail_pages}"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Blank forms.

#[test]
fn blank_forms_have_dotted_lines_and_no_member_data() {
    let campaign = sample_campaign();
    let root = campaign.path();
    let run = build(root, &["build", "--blank"]);
    assert_has(&run.stderr, "built the blank forms", "the summary");
    assert_eq!(
        output_folders(&root.join("out")),
        ["vierge"],
        "only the blank forms are written"
    );
    assert_both_pdfs(&root.join("out/vierge"));

    let convention = body_text(&root.join("out/vierge/convention.pdf"));
    let annexe = flat(&pdftotext(&root.join("out/vierge/annexe-2.pdf"), false));
    for label in [
        "Nom de la collectivité adhérente :",
        "Fonction du signataire :",
        "Nom du signataire :",
        "Date et signature :",
    ] {
        assert_dotted(&convention, label);
    }
    for label in [
        "Commune ou collectivité",
        "Nom du signataire",
        "Nom - Prénom",
        "Numéro de téléphone",
        "Courriel",
        "Je soussigné(e)",
        "maire / président(e) de",
        "Date et signature :",
        "Fonction :",
        "Prénom NOM :",
    ] {
        assert_dotted(&annexe, label);
    }
    // The legal text is all there; only the member's part is blank.
    assert_in_order(
        &convention,
        &CONVENTION_TEXT
            .iter()
            .map(|s| normalize(s))
            .collect::<Vec<_>>(),
        "the blank convention's legal text",
    );
    assert!(
        !annexe.contains("Total"),
        "the blank detail table has no total"
    );
    // The blank deliberation: headed by dotted lines, its text whole.
    let deliberation = body_text(&root.join("out/vierge/modele-deliberation.pdf"));
    assert!(
        deliberation.starts_with("....."),
        "the blank deliberation starts with the member's name to fill in:\n{deliberation}"
    );
    assert_dotted(&deliberation, "Séance publique du");
    assert_dotted(&deliberation, "Abstentions :");
    assert!(
        !deliberation.contains("ACADÉMIE") && !deliberation.contains("CONSEIL MUNICIPAL"),
        "the blank deliberation names neither the académie nor an assembly:\n{deliberation}"
    );
    assert_in_order(
        &deliberation,
        &DELIBERATION_TEXT
            .iter()
            .map(|s| normalize(s))
            .collect::<Vec<_>>(),
        "the blank deliberation's text",
    );
    assert_has(
        &deliberation,
        &normalize("après en avoir délibéré, le"),
        "the blank deliberation's decision",
    );
    assert!(
        !convention.contains("Fait à"),
        "no place of signature on a blank form"
    );

    for (_, path) in member_files(root) {
        let m = read_member(&path);
        let mut data = vec![
            m.collectivite.nom.clone(),
            m.signataire.nom.to_uppercase(),
            m.contact.nom.to_uppercase(),
            m.contact.courriel.clone().unwrap(),
            phone_pairs(m.contact.telephone.as_deref().unwrap()),
        ];
        data.extend(m.ecoles.iter().filter_map(|e| e.uai.clone()));
        for value in data {
            let value = flat(&value);
            assert!(
                !convention.contains(&value),
                "blank convention shows `{value}`"
            );
            assert!(!annexe.contains(&value), "blank annexe 2 shows `{value}`");
        }
    }
    for (pdf, title) in [
        (
            "convention.pdf",
            "Convention d'adhésion au groupement de commandes e-primo",
        ),
        ("annexe-2.pdf", "Annexe 2 – Tableau d'engagement – e-primo"),
    ] {
        let info = pdfinfo(&root.join("out/vierge").join(pdf));
        assert_eq!(
            flat(&info["Title"]),
            title,
            "blank {pdf}: no member in the title"
        );
        assert_eq!(
            info["Author"], "Rectorat de Nantes",
            "blank {pdf}: no member as author"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Reproducibility.

#[test]
fn two_builds_give_byte_identical_pdfs() {
    let campaign = sample_campaign();
    let root = campaign.path();
    build(root, &["build", "--out", "one"]);
    build(root, &["build", "--out", "two", "-j", "1"]);
    let one = files_under(&root.join("one"));
    let two = files_under(&root.join("two"));
    assert_eq!(one, two, "the same files in both output folders");
    assert!(
        one.contains(&PathBuf::from("recapitulatif.xlsx")),
        "the recap's workbook is written: {one:?}"
    );
    for (id, _) in member_files(root) {
        assert_both_pdfs(&root.join("one").join(id));
    }
    for file in &one {
        assert!(
            fs::read(root.join("one").join(file)).unwrap()
                == fs::read(root.join("two").join(file)).unwrap(),
            "{} differs between two builds",
            file.display()
        );
    }
}

#[test]
fn source_date_epoch_sets_the_pdf_dates() {
    let campaign = sample_campaign();
    let root = campaign.path();
    // 1700000000 is 2023-11-14 22:13:20 UTC: the documents are dated by the day.
    let run = adhesion_env(
        root,
        &["build", "--out", "epoch"],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    build(root, &["build", "--out", "plain"]);
    for pdf in ["chateaubriant/convention.pdf", "le-mans/annexe-2.pdf"] {
        let epoch = root.join("epoch").join(pdf);
        let info = pdfinfo(&epoch);
        assert_eq!(
            info["CreationDate"], "2023-11-14T00:00:00Z",
            "{pdf}: creation date"
        );
        assert_eq!(
            info["ModDate"], "2023-11-14T00:00:00Z",
            "{pdf}: modification date"
        );
        assert_has(
            &pdf_xmp(&epoch),
            "<xmp:CreateDate>2023-11-14T00:00:00+00:00</xmp:CreateDate>",
            pdf,
        );
        let plain = pdfinfo(&root.join("plain").join(pdf));
        assert_eq!(
            plain["CreationDate"], "2021-11-15T00:00:00Z",
            "{pdf}: date_edition without the variable"
        );
    }
    let bad = adhesion_env(
        root,
        &["build", "--out", "bad"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(
        bad.status, 2,
        "a SOURCE_DATE_EPOCH that is not a number is a usage error"
    );
    assert_has(
        &bad.stderr,
        "SOURCE_DATE_EPOCH",
        "the error names the variable",
    );
}

// ---------------------------------------------------------------------------------------------
// 6. One member.

#[test]
fn a_member_file_on_the_command_line_builds_only_that_member() {
    let campaign = sample_campaign();
    let root = campaign.path();
    let run = build(root, &["build", "members/44/chateaubriant.yaml"]);
    assert_has(&run.stderr, "built 1 member ", "the summary");
    assert_eq!(
        output_folders(&root.join("out")),
        ["chateaubriant"],
        "only Châteaubriant is built"
    );
    assert_both_pdfs(&root.join("out/chateaubriant"));
    let info = pdfinfo(&root.join("out/chateaubriant/annexe-2.pdf"));
    assert!(
        info["Title"].contains("Ville de Châteaubriant"),
        "title: {}",
        info["Title"]
    );
}

// ---------------------------------------------------------------------------------------------
// 7. Golden files of the rendered Typst.

#[test]
fn rendered_typst_matches_the_golden_files() {
    let campaign = sample_campaign();
    let root = campaign.path();
    build(
        root,
        &["build", "members/44/chateaubriant.yaml", "--emit-typ"],
    );
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let golden = Path::new(REPO).join("tests/golden");
    for file in [
        "chateaubriant/convention.typ",
        "chateaubriant/annexe-2.typ",
        "chateaubriant/modele-deliberation.typ",
        "convention-texte.typ",
        "annexe-2-texte.typ",
        "modele-deliberation-texte.typ",
        "style.typ",
    ] {
        let actual = fs::read_to_string(root.join("out").join(file))
            .unwrap_or_else(|e| panic!("--emit-typ did not write out/{file}: {e}"));
        let path = golden.join(file);
        if update {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &actual).unwrap();
            eprintln!("updated {}", path.display());
            continue;
        }
        let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e}; run with UPDATE_GOLDEN=1",
                path.display()
            )
        });
        if actual != expected {
            let (line, (want, got)) = expected
                .lines()
                .chain(std::iter::repeat("<end of file>"))
                .zip(actual.lines().chain(std::iter::repeat("<end of file>")))
                .enumerate()
                .find(|(_, (a, b))| a != b)
                .unwrap_or((0, ("", "")));
            panic!(
                "out/{file} differs from tests/golden/{file} at line {}:\n  golden: {want}\n  actual: {got}\n\
                 if the change is intended, run `UPDATE_GOLDEN=1 cargo test --release --test tests build::` and review the diff",
                line + 1
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 8. Values that mean something to Typst, Tera, YAML or French typography.

/// `members/99/nasty.yaml` of the fixture: every value printed must come out as typed (only the
/// apostrophe may become typographic, and white space may wrap). Its `collectivite.adresse` holds
/// line breaks too.
#[test]
fn nasty_values_are_printed_literally() {
    let campaign = fixture_campaign("nasty-values");
    let root = campaign.path();
    let run = build(root, &["build"]);
    assert!(
        !run.stderr.contains("warning"),
        "the fixture is valid and clean:\n{}",
        run.stderr
    );
    let m = read_member(&root.join("members/99/nasty.yaml"));

    let nom = m.collectivite.nom.as_str();
    assert!(nom.contains("#1 *gras* _it_ $x$ @ref <lab> [lien] \\ / ~ \"q\" -- ... // fin"));
    let signataire = format!(
        "{} {}",
        m.signataire.prenom,
        m.signataire.nom.to_uppercase()
    );
    let fonction = m.signataire.fonction.as_deref().unwrap();

    let annexe = root.join("out/nasty/annexe-2.pdf");
    let pages = pdf_pages(&annexe, false);
    let sheet = flat(&pages[0]);
    for expected in [
        format!("Commune ou collectivité {nom}"),
        format!("Adresse {}", m.collectivite.adresse.as_deref().unwrap()),
        format!("Nom du signataire {signataire}, {fonction}"),
        format!(
            "Nom - Prénom {} {}",
            m.contact.nom.to_uppercase(),
            m.contact.prenom
        ),
        "Numéro de téléphone 02 40 00 00 00".to_owned(),
        format!("Courriel {}", m.contact.courriel.as_deref().unwrap()),
        "3 écoles".to_owned(),
        "270 élèves".to_owned(),
        format!("maire / président(e) de {nom}"),
        "Date et signature : 1er janvier 2022".to_owned(),
        format!("Fonction : {fonction}"),
    ] {
        assert_has(&sheet, &flat(&expected), "annexe 2 of the nasty member");
    }
    let detail = flat(&pages[1..].join("\n"));
    assert_has(
        &detail,
        &flat(&format!("Détail des écoles – {nom}")),
        "detail heading",
    );
    for school in &m.ecoles {
        assert_has(&detail, &flat(&school.nom), "school name");
        assert_has(&detail, school.uai.as_deref().unwrap(), "school UAI");
    }
    // The lines of the multi-line school name stay lines of text: no heading, list or enum.
    let lines: Vec<String> = pages[1].lines().map(flat).collect();
    for line in [
        "= Pas un titre",
        "- pas une liste",
        "1. pas une énumération",
        "+ pas un numéro",
    ] {
        assert!(
            lines.iter().any(|l| l == line),
            "`{line}` should be a line of its own:\n{}",
            pages[1]
        );
    }

    let convention = flat(&without_footers(&root.join("out/nasty/convention.pdf")));
    for expected in [
        format!("Nom de la collectivité adhérente : {nom}"),
        format!("Fonction du signataire : {fonction}"),
        format!("Nom du signataire : {signataire}"),
        "Fait à Saint-Œuf <sur> [Mer] #2 \\ \"l'Anse\", le 1er janvier 2022".to_owned(),
    ] {
        assert_has(
            &convention,
            &flat(&expected),
            "convention of the nasty member",
        );
    }
    let deliberation = body_text(&root.join("out/nasty/modele-deliberation.pdf"));
    assert!(
        deliberation.starts_with(&normalize(&format!(
            "{nom} EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL Séance publique du"
        ))),
        "the syndicat's deliberation heading:\n{deliberation}"
    );
    assert_has(
        &deliberation,
        &normalize("le comité syndical décide"),
        "deliberation of the nasty member",
    );
    let info = pdfinfo(&root.join("out/nasty/convention.pdf"));
    assert!(
        flat(&info["Title"]).ends_with(&flat(nom)),
        "title: {}",
        info["Title"]
    );
}

/// An e-mail address is an identifier: it must be printed as typed, without the French
/// typography (a typographic apostrophe would give another address).
#[test]
fn an_email_address_is_printed_exactly_as_typed() {
    let campaign = sample_campaign();
    let root = campaign.path();
    let path = root.join("members/44/chateaubriant.yaml");
    let yaml = fs::read_to_string(&path).unwrap().replace(
        "courriel: m.caillon@ville-chateaubriant.fr",
        "courriel: \"m.o'caillon@ville-chateaubriant.fr\"",
    );
    fs::write(&path, yaml).unwrap();
    build(root, &["build", "members/44/chateaubriant.yaml"]);
    let text = pdftotext(&root.join("out/chateaubriant/annexe-2.pdf"), false);
    assert!(
        text.contains("m.o'caillon@ville-chateaubriant.fr"),
        "the address is altered:\n{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// 9. check.

#[test]
fn check_validates_the_sample_and_writes_nothing() {
    let campaign = sample_campaign();
    let root = campaign.path();
    let before = files_under(root);
    let run = adhesion(root, &["check"]);
    assert_eq!(run.status, 0, "check of the sample:\n{}", run.stderr);
    assert_has(&run.stderr, "checked 6 members", "the summary");
    assert!(
        !run.stderr.contains("warning"),
        "the sample is clean:\n{}",
        run.stderr
    );
    assert!(!root.join("out").exists(), "check created out/");
    assert_eq!(files_under(root), before, "check wrote into the campaign");
}

/// The sample campaign with the UAI of Châteaubriant's first school removed; returns the
/// 1-based (line, column) of that school's name, where the warning must point.
fn campaign_with_a_school_without_uai() -> (TempDir, usize, usize) {
    let campaign = sample_campaign();
    let path = campaign.path().join("members/44/chateaubriant.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    assert!(yaml.contains("    uai: 0440123V\n"));
    let yaml = yaml.replace("    uai: 0440123V\n", "");
    fs::write(&path, &yaml).unwrap();
    let (line, text) = yaml
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("- nom: École élémentaire Béré"))
        .unwrap();
    let column = text[..text.find("École").unwrap()].chars().count() + 1;
    (campaign, line + 1, column)
}

#[test]
fn check_json_reports_a_warning_with_its_position() {
    let (campaign, line, column) = campaign_with_a_school_without_uai();
    let root = campaign.path();
    let run = adhesion(root, &["check", "--format", "json"]);
    assert_eq!(
        run.status, 0,
        "a warning does not fail check:\n{}",
        run.stderr
    );
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect();
    assert_eq!(lines.len(), 1, "one diagnostic expected:\n{}", run.stdout);
    let d = &lines[0];
    assert_eq!(d["file"], "members/44/chateaubriant.yaml", "{d}");
    assert_eq!(d["line"], line, "{d}");
    assert_eq!(d["column"], column, "{d}");
    assert_eq!(d["severity"], "warning", "{d}");
    assert_eq!(d["code"], "uai", "{d}");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("École élémentaire Béré") && message.contains("UAI"),
        "{d}"
    );
    assert!(!root.join("out").exists(), "check created out/");
}

#[test]
fn deny_warnings_makes_a_warning_fail_the_member() {
    let (campaign, _, _) = campaign_with_a_school_without_uai();
    let root = campaign.path();
    let run = adhesion(root, &["check", "--format", "json", "--deny-warnings"]);
    assert_eq!(
        run.status, 1,
        "a denied warning fails the member:\n{}",
        run.stderr
    );
    assert_has(
        &run.stdout,
        "\"severity\":\"error\"",
        "the warning became an error",
    );

    let run = adhesion(root, &["build", "--deny-warnings"]);
    assert_eq!(run.status, 1, "build --deny-warnings:\n{}", run.stderr);
    assert!(
        !root.join("out/chateaubriant/convention.pdf").exists(),
        "a failed member gets no PDF"
    );
    assert!(
        root.join("out/laval/convention.pdf").is_file(),
        "the other members are built"
    );
}
