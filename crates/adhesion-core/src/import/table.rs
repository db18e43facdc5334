//! The table reader: a CSV file or a workbook's first sheet as rows of cells that remember
//! where they are (line and column for a CSV file), so that every diagnostic points at its cell.
//! Ours for CSV because no CSV crate reports the character column of a field; workbooks are read
//! with `calamine`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::diagnostic::{Diagnostic, Position, Severity};
use crate::error::Error;
use crate::i18n::Message;
use crate::{msg, tr};

use super::MAX_TABLE_BYTES;

/// A cell's value as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A number cell of a workbook: an identifier stored so has lost its leading zeros, and
    /// its last digits when the spreadsheet rounded it.
    Number(f64),
}

/// A cell and where it is: for a CSV file, its line (a quoted field may span lines), the
/// character column in that line and its width; for a workbook, the sheet's row and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

/// A data row: `line` is the CSV line where it starts, or the sheet's row number.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A spreadsheet as rows of cells under a header row.
#[derive(Debug, Clone)]
pub struct Table {
    pub path: PathBuf,
    pub headers: Vec<String>,
    pub header_line: usize,
    pub rows: Vec<Row>,
    /// The text of a CSV file, for excerpts in diagnostics; `None` for a workbook.
    pub(super) text: Option<String>,
}

impl Table {
    pub(super) fn value<'a>(&'a self, row: &'a Row, column: Option<usize>) -> &'a Value {
        column
            .and_then(|c| row.cells.get(c))
            .map_or(&Value::Empty, |c| &c.value)
    }

    /// A diagnostic pointing at a cell (or at the row when `column` is `None`).
    pub(super) fn diagnostic(
        &self,
        severity: Severity,
        code: &'static str,
        row: &Row,
        column: Option<usize>,
        message: impl Into<Message>,
    ) -> Diagnostic {
        let mut message = message.into();
        let cell = column.and_then(|c| row.cells.get(c));
        let position = Position {
            line: cell.map_or(row.line, |c| c.line),
            column: cell.map_or(1, |c| c.column),
            len: cell.map_or(1, |c| c.width.max(1)),
        };
        if let (None, Some(c)) = (&self.text, cell) {
            message.text = tr!(
                "import-in-cell",
                message = message.text,
                cell = format!("{}{}", column_letters(c.column), row.line)
            );
        }
        let d = match severity {
            Severity::Error => Diagnostic::error(code, &self.path, message),
            Severity::Warning => Diagnostic::warning(code, &self.path, message),
            Severity::Note => Diagnostic::note(code, &self.path, message),
        };
        match &self.text {
            Some(text) => d.at(text, position),
            None => Diagnostic {
                position: Some(position),
                ..d
            },
        }
    }

    pub(super) fn error(
        &self,
        row: &Row,
        column: Option<usize>,
        message: impl Into<Message>,
    ) -> Diagnostic {
        self.diagnostic(Severity::Error, "import", row, column, message)
    }

    pub(super) fn header(&self, column: usize) -> &str {
        self.headers.get(column).map_or("", String::as_str)
    }
}

/// `A`, `B`... `Z`, `AA` for a 1-based column.
pub(super) fn column_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads a CSV file or a workbook's first sheet, with notes about how it was read.
pub fn read_table(path: &Path) -> Result<(Table, Vec<Diagnostic>), Error> {
    let read_error = |source| Error::Read {
        path: path.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_TABLE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        return Err(Error::Usage(tr!(
            "import-file-too-large",
            file = path.display(),
            mib = MAX_TABLE_BYTES / 1024 / 1024
        )));
    }
    let mut notes = Vec::new();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let workbook = matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
        || bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let (mut rows, text) = if workbook {
        let rows = read_workbook(path, &mut notes)
            .map_err(|m| read_error(std::io::Error::new(std::io::ErrorKind::InvalidData, m)))?;
        (rows, None)
    } else {
        let text = decode(&bytes, path, &mut notes);
        (parse_csv(&text, separator(&text)), Some(text))
    };
    rows.retain(|r| r.cells.iter().any(|c| c.value != Value::Empty));
    if rows.is_empty() {
        return Err(Error::Usage(tr!("import-no-row", file = path.display())));
    }
    let header = rows.remove(0);
    let headers = header
        .cells
        .iter()
        .map(|c| match &c.value {
            Value::Text(t) => t.trim().to_owned(),
            Value::Number(n) => n.to_string(),
            Value::Empty => String::new(),
        })
        .collect();
    let table = Table {
        path: path.to_owned(),
        headers,
        header_line: header.line,
        rows,
        text,
    };
    Ok((table, notes))
}

/// The text of a CSV file: the encoding its byte-order mark names (UTF-8, or UTF-16 as Excel's
/// "Unicode text" export), else UTF-8, else Windows-1252 as Excel saves CSV in France.
pub(super) fn decode(bytes: &[u8], path: &Path, notes: &mut Vec<Diagnostic>) -> String {
    let (encoding, bom) = Encoding::for_bom(bytes).unwrap_or((UTF_8, 0));
    let body = &bytes[bom..];
    if encoding != UTF_8 {
        let (text, malformed) = encoding.decode_without_bom_handling(body);
        if malformed {
            notes.push(Diagnostic::warning(
                "encoding",
                path,
                msg!("import-encoding-malformed", encoding = encoding.name()),
            ));
        }
        return text.into_owned();
    }
    match UTF_8.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => text.into_owned(),
        None => {
            notes.push(Diagnostic::note(
                "encoding",
                path,
                msg!("import-encoding-windows-1252"),
            ));
            WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
                .into_owned()
        }
    }
}

/// The separator of a CSV file: whichever of `,`, `;` and tab the header line has most of,
/// outside quotes (`,` when there is a tie).
pub(super) fn separator(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [('\t', 0usize), (';', 0), (',', 0)];
    let mut in_quotes = false;
    for c in first.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && let Some(e) = counts.iter_mut().find(|e| e.0 == c) {
            e.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|e| e.1)
        .filter(|e| e.1 > 0)
        .map_or(',', |e| e.0)
}

/// The field being read by [`parse_csv`].
#[derive(Default)]
pub(super) struct CsvField {
    pub(super) text: String,
    /// Its line, and its column and width on that line, in characters.
    pub(super) line: usize,
    pub(super) start: usize,
    pub(super) width: usize,
    pub(super) quoted: bool,
    pub(super) multiline: bool,
}

impl CsvField {
    pub(super) fn push(&mut self, c: char, chars: usize) {
        self.text.push(c);
        if !self.multiline {
            self.width += chars;
        }
    }

    /// The cell read, and a fresh field starting at `line`, `column`.
    pub(super) fn end(&mut self, line: usize, column: usize) -> Cell {
        let done = std::mem::replace(
            self,
            CsvField {
                line,
                start: column,
                ..CsvField::default()
            },
        );
        Cell {
            value: if done.text.trim().is_empty() {
                Value::Empty
            } else {
                Value::Text(done.text)
            },
            line: done.line,
            column: done.start,
            width: done.width.max(1),
        }
    }
}

/// RFC 4180 CSV, leniently: quoted fields may hold separators, newlines and `""`; a lone `\r`
/// ends a line too. Ours, not the `csv` crate's: each cell keeps its line, column and width in
/// characters, so that a diagnostic underlines it in the file.
pub(super) fn parse_csv(text: &str, sep: char) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut field = CsvField {
        line: 1,
        start: 1,
        ..CsvField::default()
    };
    let (mut line, mut column, mut row_line) = (1usize, 1usize, 1usize);
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.text.push('"');
                    field.width += if field.multiline { 0 } else { 2 };
                    column += 2;
                }
                '"' => {
                    in_quotes = false;
                    field.width += usize::from(!field.multiline);
                    column += 1;
                }
                '\n' => {
                    field.text.push('\n');
                    field.multiline = true;
                    line += 1;
                    column = 1;
                }
                c => {
                    field.push(c, 1);
                    column += 1;
                }
            }
            continue;
        }
        match c {
            '"' if field.text.is_empty() && !field.quoted => {
                field.quoted = true;
                field.width += 1;
                in_quotes = true;
                column += 1;
            }
            c if c == sep => {
                column += 1;
                cells.push(field.end(line, column));
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                cells.push(field.end(line + 1, 1));
                rows.push(Row {
                    line: row_line,
                    cells: std::mem::take(&mut cells),
                });
                line += 1;
                column = 1;
                row_line = line;
            }
            c => {
                field.push(c, 1);
                column += 1;
            }
        }
    }
    if !field.text.is_empty() || !cells.is_empty() || field.quoted {
        cells.push(field.end(line, 1));
        rows.push(Row {
            line: row_line,
            cells,
        });
    }
    rows
}

/// The first sheet of a workbook, rows numbered as the spreadsheet shows them.
pub(super) fn read_workbook(path: &Path, notes: &mut Vec<Diagnostic>) -> Result<Vec<Row>, String> {
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let names = workbook.sheet_names();
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| tr!("import-workbook-no-sheet"))?
        .map_err(|e| e.to_string())?;
    if names.len() > 1 {
        notes.push(Diagnostic::note(
            "import",
            path,
            msg!(
                "import-workbook-first-sheet",
                count = names.len(),
                sheet = names[0]
            ),
        ));
    }
    let (row0, col0) = range.start().unwrap_or((0, 0));
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            line: row0 as usize + i + 1,
            cells: cells
                .iter()
                .enumerate()
                .map(|(j, d)| Cell {
                    value: match d {
                        Data::Empty => Value::Empty,
                        Data::String(s) if s.trim().is_empty() => Value::Empty,
                        Data::String(s) => Value::Text(s.clone()),
                        Data::Int(i) => Value::Number(*i as f64),
                        Data::Float(f) => Value::Number(*f),
                        other => Value::Text(other.to_string()),
                    },
                    line: row0 as usize + i + 1,
                    column: col0 as usize + j + 1,
                    width: 1,
                })
                .collect(),
        })
        .collect())
}
