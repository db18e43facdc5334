//! Loading a campaign folder: `groupement.yaml`, the member files under `members/`, YAML parsing.
//!
//! This is the only module that parses YAML. Sources are kept with what they parse into, so that
//! later checks can point at a line and show it.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_saphyr::{Location, Options};

use crate::diagnostic::{Diagnostic, Position, Severity};
use crate::error::Error;
use crate::fault::{Fault, Stage};
use crate::i18n::Message;
use crate::model::{BLANK_ID, Groupement, Member};
use crate::{msg, tr};

/// Files larger than this are refused before parsing: no member file is legitimately this big.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A text file with the path it was read from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// A diagnostic pointing at `location` in this file.
    pub fn diagnostic(
        &self,
        severity: Severity,
        code: &'static str,
        location: Location,
        message: impl Into<Message>,
    ) -> Diagnostic {
        let d = match severity {
            Severity::Error => Diagnostic::error(code, &self.path, message),
            Severity::Warning => Diagnostic::warning(code, &self.path, message),
            Severity::Note => Diagnostic::note(code, &self.path, message),
        };
        match position(location) {
            Some(p) => d.at(&self.text, p),
            None => d,
        }
    }
}

/// The 1-based position of a YAML location, if it has one.
pub fn position(location: Location) -> Option<Position> {
    (location.line() > 0).then(|| Position {
        line: location.line() as usize,
        column: location.column().max(1) as usize,
        len: location.span().len().max(1) as usize,
    })
}

/// A member file found under `members/` (or named on the command line).
#[derive(Debug)]
pub struct MemberFile {
    /// The file stem: unique across the campaign, used as the output folder's name.
    pub id: String,
    pub source: SourceFile,
    /// The parsed member, or why it could not be read.
    pub member: Result<Member, Vec<Diagnostic>>,
}

/// A whole campaign as read from disk, before validation.
#[derive(Debug)]
pub struct Campaign {
    pub root: PathBuf,
    pub groupement: Groupement,
    pub groupement_source: SourceFile,
    /// Sorted by id, then path.
    pub members: Vec<MemberFile>,
    /// Problems of the folder itself: ignored files, loops, clashing ids.
    pub notes: Vec<Diagnostic>,
}

/// Reads a file as UTF-8 text, refusing huge files and stripping a byte-order mark.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(ReadError::TooLarge(size));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[start..]).chars().count() + 1;
        ReadError::NotUtf8 { line, column }
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// The file's size in bytes.
    TooLarge(u64),
    /// Where the first byte that is not UTF-8 stands.
    NotUtf8 {
        line: usize,
        column: usize,
    },
}

impl ReadError {
    fn diagnostic(&self, path: &Path) -> Diagnostic {
        match self {
            ReadError::Io(e) => {
                Diagnostic::error("read", path, msg!("load-read-failed", error = e))
            }
            ReadError::TooLarge(size) => Diagnostic::error(
                "read",
                path,
                msg!(
                    "load-too-large",
                    size = size / 1024,
                    max = MAX_FILE_BYTES / 1024
                ),
            ),
            ReadError::NotUtf8 { line, column } => Diagnostic {
                position: Some(Position {
                    line: *line,
                    column: *column,
                    len: 1,
                }),
                ..Diagnostic::error("read", path, msg!("load-not-utf8"))
            },
        }
    }
}

/// The YAML options every file is parsed with: duplicate keys are errors, and budgets stop
/// alias bombs and deep nesting early.
fn yaml_options() -> Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_aliases: 100,
            max_anchors: 100,
            max_events: 100_000,
            max_nodes: 50_000,
        },
    }
}

/// Parses YAML text into `T`, turning any problem into a located diagnostic.
pub fn parse<T: DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    if source.text.trim().is_empty() {
        return Err(Diagnostic::error("yaml", &source.path, msg!("load-empty")));
    }
    serde_saphyr::from_str_with_options(&source.text, yaml_options()).map_err(|e| {
        let raw = raw_message(&e);
        let position = e.location().and_then(position);
        let explained = explain(&raw, &source.text, position);
        let d = Diagnostic::error("yaml", &source.path, explained.message);
        match explained.position {
            Some(p) => d.at(&source.text, p),
            None => d,
        }
    })
}

/// serde-saphyr's message, first line, without its " at line L, column C" (we print ours).
fn raw_message(e: &serde_saphyr::Error) -> String {
    let full = e.without_snippet().to_string();
    let first = full.lines().next().unwrap_or("").trim();
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_owned(),
        None => first.to_owned(),
    }
}

/// A YAML problem in plain words: the message (its `.hint` the hint) and where it points.
struct Explained {
    message: Message,
    position: Option<Position>,
}

/// The key written on a line (`  eleves: beaucoup` → `eleves`), if any.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let l = l.trim_start().trim_start_matches("- ");
    let (key, _) = l.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.contains(' ')).then(|| key.to_owned())
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '-']).len()
}

/// The map that holds `line`: the closest line above with less indentation, as (line, key).
fn parent_of(text: &str, line: usize) -> Option<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let own = indent_of(lines.get(line.checked_sub(1)?)?);
    (1..line).rev().find_map(|n| {
        let l = lines[n - 1];
        if l.trim().is_empty() || l.trim_start().starts_with('#') || indent_of(l) >= own {
            return None;
        }
        Some((n, key_on_line(text, n)?))
    })
}

/// Rewrites serde-saphyr's messages ("invalid i64", "expected mapping start"...) for the people
/// who edit these files: which key, what was expected, what to do.
fn explain(raw: &str, text: &str, position: Option<Position>) -> Explained {
    let plain = |message: Message| Explained { message, position };
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        return plain(unknown_key(rest));
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        return missing_key(rest, text, position);
    }
    if let Some(message) = wrong_kind(raw, text, position) {
        return plain(message);
    }
    if raw.contains("found a tab") || raw.contains("tab") && raw.contains("indent") {
        let line = position.map_or("", |p| text.lines().nth(p.line - 1).unwrap_or(""));
        let position = position.map(|p| match line.chars().position(|c| c == '\t') {
            Some(i) => Position {
                column: i + 1,
                len: 1,
                ..p
            },
            None => p,
        });
        return Explained {
            message: msg!("load-tab"),
            position,
        };
    }
    if let Some(rest) = raw.strip_prefix("budget breached: ") {
        let what = rest.split([' ', '{']).next().unwrap_or(rest);
        return plain(match what {
            "Aliases" | "Anchors" => msg!("load-too-many-aliases"),
            "Depth" | "MaxDepth" => msg!("load-too-deep"),
            _ => msg!("load-too-complex", what = what),
        });
    }
    // A message of the YAML library that has no explanation of ours: passed on as it is.
    plain(match crate::diagnostic::lower_first(raw) {
        m if m.is_empty() => msg!("load-yaml-invalid"),
        m => msg!("load-yaml-raw", message = m),
    })
}

/// An unknown key (`rest` follows "unknown field `"), with the nearest expected one or the list.
fn unknown_key(rest: &str) -> Message {
    let (unknown, rest) = rest.split_once('`').unwrap_or((rest, ""));
    let expected: Vec<&str> = rest
        .trim_start_matches(", expected one of ")
        .trim_start_matches(", expected ")
        .split(", ")
        .map(|k| k.trim_matches('`'))
        .filter(|k| !k.is_empty())
        .collect();
    let near = expected
        .iter()
        .map(|k| (strsim(unknown, k), *k))
        .filter(|(d, _)| *d <= 2.max(unknown.len() / 3))
        .min();
    match near {
        Some((_, k)) => msg!("load-unknown-key-near", key = unknown, suggestion = k),
        None => msg!(
            "load-unknown-key",
            key = unknown,
            keys = expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A missing key (`rest` follows "missing field `"), pointed at the map that lacks it.
fn missing_key(rest: &str, text: &str, position: Option<Position>) -> Explained {
    let missing = rest.split('`').next().unwrap_or(rest);
    match position.and_then(|p| parent_of(text, p.line)) {
        Some((line, parent)) => Explained {
            message: msg!("load-missing-key", parent = parent, key = missing),
            position: Some(Position {
                line,
                column: indent_of(text.lines().nth(line - 1).unwrap_or("")) + 1,
                len: parent.chars().count(),
            }),
        },
        None => Explained {
            message: msg!("load-missing-key-top", key = missing),
            position: None,
        },
    }
}

/// A value of the wrong kind (not a number, a map, a list or a text), said of its key.
fn wrong_kind(raw: &str, text: &str, position: Option<Position>) -> Option<Message> {
    let line_text = |n: usize| text.lines().nth(n.saturating_sub(1)).unwrap_or("");
    // Pointing at the first key of a map means the map itself is the value in question: its key
    // is on the line above.
    let key = position.and_then(|p| {
        let l = line_text(p.line);
        let at_key = p.column == l.len() - l.trim_start().len() + 1;
        if at_key {
            parent_of(text, p.line).map(|(_, k)| k)
        } else {
            key_on_line(text, p.line)
        }
    });
    // Nothing but comments and blank lines before the position: it is the file's top level.
    let at_top = position.is_some_and(|p| {
        text.lines()
            .take(p.line.saturating_sub(1))
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---")
    });
    // What the message is about: the key in backticks, or "this value".
    let subject = match &key {
        Some(k) => format!("`{k}`"),
        None => tr!("load-this-value"),
    };
    if raw.starts_with("invalid i")
        || raw.starts_with("invalid u")
        || raw.contains("expected i64")
        || raw.contains("expected u32")
    {
        let value = position
            .and_then(|p| text.lines().nth(p.line - 1))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty());
        return Some(match value {
            Some(value) => msg!("load-not-number-value", subject = subject, value = value),
            None => msg!("load-not-number", subject = subject),
        });
    }
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let k = rest.split(',').next().unwrap_or(rest).trim();
        return Some(msg!("load-duplicate-key", key = k));
    }
    if raw.contains("expected mapping start") {
        return Some(match position {
            Some(p) if at_top && p.column == 1 => msg!("load-top-not-map"),
            _ => msg!("load-not-map", subject = subject),
        });
    }
    if raw.contains("expected sequence start") {
        return Some(msg!("load-not-list", subject = subject));
    }
    if raw.contains("expected string scalar") {
        return Some(msg!("load-not-text", subject = subject));
    }
    None
}

/// The edit distance behind every "did you mean" (Levenshtein, counted in characters), named
/// once so that all suggestions change together.
pub use strsim::levenshtein as strsim;

/// Whether an id can be a folder name everywhere: ASCII letters, digits, `-`, `_`, `.`.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with(['.', '-'])
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// A member's id: its file name without the extension.
fn member_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// [`load_member`], a panic (of the YAML parser, say) becoming the file's error.
fn load_member_caught(path: &Path, fault: Option<&Fault>) -> MemberFile {
    crate::fault::catch(path, || {
        crate::fault::inject(fault, Stage::Load, &member_id(path));
        load_member(path)
    })
    .unwrap_or_else(|d| MemberFile {
        id: member_id(path),
        source: SourceFile {
            path: path.to_owned(),
            text: String::new(),
        },
        member: Err(vec![d]),
    })
}

/// Reads and parses one member file.
pub fn load_member(path: &Path) -> MemberFile {
    match read_text(path) {
        Ok(text) => member_from_text(path, text),
        Err(e) => MemberFile {
            id: member_id(path),
            source: SourceFile {
                path: path.to_owned(),
                text: String::new(),
            },
            member: Err(vec![e.diagnostic(path)]),
        },
    }
}

/// Parses the text of a member file read from `path` (or typed in the portal for it).
pub fn member_from_text(path: &Path, text: String) -> MemberFile {
    let id = member_id(path);
    let source = SourceFile {
        path: path.to_owned(),
        text,
    };
    let member = {
        let mut problems = Vec::new();
        if !is_safe_id(&id) {
            let slug = crate::communes::fold(&id).replace(' ', "-");
            let example = if is_safe_id(&slug) {
                slug.as_str()
            } else {
                "chateaubriant"
            };
            problems.push(Diagnostic::error(
                "id",
                path,
                msg!("load-id-unsafe", id = id, example = example),
            ));
        } else if id == BLANK_ID {
            problems.push(Diagnostic::error(
                "id",
                path,
                msg!("load-id-reserved", id = id),
            ));
        }
        match parse::<Member>(&source) {
            Ok(m) if problems.is_empty() => Ok(m),
            Ok(_) => Err(problems),
            Err(d) => {
                problems.push(d);
                Err(problems)
            }
        }
    };
    MemberFile { id, source, member }
}

/// Finds the member files under `dir`: YAML files in any sub-folder, others noted and skipped.
pub fn discover(dir: &Path, notes: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if !dir.is_dir() {
        return found;
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let name = e.file_name().to_string_lossy();
                if is_yaml(e.path()) {
                    found.push(e.into_path());
                } else if !name.starts_with('.') {
                    notes.push(Diagnostic::note("ignored", e.path(), msg!("load-not-yaml")));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_owned();
                let message = if e.loop_ancestor().is_some() {
                    msg!("load-symlink-loop")
                } else {
                    msg!(
                        "load-folder-unreadable",
                        error = e
                            .io_error()
                            .map_or_else(|| e.to_string(), ToString::to_string)
                    )
                };
                notes.push(Diagnostic::warning("folder", path, message));
            }
        }
    }
    found
}

/// Loads a campaign: the campaign file (a fatal error if unusable) and its members: the files
/// in `only` when given (a commune building its own documents), else every file under
/// `members/`. Member problems are kept per member. `fault`: see [`Fault`].
pub fn load_campaign(
    root: &Path,
    only: &[PathBuf],
    fault: Option<&Fault>,
) -> Result<Campaign, Error> {
    let (groupement, groupement_source) = load_groupement(root)?;
    let mut notes = Vec::new();
    let mut paths = if only.is_empty() {
        discover(&root.join("members"), &mut notes)
    } else {
        Vec::new()
    };
    // The same file named twice (`a.yaml ./a.yaml`) is loaded once.
    let mut seen = std::collections::HashSet::new();
    for path in only {
        if seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())) {
            paths.push(path.clone());
        }
    }
    let mut members: Vec<MemberFile> = paths
        .par_iter()
        .map(|p| load_member_caught(p, fault))
        .collect();
    members.sort_by(|a, b| (&a.id, &a.source.path).cmp(&(&b.id, &b.source.path)));

    // Two files with the same stem would write to the same folder: both are refused.
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        by_id.entry(m.id.as_str()).or_default().push(i);
    }
    let clashes: Vec<(usize, PathBuf)> = by_id
        .values()
        .filter(|v| v.len() > 1)
        .flat_map(|v| {
            v.iter().map(|&i| {
                let other = v
                    .iter()
                    .find(|&&j| j != i)
                    .map(|&j| members[j].source.path.clone());
                (i, other.unwrap_or_default())
            })
        })
        .collect();
    for (i, other) in clashes {
        let m = &mut members[i];
        let d = Diagnostic::error(
            "duplicate-id",
            &m.source.path,
            msg!(
                "load-duplicate-id",
                id = m.id,
                other = crate::diagnostic::display_path(&other, root)
            ),
        );
        match &mut m.member {
            Ok(_) => m.member = Err(vec![d]),
            Err(v) => v.push(d),
        }
    }
    Ok(Campaign {
        root: root.to_owned(),
        groupement,
        groupement_source,
        members,
        notes,
    })
}

/// Reads `groupement.yaml`: any problem with it stops everything.
pub fn load_groupement(root: &Path) -> Result<(Groupement, SourceFile), Error> {
    let path = root.join("groupement.yaml");
    if !path.is_file() {
        return Err(Error::NoCampaign(root.to_owned()));
    }
    let text = read_text(&path).map_err(|e| Error::Campaign(vec![e.diagnostic(&path)]))?;
    let source = SourceFile { path, text };
    let groupement = parse::<Groupement>(&source).map_err(|d| Error::Campaign(vec![d]))?;
    Ok((groupement, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("m.yaml"),
            text: text.to_owned(),
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Ids {
        insee: String,
        siren: String,
        telephone: String,
        flag: String,
    }

    #[test]
    fn identifiers_stay_text() {
        let ids: Ids = parse(&source(
            "insee: 01053\nsiren: 057813131\ntelephone: 0240815216\nflag: no\n",
        ))
        .unwrap();
        assert_eq!(ids.insee, "01053");
        assert_eq!(ids.siren, "057813131");
        assert_eq!(ids.telephone, "0240815216");
        assert_eq!(ids.flag, "no");
    }

    #[test]
    fn unknown_key_suggests() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Ecole {
            nom: String,
            eleves: u32,
        }
        let d = parse::<Ecole>(&source("nom: A\nelves: 3\n")).unwrap_err();
        assert_eq!(d.position.map(|p| p.line), Some(2));
        assert_eq!(d.hint.as_deref(), Some("did you mean `eleves`?"));
        assert_eq!(d.message, "unknown key `elves`");
    }

    #[test]
    fn messages_in_plain_words() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Signataire {
            nom: String,
            fonction: String,
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct M {
            nom: String,
            eleves: i64,
            signataire: Option<Signataire>,
        }
        let cases = [
            (
                "nom: A\neleves: beaucoup\n",
                "`eleves` must be a whole number, not `beaucoup`",
                2,
            ),
            (
                "nom: A\nnom: B\neleves: 1\n",
                "key `nom` is written twice in the same map",
                2,
            ),
            (
                "- a\n- b\n",
                "the file must be a map of keys, not a list",
                1,
            ),
            (
                "nom: {x: 1}\neleves: 1\n",
                "`nom` must be a text, not a list or a map",
                1,
            ),
            (
                "nom: A\neleves: 1\nsignataire:\n  nom: x\n",
                "`signataire` has no `fonction`",
                3,
            ),
        ];
        for (yaml, message, line) in cases {
            let d = parse::<M>(&source(yaml)).unwrap_err();
            assert_eq!(d.message, message, "{yaml:?}");
            assert_eq!(d.position.map(|p| p.line), Some(line), "{yaml:?}");
        }
    }

    #[test]
    fn safe_ids() {
        for ok in ["chateaubriant", "44036-chateaubriant", "a.b_c", "A1"] {
            assert!(is_safe_id(ok), "{ok}");
        }
        for bad in [
            "",
            ".hidden",
            "-x",
            "a b",
            "é",
            "a/b",
            "con:x",
            &"x".repeat(65),
        ] {
            assert!(!is_safe_id(bad), "{bad}");
        }
    }

    #[test]
    fn levenshtein() {
        assert_eq!(strsim("elves", "eleves"), 1);
        assert_eq!(strsim("", "abc"), 3);
        assert_eq!(strsim("kitten", "sitting"), 3);
        assert_eq!(strsim("élèves", "eleves"), 2);
    }
}
