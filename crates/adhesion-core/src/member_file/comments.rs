//! The comments of a member file, kept where they were when the file is written again, and the
//! guide comments of a new file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::i18n::{self, Lang};
use crate::model::PersonField;
use crate::tr;

use super::{Draft, school_key};

/// The comments of a member file, by the path of the key they belong to, so that a rewritten
/// file keeps them. Own-line comments (and blank lines) belong to the next key; a comment at
/// the end of a line to that line's key. School items are keyed by UAI (`ecoles[0440069L]`), so
/// a school's comments follow it. Comments are kept verbatim; those whose key is gone are
/// written at the end of the file, never dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    /// Lines before the first key.
    pub header: Vec<String>,
    /// Own-line comments and blank lines before the line of a path.
    pub before: BTreeMap<String, Vec<String>>,
    /// The comment at the end of a path's line, with its `#`.
    pub inline: BTreeMap<String, String>,
    /// Lines after the last key.
    pub trailer: Vec<String>,
}

/// One level of the key path while scanning: a mapping key or the n-th item of a list.
enum Segment {
    Key(String),
    Item(usize),
}

impl Comments {
    /// Collects the comments of `text`, the YAML of `draft` (which names the school items).
    /// Follows block mappings and lists as people write them; a line it cannot place (flow
    /// collections, quoted keys) keeps its comments as orphans, written at the end.
    pub fn scan(text: &str, draft: &Draft) -> Self {
        let mut scanner = Scanner {
            draft,
            comments: Comments::default(),
            pending: Vec::new(),
            seen_content: false,
            stack: Vec::new(),
            items: BTreeMap::new(),
            block_scalar: None,
            orphans: 0,
        };
        for line in text.lines() {
            scanner.line(line);
        }
        scanner.finish()
    }
}

/// The state of [`Comments::scan`] between two lines.
struct Scanner<'a> {
    draft: &'a Draft,
    comments: Comments,
    /// Own-line comments and blank lines waiting for the next key.
    pending: Vec<String>,
    /// A key was seen: comments before it are the header.
    seen_content: bool,
    /// The path to the current line, with the column of each level.
    stack: Vec<(usize, Segment)>,
    /// The items seen so far in each list, by the list's path.
    items: BTreeMap<String, usize>,
    /// The column of the key whose block scalar (`|`, `>`) the next lines may continue.
    block_scalar: Option<usize>,
    orphans: usize,
}

impl Scanner<'_> {
    /// The path of the current line: keys joined by `.`, items in brackets (by school key in
    /// `ecoles`).
    fn path(&self) -> String {
        let mut path = String::new();
        for (_, seg) in &self.stack {
            match seg {
                Segment::Key(k) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                }
                Segment::Item(i) => {
                    let key = match (path.as_str(), self.draft.ecoles.get(*i)) {
                        ("ecoles", Some(e)) => school_key(e, *i),
                        _ => i.to_string(),
                    };
                    let _ = write!(path, "[{key}]");
                }
            }
        }
        path
    }

    /// A path for comments that belong to no key.
    fn orphan(&mut self) -> String {
        self.orphans += 1;
        format!("?{}", self.orphans)
    }

    /// Takes one line of the file: a comment or blank line waits for the next key; a key
    /// (or a list item) takes them, and its own comment at the end of the line.
    fn line(&mut self, line: &str) {
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if let Some(level) = self.block_scalar {
            if body.trim().is_empty() || indent > level {
                return;
            }
            self.block_scalar = None;
        }
        if body.trim().is_empty() {
            if self.pending.last().is_none_or(|l| !l.is_empty())
                && (self.seen_content || !self.pending.is_empty())
            {
                self.pending.push(String::new());
            }
            return;
        }
        if line.trim_start().starts_with('#') {
            self.pending.push(line.trim_end().to_owned());
            return;
        }
        if matches!(body.trim_end(), "---" | "...") {
            return;
        }
        let mut column = indent;
        let mut rest = body;
        let mut item_path = None;
        if rest == "-" || rest.starts_with("- ") || rest.trim_end() == "-" {
            item_path = Some(self.enter_item(column));
            let after = rest[1..].trim_start_matches(' ');
            column += rest.len() - after.len();
            rest = after;
        }
        let (before_path, inline_path, comment) = match split_key(rest) {
            Some((key, value)) => {
                if item_path.is_none() {
                    while self.stack.last().is_some_and(|(i, _)| *i >= column) {
                        self.stack.pop();
                    }
                }
                self.stack.push((column, Segment::Key(key.to_owned())));
                let path = self.path();
                let value = value.trim_start();
                if value.starts_with(['|', '>']) {
                    self.block_scalar = Some(column);
                }
                (
                    item_path.unwrap_or_else(|| path.clone()),
                    Some(path),
                    trailing_comment(value),
                )
            }
            None => (
                item_path.clone().unwrap_or_default(),
                item_path,
                trailing_comment(rest),
            ),
        };
        self.attach(before_path, inline_path, comment);
    }

    /// Opens the next item of the list at `column`; gives its path.
    fn enter_item(&mut self, column: usize) -> String {
        while self
            .stack
            .last()
            .is_some_and(|(i, s)| *i > column || (*i == column && matches!(s, Segment::Item(_))))
        {
            self.stack.pop();
        }
        let list = self.path();
        let counter = self.items.entry(list).or_default();
        let item = *counter;
        *counter += 1;
        self.stack.push((column, Segment::Item(item)));
        self.path()
    }

    /// Gives the comments waiting to the line's `before_path` (or to the header before any
    /// key), and its end-of-line `comment` to `inline_path`; orphans when there is no path.
    fn attach(&mut self, before_path: String, inline_path: Option<String>, comment: Option<&str>) {
        let before_path = if before_path.is_empty() {
            self.orphan()
        } else {
            before_path
        };
        if !self.pending.is_empty() {
            if self.seen_content {
                self.comments
                    .before
                    .entry(before_path)
                    .or_default()
                    .append(&mut self.pending);
            } else {
                self.comments.header.append(&mut self.pending);
            }
        }
        self.seen_content = true;
        if let Some(comment) = comment {
            let path = inline_path.unwrap_or_else(|| self.orphan());
            self.comments
                .inline
                .insert(path, comment.trim_end().to_owned());
        }
    }

    /// The comments found, with the lines after the last key, less blank lines at the end, as
    /// the trailer.
    fn finish(mut self) -> Comments {
        while self.pending.last().is_some_and(String::is_empty) {
            self.pending.pop();
        }
        self.comments.trailer = self.pending;
        self.comments
    }
}

/// `key: rest` for a simple mapping key.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    let (key, rest) = line.split_at(end);
    let rest = rest.strip_prefix(':')?;
    (!key.is_empty() && (rest.is_empty() || rest.starts_with([' ', '\t']))).then_some((key, rest))
}

/// The comment at the end of a value, if any: a `#` after a space, outside quotes.
fn trailing_comment(value: &str) -> Option<&str> {
    if value.starts_with('#') {
        return Some(value);
    }
    let b = value.as_bytes();
    let mut i = 0;
    match b.first() {
        Some(b'"') => {
            i = 1;
            while i < b.len() {
                match b[i] {
                    b'\\' => i += 2,
                    b'"' => {
                        i += 1;
                        break;
                    }
                    _ => i += 1,
                }
            }
        }
        Some(b'\'') => {
            i = 1;
            while i < b.len() {
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        }
        _ => {}
    }
    (i.max(1)..b.len())
        .find(|&j| b[j] == b'#' && matches!(b[j - 1], b' ' | b'\t'))
        .map(|j| &value[j..])
}

/// Writes lines, taking each key's comments as it goes.
pub(super) struct Writer {
    pub(super) out: String,
    pub(super) comments: Comments,
}

impl Writer {
    pub(super) fn raw(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
    }

    pub(super) fn take_before(&mut self, path: &str) {
        for line in self.comments.before.remove(path).unwrap_or_default() {
            self.raw(&line);
        }
    }

    pub(super) fn line(&mut self, path: &str, text: String) {
        let mut text = text;
        if let Some(comment) = self.comments.inline.remove(path) {
            text.push_str("  ");
            text.push_str(&comment);
        }
        self.raw(&text);
    }

    /// A key whose value is the block below it.
    pub(super) fn section(&mut self, key: &str) {
        self.take_before(key);
        self.line(key, format!("{key}:"));
    }

    pub(super) fn field(&mut self, level: usize, path: &str, key: &str, value: &str) {
        self.take_before(path);
        self.line(path, format!("{}{key}: {value}", "  ".repeat(level)));
    }

    pub(super) fn person(&mut self, field: PersonField, value: &str) {
        self.field(1, field.path(), field.key(), value);
    }

    /// A key of a school item, the first one with the item's dash.
    pub(super) fn item_field(&mut self, path: &str, key: &str, value: &str, first: bool) {
        if !first {
            self.take_before(path);
        }
        let lead = if first { "  - " } else { "    " };
        self.line(path, format!("{lead}{key}: {value}"));
    }

    /// Orphaned comments, then the trailer.
    pub(super) fn finish(mut self) -> String {
        let before = std::mem::take(&mut self.comments.before);
        let inline = std::mem::take(&mut self.comments.inline);
        for line in before.into_values().flatten() {
            self.raw(&line);
        }
        for comment in inline.into_values() {
            self.raw(&comment);
        }
        for line in std::mem::take(&mut self.comments.trailer) {
            self.raw(&line);
        }
        self.out
    }
}

/// A guide comment in `lang` (the guide's messages take no argument).
fn guide_text(lang: Lang, id: &str) -> String {
    i18n::text_in(lang, id, &[])
}

/// The `civilite` example, indented as the contact's fields.
fn guide_civilite(text: String) -> String {
    format!("  {text}")
}

/// The lines of a multi-line guide message.
fn lines(text: String) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Whether `f` holds for the guide comment `id` in one of the languages: a file written in one
/// language is pruned in the other.
fn any_lang(id: &str, f: impl Fn(String) -> bool) -> bool {
    [Lang::Fr, Lang::En]
        .into_iter()
        .any(|lang| f(guide_text(lang, id)))
}

/// Removes the comments of [`guide`] that no longer apply once `draft` is filled in: the
/// "to fill in" of fields that have a value, the `civilite` example once there is one, the
/// school example once there are schools.
pub fn prune_guide(c: &mut Comments, draft: &Draft) {
    c.inline.retain(|path, comment| {
        let filled = any_lang("new-guide-fill", |fill| comment.starts_with(&fill))
            && PersonField::from_path(path)
                .and_then(|f| draft.text_of(f))
                .is_some_and(|v| !v.trim().is_empty());
        let schooled = path == "ecoles"
            && any_lang("new-guide-ecoles", |g| *comment == g)
            && !draft.ecoles.is_empty();
        !(filled || schooled)
    });
    if draft.contact.civilite.is_some()
        && let Some(before) = c.before.get_mut(PersonField::ContactFirstName.path())
    {
        before.retain(|l| !any_lang("new-guide-civilite", |g| *l == guide_civilite(g)));
    }
    if !draft.ecoles.is_empty() {
        for lang in [Lang::Fr, Lang::En] {
            let school = lines(guide_text(lang, "new-guide-school"));
            if let Some(at) = c
                .trailer
                .windows(school.len())
                .position(|w| w == school.as_slice())
            {
                c.trailer.drain(at..at + school.len());
            }
        }
    }
}

/// Comments that tell a person what to type in each empty field of a generated file, under
/// `header`, with commented examples of what can be added.
pub fn guide(draft: &Draft, header: Vec<String>) -> Comments {
    let mut c = Comments {
        header,
        ..Comments::default()
    };
    c.inline
        .insert("collectivite.nom".into(), tr!("new-guide-collectivite-nom"));
    let hints = [
        (
            PersonField::SignerTitle,
            Some(tr!("new-guide-signer-title")),
        ),
        (
            PersonField::SignerFirstName,
            Some(tr!("new-guide-signer-first-name")),
        ),
        (
            PersonField::SignerLastName,
            Some(tr!("new-guide-signer-last-name")),
        ),
        (PersonField::SignerRole, Some(tr!("new-guide-signer-role"))),
        (
            PersonField::ContactFirstName,
            Some(tr!("new-guide-contact-first-name")),
        ),
        (PersonField::ContactLastName, None),
        (
            PersonField::ContactPhone,
            Some(tr!("new-guide-contact-phone")),
        ),
        (
            PersonField::ContactEmail,
            Some(tr!("new-guide-contact-email")),
        ),
    ];
    for (field, hint) in hints {
        if draft.text_of(field).is_some_and(|v| v.trim().is_empty()) {
            let fill = tr!("new-guide-fill");
            let comment = match hint {
                None => fill,
                Some(hint) => tr!("new-guide-fill-with", fill = fill, hint = hint),
            };
            c.inline.insert(field.path().into(), comment);
        }
    }
    if draft.contact.civilite.is_none() {
        c.before
            .entry(PersonField::ContactFirstName.path().into())
            .or_default()
            .push(guide_civilite(tr!("new-guide-civilite")));
    }
    if draft.ecoles.is_empty() {
        c.inline.insert("ecoles".into(), tr!("new-guide-ecoles"));
        c.trailer.extend(lines(tr!("new-guide-school")));
    }
    if draft.signature.is_none() {
        c.trailer.extend(lines(tr!("new-guide-signature")));
    }
    if draft.deliberation.is_none() {
        c.trailer.extend(lines(tr!("new-guide-deliberation")));
    }
    c
}
