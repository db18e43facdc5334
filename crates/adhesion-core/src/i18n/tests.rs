//! The catalogue's checks: both languages complete and alike, every id the sources use present,
//! plurals, numbers and French typography.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use super::*;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// (message id, attribute or "" for the value) → the variables it uses.
type Shape = BTreeMap<(String, String), BTreeSet<String>>;

/// The text patterns of a language: (file, id, attribute, pattern source with placeables as `X`).
type Texts = Vec<(String, String, String, String)>;

fn parse(lang: Lang) -> (Shape, Texts) {
    let mut shape = Shape::new();
    let mut texts = Texts::new();
    for (area, fr, en) in AREAS {
        let file = format!("locales/{lang}/{area}.ftl");
        let source = match lang {
            Lang::Fr => fr,
            Lang::En => en,
        };
        let resource = fluent_syntax::parser::parse(*source)
            .unwrap_or_else(|(_, errors)| panic!("{file}: {errors:?}"));
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let id = m.id.name.to_owned();
                    assert!(
                        id.starts_with(&format!("{area}-")),
                        "{file}: `{id}` should start with `{area}-`"
                    );
                    let mut patterns = vec![(String::new(), m.value)];
                    patterns.extend(
                        m.attributes
                            .into_iter()
                            .map(|a| (a.id.name.to_owned(), Some(a.value))),
                    );
                    for (attribute, pattern) in patterns {
                        let mut vars = BTreeSet::new();
                        let mut text = String::new();
                        if let Some(p) = &pattern {
                            pattern_vars(p, &mut vars, &mut text);
                        }
                        let key = (id.clone(), attribute.clone());
                        assert!(
                            shape.insert(key, vars).is_none(),
                            "{file}: `{id}` defined twice"
                        );
                        texts.push((file.clone(), id.clone(), attribute, text));
                    }
                }
                ast::Entry::Term(t) => panic!("{file}: term `-{}`: use messages", t.id.name),
                ast::Entry::Junk { content } => panic!("{file}: cannot parse {content:?}"),
                _ => {}
            }
        }
    }
    (shape, texts)
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    for element in &p.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                text.push('X');
                expression_vars(expression, vars, text);
            }
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars, text);
            for v in variants {
                text.push(' ');
                pattern_vars(&v.value, vars, text);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars, text),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    let call = |args: &ast::CallArguments<&str>, vars: &mut BTreeSet<String>, text: &mut String| {
        for a in &args.positional {
            inline_vars(a, vars, text);
        }
        for a in &args.named {
            inline_vars(&a.value, vars, text);
        }
    };
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => call(arguments, vars, text),
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => call(arguments, vars, text),
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars, text),
        _ => {}
    }
}

#[test]
fn both_languages_have_the_same_messages_and_variables() {
    let (fr, _) = parse(Lang::Fr);
    let (en, _) = parse(Lang::En);
    let name = |(id, attribute): &(String, String)| {
        if attribute.is_empty() {
            id.clone()
        } else {
            format!("{id}.{attribute}")
        }
    };
    let fr_only: Vec<_> = fr
        .keys()
        .filter(|k| !en.contains_key(*k))
        .map(name)
        .collect();
    let en_only: Vec<_> = en
        .keys()
        .filter(|k| !fr.contains_key(*k))
        .map(name)
        .collect();
    assert!(fr_only.is_empty(), "in French, not in English: {fr_only:?}");
    assert!(en_only.is_empty(), "in English, not in French: {en_only:?}");
    for (key, vars) in &fr {
        assert_eq!(
            vars,
            &en[key],
            "`{}`: the variables differ (French, English)",
            name(key)
        );
    }
}

#[test]
fn every_catalogue_file_is_embedded() {
    let mut found = Vec::new();
    for lang in std::fs::read_dir(Path::new(ROOT).join("locales")).unwrap() {
        let lang = lang.unwrap();
        let code = lang.file_name().to_string_lossy().into_owned();
        assert!(
            code.parse::<Lang>().is_ok(),
            "locales/{code}: not a language of `Lang`"
        );
        for file in std::fs::read_dir(lang.path()).unwrap() {
            let name = file.unwrap().file_name().to_string_lossy().into_owned();
            found.push(format!("{code}/{name}"));
        }
    }
    for file in &found {
        let area = file
            .split_once('/')
            .and_then(|(_, f)| f.strip_suffix(".ftl"));
        assert!(
            area.is_some_and(|area| AREAS.iter().any(|(a, _, _)| *a == area)),
            "locales/{file} is not in `AREAS` of crates/adhesion-core/src/i18n.rs"
        );
    }
    assert_eq!(found.len(), AREAS.len() * 2, "{found:?}");
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The id literals of `msg!("...")` and `tr!("...")` in `source`.
fn used_ids(source: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for macro_name in ["msg!(", "tr!("] {
        let mut rest = source;
        while let Some(at) = rest.find(macro_name) {
            // `msg!` but not `some_msg!`.
            let before = rest[..at].chars().next_back();
            rest = &rest[at + macro_name.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // The id, maybe on the next line.
            let Some(literal) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            // What is not shaped like a Fluent id is not a use (this file's own texts).
            let id = literal.split('"').next().unwrap_or_default();
            let is_id = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if is_id {
                ids.push(id.to_owned());
            }
        }
    }
    ids
}

#[test]
fn every_id_the_sources_use_exists() {
    let (fr, _) = parse(Lang::Fr);
    let (en, _) = parse(Lang::En);
    let mut files = Vec::new();
    // The command line's sources and every crate's.
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    rust_files(&Path::new(ROOT).join("crates"), &mut files);
    let mut missing = Vec::new();
    let mut used = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for id in used_ids(&source) {
            used += 1;
            let key = (id.clone(), String::new());
            if !fr.contains_key(&key) || !en.contains_key(&key) {
                missing.push(format!("{}: `{id}`", file.display()));
            }
        }
    }
    assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
    assert!(used > 0, "the scan found no `msg!`/`tr!`: is it broken?");
    // Written in pieces, or the scan would find these ids in this file.
    let sample = [
        "msg",
        "!(\"a-b\", x = 1) tr",
        "!(\n  \"c\") my_msg",
        "!(\"no\") msg",
        "!(id)",
    ];
    assert_eq!(used_ids(&sample.concat()), ["a-b", "c"]);
}

#[test]
fn plurals_follow_the_language() {
    let count = |lang, n: usize| {
        text_in(
            lang,
            "common-schools-count",
            &[("count", __i18n_arg_test(n))],
        )
    };
    assert_eq!(count(Lang::Fr, 0), "0 école");
    assert_eq!(count(Lang::Fr, 1), "1 école");
    assert_eq!(count(Lang::Fr, 2), "2 écoles");
    assert_eq!(count(Lang::En, 0), "0 schools");
    assert_eq!(count(Lang::En, 1), "1 school");
    assert_eq!(count(Lang::En, 2), "2 schools");
    // The plural is chosen on the number, the grouping only changes how it is written.
    assert_eq!(count(Lang::Fr, 1250), "1\u{202F}250 écoles");
    assert_eq!(count(Lang::En, 1250), "1250 schools");
}

fn __i18n_arg_test(n: usize) -> Arg {
    crate::__i18n_arg!(n)
}

#[test]
fn numbers_are_grouped_in_french() {
    assert_eq!(group(1250, '\u{202F}'), "1\u{202F}250");
    assert_eq!(group(999, '\u{202F}'), "999");
    assert_eq!(group(-1_234_567, ' '), "-1 234 567");
    assert_eq!(group(0, ' '), "0");
}

#[test]
fn macro_arguments_are_numbers_or_texts() {
    let n: u8 = 3;
    let r = &n;
    let big = u64::MAX;
    let name = String::from("École");
    assert_eq!(crate::__i18n_arg!(n), Arg::Num(3));
    assert_eq!(crate::__i18n_arg!(r), Arg::Num(3));
    assert_eq!(crate::__i18n_arg!(-7i32), Arg::Num(-7));
    assert_eq!(crate::__i18n_arg!(big), Arg::Num(i64::MAX));
    assert_eq!(crate::__i18n_arg!(name), Arg::Str("École".into()));
    assert_eq!(crate::__i18n_arg!("a"), Arg::Str("a".into()));
    assert_eq!(crate::__i18n_arg!('c'), Arg::Str("c".into()));
    assert_eq!(crate::__i18n_arg!(1.5), Arg::Str("1.5".into()));
    assert_eq!(
        serde_json::to_string(&[Arg::Num(2), Arg::Str("x".into())]).unwrap(),
        r#"[2,"x"]"#
    );
}

#[test]
fn a_message_carries_its_hint() {
    let args = || {
        vec![
            ("uai", Arg::Str("0671236G".into())),
            ("digits", Arg::Str("0671236".into())),
            ("expected", Arg::Str("E".into())),
        ]
    };
    let en = Message::new_in(Lang::En, "validate-uai-check-letter", args());
    assert_eq!(en.text, "the check letter of UAI `0671236G` is wrong");
    assert_eq!(en.hint.as_deref(), Some("for `0671236` the letter is `E`"));
    let fr = Message::new_in(Lang::Fr, "validate-uai-check-letter", args());
    assert_eq!(
        fr.text,
        "la lettre de contrôle de l’UAI `0671236G` est fausse"
    );
    assert_eq!(
        fr.hint.as_deref(),
        Some("pour `0671236`, la lettre est `E`")
    );
    assert_eq!(fr.to_string(), fr.text);
    // The current language (English until the CLI calls `init`: `DEFAULT_LANG`).
    let m = crate::msg!(
        "validate-uai-check-letter",
        uai = "0671236G",
        digits = "0671236",
        expected = 'E'
    );
    assert_eq!(
        m,
        Message::new_in(lang(), "validate-uai-check-letter", args())
    );
    assert_eq!(
        crate::tr!("common-schools-count", count = 2usize),
        text("common-schools-count", &[("count", Arg::Num(2))])
    );
    assert_eq!(Message::new_in(Lang::Fr, "common-error", vec![]).hint, None);
}

#[test]
fn a_missing_message_falls_back_to_its_id_and_arguments() {
    let args = [("count", Arg::Num(2)), ("name", Arg::Str("x".into()))];
    assert_eq!(
        render(Lang::Fr, "common-nothing", None, &args),
        Err("no such message".to_owned())
    );
    // A variable the message uses and the caller forgot is an error too.
    assert!(render(Lang::En, "common-schools-count", None, &[]).is_err());
    assert!(render(Lang::En, "common-error", Some("hint"), &[]).is_err());
    // In a release build, no panic: the id and the arguments.
    if !cfg!(debug_assertions) {
        assert_eq!(
            text_in(Lang::Fr, "common-nothing", &args),
            "common-nothing(count: 2, name: x)"
        );
        assert_eq!(
            attribute_in(Lang::Fr, "common-error", "hint", &[]),
            "common-error.hint"
        );
    }
}

/// The French typography the catalogue keeps: a no-break space (U+00A0) before `:`, a narrow
/// no-break space (U+202F) or U+00A0 before `;`, `?`, `!`, never an ASCII space; « » with
/// no-break spaces inside rather than ASCII quotes; ’ rather than an ASCII apostrophe.
fn typography_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            ':' | ';' | '?' | '!' if before == Some(' ') => {
                problems.push(format!("an ASCII space before `{c}`"))
            }
            ':' if before == Some('\u{202F}') => {
                problems.push("U+202F before `:` (U+00A0 is the one)".into())
            }
            '"' => problems.push("an ASCII quote `\"` (« » in French)".into()),
            '\'' => problems.push("an ASCII apostrophe (’ in French)".into()),
            '«' if after != Some('\u{A0}') => problems.push("`«` without U+00A0 after".into()),
            '»' if before != Some('\u{A0}') => problems.push("`»` without U+00A0 before".into()),
            _ => {}
        }
    }
    problems
}

#[test]
fn french_typography() {
    let (_, texts) = parse(Lang::Fr);
    let mut problems = Vec::new();
    for (file, id, attribute, text) in &texts {
        for p in typography_problems(text) {
            problems.push(format!("{file}: `{id}` {attribute}: {p}: {text:?}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(typography_problems("fichier\u{A0}: «\u{A0}a\u{A0}» ok\u{202F}?").is_empty());
    assert_eq!(typography_problems("fichier : x").len(), 1);
    assert_eq!(typography_problems("le \"x\"").len(), 2);
    assert_eq!(typography_problems("« x »").len(), 2);
    assert_eq!(typography_problems("quoi ?").len(), 1);
    assert_eq!(typography_problems("l'UAI").len(), 1);
}

#[test]
fn language_from_the_environment() {
    assert_eq!(from_vars(None, None, None), Lang::Fr);
    assert_eq!(from_vars(None, None, Some("en_US.UTF-8")), Lang::En);
    assert_eq!(from_vars(None, None, Some("fr_FR.UTF-8")), Lang::Fr);
    assert_eq!(from_vars(Some("fr_FR"), None, Some("en_US")), Lang::Fr);
    assert_eq!(from_vars(Some(""), Some("en_GB"), Some("fr_FR")), Lang::En);
    assert_eq!(from_vars(Some(""), Some(""), Some("C.UTF-8")), Lang::Fr);
    assert_eq!(from_vars(None, Some("en"), None), Lang::En);
    assert_eq!(Lang::resolve(Some(Lang::En)), Lang::En);
    assert_eq!(Lang::resolve(Some(Lang::Fr)), Lang::Fr);
    assert_eq!("FR".parse::<Lang>(), Ok(Lang::Fr));
    assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
    assert!("de".parse::<Lang>().is_err());
}
