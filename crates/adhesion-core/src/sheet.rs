//! CSV as French spreadsheets open it (LibreOffice, Excel set to French): UTF-8 with a
//! byte-order mark, `;` between cells, CRLF, quotes where needed (the `csv` crate), and every
//! cell a spreadsheet would run as a formula neutralised. The recap, the portal's
//! invitations, its late members and its audit log are written this way.

/// A CSV being written, row by row.
pub struct Sheet {
    writer: ::csv::Writer<Vec<u8>>,
}

impl Sheet {
    /// A CSV whose first row is `header`.
    pub fn new(header: &[&str]) -> Sheet {
        let writer = Self::builder().from_writer("\u{feff}".as_bytes().to_vec());
        let mut sheet = Sheet { writer };
        sheet.row(header);
        sheet
    }

    /// The rows after those of another sheet (no byte-order mark, no header): a long CSV sent
    /// in parts.
    pub fn continued() -> Sheet {
        Sheet {
            writer: Self::builder().from_writer(Vec::new()),
        }
    }

    fn builder() -> ::csv::WriterBuilder {
        let mut builder = ::csv::WriterBuilder::new();
        builder.delimiter(b';').terminator(::csv::Terminator::CRLF);
        builder
    }

    /// One row.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        let cells = cells.iter().map(|c| neutral(c.as_ref()).into_owned());
        // Writing to memory cannot fail.
        let _ = self.writer.write_record(cells);
    }

    /// The CSV's text.
    pub fn finish(self) -> String {
        let bytes = self.writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// `cell`, with a `'` before a leading `=`, `+`, `-`, `@`, tab or carriage return, which a
/// spreadsheet would run as a formula (OWASP's advice on CSV injection).
fn neutral(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_neutralised() {
        let mut sheet = Sheet::new(&["a", "b"]);
        sheet.row(&["Ville de Laval", "a;b"]);
        sheet.row(&["dit \"x\"", "ligne\nsuite"]);
        sheet.row(&["=1+1", "\t=cmd"]);
        sheet.row(&["\r-2", "@SUM(A1)"]);
        assert_eq!(
            sheet.finish(),
            "\u{feff}a;b\r\nVille de Laval;\"a;b\"\r\n\"dit \"\"x\"\"\";\"ligne\nsuite\"\r\n\
             '=1+1;'\t=cmd\r\n\"'\r-2\";'@SUM(A1)\r\n"
        );
        let mut more = Sheet::continued();
        more.row(&["\t=2", "b"]);
        assert_eq!(more.finish(), "'\t=2;b\r\n");
    }
}
