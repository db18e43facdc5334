//! `adhesion import`: member files made or updated from a spreadsheet of schools or of members.
//!
//! The spreadsheet is a CSV file (`,`, `;` or tab separated, detected from the header line;
//! UTF-8, UTF-16 with its byte-order mark, or Windows-1252 as Excel writes them) or the first sheet of a workbook (XLSX, XLS, ODS,
//! read with `calamine`). Its first row names the columns; known names are matched without
//! accents, case or punctuation (`Code INSEE`, `siren_commune`, `signataire.nom`, `Nombre
//! d'élèves`...), other columns are listed in a note and ignored. A row may describe a member
//! (`insee`, `siren`, `collectivite`, `nature`, `adresse`, `signataire_*`, `contact_*`), a school
//! (`uai`, `patronyme`, `denomination`, `type`, `eleves`, `classes`, `ecole` for a name), or
//! both, as the open-data school list does.
//!
//! Rows are grouped into one member per commune (by INSEE code, or by SIREN for a row without
//! one; a commune's SIREN finds its INSEE code in the bundled list). A member already in a file
//! under `members/` (matched by INSEE code or SIREN, whatever the file's name) is merged: its
//! identifiers and schools (matched by UAI, or by name for a school without one) are updated
//! from the spreadsheet, schools the spreadsheet does not list are kept (with a note), and
//! everything typed by hand is kept: the member's name and address, the people (only empty
//! fields are filled in), the signature, the deliberation, the names of known schools (where
//! people restore the accents the open data lacks), and the comments ([`Comments`]: each stays
//! with its key, a school's with the school). A new member goes to `members/<id>.yaml`, its id
//! made from the commune's name (`saint-aubin-des-chateaux`), with the INSEE code appended
//! when two members would get the same id or the id is taken.
//!
//! Identifiers stay text. A number cell of a workbook that holds an identifier whole is that
//! identifier, checked as any other: a 9-digit SIREN, a 5-digit INSEE code, or a 4-digit one
//! and a 9-digit phone number whose leading zero the number dropped (put back, with a note).
//! What a spreadsheet really damaged is reported as an error with its row (and cell), never
//! imported: a number with decimals or whose check fails (a SIREN rounded to `2.153E8`), a UAI
//! as a number (its letter is gone), and in text, scientific notation (`2,12102E+13`), a decimal
//! (`214400368.0`), or an identifier one character short (8-digit SIREN, 4-digit INSEE code,
//! 7-character UAI: text that lost a leading zero, or was mistyped). A member with such a
//! row, or any other error, is skipped; the others are still written. A dry run reports the
//! same changes and writes nothing.
//!
//! A file is only rewritten when one of its values changes, then in the writer's layout
//! ([`Draft::to_yaml`]: two-space indentation, identifiers quoted, `\n` line ends), atomically,
//! and after checking that it reads back as the merged values.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::communes::{self, Commune};
use crate::diagnostic::{self, Diagnostic, Severity, display_path};
use crate::error::Error;
use crate::load;
use crate::member_file::{self, Draft, DraftEcole};
use crate::validate::ids;
use crate::write;
use crate::{msg, tr};

/// Spreadsheets larger than this are refused: the national school list is about 10 MiB.
const MAX_TABLE_BYTES: u64 = 64 * 1024 * 1024;

/// What `adhesion import` was asked for.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The campaign folder: member files are under `<root>/members`.
    pub root: PathBuf,
    /// The spreadsheet.
    pub file: PathBuf,
    /// Report what would change, write nothing.
    pub dry_run: bool,
}

/// What happened (or would happen) to one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Created,
    Updated,
    Unchanged,
    /// Not written: its rows or its file have errors (see the diagnostics).
    Skipped,
}

impl ChangeKind {
    fn verb(self, dry_run: bool) -> String {
        match (self, dry_run) {
            (ChangeKind::Created, false) => tr!("import-verb-created"),
            (ChangeKind::Created, true) => tr!("import-verb-would-create"),
            (ChangeKind::Updated, false) => tr!("import-verb-updated"),
            (ChangeKind::Updated, true) => tr!("import-verb-would-update"),
            (ChangeKind::Unchanged, _) => tr!("import-verb-unchanged"),
            (ChangeKind::Skipped, _) => tr!("import-verb-skipped"),
        }
    }
}

/// One member of the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    pub path: PathBuf,
    pub kind: ChangeKind,
    /// What changed, field by field ("`ecoles[0530086F].eleves`: 109 → 112"), or why skipped.
    pub details: Vec<String>,
}

/// The outcome of an import: one change per member, and the problems found, sorted.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub file: PathBuf,
    pub dry_run: bool,
    pub changes: Vec<Change>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ImportReport {
    /// Whether some row or member had an error (exit status 1).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The human summary (without the diagnostics, which print as everywhere else), paths
    /// relative to `base`.
    pub fn render(&self, base: &Path) -> String {
        let mut out = String::new();
        for c in &self.changes {
            self.write_change(&mut out, c, base);
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    /// A member's line: what happened to its file, with the details under it when several.
    fn write_change(&self, out: &mut String, c: &Change, base: &Path) {
        let verb = c.kind.verb(self.dry_run);
        let path = display_path(&c.path, base);
        let path = path.to_string();
        let _ = match c.details.as_slice() {
            [] => writeln!(out, "{verb:>12} {path}"),
            [one] => writeln!(
                out,
                "{verb:>12} {}",
                tr!("import-report-line-one", path = path, detail = one)
            ),
            many => {
                let _ = writeln!(
                    out,
                    "{verb:>12} {}",
                    tr!("import-report-line-many", path = path)
                );
                for d in many {
                    let _ = writeln!(out, "{:>12}   - {d}", "");
                }
                Ok(())
            }
        };
    }

    /// The last line: the spreadsheet's name, the members counted by what happened to them,
    /// and the problems counted.
    fn summary(&self) -> String {
        let what = self.members_summary();
        let (errors, warnings) = diagnostic::count(&self.diagnostics);
        let mut problems = Vec::new();
        if errors > 0 {
            problems.push(tr!("import-summary-errors", count = errors));
        }
        if warnings > 0 {
            problems.push(tr!("import-summary-warnings", count = warnings));
        }
        let what = if problems.is_empty() {
            what
        } else {
            tr!(
                "import-summary-with-problems",
                summary = what,
                problems = problems.join(", ")
            )
        };
        let name = self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if self.dry_run {
            tr!("import-summary-dry-run", file = name, summary = what)
        } else {
            tr!("import-summary", file = name, summary = what)
        }
    }

    /// The members counted by what happened (or would happen) to them.
    fn members_summary(&self) -> String {
        let count = |k: ChangeKind| self.changes.iter().filter(|c| c.kind == k).count();
        let (created, updated) = (count(ChangeKind::Created), count(ChangeKind::Updated));
        let (unchanged, skipped) = (count(ChangeKind::Unchanged), count(ChangeKind::Skipped));
        let mut parts = Vec::new();
        if created > 0 {
            parts.push(if self.dry_run {
                tr!("import-summary-to-create", count = created)
            } else {
                tr!("import-summary-created", count = created)
            });
        }
        if updated > 0 {
            parts.push(if self.dry_run {
                tr!("import-summary-to-update", count = updated)
            } else {
                tr!("import-summary-updated", count = updated)
            });
        }
        if unchanged > 0 {
            parts.push(tr!("import-summary-unchanged", count = unchanged));
        }
        if skipped > 0 {
            parts.push(tr!("import-summary-skipped", count = skipped));
        }
        if parts.is_empty() {
            tr!("import-summary-no-member")
        } else {
            tr!(
                "import-summary-members",
                count = self.changes.len(),
                parts = parts.join(", ")
            )
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Path::new("")))
    }
}

mod create;
mod merge;
mod rows;
pub mod table;

use create::*;
use merge::*;
pub(crate) use rows::schools_of;
use rows::*;
pub use table::{Cell, Row, Table, Value, read_table};

// Existing member files

/// A member file already in the campaign.
#[derive(Debug)]
pub(crate) struct ExistingFile {
    pub id: String,
    pub path: PathBuf,
    pub text: String,
    /// `None` when the file cannot be read or parsed.
    pub draft: Option<Draft>,
    /// Normalized identifiers, read loosely from the text when the file does not parse.
    pub insee: Option<String>,
    pub siren: Option<String>,
}

/// The member files under `members/`.
#[derive(Debug, Default)]
pub(crate) struct Existing {
    pub files: Vec<ExistingFile>,
}

/// Reads every member file under `dir` (a missing folder has none).
pub(crate) fn existing_members(dir: &Path) -> Existing {
    let mut notes = Vec::new();
    let files = load::discover(dir, &mut notes)
        .into_iter()
        .map(|path| {
            let file = load::load_member(&path);
            let draft = file.member.as_ref().ok().map(Draft::from);
            let (insee, siren) = match &draft {
                Some(d) => (
                    d.collectivite
                        .insee
                        .as_deref()
                        .and_then(|i| ids::insee(i).ok()),
                    ids::siren(&d.collectivite.siren).ok(),
                ),
                None => loose_ids(&file.source.text),
            };
            ExistingFile {
                id: file.id,
                path,
                text: file.source.text,
                draft,
                insee,
                siren,
            }
        })
        .collect();
    Existing { files }
}

/// The `insee:` and `siren:` of a file that does not parse, read line by line.
fn loose_ids(text: &str) -> (Option<String>, Option<String>) {
    let value = |key: &str| {
        text.lines().find_map(|l| {
            let v = l.trim().strip_prefix(key)?.strip_prefix(':')?;
            let v = v
                .split(" #")
                .next()
                .unwrap_or(v)
                .trim()
                .trim_matches(['"', '\'']);
            Some(v.to_owned())
        })
    };
    (
        value("insee").and_then(|v| ids::insee(&v).ok()),
        value("siren").and_then(|v| ids::siren(&v).ok()),
    )
}

// The import

/// The rows of one member, and what they say once checked against each other.
#[derive(Debug, Default)]
struct Group {
    rows: Vec<SheetRow>,
    failed: bool,
    commune: Option<Commune>,
    insee: Option<String>,
    siren: Option<String>,
    /// The siren came from the spreadsheet (not from the commune list).
    siren_from_sheet: bool,
    nom: Option<String>,
    nature: Option<String>,
    adresse: Option<String>,
    people: BTreeMap<&'static str, (String, usize)>,
    /// With the line of the row each comes from.
    schools: Vec<(DraftEcole, usize)>,
    /// The lines of the rows with errors.
    error_lines: BTreeSet<usize>,
}

impl Group {
    /// The name of the place, for school names and ids.
    fn place(&self) -> String {
        self.commune
            .map(|c| c.nom.to_owned())
            .or_else(|| self.rows.iter().find_map(|r| r.commune.clone()))
            .unwrap_or_default()
    }

    /// Marks the member as not to be written because of a problem at `line`.
    fn fail(&mut self, line: usize) {
        self.failed = true;
        self.error_lines.insert(line);
    }
}

/// Where a member goes.
#[derive(Debug)]
enum Target {
    /// Merged into this existing file.
    File(usize),
    /// A new file with this id.
    New(String),
}

/// Creates or updates member files from a spreadsheet; see the module docs.
pub fn import(o: &ImportOptions) -> Result<ImportReport, Error> {
    let (table, mut diagnostics) = read_table(&o.file)?;
    let columns = Columns::find(&table, &mut diagnostics);
    check_columns(o, &table, &columns)?;

    // Rows, grouped by member in the order they first appear.
    let mut groups = group_rows(&table, &columns, &mut diagnostics);
    diagnostics.extend(restored_zero_notes(&table, &columns, &table.rows));
    let mut uai_rows: BTreeMap<String, usize> = BTreeMap::new();
    for g in &mut groups {
        resolve(&table, g, &mut uai_rows, &mut diagnostics);
    }

    // Where each member goes.
    let members = o.root.join("members");
    let existing = existing_members(&members);
    let mut targets = match_files(&table, &mut groups, &existing, &mut diagnostics);
    assign_ids(&groups, &mut targets, &existing);
    fail_shared_files(&table, &mut groups, &targets, &existing, &mut diagnostics);
    warn_schools_elsewhere(&table, &groups, &targets, &existing, &mut diagnostics);

    let mut changes = Vec::new();
    for (g, target) in groups.iter().zip(&targets) {
        let change = match target {
            Some(Target::File(f)) => update(o, &table, g, &existing.files[*f], &mut diagnostics)?,
            Some(Target::New(id)) => {
                let path = members.join(format!("{id}.yaml"));
                create(o, &table, g, &path, id, &mut diagnostics)?
            }
            None => continue,
        };
        changes.push(change);
    }
    changes.sort_by(|a, b| (&a.path, &a.id).cmp(&(&b.path, &b.id)));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(ImportReport {
        file: o.file.clone(),
        dry_run: o.dry_run,
        changes,
        diagnostics,
    })
}

/// Refuses a spreadsheet without a column that identifies members, or with schools but no
/// number of pupils.
fn check_columns(o: &ImportOptions, table: &Table, columns: &Columns) -> Result<(), Error> {
    if columns.get(Field::Insee).is_none() && columns.get(Field::Siren).is_none() {
        let found: Vec<String> = table.headers.iter().map(|h| format!("`{h}`")).collect();
        return Err(Error::Usage(tr!(
            "import-no-id-column",
            file = o.file.display(),
            columns = found.join(", ")
        )));
    }
    if columns.has_schools() && columns.get(Field::Eleves).is_none() {
        return Err(Error::Usage(tr!(
            "import-no-pupils-column",
            file = o.file.display()
        )));
    }
    Ok(())
}

/// The rows, grouped by member (by INSEE code, or by SIREN for a row without one) in the
/// order they first appear; a row that names no member is an error.
fn group_rows(table: &Table, columns: &Columns, diagnostics: &mut Vec<Diagnostic>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..table.rows.len() {
        let r = parse_row(table, columns, i, diagnostics);
        let key = match (&r.insee, &r.siren) {
            (Some(insee), _) => Some(insee.clone()),
            (None, Some(siren)) if !r.has_insee => Some(
                communes::all()
                    .by_siren(siren)
                    .map_or_else(|| format!("siren {siren}"), |c| c.insee.to_owned()),
            ),
            _ => None,
        };
        match key {
            Some(key) => {
                let g = *by_key.entry(key).or_insert_with(|| {
                    groups.push(Group::default());
                    groups.len() - 1
                });
                groups[g].rows.push(r);
            }
            None if !r.failed => {
                diagnostics.push(table.error(&table.rows[i], None, msg!("import-row-no-member")))
            }
            None => {}
        }
    }
    groups
}

/// The existing file of each member, if it has one; a member found in several files is an
/// error.
fn match_files(
    table: &Table,
    groups: &mut [Group],
    existing: &Existing,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<Target>> {
    let mut targets = Vec::new();
    for g in groups {
        let matches: Vec<usize> = existing
            .files
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                (g.insee.is_some() && f.insee == g.insee)
                    || (g.siren.is_some() && f.siren == g.siren)
            })
            .map(|(i, _)| i)
            .collect();
        if matches.len() > 1 {
            let files: Vec<String> = matches
                .iter()
                .map(|&i| format!("`{}`", existing.files[i].path.display()))
                .collect();
            diagnostics.push(table.error(
                &table.rows[g.rows[0].index],
                None,
                msg!("import-member-in-several-files", files = files.join(", ")),
            ));
            g.fail(table.rows[g.rows[0].index].line);
        }
        targets.push(matches.first().map(|&i| Target::File(i)));
    }
    targets
}

/// Fails the members that would be merged into the same file.
fn fail_shared_files(
    table: &Table,
    groups: &mut [Group],
    targets: &[Option<Target>],
    existing: &Existing,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut file_uses: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, t) in targets.iter().enumerate() {
        if let Some(Target::File(f)) = t {
            file_uses.entry(*f).or_default().push(i);
        }
    }
    for (f, users) in &file_uses {
        if users.len() > 1 {
            for &i in users {
                let g = &mut groups[i];
                let row = &table.rows[g.rows[0].index];
                diagnostics.push(table.error(
                    row,
                    None,
                    msg!(
                        "import-rows-match-same-file",
                        file = existing.files[*f].path.display()
                    ),
                ));
                g.fail(row.line);
            }
        }
    }
}

/// Warns of a school of the spreadsheet that another member's file lists already.
fn warn_schools_elsewhere(
    table: &Table,
    groups: &[Group],
    targets: &[Option<Target>],
    existing: &Existing,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut listed: BTreeMap<String, &Path> = BTreeMap::new();
    for f in &existing.files {
        for e in f.draft.iter().flat_map(|d| &d.ecoles) {
            if let Some(u) = &e.uai {
                listed.insert(u.trim().to_ascii_uppercase(), &f.path);
            }
        }
    }
    for (g, target) in groups.iter().zip(targets) {
        let mine = match target {
            Some(Target::File(f)) => Some(existing.files[*f].path.as_path()),
            _ => None,
        };
        for (e, line) in &g.schools {
            let other = e.uai.as_ref().and_then(|u| listed.get(u.as_str()));
            if let Some(other) = other.filter(|o| Some(**o) != mine) {
                let row = table.rows.iter().find(|r| r.line == *line);
                if let Some(row) = row {
                    diagnostics.push(table.diagnostic(
                        Severity::Warning,
                        "import",
                        row,
                        None,
                        msg!(
                            "import-school-in-other-member",
                            uai = e.uai.as_deref().unwrap_or_default(),
                            file = other.display()
                        ),
                    ));
                }
            }
        }
    }
}

/// Checks the rows of a member against each other and the commune list, and builds its schools.
fn resolve(
    table: &Table,
    g: &mut Group,
    uai_rows: &mut BTreeMap<String, usize>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let failed_rows: Vec<usize> = g
        .rows
        .iter()
        .filter(|r| r.failed)
        .map(|r| table.rows[r.index].line)
        .collect();
    for line in failed_rows {
        g.fail(line);
    }
    let mut agreed = Agreed::default();
    for r in &g.rows {
        let row = &table.rows[r.index];
        agreed.check(table, "INSEE code", &r.insee, row, diagnostics);
        agreed.check(table, "SIREN", &r.siren, row, diagnostics);
        agreed.check(table, "name", &r.collectivite, row, diagnostics);
        agreed.check(table, "nature", &r.nature, row, diagnostics);
        agreed.check(table, "address", &r.adresse, row, diagnostics);
        for (path, v) in &r.people {
            agreed.check(table, path, &Some(v.clone()), row, diagnostics);
            g.people
                .entry(path)
                .or_insert_with(|| (v.clone(), row.line));
        }
    }
    g.insee = agreed.value("INSEE code");
    g.siren = agreed.value("SIREN");
    g.siren_from_sheet = g.siren.is_some();
    g.nom = agreed.value("name");
    g.nature = agreed.value("nature");
    g.adresse = agreed.value("address");
    resolve_commune(table, g, diagnostics);
    g.schools = schools(table, g, uai_rows, &mut agreed.failed, diagnostics);
    for line in agreed.failed {
        g.fail(line);
    }
}

/// The values a member's rows give, each the first row's that has one; a row that gives
/// another is an error.
#[derive(Default)]
struct Agreed {
    /// By label, with the line of the row it comes from.
    first: BTreeMap<&'static str, (String, usize)>,
    /// The lines of the rows with errors.
    failed: BTreeSet<usize>,
}

impl Agreed {
    /// Takes the `row`'s value of the field `label`, or reports it when it differs from an
    /// earlier row's.
    fn check(
        &mut self,
        table: &Table,
        label: &'static str,
        value: &Option<String>,
        row: &Row,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Some(v) = value else {
            return;
        };
        match self.first.get(label) {
            Some((other, at)) if other != v => {
                diagnostics.push(table.error(
                    row,
                    None,
                    msg!(
                        "import-row-conflict",
                        value = v,
                        field = match label {
                            "INSEE code" => "insee",
                            "SIREN" => "siren",
                            "name" => "name",
                            "nature" => "nature",
                            "address" => "address",
                            _ => "person",
                        },
                        path = label,
                        line = at.to_string(),
                        other = other
                    ),
                ));
                self.failed.insert(row.line);
            }
            Some(_) => {}
            None => {
                self.first.insert(label, (v.clone(), row.line));
            }
        }
    }

    /// The field's value, if a row gave one.
    fn value(&self, label: &str) -> Option<String> {
        self.first.get(label).map(|(v, _)| v.clone())
    }
}

/// The member's commune, found by INSEE code (or SIREN) in the commune list, which completes
/// the identifiers the rows lack; a SIREN that is not the commune's is a warning.
fn resolve_commune(table: &Table, g: &mut Group, diagnostics: &mut Vec<Diagnostic>) {
    let all = communes::all();
    let row0 = &table.rows[g.rows[0].index];
    g.commune = match (&g.insee, &g.siren) {
        (Some(insee), _) => {
            let c = all.by_insee(insee);
            if c.is_none() {
                diagnostics.push(table.diagnostic(
                    Severity::Warning,
                    "import",
                    row0,
                    None,
                    msg!("import-insee-unknown", insee = insee),
                ));
            }
            c
        }
        (None, Some(siren)) => all.by_siren(siren),
        _ => None,
    };
    if let Some(c) = g.commune {
        match &g.siren {
            Some(s) if s != c.siren => diagnostics.push(table.diagnostic(
                Severity::Warning,
                "commune",
                row0,
                None,
                msg!(
                    "import-siren-not-commune",
                    siren = s,
                    commune = c.nom,
                    insee = c.insee,
                    expected = c.siren
                ),
            )),
            Some(_) => {}
            None => g.siren = Some(c.siren.to_owned()),
        }
        g.insee.get_or_insert_with(|| c.insee.to_owned());
    }
}

/// The member's schools, named after its place; a UAI an earlier row listed already is an
/// error (its row goes to `failed`).
fn schools(
    table: &Table,
    g: &Group,
    uai_rows: &mut BTreeMap<String, usize>,
    failed: &mut BTreeSet<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(DraftEcole, usize)> {
    let place = g.place();
    let mut schools: Vec<(DraftEcole, usize)> = Vec::new();
    for r in &g.rows {
        let Some(s) = &r.school else {
            continue;
        };
        let row = &table.rows[r.index];
        let e = school(s, &place);
        if let Some(u) = &e.uai {
            if let Some(at) = uai_rows.get(u) {
                diagnostics.push(table.error(
                    row,
                    None,
                    msg!("import-uai-already-listed", uai = u, line = at.to_string()),
                ));
                failed.insert(row.line);
                continue;
            }
            uai_rows.insert(u.clone(), row.line);
        }
        schools.push((e, row.line));
    }
    schools
}

fn skipped(id: &str, path: &Path, reason: String) -> Change {
    Change {
        id: id.to_owned(),
        path: path.to_owned(),
        kind: ChangeKind::Skipped,
        details: vec![reason],
    }
}

fn rows_with_errors(g: &Group) -> String {
    let lines: Vec<String> = g.error_lines.iter().map(usize::to_string).collect();
    tr!(
        "import-skipped-rows-errors",
        count = lines.len(),
        lines = lines.join(", ")
    )
}

/// Writes `text` to `path` unless this is a dry run, after checking that it reads back.
fn write(
    o: &ImportOptions,
    path: &Path,
    text: &str,
    draft: &Draft,
) -> Result<Result<(), String>, Error> {
    if let Err(e) = member_file::check_round_trip(path, text, draft) {
        return Ok(Err(e));
    }
    if !o.dry_run {
        write::write_atomic(path, text.as_bytes())?;
    }
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::table::*;
    use super::*;

    const HEADER: &str = "uai,denomination,patronyme,type,departement,commune,code_postal,insee,siren_commune,classes,eleves";
    const OPEN_DATA: &str =
        "crates/adhesion-core/data/open-data/ecoles-publiques-53-72-85-rentree-2024.csv";

    fn repo() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
    }

    fn run(root: &Path, file: &Path, dry_run: bool) -> ImportReport {
        import(&ImportOptions {
            root: root.to_owned(),
            file: file.to_owned(),
            dry_run,
        })
        .unwrap()
    }

    /// Writes `text` as `name` in `dir` and imports it into `dir`.
    fn run_text(dir: &Path, name: &str, text: &str) -> ImportReport {
        let file = dir.join(name);
        fs::write(&file, text).unwrap();
        run(dir, &file, false)
    }

    fn member(path: &Path) -> Draft {
        let file = load::load_member(path);
        match &file.member {
            Ok(m) => Draft::from(m),
            Err(d) => panic!("{}: {d:?}\n{}", path.display(), file.source.text),
        }
    }

    fn messages(r: &ImportReport) -> Vec<String> {
        r.diagnostics
            .iter()
            .map(|d| {
                let line = d.position.map_or(0, |p| p.line);
                format!("{} {line}: {}", d.severity, d.message)
            })
            .collect()
    }

    fn kinds(r: &ImportReport) -> Vec<(String, ChangeKind)> {
        r.changes.iter().map(|c| (c.id.clone(), c.kind)).collect()
    }

    /// Copies the sample campaign's member files under `dir/members`.
    fn sample_members(dir: &Path) {
        for sub in ["44", "53", "72", "85"] {
            let to = dir.join("members").join(sub);
            fs::create_dir_all(&to).unwrap();
            for e in fs::read_dir(repo().join("members").join(sub)).unwrap() {
                let e = e.unwrap();
                fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }

    #[test]
    fn the_open_data_list_makes_one_member_per_commune() {
        let dir = tempfile::tempdir().unwrap();
        let file = repo().join(OPEN_DATA);
        let text = fs::read_to_string(&file).unwrap();
        let communes: BTreeSet<&str> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(7).unwrap())
            .collect();

        let dry = run(dir.path(), &file, true);
        assert!(
            dry.diagnostics.iter().all(|d| !d.is_error()),
            "{:#?}",
            messages(&dry)
        );
        assert!(
            !dir.path().join("members").exists(),
            "a dry run writes nothing"
        );
        assert_eq!(dry.changes.len(), communes.len());
        assert!(dry.render(dir.path()).ends_with(&format!(
            "import of `ecoles-publiques-53-72-85-rentree-2024.csv`: {} members: {} to create (dry run: nothing written)\n",
            communes.len(),
            communes.len()
        )));

        let report = run(dir.path(), &file, false);
        assert_eq!(
            report
                .changes
                .iter()
                .map(|c| (&c.id, &c.path, c.kind))
                .collect::<Vec<_>>(),
            dry.changes
                .iter()
                .map(|c| (&c.id, &c.path, ChangeKind::Created))
                .collect::<Vec<_>>()
        );
        let mut schools = 0;
        for c in &report.changes {
            let d = member(&c.path);
            let insee = d.collectivite.insee.clone().unwrap();
            let commune = communes::all().by_insee(&insee).unwrap();
            assert_eq!(d.collectivite.siren, commune.siren);
            assert_eq!(
                d.collectivite.nom,
                member_file::names::collectivite_nom(commune.nom)
            );
            assert!(load::is_safe_id(&c.id), "{}", c.id);
            schools += d.ecoles.len();
        }
        assert_eq!(schools, text.lines().count() - 1);
        let ahuille = member(&dir.path().join("members/ahuille.yaml"));
        assert_eq!(ahuille.ecoles[0].nom, "École primaire Suzanne Sens");
        assert_eq!(ahuille.ecoles[0].uai.as_deref(), Some("0530086F"));
        assert_eq!(
            (ahuille.ecoles[0].eleves, ahuille.ecoles[0].classes),
            (109, Some(5))
        );
        assert!(
            dir.path()
                .join("members/saint-georges-sur-erve.yaml")
                .exists()
        );

        // Importing again changes nothing.
        let again = run(dir.path(), &file, false);
        assert!(
            again
                .changes
                .iter()
                .all(|c| c.kind == ChangeKind::Unchanged),
            "{again}"
        );
    }

    #[test]
    fn existing_members_are_matched_by_insee_whatever_their_file() {
        let dir = tempfile::tempdir().unwrap();
        sample_members(dir.path());
        let before = fs::read_to_string(dir.path().join("members/53/laval.yaml")).unwrap();
        let report = run(dir.path(), &repo().join(OPEN_DATA), true);
        for id in ["ahuille", "laval", "mayenne", "le-mans", "la-roche-sur-yon"] {
            let c = report.changes.iter().find(|c| c.id == id).unwrap();
            assert_eq!(c.kind, ChangeKind::Unchanged, "{id}: {:?}", c.details);
            let dept = c.path.parent().unwrap();
            assert_eq!(dept.parent().unwrap(), dir.path().join("members"), "{id}");
        }
        assert!(!report.changes.iter().any(|c| c.id == "chateaubriant"));
        assert!(
            !report
                .changes
                .iter()
                .any(|c| c.path.ends_with("members/laval.yaml"))
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("members/53/laval.yaml")).unwrap(),
            before
        );
    }

    #[test]
    fn a_merge_updates_schools_and_identifiers_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let members = dir.path().join("members");
        fs::create_dir_all(&members).unwrap();
        let original = "\
# Commune of the test: comments stay where they are.
collectivite:
  nom: Ville de Châteaubriant   # as the council writes it
  nature: commune
  siren: 214400367
  insee: 44036
  adresse: Hôtel de Ville
signataire:
  civilite: M.
  prenom: Alain
  nom: Hunault
  fonction: Maire
contact:
  prenom: Marie
  nom: Caillon
  telephone: 02 40 81 52 16
  courriel: ''
ecoles:
  # the big one
  - nom: École élémentaire Béré (with accents)
    uai: 0440123v
    type: elementaire
    eleves: 120   # counted in September
    classes: 5
  - nom: École privée
    type: primaire
    eleves: 10
signature:
  lieu: Châteaubriant
  date: 2021-12-16
# the end
";
        let path = members.join("cht.yaml");
        fs::write(&path, original).unwrap();
        let csv = format!(
            "{HEADER}\n\
             0440123V,ECOLE ELEMENTAIRE PUBLIQUE,BERE,elementaire,44,Châteaubriant,44110,44036,214400368,6,125\n\
             0440456G,ECOLE MATERNELLE PUBLIQUE,RENE-GUY CADOU,maternelle,44,Châteaubriant,44110,44036,214400368,4,90\n"
        );
        fs::write(dir.path().join("e.csv"), &csv).unwrap();
        let dry = run(dir.path(), &dir.path().join("e.csv"), true);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            original,
            "a dry run writes nothing"
        );
        let report = run(dir.path(), &dir.path().join("e.csv"), false);
        assert_eq!(dry.changes, report.changes);
        assert_eq!(
            kinds(&report),
            vec![("cht".to_owned(), ChangeKind::Updated)]
        );
        assert_eq!(
            report.changes[0].details,
            vec![
                "`collectivite.siren`: 214400367 → 214400368",
                "`ecoles[0440123V].eleves`: 120 → 125",
                "`ecoles[0440123V].classes`: 5 → 6",
                "added school `0440456G` (École maternelle Rene-Guy Cadou)",
            ]
        );
        assert!(
            messages(&report).contains(
                &"note 0: school `ecole privee` (École privée) is not in `e.csv`: kept".to_owned()
            ),
            "{:#?}",
            messages(&report)
        );
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "\
# Commune of the test: comments stay where they are.
collectivite:
  nom: Ville de Châteaubriant  # as the council writes it
  nature: commune
  siren: \"214400368\"
  insee: \"44036\"
  adresse: Hôtel de Ville
signataire:
  civilite: M.
  prenom: Alain
  nom: Hunault
  fonction: Maire
contact:
  prenom: Marie
  nom: Caillon
  telephone: \"02 40 81 52 16\"
  courriel: \"\"
ecoles:
  # the big one
  - nom: École élémentaire Béré (with accents)
    uai: \"0440123v\"
    type: elementaire
    eleves: 125  # counted in September
    classes: 6
  - nom: École privée
    type: primaire
    eleves: 10
  - nom: École maternelle Rene-Guy Cadou
    uai: \"0440456G\"
    type: maternelle
    eleves: 90
    classes: 4
signature:
  lieu: Châteaubriant
  date: 2021-12-16
# the end
"
        );
        let again = run(dir.path(), &dir.path().join("e.csv"), false);
        assert_eq!(
            kinds(&again),
            vec![("cht".to_owned(), ChangeKind::Unchanged)]
        );
    }

    #[test]
    fn a_file_made_by_new_loses_its_guide_as_it_is_filled_in() {
        let dir = tempfile::tempdir().unwrap();
        let path = crate::new::new_member(&crate::new::NewOptions {
            root: dir.path().to_owned(),
            id: "cht".into(),
            insee: Some("44036".into()),
            ..crate::new::NewOptions::default()
        })
        .unwrap();
        let csv = "insee,signataire_nom,contact_civilite,uai,type,eleves\n44036,Hunault,Mme,0440123V,elementaire,120\n";
        let report = run_text(dir.path(), "e.csv", csv);
        assert_eq!(
            kinds(&report),
            vec![("cht".to_owned(), ChangeKind::Updated)]
        );
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("\n  nom: Hunault\n"), "{text}");
        assert!(
            text.contains("\n  prenom: \"\"  # to fill in: who signs"),
            "{text}"
        );
        assert!(
            text.contains("\n  civilite: Mme\n  prenom: \"\"  # to fill in: the person"),
            "{text}"
        );
        assert!(
            text.contains("\necoles:\n  - nom: École élémentaire de Châteaubriant\n"),
            "{text}"
        );
        assert!(!text.contains("A school looks like"), "{text}");
        assert!(text.contains("# Optional, once known"), "{text}");
        assert_eq!(member(&path).ecoles.len(), 1);
    }

    #[test]
    fn a_school_of_another_member_is_flagged() {
        let dir = tempfile::tempdir().unwrap();
        sample_members(dir.path());
        let csv =
            "insee,uai,type,eleves\n53002,0530086F,primaire,10\n53001,0530086F,primaire,109\n";
        let report = run_text(dir.path(), "e.csv", csv);
        let m = messages(&report);
        assert!(
            m[0].starts_with("warning 2: school `0530086F` is also listed in `"),
            "{m:#?}"
        );
        assert!(
            m[0].ends_with("members/53/ahuille.yaml`: a school belongs to one member"),
            "{m:#?}"
        );
        assert_eq!(m[1], "error 3: UAI `0530086F` is already listed at row 2");
        assert_eq!(
            kinds(&report),
            vec![
                ("ahuille".to_owned(), ChangeKind::Skipped),
                ("alexain".to_owned(), ChangeKind::Created)
            ]
        );
        assert_eq!(
            report.changes[0].details,
            vec!["not written: row 3 has errors"]
        );
    }

    #[test]
    fn people_fill_empty_fields_only() {
        let dir = tempfile::tempdir().unwrap();
        let csv =
            "insee;signataire_nom;signataire_prenom;contact.courriel\n44036;Hunault;Alain;a@b.fr\n";
        let report = run_text(dir.path(), "m.csv", csv);
        assert_eq!(
            kinds(&report),
            vec![("chateaubriant".to_owned(), ChangeKind::Created)]
        );
        let path = dir.path().join("members/chateaubriant.yaml");
        let d = member(&path);
        assert_eq!(
            (d.signataire.nom.as_str(), d.signataire.prenom.as_str()),
            ("Hunault", "Alain")
        );
        assert_eq!(d.contact.courriel, "a@b.fr");
        assert_eq!(d.signataire.fonction, "");
        assert!(d.ecoles.is_empty());
        assert_eq!(report.changes[0].details, vec!["no school yet"]);

        let csv = "insee;signataire_nom;signataire_fonction\n44036;Autre;Maire\n";
        let report = run_text(dir.path(), "m.csv", csv);
        assert_eq!(
            report.changes[0].details,
            vec!["`signataire.fonction` set to Maire"]
        );
        assert_eq!(
            messages(&report),
            vec!["note 0: kept `signataire.nom` `Hunault`; `m.csv` row 2 says `Autre`"]
        );
        let d = member(&path);
        assert_eq!(
            (d.signataire.nom.as_str(), d.signataire.fonction.as_str()),
            ("Hunault", "Maire")
        );
    }

    #[test]
    fn identifiers_damaged_by_a_spreadsheet_are_reported_not_imported() {
        let dir = tempfile::tempdir().unwrap();
        let csv = "\
uai;patronyme;type;insee;siren;eleves
0530086F;A;primaire;53001;2,15300E+08;10
0530087G;B;primaire;53002;21530002;10
0530089J;C;primaire;1001;215300039;10
530092M;D;primaire;53005;215300054;10
0530712L;E;primaire;53007;215300070.0;10
0530215W;F;primaire;53008;;10
0530215X;G;primaire;53009;;10
0530216X;H;primaire;53010;;dix
";
        let report = run_text(dir.path(), "e.csv", csv);
        assert_eq!(
            messages(&report),
            vec![
                "error 2: the SIREN `2,15300E+08` was turned into a number in scientific notation: its digits are lost",
                "error 3: SIREN `21530002` has 8 digits: a spreadsheet probably dropped its leading zero",
                "error 4: INSEE code `1001` has 4 digits: a spreadsheet probably dropped its leading zero",
                "error 5: UAI `530092M` has 7 characters: a spreadsheet probably dropped its leading zero",
                "error 6: the SIREN `215300070.0` was turned into a decimal number",
                "error 8: the check letter of UAI `0530215X` is wrong",
                "error 9: `dix` in column `eleves` is not a whole number, 0 or more",
            ]
        );
        let d = &report.diagnostics[0];
        assert_eq!(
            d.position.map(|p| (p.line, p.column, p.len)),
            Some((2, 27, 11))
        );
        assert_eq!(
            d.excerpt.as_deref(),
            Some("0530086F;A;primaire;53001;2,15300E+08;10")
        );
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .starts_with("format the column `siren` as text")
        );
        let d = &report.diagnostics[2];
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .ends_with("this one is probably `01001`"),
            "{:?}",
            d.hint
        );
        // Only the member without problems is written; the row without a readable INSEE code
        // belongs to none.
        let written: Vec<(&str, ChangeKind)> = report
            .changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Skipped)
            .map(|c| (c.id.as_str(), c.kind))
            .collect();
        assert_eq!(written, vec![("aron", ChangeKind::Created)]);
        assert_eq!(report.changes.len(), 7, "{report}");
        assert!(
            report
                .changes
                .iter()
                .all(|c| c.kind != ChangeKind::Skipped || c.details[0].contains("errors"))
        );
        assert!(report.has_errors());
        assert!(
            report
                .to_string()
                .ends_with("import of `e.csv`: 7 members: 1 created, 6 skipped; 7 errors\n"),
            "{report}"
        );
        assert_eq!(fs::read_dir(dir.path().join("members")).unwrap().count(), 1);
    }

    #[test]
    fn a_workbook_of_schools() {
        let dir = tempfile::tempdir().unwrap();
        let report = run(
            dir.path(),
            &repo().join("tests/fixtures/import/ecoles.xlsx"),
            false,
        );
        // Alexain's SIREN and Ambrières' INSEE code are number cells that hold them whole.
        assert_eq!(
            messages(&report),
            vec!["note 0: only the first of 2 sheets, `Écoles`, is read"]
        );
        assert_eq!(
            kinds(&report),
            vec![
                ("ahuille".to_owned(), ChangeKind::Created),
                ("alexain".to_owned(), ChangeKind::Created),
                ("ambrieres-les-vallees".to_owned(), ChangeKind::Created),
            ]
        );
        let d = member(&dir.path().join("members/alexain.yaml"));
        assert_eq!(d.collectivite.siren, "215300021");
        let d = member(&dir.path().join("members/ambrieres-les-vallees.yaml"));
        assert_eq!(d.collectivite.insee.as_deref(), Some("53003"));
        let d = member(&dir.path().join("members/ahuille.yaml"));
        let schools: Vec<(&str, i64)> = d
            .ecoles
            .iter()
            .map(|e| (e.nom.as_str(), e.eleves))
            .collect();
        assert_eq!(
            schools,
            vec![
                ("École primaire Suzanne Sens", 109),
                ("École maternelle d'Ahuillé", 41)
            ]
        );
    }

    #[test]
    fn number_cells_are_the_identifiers_they_hold() {
        let dir = tempfile::tempdir().unwrap();
        let report = run(
            dir.path(),
            &repo().join("tests/fixtures/import/ecoles-nombres.xlsx"),
            false,
        );
        assert_eq!(
            messages(&report),
            vec![
                "note 2: the phone number `243061234` is a number in the spreadsheet: read as `0243061234`, its leading zero put back (cell H2)",
                "note 3: the INSEE code `1053` is a number in the spreadsheet: read as `01053`, its leading zero put back (cell E3)",
                "error 4: the SIREN `215300000` is a number in the spreadsheet and fails its Luhn check: a digit is wrong or was rounded away (cell F4)",
                "error 5: the SIREN `215300021.5` is a number with decimals in the spreadsheet (cell F5)",
                "error 6: the UAI `530089` is a number in the spreadsheet, but a UAI ends with a letter (cell A6)",
                "error 7: the SIREN `2,15301E+08` was turned into a number in scientific notation: its digits are lost (cell F7)",
            ]
        );
        let d = &report.diagnostics[2];
        assert!(d.file.ends_with("ecoles-nombres.xlsx"), "{:?}", d.file);
        assert_eq!(d.position.map(|p| (p.line, p.column)), Some((4, 6)));
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.starts_with("format the column `siren_commune` as text")),
            "{:?}",
            d.hint
        );
        assert_eq!(
            kinds(&report),
            vec![
                ("ahuille".to_owned(), ChangeKind::Skipped),
                ("alexain".to_owned(), ChangeKind::Skipped),
                ("ambrieres-les-vallees".to_owned(), ChangeKind::Skipped),
                ("bourg-en-bresse".to_owned(), ChangeKind::Created),
                ("craon".to_owned(), ChangeKind::Created),
                ("louverne".to_owned(), ChangeKind::Skipped),
            ]
        );
        let craon = member(&dir.path().join("members/craon.yaml"));
        assert_eq!(craon.collectivite.insee.as_deref(), Some("53084"));
        assert_eq!(craon.collectivite.siren, "215300849");
        assert_eq!(craon.contact.telephone, "0243061234");
        assert_eq!(craon.ecoles[0].uai.as_deref(), Some("0530188S"));
        let bourg = member(&dir.path().join("members/bourg-en-bresse.yaml"));
        assert_eq!(bourg.collectivite.insee.as_deref(), Some("01053"));
        assert_eq!(bourg.collectivite.siren, "210100533");
        assert_eq!(bourg.ecoles[0].eleves, 180);
        assert!(
            report.to_string().ends_with(
                "import of `ecoles-nombres.xlsx`: 6 members: 2 created, 4 skipped; 4 errors\n"
            ),
            "{report}"
        );
    }

    #[test]
    fn what_a_number_can_hold() {
        // The identifier read, its leading zero put back when longer than the number.
        let cases: &[(Ident, f64, Option<&str>)] = &[
            (Ident::Siren, 215300013.0, Some("215300013")),
            (Ident::Siren, 21530001.0, None),
            (Ident::Siren, 2153000130.0, None),
            (Ident::Siren, 215300013.5, None),
            (Ident::Insee, 53001.0, Some("53001")),
            (Ident::Insee, 1053.0, Some("01053")),
            (Ident::Insee, 105.0, None),
            (Ident::Insee, -1053.0, None),
            (Ident::Telephone, 240815216.0, Some("0240815216")),
            (Ident::Telephone, 24081521.0, None),
            (Ident::Uai, 530086.0, None),
            (Ident::Siren, f64::NAN, None),
            (Ident::Siren, 1e300, None),
        ];
        for &(kind, n, expected) in cases {
            let expected = expected.map(|t| (t.to_owned(), t.len() > show_number(n).len()));
            assert_eq!(number_identifier(kind, n), expected, "{kind:?} {n}");
        }
    }

    #[test]
    fn one_note_per_column_of_restored_zeros() {
        let cell = |line, value| Cell {
            value,
            line,
            column: 1,
            width: 1,
        };
        let table = Table {
            path: PathBuf::from("e.xlsx"),
            headers: vec!["insee".into()],
            header_line: 1,
            rows: [
                Value::Number(53001.0),
                Value::Number(1053.0),
                Value::Number(1001.0),
            ]
            .into_iter()
            .enumerate()
            .map(|(i, v)| Row {
                line: i + 2,
                cells: vec![cell(i + 2, v)],
            })
            .collect(),
            text: None,
        };
        let columns = Columns::find(&table, &mut Vec::new());
        let notes = restored_zero_notes(&table, &columns, &table.rows);
        let m: Vec<(usize, &str)> = notes
            .iter()
            .map(|d| (d.position.map_or(0, |p| p.line), d.message.as_str()))
            .collect();
        assert_eq!(
            m,
            vec![(
                3,
                "2 INSEE codes are numbers in the spreadsheet: read with their leading zero put back, `1053` as `01053` first (cell A3)"
            )]
        );
    }

    #[test]
    fn a_workbook_of_members_with_their_people() {
        let dir = tempfile::tempdir().unwrap();
        sample_members(dir.path());
        let report = run(
            dir.path(),
            &repo().join("tests/fixtures/import/membres.ods"),
            false,
        );
        assert_eq!(
            kinds(&report),
            vec![
                ("ahuille".to_owned(), ChangeKind::Unchanged),
                ("laval".to_owned(), ChangeKind::Unchanged),
                ("syndicat-scolaire-du-val".to_owned(), ChangeKind::Created),
            ]
        );
        // Ahuillé's INSEE code, a number cell, found its file.
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        let m = messages(&report);
        assert!(
            m.contains(
                &"note 0: kept `signataire.nom` `Le Floc'h`; `membres.ods` row 2 says `Autre`"
                    .to_owned()
            ),
            "{m:#?}"
        );
        let d = member(&dir.path().join("members/syndicat-scolaire-du-val.yaml"));
        assert_eq!(d.collectivite.nom, "Syndicat scolaire du Val");
        assert_eq!(d.collectivite.nature, "syndicat");
        assert_eq!(d.collectivite.insee, None);
        assert_eq!(d.collectivite.siren, "200000008");
        assert_eq!(d.signataire.fonction, "Président");
        assert_eq!(d.contact.telephone, "0240000000");
    }

    #[test]
    fn ids_from_names_and_their_collisions() {
        let dir = tempfile::tempdir().unwrap();
        let members = dir.path().join("members");
        fs::create_dir_all(&members).unwrap();
        // A file named `laval.yaml` that holds another commune.
        let mut other = fs::read_to_string(repo().join("members/53/ahuille.yaml")).unwrap();
        other = other.replace("# Built", "# Named laval but is Ahuillé. Built");
        fs::write(members.join("laval.yaml"), &other).unwrap();
        let csv = "insee\n11339\n30247\n53130\n53001\n";
        let report = run_text(dir.path(), "m.csv", csv);
        assert_eq!(
            kinds(&report),
            vec![
                ("laval-53130".to_owned(), ChangeKind::Created),
                ("laval".to_owned(), ChangeKind::Unchanged),
                ("saint-denis-11339".to_owned(), ChangeKind::Created),
                ("saint-denis-30247".to_owned(), ChangeKind::Created),
            ]
        );
    }

    #[test]
    fn a_broken_member_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let members = dir.path().join("members");
        fs::create_dir_all(&members).unwrap();
        let broken = "collectivite:\n  siren: \"214400368\"\n  insee: 44036\n  nom: [oops\n";
        fs::write(members.join("cht.yaml"), broken).unwrap();
        let report = run_text(dir.path(), "m.csv", "insee\n44036\n");
        assert_eq!(
            kinds(&report),
            vec![("cht".to_owned(), ChangeKind::Skipped)]
        );
        assert_eq!(
            messages(&report),
            vec![
                "error 0: this member's file has errors, so the spreadsheet was not merged into it"
            ]
        );
        assert_eq!(
            fs::read_to_string(members.join("cht.yaml")).unwrap(),
            broken
        );
    }

    #[test]
    fn missing_columns_are_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.csv");
        fs::write(&file, "nom,uai\nA,0440069L\n").unwrap();
        let e = import(&ImportOptions {
            root: dir.path().to_owned(),
            file: file.clone(),
            dry_run: false,
        })
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("has neither an `insee` nor a `siren` column") && e.contains("`nom`, `uai`"),
            "{e}"
        );
        fs::write(&file, "insee,uai\n44036,0440069L\n").unwrap();
        let e = import(&ImportOptions {
            root: dir.path().to_owned(),
            file: file.clone(),
            dry_run: false,
        })
        .unwrap_err()
        .to_string();
        assert!(e.contains("no `eleves` column"), "{e}");
        fs::write(&file, "").unwrap();
        assert!(read_table(&file).is_err());
        assert!(read_table(&dir.path().join("none.csv")).is_err());
    }

    #[test]
    fn csv_reading() {
        assert_eq!(separator("a;b;c\n1,2;3;4"), ';');
        assert_eq!(separator("a,b,c"), ',');
        assert_eq!(separator("a\tb"), '\t');
        assert_eq!(separator("\"a;b\",c"), ',');
        assert_eq!(separator("a"), ',');
        let rows = parse_csv("a,\"b,\"\"c\"\"\",\r\n\"x\ny\",z\r\n\n", ',');
        let values: Vec<Vec<Value>> = rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.value.clone()).collect())
            .collect();
        let t = |s: &str| Value::Text(s.to_owned());
        assert_eq!(
            values,
            vec![
                vec![t("a"), t("b,\"c\""), Value::Empty],
                vec![t("x\ny"), t("z")],
                vec![Value::Empty]
            ]
        );
        assert_eq!(
            rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![1, 2, 4]
        );
        let at = |r: usize, c: usize| {
            (
                rows[r].cells[c].line,
                rows[r].cells[c].column,
                rows[r].cells[c].width,
            )
        };
        assert_eq!(at(0, 1), (1, 3, 9));
        assert_eq!(at(0, 2), (1, 13, 1));
        assert_eq!(at(1, 0), (2, 1, 2));
        assert_eq!(at(1, 1), (3, 4, 1));
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(28), "AB");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            // The same cases on every run, and no regression files written into the repository.
            rng_seed: proptest::test_runner::RngSeed::Fixed(1),
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]
        #[test]
        fn any_text_reads_without_panic(text in "[a-z0-9éE,;\"\n\r .+-]{0,300}") {
            let headers = ["uai", "insee", "siren", "eleves", "classes", "type", "telephone"];
            let table = Table {
                path: PathBuf::from("x.csv"),
                headers: headers.map(str::to_owned).to_vec(),
                header_line: 1,
                rows: parse_csv(&text, separator(&text)),
                text: Some(text.clone()),
            };
            let columns = Columns::find(&table, &mut Vec::new());
            let mut diagnostics = Vec::new();
            for i in 0..table.rows.len() {
                parse_row(&table, &columns, i, &mut diagnostics);
            }
            for d in &diagnostics {
                d.render(Path::new(""));
            }
        }
    }

    #[test]
    fn windows_1252_is_read_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("w.csv");
        let mut bytes = b"insee;commune;uai;patronyme;type;eleves\n53001;Ahuill\xe9;0530086F;SUZANNE SENS;primaire;109\n".to_vec();
        bytes.extend_from_slice(b"\r\n");
        fs::write(&file, bytes).unwrap();
        let (table, notes) = read_table(&file).unwrap();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.contains("Windows-1252"));
        assert_eq!(table.rows[0].cells[1].value, Value::Text("Ahuillé".into()));
        assert_eq!(table.rows.len(), 1);
        // The bytes Windows-1252 leaves undefined read as the control characters of the same code.
        let mut notes = Vec::new();
        let text = decode(b"\x80\x92\x9c\x81\xff", Path::new("x.csv"), &mut notes);
        assert_eq!(text, "€’œ\u{81}ÿ");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn utf16_with_its_byte_order_mark_is_read() {
        let dir = tempfile::tempdir().unwrap();
        // Excel's "Unicode text": UTF-16 with a byte-order mark, tab separated.
        let text = "insee\tcommune\n53001\tAhuillé\r\n";
        let little: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let big: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (name, bytes) in [("le.txt", little), ("be.txt", big)] {
            let file = dir.path().join(name);
            fs::write(&file, bytes).unwrap();
            let (table, notes) = read_table(&file).unwrap();
            assert!(notes.is_empty(), "{name}: {notes:?}");
            assert_eq!(table.headers, ["insee", "commune"], "{name}");
            assert_eq!(
                table.rows[0].cells[1].value,
                Value::Text("Ahuillé".into()),
                "{name}"
            );
        }
        let file = dir.path().join("bom.csv");
        fs::write(&file, "\u{feff}insee;commune\n53001;Ahuillé\n").unwrap();
        let (table, notes) = read_table(&file).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(table.headers, ["insee", "commune"]);
    }

    #[test]
    fn school_types_and_numbers() {
        assert_eq!(
            school_kind("ECOLE ELEMENTAIRE PUBLIQUE"),
            Some("elementaire")
        );
        assert_eq!(school_kind("Élémentaire"), Some("elementaire"));
        assert_eq!(school_kind("ECOLE PRIMARE BERTHE RENARD"), Some("primaire"));
        assert_eq!(school_kind("collège"), None);
        assert!(
            is_scientific("2,12102E+13") && is_scientific("2.12102e13") && is_scientific("2E5")
        );
        assert!(!is_scientific("0440069E") && !is_scientific("E12") && !is_scientific("12E"));
        assert!(is_decimal("214400368.0") && is_decimal("44036,00"));
        assert!(!is_decimal("44036") && !is_decimal("1.2.3"));
        assert_eq!(show_number(214400368.0), "214400368");
        assert_eq!(show_number(2.5), "2.5");
    }

    #[test]
    fn the_summary() {
        let report = ImportReport {
            file: PathBuf::from("/c/e.csv"),
            dry_run: true,
            changes: vec![
                Change {
                    id: "a".into(),
                    path: PathBuf::from("/c/members/a.yaml"),
                    kind: ChangeKind::Created,
                    details: vec!["1 school, 109 pupils".into()],
                },
                Change {
                    id: "b".into(),
                    path: PathBuf::from("/c/members/53/b.yaml"),
                    kind: ChangeKind::Updated,
                    details: vec![
                        "`collectivite.siren`: 1 → 2".into(),
                        "added school `X` (Y)".into(),
                    ],
                },
                Change {
                    id: "c".into(),
                    path: PathBuf::from("/c/members/c.yaml"),
                    kind: ChangeKind::Unchanged,
                    details: Vec::new(),
                },
            ],
            diagnostics: Vec::new(),
        };
        assert_eq!(
            report.render(Path::new("/c")),
            "\
would create members/a.yaml: 1 school, 109 pupils
would update members/53/b.yaml:
               - `collectivite.siren`: 1 → 2
               - added school `X` (Y)
   unchanged members/c.yaml
import of `e.csv`: 3 members: 1 to create, 1 to update, 1 unchanged (dry run: nothing written)
"
        );
    }
}
