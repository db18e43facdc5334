//! `--help` and the parser's errors in the language of the run: clap's derive takes the doc
//! comments (static English); the built command is walked and every text replaced by the
//! catalogue's, clap's own words (headings, `--help`, `--version`) included.

use std::io::Write;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

use adhesion_core::diagnostic::Severity;
use adhesion_core::i18n::{self, Lang};
use adhesion_core::tr;

/// `command` with its texts from the catalogue.
pub(super) fn localize(command: Command) -> Command {
    let mut command = command
        .about(tr!("cli-about"))
        .after_help(tr!("cli-examples"));
    // Built first, so that the flags and the `help` command that clap adds are there to rename.
    command.build();
    walk(command, None)
}

/// The about and examples of a command, by its name.
fn command_texts(name: &str) -> Option<(String, Option<String>)> {
    Some(match name {
        "build" => (tr!("cli-build-about"), Some(tr!("cli-build-examples"))),
        "check" => (tr!("cli-check-about"), Some(tr!("cli-check-examples"))),
        "watch" => (tr!("cli-watch-about"), Some(tr!("cli-watch-examples"))),
        "init" => (tr!("cli-init-about"), Some(tr!("cli-init-examples"))),
        "new" => (tr!("cli-new-about"), Some(tr!("cli-new-examples"))),
        "import" => (tr!("cli-import-about"), Some(tr!("cli-import-examples"))),
        "serve" => (tr!("cli-serve-about"), Some(tr!("cli-serve-examples"))),
        "invitations" => (
            tr!("cli-invitations-about"),
            Some(tr!("cli-invitations-examples")),
        ),
        "reopen" => (tr!("cli-reopen-about"), Some(tr!("cli-reopen-examples"))),
        "completions" => (
            tr!("cli-completions-about"),
            Some(tr!("cli-completions-examples")),
        ),
        "manpage" => (tr!("cli-manpage-about"), Some(tr!("cli-manpage-examples"))),
        "help" => (tr!("cli-help-about"), None),
        _ => return None,
    })
}

/// The help of argument `arg` of command `command` (`None` for `adhesion` alone, whose
/// flags are `build`'s).
fn arg_help(command: Option<&str>, arg: &str) -> Option<String> {
    Some(match (command.unwrap_or("build"), arg) {
        (_, "version") => tr!("cli-arg-version"),
        (_, "root") => tr!("cli-arg-root"),
        (_, "quiet") => tr!("cli-arg-quiet"),
        (_, "lang") => tr!("cli-arg-lang"),
        ("invitations", "out") => tr!("cli-arg-invitations-out"),
        (_, "out") => tr!("cli-arg-out"),
        ("serve", "addr") => tr!("cli-arg-addr"),
        ("serve", "today") => tr!("cli-arg-today"),
        ("serve", "behind_proxy") => tr!("cli-arg-behind-proxy"),
        ("serve", "set_password") => tr!("cli-arg-set-password"),
        ("serve", "backup") => tr!("cli-arg-backup"),
        ("serve", "log_format") => tr!("cli-arg-log-format"),
        ("invitations", "base_url") => tr!("cli-arg-base-url"),
        ("invitations", "renew") => tr!("cli-arg-renew"),
        ("reopen", "id") => tr!("cli-arg-reopen-id"),
        ("completions", "shell") => tr!("cli-arg-shell"),
        (_, "emit_typ") => tr!("cli-arg-emit-typ"),
        (_, "deny_warnings") => tr!("cli-arg-deny-warnings"),
        (_, "jobs") => tr!("cli-arg-jobs"),
        (_, "timings") => tr!("cli-arg-timings"),
        ("build", "members") => tr!("cli-arg-build-members"),
        (_, "blank") => tr!("cli-arg-blank"),
        ("build", "force") => tr!("cli-arg-build-force"),
        (_, "merge") => tr!("cli-arg-merge"),
        ("check", "members") => tr!("cli-arg-check-members"),
        (_, "format") => tr!("cli-arg-format"),
        ("watch", "member") => tr!("cli-arg-watch-member"),
        ("init", "dir") => tr!("cli-arg-init-dir"),
        ("new", "id") => tr!("cli-arg-new-id"),
        (_, "insee") => tr!("cli-arg-insee"),
        (_, "nom") => tr!("cli-arg-nom"),
        (_, "ecoles") => tr!("cli-arg-ecoles"),
        ("new", "force") => tr!("cli-arg-new-force"),
        ("import", "file") => tr!("cli-arg-import-file"),
        (_, "dry_run") => tr!("cli-arg-dry-run"),
        _ => return None,
    })
}

/// The help of a possible value (`--lang fr`, `--format json`), in French; in English clap
/// shows the doc comments of the enums, the same texts.
fn value_help(value: &str) -> Option<String> {
    Some(match value {
        "fr" => tr!("cli-arg-lang-fr"),
        "en" => tr!("cli-arg-lang-en"),
        "human" => tr!("cli-arg-format-human"),
        "json" => tr!("cli-arg-format-json"),
        "text" => tr!("cli-arg-log-format-text"),
        _ => return None,
    })
}

fn walk(mut command: Command, name: Option<&str>) -> Command {
    if let Some((about, examples)) = name.and_then(command_texts) {
        command = command.about(about);
        if let Some(examples) = examples {
            command = command.after_help(examples);
        }
    }
    let french = i18n::lang() == Lang::Fr;
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(&id, |arg| localize_arg(arg, name, french));
    }
    if french {
        let template = template(&command);
        command = command
            .help_template(template)
            .subcommand_value_name(leak(tr!("cli-help-command-name")));
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for sub in subcommands {
        // `help build` is `build --help`: the `help` command's own `help` is the same word.
        let own = sub.clone();
        command = command.mut_subcommand(&sub, |c| walk(c, Some(&own)));
    }
    command
}

fn localize_arg(mut arg: Arg, command: Option<&str>, french: bool) -> Arg {
    let id = arg.get_id().to_string();
    if id == "help" {
        return if arg.get_long_help().is_some() {
            arg.help(tr!("cli-arg-help-more"))
                .long_help(tr!("cli-arg-help-summary"))
        } else {
            arg.help(tr!("cli-arg-help"))
        };
    }
    let Some(mut help) = arg_help(command, &id) else {
        return arg;
    };
    if french {
        // clap's `[default: .]` and `Possible values:` are English: written here instead.
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty()
            && arg.get_action().takes_values()
            && !arg.is_hide_default_value_set()
        {
            help = format!(
                "{help} {}",
                tr!("cli-help-default", value = defaults.join(", "))
            );
            arg = arg.hide_default_value(true);
        }
        let values = arg.get_possible_values();
        if !values.is_empty() && !arg.is_hide_possible_values_set() {
            let list: Vec<String> = values
                .iter()
                .map(|v| match value_help(v.get_name()) {
                    Some(h) => format!("{} ({h})", v.get_name()),
                    None => v.get_name().to_owned(),
                })
                .collect();
            help = format!(
                "{help} {}",
                tr!("cli-help-values", values = list.join(", "))
            );
            arg = arg.hide_possible_values(true);
        }
    }
    arg.help(help)
}

/// The help template with the headings of the catalogue: clap's default one, its sections
/// written one by one.
fn template(command: &Command) -> StyledStr {
    let header = clap::builder::Styles::default().get_header().to_owned();
    let heading = |text: String| format!("{header}{text}{header:#}");
    let mut sections = Vec::new();
    if command.has_subcommands() && command.get_subcommands().any(|c| !c.is_hide_set()) {
        sections.push(format!(
            "{}\n{{subcommands}}",
            heading(tr!("cli-help-commands"))
        ));
    }
    if command.get_positionals().any(|a| !a.is_hide_set()) {
        sections.push(format!(
            "{}\n{{positionals}}",
            heading(tr!("cli-help-arguments"))
        ));
    }
    if command
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        sections.push(format!("{}\n{{options}}", heading(tr!("cli-help-options"))));
    }
    let usage = heading(tr!("cli-help-usage"));
    let mut text = format!("{{before-help}}{{about-with-newline}}\n{usage} {{usage}}");
    if !sections.is_empty() {
        text.push_str("\n\n");
        text.push_str(&sections.join("\n\n"));
    }
    text.push_str("{after-help}");
    StyledStr::from(text)
}

/// A parser error in French (clap writes them in English): the common kinds in our words,
/// exit status and stream as clap's.
pub(super) fn print_error(error: &clap::Error) {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(other) => Some(other.to_string()),
        None => None,
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let message = match (error.kind(), arg.clone()) {
        (ErrorKind::UnknownArgument, Some(arg)) => tr!("cli-parse-unknown-argument", arg = arg),
        (ErrorKind::InvalidValue, Some(arg)) => {
            let mut m = tr!(
                "cli-parse-invalid-value",
                value = value.clone().unwrap_or_default(),
                arg = arg
            );
            if let Some(values) = text(ContextKind::ValidValue) {
                m = format!(
                    "{m}\n  {}",
                    tr!("cli-parse-possible-values", values = values)
                );
            }
            m
        }
        (ErrorKind::MissingRequiredArgument, Some(arg)) => {
            tr!("cli-parse-missing-argument", arg = arg)
        }
        (ErrorKind::ArgumentConflict, Some(arg)) => tr!(
            "cli-parse-conflict",
            arg = arg,
            other = text(ContextKind::PriorArg).unwrap_or_default()
        ),
        (ErrorKind::InvalidSubcommand, _) if text(ContextKind::InvalidSubcommand).is_some() => {
            tr!(
                "cli-parse-invalid-subcommand",
                command = text(ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        (ErrorKind::ValueValidation, Some(arg)) => {
            let source = std::error::Error::source(error)
                .map(|e| e.to_string())
                .unwrap_or_default();
            tr!(
                "cli-parse-value-validation",
                value = value.clone().unwrap_or_default(),
                arg = arg,
                error = source
            )
        }
        // Another kind, or a message of our own (the conflicts of `Cli::parse_args`, already
        // from the catalogue): clap's text without its English frame.
        _ => {
            let rendered = error.to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first
                .split_once(": ")
                .map_or(first, |(_, rest)| rest)
                .to_owned()
        }
    };
    let mut message = message;
    if let Some(suggestion) =
        text(ContextKind::SuggestedArg).or_else(|| text(ContextKind::SuggestedSubcommand))
    {
        message = format!(
            "{message}\n  {}",
            tr!("cli-parse-did-you-mean", suggestion = suggestion)
        );
    }
    let label = tr!("common-label", label = Severity::Error.styled());
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{label} {message}\n");
    let _ = writeln!(err, "{}", tr!("cli-parse-more", help = "adhesion --help"));
}

/// A text for clap's `Str`, which takes `&'static str` only (a few words, once per run).
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}
