//! Rendering Tera-templated Typst sources.
//!
//! Templates are read once from the campaign's `templates/` folder. Two kinds of `.typ` files live
//! there: the documents ([`Document`]: `convention.typ`, `annexe-2.typ`), rendered once per member
//! with `groupement`, `membre` and `vierge` in scope, and partials (every other `.typ` file, such
//! as `style.typ` or `convention-texte.typ`), rendered once per campaign with `groupement` only.
//! Keeping what does not depend on the member in partials makes its Typst source identical from
//! one member to the next, which lets Typst reuse its layout.
//!
//! Every `{{ value }}` is escaped for Typst markup; `{{ value | str }}` gives a Typst string
//! literal for code positions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Position, lower_first};
use crate::document::{Document, Rendered};
use crate::error::Error;
use crate::fingerprint::Fingerprint;
use crate::{msg, tr};
use recap::RecapPart;
use view::{CampaignView, MemberView};

pub mod escape;
pub mod recap;
pub mod typography;
pub mod view;

/// The campaign's templates, parsed once, and the files Typst may read beside them.
pub struct Templates {
    dir: PathBuf,
    tera: Tera,
    /// Template texts by name, for locating errors.
    texts: BTreeMap<String, String>,
    /// Names of the partial templates.
    partials: Vec<String>,
    /// Non-template files under `templates/` (images, data), by relative path.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Font files under `templates/fonts/`.
    pub fonts: Vec<Vec<u8>>,
}

impl Templates {
    /// Reads every file under `dir`. A missing document template or a Tera syntax error is
    /// fatal: no member could be built.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let mut tera = Tera::new();
        tera.autoescape_on([".typ"]);
        tera.set_escape_fn(escape::tera_escape);
        register_filters(&mut tera);

        let TemplateFiles {
            texts,
            assets,
            fonts,
        } = TemplateFiles::read(dir)?;
        for doc in Document::ALL {
            if !texts.contains_key(doc.template()) {
                return Err(Error::Templates(vec![Diagnostic::error(
                    "template",
                    dir.join(doc.template()),
                    msg!("render-template-missing", template = doc.template()),
                )]));
            }
        }
        let mut problems = Vec::new();
        for (name, text) in &texts {
            if let Err(e) = tera.add_raw_template(name, text) {
                problems.push(tera_diagnostic(dir, &texts, name, &e));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Templates(problems));
        }
        let partials = texts
            .keys()
            .filter(|n| !Document::is_document(n))
            .cloned()
            .collect();
        Ok(Self {
            dir: dir.to_owned(),
            tera,
            texts,
            partials,
            assets,
            fonts,
        })
    }

    /// The context every template sees.
    pub fn campaign_context(campaign: &CampaignView) -> Context {
        let mut ctx = Context::new();
        ctx.insert("groupement", campaign);
        ctx
    }

    /// Renders the partials, once per campaign. An error here is fatal.
    pub fn render_partials(&self, campaign: &Context) -> Result<Vec<Rendered>, Error> {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for name in &self.partials {
            match self.tera.render(name, campaign) {
                Ok(text) => out.push(Rendered {
                    name: name.clone(),
                    text,
                }),
                Err(e) => problems.push(tera_diagnostic(&self.dir, &self.texts, name, &e)),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(Error::Templates(problems))
        }
    }

    /// Renders one document for one member (or a blank form).
    pub fn render_document(
        &self,
        doc: Document,
        campaign: &Context,
        member: &MemberView,
        blank: bool,
    ) -> Result<String, Diagnostic> {
        let mut ctx = campaign.clone();
        ctx.insert("membre", member);
        ctx.insert("vierge", &blank);
        self.tera
            .render(doc.template(), &ctx)
            .map_err(|e| tera_diagnostic(&self.dir, &self.texts, doc.template(), &e))
    }

    /// Renders the campaign's recap.
    pub fn render_recap(
        &self,
        campaign: &Context,
        recap: &RecapPart,
    ) -> Result<String, Diagnostic> {
        let mut ctx = campaign.clone();
        ctx.insert("recap", recap);
        let name = Document::Recapitulatif.template();
        self.tera
            .render(name, &ctx)
            .map_err(|e| tera_diagnostic(&self.dir, &self.texts, name, &e))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Adds every template, asset and font to a fingerprint.
    pub fn fingerprint(&self, f: &mut Fingerprint) {
        for (name, text) in &self.texts {
            f.add(name.as_bytes()).add(text.as_bytes());
        }
        for (name, bytes) in &self.assets {
            f.add(name.as_bytes()).add(bytes);
        }
        for bytes in &self.fonts {
            f.add(bytes);
        }
    }
}

/// The files under `templates/`, sorted by what they are.
#[derive(Default)]
struct TemplateFiles {
    /// The `.typ` files, by relative path.
    texts: BTreeMap<String, String>,
    /// Other files, by relative path.
    assets: BTreeMap<String, Vec<u8>>,
    /// Font files under `fonts/`.
    fonts: Vec<Vec<u8>>,
}

impl TemplateFiles {
    /// Reads every file under `dir`, links followed, in the order of their names.
    fn read(dir: &Path) -> Result<Self, Error> {
        if !dir.is_dir() {
            return Err(Error::Usage(tr!(
                "render-no-templates",
                path = dir.display()
            )));
        }
        let mut files = Self::default();
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| Error::Read {
                path: e.path().unwrap_or(dir).to_owned(),
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other(tr!("render-templates-loop"))),
            })?;
            if entry.file_type().is_file() {
                files.add(dir, entry.path())?;
            }
        }
        Ok(files)
    }

    /// Reads the file at `path`, under `dir`, as a template (which must be UTF-8), a font or
    /// an asset.
    fn add(&mut self, dir: &Path, path: &Path) -> Result<(), Error> {
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        // The portal's mails (`templates/courriels/`) are no part of the documents.
        if rel.starts_with("courriels/") {
            return Ok(());
        }
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "typ" {
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::Templates(vec![Diagnostic::error(
                    "template",
                    path,
                    msg!("render-template-not-utf8"),
                )])
            })?;
            self.texts.insert(rel, text);
        } else if rel.starts_with("fonts/") && matches!(ext, "ttf" | "otf" | "ttc" | "otc") {
            self.fonts.push(bytes);
        } else {
            self.assets.insert(rel, bytes);
        }
        Ok(())
    }
}

/// A Tera error as one of our diagnostics, pointing into the template file.
fn tera_diagnostic(
    dir: &Path,
    texts: &BTreeMap<String, String>,
    name: &str,
    e: &tera::Error,
) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = if r.filename().is_empty() {
                name
            } else {
                r.filename()
            };
            let span = r.span();
            let d = Diagnostic::error(
                "template",
                dir.join(file),
                msg!("render-tera", message = lower_first(r.message())),
            );
            match texts.get(file) {
                Some(text) => d.at(
                    text,
                    Position {
                        line: span.start_line,
                        column: span.start_col + 1,
                        len: if span.end_line == span.start_line {
                            span.end_col.saturating_sub(span.start_col).max(1)
                        } else {
                            1
                        },
                    },
                ),
                None => d,
            }
        }
        _ => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::error(
                "template",
                dir.join(name),
                msg!("render-tera", message = lower_first(&message)),
            )
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Filters, registered in one place.

fn register_filters(tera: &mut Tera) {
    tera.register_filter("str", filter_str);
    tera.register_filter("exact", |v: &str, _: Kwargs, _: &State| {
        Value::safe_string(&escape::markup_exact(v))
    });
    // `date(jour=true)`: with the day of the week, "jeudi 16 décembre 2021".
    tera.register_filter("date", |v: &Value, kwargs: Kwargs, _: &State| {
        let d = parse_date(v)?;
        Ok(Value::normal_string(
            &if kwargs.get::<bool>("jour")?.unwrap_or(false) {
                typography::date_with_weekday(d)
            } else {
                typography::date(d)
            },
        ))
    });
    tera.register_filter("date_num", |v: &Value, _: Kwargs, _: &State| {
        parse_date(v).map(|d| Value::normal_string(&typography::date_numeric(d)))
    });
    tera.register_filter("annee", |v: &Value, _: Kwargs, _: &State| {
        parse_date(v).map(|d| Value::from(i64::from(d.year)))
    });
    tera.register_filter(
        "nombre",
        |v: &Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            let n = v
                .as_i64()
                .ok_or_else(|| tera::Error::message(tr!("render-filter-nombre", value = v)))?;
            Ok(Value::normal_string(&typography::number(n)))
        },
    );
    tera.register_filter(
        "en_lettres",
        |v: &Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            // Digits in place of words would pass unnoticed in a legal text: fail instead.
            let words = v.as_u64().and_then(typography::in_words).ok_or_else(|| {
                tera::Error::message(tr!(
                    "render-filter-en-lettres",
                    max = typography::IN_WORDS_MAX,
                    value = v
                ))
            })?;
            Ok(Value::normal_string(&words))
        },
    );
    tera.register_filter("telephone", |v: &str, _: Kwargs, _: &State| {
        Value::normal_string(&typography::phone(v))
    });
    tera.register_filter("majuscules", |v: &str, _: Kwargs, _: &State| {
        Value::normal_string(&typography::upper(v))
    });
    tera.register_filter("initiale", |v: &str, _: Kwargs, _: &State| {
        Value::normal_string(&typography::capitalize_first(v))
    });
}

/// `{{ value | str }}`: a Typst string literal, `none` for a missing value;
/// `{{ value | str(exact=true) }}` without French typography (e-mail addresses).
fn filter_str(v: &Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let exact = kwargs.get::<bool>("exact")?.unwrap_or(false);
    if v.is_none() || v.is_undefined() {
        return Ok(Value::safe_string("none"));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::safe_string(if b { "true" } else { "false" }));
    }
    let text = match v.as_str() {
        Some(s) => s.to_owned(),
        None if v.is_number() => v.to_string(),
        None => {
            return Err(tera::Error::message(tr!(
                "render-filter-str",
                kind = v.name()
            )));
        }
    };
    Ok(Value::safe_string(&if exact {
        escape::string_literal_exact(&text)
    } else {
        escape::string_literal(&text)
    }))
}

fn parse_date(v: &Value) -> TeraResult<Date> {
    v.as_str()
        .and_then(Date::parse)
        .ok_or_else(|| tera::Error::message(tr!("render-filter-date", value = v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(input: &str) -> TeraResult<String> {
        let mut tera = Tera::new();
        register_filters(&mut tera);
        tera.render_str(input, &Context::new(), false)
    }

    /// The error and its causes, as one text.
    fn message(e: &tera::Error) -> String {
        let mut text = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            text.push_str(&s.to_string());
            source = s.source();
        }
        text
    }

    #[test]
    fn en_lettres_spells_or_fails() {
        assert_eq!(
            render("les {{ 21 | en_lettres }} mois").ok().as_deref(),
            Some("les vingt et un mois")
        );
        for bad in ["-1", "2.5", "1000000000", "\"deux\""] {
            let e = render(&format!("{{{{ {bad} | en_lettres }}}}")).expect_err(bad);
            assert!(
                message(&e).contains("`en_lettres` spells whole numbers from 0 to 999999999"),
                "{bad}: {}",
                message(&e)
            );
        }
    }
}
