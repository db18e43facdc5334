//! The message catalogue: every text the users read, in their language, from `locales/`.
//!
//! The catalogue is written in [Project Fluent](https://projectfluent.org): one file per area and
//! language, `locales/<lang>/<area>.ftl`, all embedded in the binary ([`AREAS`]). The language
//! is chosen once at start ([`init`], [`Lang::resolve`]); a [`Message`] is rendered in it when
//! it is made, with [`msg!`](crate::msg) for diagnostics and [`tr!`](crate::tr) or [`text`] for
//! the other texts (help, progress, summaries). `docs/messages.md` tells how to add a message.
//!
//! A missing id or a formatting error never panics in a release build: the text falls back to
//! the id and its arguments, and the tests below (plus a `debug_assert!`) catch it.

use std::fmt;
use std::str::FromStr;
use std::sync::{LazyLock, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

/// A language of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Français, the language of the users and of the documents.
    Fr,
    /// English.
    En,
}

/// The language when [`init`] was not called: French, the users' language.
#[cfg(not(test))]
const DEFAULT_LANG: Lang = Lang::Fr;
// The unit tests of the modules assert the English texts (the same as the golden outputs).
#[cfg(test)]
const DEFAULT_LANG: Lang = Lang::En;

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Chooses the language of every later message, once, at start; a second call is ignored.
pub fn init(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language messages are rendered in: the one given to [`init`], else the default.
pub fn lang() -> Lang {
    CURRENT.get().copied().unwrap_or(DEFAULT_LANG)
}

/// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set and not empty decides, English if it starts with `en`, French otherwise (or if none is
/// set, as on Windows).
pub fn from_env() -> Lang {
    let var = |name| std::env::var(name).ok();
    from_vars(
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )
}

/// [`from_env`] on the values of `LC_ALL`, `LC_MESSAGES` and `LANG`.
pub fn from_vars(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Lang {
    match [lc_all, lc_messages, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty())
    {
        Some(v) if v.starts_with("en") => Lang::En,
        _ => Lang::Fr,
    }
}

impl Lang {
    /// The language of a run: the `--lang` flag if given, else the environment ([`from_env`]).
    pub fn resolve(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(from_env)
    }

    /// `fr` or `en`: the folder of the language under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        self.code().parse().expect("a valid language identifier")
    }

    fn bundle(self) -> &'static Bundle {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "fr" => Ok(Lang::Fr),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language `{s}`: `fr` or `en`")),
        }
    }
}

/// One catalogue file per area, in both languages: (area, French text, English text). A file
/// under `locales/` missing from this list fails a test.
macro_rules! area {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../../locales/fr/", $name, ".ftl")),
            include_str!(concat!("../../../locales/en/", $name, ".ftl")),
        )
    };
}

pub const AREAS: &[(&str, &str, &str)] = &[
    area!("common"),
    area!("load"),
    area!("validate"),
    area!("render"),
    area!("build"),
    area!("import"),
    area!("new"),
    area!("cli"),
    area!("portal"),
    area!("portal-diag"),
    area!("desk"),
    area!("server"),
];

type Bundle = FluentBundle<FluentResource>;

static FR: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::Fr));
static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::En));

fn bundle(lang: Lang) -> Bundle {
    let mut bundle = Bundle::new_concurrent(vec![lang.langid()]);
    // The texts go to terminals and JSON, not to bidirectional layouts: no isolation marks.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::Fr => format_fr,
        Lang::En => format_en,
    }));
    for (area, fr, en) in AREAS {
        let source = match lang {
            Lang::Fr => fr,
            Lang::En => en,
        };
        // A syntax error or a duplicate id is caught by the tests; in a release build the rest
        // of the file is still used.
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, e)| {
            debug_assert!(false, "locales/{lang}/{area}.ftl: {e:?}");
            r
        });
        if let Err(e) = bundle.add_resource(resource) {
            debug_assert!(false, "locales/{lang}/{area}.ftl: {e:?}");
        }
    }
    bundle
}

/// French numbers: whole numbers grouped by thousands with a narrow no-break space (U+202F),
/// `1 250`, unless the message asks `NUMBER($n, useGrouping: "false")` (a year).
fn format_fr<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n)
            if n.options.use_grouping
                && n.options.minimum_fraction_digits.is_none()
                && n.value.fract() == 0.0
                && n.value.abs() < 1e15 =>
        {
            Some(group(n.value as i64, '\u{202F}'))
        }
        _ => None,
    }
}

/// English numbers keep plain digits (`1250`), as the tool printed them before the catalogue.
fn format_en<M>(_: &FluentValue, _: &M) -> Option<String> {
    None
}

/// `n` with its digits grouped by three, `separator` between the groups.
fn group(n: i64, separator: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() * 2);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// The value of a message argument: a text or a whole number (numbers choose plurals).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Arg {
    Str(String),
    Num(i64),
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Str(s) => f.write_str(s),
            Arg::Num(n) => write!(f, "{n}"),
        }
    }
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            Arg::Str(s) => FluentValue::from(s.as_str()),
            Arg::Num(n) => FluentValue::from(*n),
        }
    }
}

/// A message of the catalogue with its arguments, rendered in the current language when made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The catalogue id (`validate-uai-check-letter`); empty for a text not yet in the catalogue.
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    /// The text in the current language.
    pub text: String,
    /// The `.hint` attribute of the message, rendered with the same arguments.
    pub hint: Option<String>,
}

impl Message {
    /// The message `id` in the current language.
    pub fn new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        Self::new_in(lang(), id, args)
    }

    /// The message `id` in `lang`.
    pub fn new_in(lang: Lang, id: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        let text = text_in(lang, id, &args);
        let hint = lang
            .bundle()
            .get_message(id)
            .and_then(|m| m.get_attribute("hint"))
            .map(|_| attribute_in(lang, id, "hint", &args));
        Self {
            id,
            args,
            text,
            hint,
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Message {
    /// A text already rendered from the catalogue elsewhere (an [`Error`](crate::Error)'s
    /// display, a [`tr!`](crate::tr) text, an outside tool's message): no id, no arguments.
    /// Nothing else makes a `Message` without an id, so that no text escapes the catalogue.
    pub fn rendered(text: impl Into<String>) -> Self {
        Message {
            id: "",
            args: Vec::new(),
            text: text.into(),
            hint: None,
        }
    }
}

/// The text of message `id` in the current language, for what is not a diagnostic (help,
/// progress, summaries).
pub fn text(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(lang(), id, args)
}

/// [`text`] in `lang`.
pub fn text_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    render(lang, id, None, args).unwrap_or_else(|e| fallback(lang, id, None, args, &e))
}

/// The attribute `attribute` of message `id` (`.hint`) in `lang`.
pub fn attribute_in(lang: Lang, id: &str, attribute: &str, args: &[(&str, Arg)]) -> String {
    render(lang, id, Some(attribute), args)
        .unwrap_or_else(|e| fallback(lang, id, Some(attribute), args, &e))
}

/// The id and arguments as text, when the catalogue fails: `id(name: value, ...)`.
fn fallback(
    lang: Lang,
    id: &str,
    attribute: Option<&str>,
    args: &[(&str, Arg)],
    error: &str,
) -> String {
    debug_assert!(false, "message `{id}` ({lang}): {error}");
    let mut out = id.to_owned();
    if let Some(attribute) = attribute {
        out.push('.');
        out.push_str(attribute);
    }
    if !args.is_empty() {
        let args: Vec<String> = args.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        out.push_str(&format!("({})", args.join(", ")));
    }
    out
}

/// Message `id` (or its `attribute`) rendered in `lang`, or what went wrong.
fn render(
    lang: Lang,
    id: &str,
    attribute: Option<&str>,
    args: &[(&str, Arg)],
) -> Result<String, String> {
    let bundle = lang.bundle();
    let message = bundle
        .get_message(id)
        .ok_or_else(|| "no such message".to_owned())?;
    let pattern = match attribute {
        None => message.value().ok_or("the message has no value")?,
        Some(name) => message
            .get_attribute(name)
            .ok_or_else(|| format!("no attribute `{name}`"))?
            .value(),
    };
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent.set(*name, value.to_fluent());
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent), &mut errors);
    if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(format!("{errors:?}"))
    }
}

// The macros' conversion of an argument: whole numbers (any integer type) become numbers,
// anything else that displays becomes its text. Method resolution picks the number
// implementation first (it needs no extra reference), the display one otherwise.

#[doc(hidden)]
pub struct ArgOf<'a, T: ?Sized>(pub &'a T);

#[doc(hidden)]
pub trait Integer {
    fn to_i64(&self) -> i64;
}

macro_rules! integer {
    ($($t:ty)*) => {$(
        impl Integer for $t {
            fn to_i64(&self) -> i64 {
                i64::try_from(*self).unwrap_or(if *self > 0 as $t { i64::MAX } else { i64::MIN })
            }
        }
    )*};
}
integer!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize);

impl<T: Integer + ?Sized> Integer for &T {
    fn to_i64(&self) -> i64 {
        (**self).to_i64()
    }
}

#[doc(hidden)]
pub trait NumberArg {
    fn to_arg(&self) -> Arg;
}

impl<T: Integer + ?Sized> NumberArg for ArgOf<'_, T> {
    fn to_arg(&self) -> Arg {
        Arg::Num(self.0.to_i64())
    }
}

#[doc(hidden)]
pub trait TextArg {
    fn to_arg(&self) -> Arg;
}

impl<T: fmt::Display + ?Sized> TextArg for &ArgOf<'_, T> {
    fn to_arg(&self) -> Arg {
        Arg::Str(self.0.to_string())
    }
}

/// A [`Message`] of the catalogue in the current language:
/// `msg!("validate-uai-check-letter", uai = text, digits = d, expected = letter)`.
/// Integers become number arguments (they choose plurals), anything else its `Display` text.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id, vec![$((stringify!($name), $crate::__i18n_arg!($value))),*])
    };
}

/// The text of a catalogue message in the current language, for what is not a diagnostic:
/// `tr!("common-schools-count", count = n)`; the arguments as in [`msg!`].
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::text($id, &[$((stringify!($name), $crate::__i18n_arg!($value))),*])
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __i18n_arg {
    ($value:expr) => {{
        #[allow(unused_imports)]
        use $crate::i18n::{NumberArg as _, TextArg as _};
        (&$crate::i18n::ArgOf(&$value)).to_arg()
    }};
}

#[cfg(test)]
mod tests;
