//! Per-member problems: one look for YAML, validation and Typst diagnostics.
//!
//! A [`Diagnostic`] carries its file, position and the source line it points at, so that it can
//! be printed long after the source text is gone and sorted into a deterministic order. It
//! renders plain, or styled for a terminal: the CLI prints the styled text through `anstream`,
//! which drops the colours where they are off (not a terminal, `NO_COLOR`).
//!
//! Its message is a [`Message`] of the catalogue ([`crate::i18n`]): the text in the user's
//! language, with the id and arguments kept for `check --format json`; the words `error`,
//! `warning`, `note` and `hint` come from `locales/<lang>/common.ftl`.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::i18n::{Arg, Message};
use crate::tr;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Information that never fails a build (an ignored file).
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Severity::Error => tr!("common-error"),
            Severity::Warning => tr!("common-warning"),
            Severity::Note => tr!("common-note"),
        })
    }
}

impl Severity {
    /// The word in its colour, for text printed through `anstream` (`error: ...` of a fatal error).
    pub fn styled(self) -> String {
        paint(Palette::COLOURED.severity(self), self)
    }
}

/// The styles of a rendering: none, or rustc's colours.
#[derive(Clone, Copy)]
struct Palette {
    error: Style,
    warning: Style,
    note: Style,
    hint: Style,
    gutter: Style,
    message: Style,
}

impl Palette {
    const PLAIN: Palette = Palette {
        error: Style::new(),
        warning: Style::new(),
        note: Style::new(),
        hint: Style::new(),
        gutter: Style::new(),
        message: Style::new(),
    };

    const COLOURED: Palette = Palette {
        error: AnsiColor::Red.on_default().bold(),
        warning: AnsiColor::Yellow.on_default().bold(),
        note: AnsiColor::Green.on_default().bold(),
        hint: AnsiColor::Cyan.on_default().bold(),
        gutter: AnsiColor::Blue.on_default().bold(),
        message: Style::new().bold(),
    };

    fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Note => self.note,
        }
    }
}

/// `text` between the codes of `style`; just `text` for the empty style.
fn paint(style: Style, text: impl fmt::Display) -> String {
    format!("{style}{text}{style:#}")
}

/// A position in a text file, 1-based, with the length of the marked spot in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name for tools (`uai`, `siren`, `yaml`, `typst`...).
    pub code: &'static str,
    pub file: PathBuf,
    pub position: Option<Position>,
    /// The text of the line the position points at.
    pub excerpt: Option<String>,
    /// The text of the message, in the language of the run.
    pub message: String,
    /// The catalogue id of the message; empty for a text not yet in the catalogue.
    pub message_id: &'static str,
    /// The arguments of the message, in order, for tools (`check --format json`).
    pub args: Vec<(&'static str, Arg)>,
    pub hint: Option<String>,
    /// The path of the value it is about in a member's data (`ecoles[2].uai`, schools counted
    /// from 0), set by the check that raised it: the portal shows it next to that field.
    pub field: Option<String>,
}

impl Diagnostic {
    pub fn error(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<Message>,
    ) -> Self {
        Self::new(Severity::Error, code, file, message)
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<Message>,
    ) -> Self {
        Self::new(Severity::Warning, code, file, message)
    }

    pub fn note(code: &'static str, file: impl Into<PathBuf>, message: impl Into<Message>) -> Self {
        Self::new(Severity::Note, code, file, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<Message>,
    ) -> Self {
        let message = message.into();
        Self {
            severity,
            code,
            file: file.into(),
            position: None,
            excerpt: None,
            message: clip_quoted(message.text),
            message_id: message.id,
            args: message
                .args
                .into_iter()
                .map(|(name, value)| (name, clip_arg(value)))
                .collect(),
            // The `.hint` of a catalogue message; `with_hint` may still replace it.
            hint: message.hint.map(clip_quoted),
            field: None,
        }
    }

    /// Says which value of a member's data the diagnostic is about.
    pub fn on(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }

    /// Points the diagnostic at `position` in `text`, keeping the line for the excerpt.
    pub fn at(mut self, text: &str, position: Position) -> Self {
        if position.line > 0 {
            self.excerpt = text
                .lines()
                .nth(position.line - 1)
                .map(|line| line.trim_end_matches('\r').to_owned());
        }
        self.position = Some(position);
        self
    }

    /// Sets the hint: a catalogue [`Message`] (its text).
    pub fn with_hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(clip_quoted(hint.into().text));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order diagnostics are printed in: by file, then position, then text.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.file,
            self.position.map(|p| (p.line, p.column)),
            self.severity,
            &self.message,
        )
    }

    /// Renders the diagnostic the way a compiler would, paths relative to `base` if possible.
    pub fn render(&self, base: &Path) -> String {
        self.render_with(base, &Palette::PLAIN)
    }

    /// [`render`](Self::render) with colours, for printing through `anstream`.
    pub fn render_styled(&self, base: &Path) -> String {
        self.render_with(base, &Palette::COLOURED)
    }

    fn render_with(&self, base: &Path, palette: &Palette) -> String {
        let file = display_path(&self.file, base);
        let label = palette.severity(self.severity);
        let gutter = |text: &str| paint(palette.gutter, text);
        // The colon after a label: `:` in English, `\u{A0}:` in French.
        let colon = tr!("common-label-colon");
        let mut out = format!(
            "{}{} {}\n",
            paint(label, self.severity),
            paint(palette.message, &colon),
            paint(palette.message, &self.message)
        );
        match self.position {
            Some(p) => {
                let _ = writeln!(out, "  {} {}:{}:{}", gutter("-->"), file, p.line, p.column);
                if let Some(line) = &self.excerpt {
                    let number = p.line.to_string();
                    let pad = " ".repeat(number.len());
                    let line = line.replace('\t', " ");
                    // A very long line is shown around the spot only.
                    let (line, p) = window(&line, p);
                    let _ = writeln!(out, "{pad} {}", gutter("|"));
                    let _ = writeln!(out, "{} {line}", gutter(&format!("{number} |")));
                    let _ = writeln!(
                        out,
                        "{pad} {} {}{}",
                        gutter("|"),
                        " ".repeat(p.column.saturating_sub(1)),
                        paint(label, "^".repeat(p.len.max(1)))
                    );
                }
            }
            None if !file.is_empty() => {
                let _ = writeln!(out, "  {} {file}", gutter("-->"));
            }
            None => {}
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(
                out,
                "  {} {}{colon} {hint}",
                gutter("="),
                paint(palette.hint, tr!("common-hint"))
            );
        }
        out
    }

    /// One JSON object for `check --format json`.
    pub fn to_json(&self, base: &Path) -> String {
        #[derive(Serialize)]
        struct Line<'a> {
            file: String,
            line: Option<usize>,
            column: Option<usize>,
            severity: Severity,
            code: &'a str,
            message: &'a str,
            args: Args<'a>,
            hint: Option<&'a str>,
        }
        /// The arguments as one JSON object, in their order.
        struct Args<'a>(&'a [(&'static str, Arg)]);
        impl Serialize for Args<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(name, value)| (name, value)))
            }
        }
        let line = Line {
            file: display_path(&self.file, base),
            line: self.position.map(|p| p.line),
            column: self.position.map(|p| p.column),
            severity: self.severity,
            code: self.code,
            message: &self.message,
            args: Args(&self.args),
            hint: self.hint.as_deref(),
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

/// At most [`EXCERPT_CHARS`] characters of `line` around the position, with the position moved
/// accordingly.
fn window(line: &str, p: Position) -> (String, Position) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= EXCERPT_CHARS {
        return (line.to_owned(), p);
    }
    let start = p
        .column
        .saturating_sub(1 + EXCERPT_CHARS / 4)
        .min(chars.len());
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut column = p.column - start;
    if start > 0 {
        shown.insert(0, '…');
        column += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    let len = p
        .len
        .min(end.saturating_sub(p.column.saturating_sub(1)).max(1));
    (shown, Position { column, len, ..p })
}

const EXCERPT_CHARS: usize = 100;

/// The longest value a message quotes whole, in characters.
const MAX_QUOTED: usize = 60;

/// `message` with each value quoted in backticks cut to [`MAX_QUOTED`] characters: a message
/// names a value, it does not repeat a page pasted into a field (the excerpt shows where it is).
fn clip_quoted(message: String) -> String {
    if message.len() <= MAX_QUOTED {
        return message;
    }
    let mut out = String::with_capacity(message.len().min(1024));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are inside backticks.
        if i % 2 == 1 && part.chars().nth(MAX_QUOTED).is_some() {
            out.extend(part.chars().take(MAX_QUOTED));
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The longest text argument kept whole for tools, in characters (a path fits; a page pasted
/// into a field does not).
const MAX_ARG: usize = 200;

/// `arg` cut to [`MAX_ARG`] characters, like the values quoted in the text.
fn clip_arg(arg: Arg) -> Arg {
    match arg {
        Arg::Str(s) if s.chars().nth(MAX_ARG).is_some() => {
            Arg::Str(s.chars().take(MAX_ARG).chain(['…']).collect())
        }
        arg => arg,
    }
}

/// `path` relative to `base` when it lies below it, with `/` separators.
pub fn display_path(path: &Path, base: &Path) -> String {
    let shown = path.strip_prefix(base).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// Our messages start in lower case, like rustc's; acronyms ("PDF/UA-1") are left alone.
pub fn lower_first(message: &str) -> String {
    let message = message.trim_end_matches('.');
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_uppercase() => message.to_owned(),
        (Some(a), _) => a.to_lowercase().chain(message.chars().skip(1)).collect(),
        _ => String::new(),
    }
}

/// Counts errors and warnings in a list.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    (errors, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_excerpt_and_hint() {
        let text = "ecoles:\n  - uai: 0671236G\n";
        let d = Diagnostic::error(
            "uai",
            "/c/members/a.yaml",
            Message::rendered("bad check letter"),
        )
        .at(
            text,
            Position {
                line: 2,
                column: 10,
                len: 8,
            },
        )
        .with_hint(Message::rendered("expected `E`"));
        let out = d.render(Path::new("/c"));
        assert_eq!(
            out,
            "error: bad check letter\n  --> members/a.yaml:2:10\n  |\n2 |   - uai: 0671236G\n  |          ^^^^^^^^\n  = hint: expected `E`\n"
        );
        assert_eq!(
            d.to_json(Path::new("/c")),
            r#"{"file":"members/a.yaml","line":2,"column":10,"severity":"error","code":"uai","message":"bad check letter","args":{},"hint":"expected `E`"}"#
        );
    }

    #[test]
    fn colours_only_when_asked() {
        let d = Diagnostic::warning("x", "/c/f.yaml", Message::rendered("odd"))
            .at(
                "a: 1\n",
                Position {
                    line: 1,
                    column: 4,
                    len: 1,
                },
            )
            .with_hint(Message::rendered("check it"));
        let plain = d.render(Path::new("/c"));
        let styled = d.render_styled(Path::new("/c"));
        assert!(!plain.contains('\x1b'), "{plain}");
        assert!(
            styled.starts_with("\x1b[1m\x1b[33mwarning\x1b[0m"),
            "{styled:?}"
        );
        assert!(styled.contains("\x1b[1m\x1b[36mhint\x1b[0m"), "{styled:?}");
        assert_eq!(anstream::adapter::strip_str(&styled).to_string(), plain);
        // What the CLI does: a stream with colour off prints the plain text, one with colour
        // on the codes.
        for (choice, expected) in [
            (anstream::ColorChoice::Never, &plain),
            (anstream::ColorChoice::Always, &styled),
        ] {
            let mut stream = anstream::AutoStream::new(Vec::new(), choice);
            std::io::Write::write_all(&mut stream, styled.as_bytes()).unwrap();
            assert_eq!(String::from_utf8(stream.into_inner()).unwrap(), *expected);
        }
        assert_eq!(
            anstream::adapter::strip_str(&Severity::Error.styled()).to_string(),
            "error"
        );
    }

    #[test]
    fn catalogue_messages_keep_their_id_arguments_and_hint() {
        use crate::i18n::Lang;
        let args = vec![
            ("uai", Arg::Str("0671236G".into())),
            ("digits", Arg::Str("0671236".into())),
            ("expected", Arg::Str("E".into())),
        ];
        let message = Message::new_in(Lang::En, "validate-uai-check-letter", args.clone());
        let d = Diagnostic::error("uai", "/c/a.yaml", message);
        assert_eq!(d.message_id, "validate-uai-check-letter");
        assert_eq!(d.args, args);
        assert_eq!(d.message, "the check letter of UAI `0671236G` is wrong");
        assert_eq!(d.hint.as_deref(), Some("for `0671236` the letter is `E`"));
        assert_eq!(
            d.to_json(Path::new("/c")),
            r#"{"file":"a.yaml","line":null,"column":null,"severity":"error","code":"uai","message":"the check letter of UAI `0671236G` is wrong","args":{"uai":"0671236G","digits":"0671236","expected":"E"},"hint":"for `0671236` the letter is `E`"}"#
        );
        // A French message: the same id and arguments, a text in French.
        let fr = Message::new_in(Lang::Fr, "validate-uai-check-letter", args);
        let d = Diagnostic::warning("uai", "/c/a.yaml", fr).with_hint(Message::rendered("autre"));
        assert_eq!(
            d.message,
            "la lettre de contrôle de l’UAI `0671236G` est fausse"
        );
        assert_eq!(d.hint.as_deref(), Some("autre"));
        // Numbers stay numbers for tools.
        let count = Message::new_in(
            Lang::Fr,
            "common-schools-count",
            vec![("count", Arg::Num(2))],
        );
        let d = Diagnostic::note("x", "/c/a.yaml", count);
        assert_eq!(d.message, "2 écoles");
        assert!(d.to_json(Path::new("/c")).contains(r#""args":{"count":2}"#));
        // A text rendered elsewhere: no id, no arguments.
        let d = Diagnostic::error("x", "/c/a.yaml", Message::rendered(format!("odd {}", 1)));
        assert_eq!((d.message_id, d.args.len()), ("", 0));
        assert!(d.to_json(Path::new("/c")).contains(r#""args":{}"#));
    }

    #[test]
    fn lower_case_messages() {
        assert_eq!(lower_first("Unknown variable."), "unknown variable");
        assert_eq!(lower_first("PDF/UA-1 error"), "PDF/UA-1 error");
        assert_eq!(lower_first("É"), "é");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn long_lines_are_cut_around_the_spot() {
        let text = format!("{}XY{}", "a".repeat(500), "b".repeat(500));
        let d = Diagnostic::error("x", "/c/f.yaml", Message::rendered("m")).at(
            &text,
            Position {
                line: 1,
                column: 501,
                len: 2,
            },
        );
        let out = d.render(Path::new("/c"));
        let excerpt = out.lines().nth(3).unwrap();
        assert!(excerpt.chars().count() < 120, "{excerpt}");
        let caret = out.lines().nth(4).unwrap();
        let x = excerpt.chars().position(|c| c == 'X').unwrap();
        assert_eq!(caret.chars().position(|c| c == '^'), Some(x));
    }

    #[test]
    fn long_quoted_values_are_cut() {
        let long = "é".repeat(100_000);
        let d = Diagnostic::error(
            "siren",
            "a.yaml",
            Message::rendered(format!("the SIREN `{long}` is wrong")),
        )
        .with_hint(Message::rendered(format!("not `{long}`")));
        let cut = format!("{}…", "é".repeat(MAX_QUOTED));
        assert_eq!(d.message, format!("the SIREN `{cut}` is wrong"));
        assert_eq!(d.hint.as_deref(), Some(format!("not `{cut}`").as_str()));
        let short = "did you mean `eleves`? (`elves` is not a key of `ecoles`)";
        assert_eq!(clip_quoted(short.to_owned()), short);
    }
}
