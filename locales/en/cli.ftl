# cli.ftl: the messages of the command line: help, summaries, fatal errors.
# Ids start with `cli-`; the French file locales/fr/cli.ftl has the same ids and variables.

## The summary of a batch (`build`, `check`, `watch`), on one line.
cli-summary-checked =
    checked { $count ->
        [one] { $count } member
       *[other] { $count } members
    }
cli-summary-built =
    built { $count ->
        [one] { $count } member
       *[other] { $count } members
    } ({ $pdfs } PDFs) in { $path }
cli-summary-blank = built the blank forms in { $path }
cli-summary-unchanged = , { $count } unchanged
cli-summary-failed = , { $count } failed
cli-summary-warned = , { $count } with warnings
cli-summary-print-file =
    ; print file of { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }

## Progress: a line per member (no terminal), or the words of the bar. The bar's template
## gets its fields as variables ({ $pos } is indicatif's `{pos}`).
cli-progress-built = [{ $done }/{ $total }] built { $id } ({ $path })
cli-progress-failed = [{ $done }/{ $total }] failed { $id } ({ $path })
cli-progress-bar = { $bar } { $pos }/{ $len } members, { $failed } failed, { $eta } left

## `--timings`.
cli-timings-stages = render { $render } ms, layout { $layout } ms, PDF export { $export } ms, write { $write } ms
cli-timings-total =
    timings over { $documents ->
        [one] { $documents } document
       *[other] { $documents } documents
    } ({ $jobs } workers), per document: { $stages }
cli-timings-wall = {"  "}wall time: loading and checking { $setup } ms, members { $members } s, recap and print file { $campaign } ms

## Errors in the arguments.
cli-usage-jobs = `--jobs` must be at least 1
cli-usage-no-member-file = no member file `{ $path }`
cli-usage-campaign-folder = cannot open the campaign folder `{ $path }`: { $error }
cli-usage-source-date-epoch = SOURCE_DATE_EPOCH=`{ $value }` is not a number of seconds

## Reports of `init`, `new`, `watch`.
cli-init-done = created a campaign in { $path }: edit groupement.yaml, add members under members/, then run `adhesion build --root { $dir }`
cli-new-done = wrote { $path }: fill in the people, then run `adhesion check`
cli-watch-start = watching { $path } (Ctrl-C to stop)

## `--help`: the descriptions of the commands, their examples, the flags; clap's own words.
cli-help-usage = Usage:
cli-help-commands = Commands:
cli-help-arguments = Arguments:
cli-help-options = Options:
cli-help-command-name = COMMAND
cli-help-default = [default: { $value }]
cli-help-values = [possible values: { $values }]
cli-about = Builds the conventions d'adhésion and annexes 2 of a groupement de commandes as PDFs
cli-environment =
    Environment:
      SOURCE_DATE_EPOCH   the documents' date, in seconds since 1970 [default: the campaign's date_edition]
cli-examples =
    With no command, adhesion is `adhesion build` and takes its flags.

    Examples:
      adhesion                                   build every member's PDFs in the current campaign
      adhesion check                             validate everything, write nothing
      adhesion new laval --insee 53130           start a member file from the list of communes
      adhesion build --merge --root campagne     build, then the print file out/impression.pdf

    { cli-environment }
cli-build-about = Build the PDFs of every member (or of the member files given)
cli-build-examples =
    Examples:
      adhesion build                                 every member, skipping those that did not change
      adhesion build members/44/chateaubriant.yaml   that member only
      adhesion build --merge                         also out/impression.pdf, for the print shop
      adhesion build --blank                         blank forms to fill by hand, in out/vierge/
      SOURCE_DATE_EPOCH=1735689600 adhesion build    documents dated 1 January 2025

    { cli-environment }
cli-check-about = Validate everything and write nothing
cli-check-examples =
    Examples:
      adhesion check                                 every member and the checks across members
      adhesion check members/44/chateaubriant.yaml   that member alone
      adhesion check --format json --deny-warnings   one JSON object per problem on stdout, for tools
cli-watch-about = Rebuild a member's documents each time its file, the campaign or a template is saved
cli-watch-examples =
    Examples:
      adhesion watch members/44/chateaubriant.yaml   rebuild that member on every save (Ctrl-C to stop)

    { cli-environment }
cli-init-about = Start a new campaign in an empty folder, from the templates shipped with adhesion
cli-init-examples =
    Examples:
      adhesion init ../campagne-2026   a campaign folder with the templates and a commented groupement.yaml
cli-new-about = Write a member file pre-filled from the list of French communes (and a school list)
cli-new-examples =
    Examples:
      adhesion new laval --insee 53130                      members/laval.yaml, from the commune's INSEE code
      adhesion new beaulieu --nom beaulieu --ecoles e.csv   from the commune's name, with its schools
cli-import-about = Create or update member files from a spreadsheet of schools or members (CSV, XLSX, ODS)
cli-import-examples =
    Examples:
      adhesion import ecoles.csv --dry-run   show what would change, write nothing
      adhesion import membres.xlsx           create or update the member files
cli-help-about = Print this message or the help of the given subcommand(s)
cli-arg-help = Print help
cli-arg-help-more = Print help (see more with '--help')
cli-arg-help-summary = Print help (see a summary with '-h')
cli-arg-version = Print version
cli-arg-root = The campaign folder (holding groupement.yaml, members/, templates/)
cli-arg-quiet = Print only problems and the summary
cli-arg-lang = The language of the messages [default: from LC_ALL, LC_MESSAGES or LANG; French unless they start with `en`]
cli-arg-lang-fr = Français, the language of the users and of the documents
cli-arg-lang-en = English
cli-arg-out = Where to write the outputs [default: <root>/out]
cli-arg-emit-typ = Also write the rendered Typst sources (*.typ) next to the PDFs
cli-arg-deny-warnings = Treat warnings as errors
cli-arg-jobs = Number of parallel jobs [default: all cores]
cli-arg-timings = Print where the time went (render, layout, PDF export, write)
cli-arg-build-members = Member files to build (all members when none is given)
cli-arg-blank = Write blank forms to fill by hand (out/vierge/) instead
cli-arg-build-force = Rebuild every member, even those whose data, campaign and templates did not change
cli-arg-merge = Also write out/impression.pdf: every member's convention then annexe 2, for printing
cli-arg-check-members = Member files to check (all members when none is given)
cli-arg-format = How to print the diagnostics
cli-arg-format-human = Messages with excerpts, for people
cli-arg-format-json = One JSON object per line, for tools
cli-arg-watch-member = The member file to watch
cli-arg-init-dir = The folder to create (must be empty or absent)
cli-arg-new-id = The member's id: the file name, e.g. `chateaubriant` for members/chateaubriant.yaml
cli-arg-insee = The commune's INSEE code
cli-arg-nom = The commune's name (accents and case do not matter)
cli-arg-ecoles = A school list (CSV) to take the commune's schools from
cli-arg-new-force = Overwrite an existing member file
cli-arg-import-file = The spreadsheet: CSV (`,` or `;`), XLSX or ODS
cli-arg-dry-run = Show what would change and write nothing

## The errors in the arguments that the parser finds.
cli-parse-must-come-after = the argument '{ $flag }' must come after the command: `adhesion { $command } { $flag }`
cli-parse-not-with-command = the argument '{ $flag }' cannot be used with the command '{ $command }'
cli-parse-unknown-argument = unexpected argument `{ $arg }`
cli-parse-invalid-value = invalid value `{ $value }` for `{ $arg }`
cli-parse-possible-values = possible values: { $values }
cli-parse-missing-argument = the argument `{ $arg }` is required
cli-parse-conflict = the argument `{ $arg }` cannot be used with `{ $other }`
cli-parse-invalid-subcommand = there is no command `{ $command }`
cli-parse-value-validation = invalid value `{ $value }` for `{ $arg }`: { $error }
cli-parse-did-you-mean = did you mean `{ $suggestion }`?
cli-parse-more = For more information, try `{ $help }`.

## The portal's commands: serve, invitations, reopen.
cli-serve-about = Serve the members' portal: each member fills in, checks and prints its own forms
cli-serve-examples =
    Examples:
      adhesion serve                                    the portal on http://127.0.0.1:8080 (Ctrl-C to stop)
      adhesion serve --addr 0.0.0.0:8080                on every interface
      adhesion serve --behind-proxy                     behind a reverse proxy with TLS (docs/deployment.md)
      adhesion serve --today 2021-12-01                 a demonstration of a closed campaign, as on that day
      adhesion serve --set-password                     the coordinator's password, asked twice
      adhesion serve --backup copie.sqlite3             a copy of the portal's database, even while it runs
cli-invitations-about = Print each member's personal link to the portal, as CSV for a mail merge
cli-invitations-examples =
    Examples:
      adhesion invitations --base-url https://adhesion.example.fr --out invitations.csv
      adhesion invitations --renew chateaubriant        a new link for that member; the old one stops working
cli-reopen-about = Let a member that submitted its form edit it again
cli-reopen-examples =
    Examples:
      adhesion reopen chateaubriant
cli-completions-about = Print the completion script of a shell
cli-completions-examples =
    Examples:
      adhesion completions bash > ~/.local/share/bash-completion/completions/adhesion
      adhesion completions zsh > ~/.zfunc/_adhesion
cli-manpage-about = Print the manual page (roff)
cli-manpage-examples =
    Examples:
      adhesion manpage > adhesion.1 && man ./adhesion.1
cli-arg-shell = The shell
cli-arg-addr = The address to listen on
cli-arg-today = The day the portal takes as today (YYYY-MM-DD), for a demonstration after the joining deadline [default: the system's date]
cli-arg-base-url = The portal's address as the members reach it
cli-arg-invitations-out = Write the CSV to this file [default: standard output]
cli-arg-renew = Make a new link for this member (the old one stops working at once) and print it
cli-arg-reopen-id = The member's id (its file name without `.yaml`)
cli-arg-behind-proxy = Behind a reverse proxy: the client's address is taken from X-Forwarded-For, and the desk's cookie is Secure when X-Forwarded-Proto is https
cli-arg-set-password = Set the coordinator's password (read from standard input), then exit without serving
cli-arg-backup = Copy the portal's database to this file, consistently even while the portal runs, then exit without serving
cli-arg-log-format = How the server logs on standard error: one line per request, errors with their cause
cli-arg-log-format-text = One line of text per event, for people
cli-password-prompt = New password of the coordinator:
cli-password-confirm = Confirm the password:
cli-password-mismatch = the two passwords differ; nothing was stored
cli-password-empty = no password read from standard input; nothing was stored
cli-password-unreadable = cannot read the password: { $error }
cli-password-set = Password stored: the coordinator's desk will ask for it at the next sign-in, and the open sessions are closed.
cli-backup-no-database = the portal has stored nothing yet: `{ $path }` does not exist
cli-backup-exists = `{ $path }` already exists; choose another name, a backup replaces no file
cli-backup-not-utf8 = the path `{ $path }` must be UTF-8
cli-backup-failed = cannot write the backup `{ $path }`: { $error }
cli-backup-written = Portal database backed up to { $path }
cli-usage-today = `--today { $value }` is not a date: write it YYYY-MM-DD
cli-invitations-renewed = new link for `{ $id }`: the old one no longer works
cli-invitations-written = wrote { $path }
cli-reopened = `{ $id }` can edit its form again; its file in members/ stays until it submits again
cli-invitations-no-address = no address for the links: give `--base-url https://…` or set `portail.adresse` in groupement.yaml (each link is printed once: made towards a wrong address, it would be wasted)
cli-invitations-no-mail = groupement.yaml has no `courriel` section: the invitations cannot be mailed (see docs/data-format.md)
cli-invitations-waiting = { $pending ->
        [1] One message stays queued: the SMTP server refuses it for now
       *[other] { $pending } messages stay queued: the SMTP server refuses them for now
    } (“{ $reply }”). `adhesion serve` will try again, or run `adhesion invitations --send --now` later; `adhesion courriels` shows the queue.
cli-invitations-queued = { $count } invitations queued
cli-invitations-no-contact = { $member }: no contact address, no invitation
cli-invitations-sent = { $sent ->
        [1] One message sent
       *[other] { $sent } messages sent
    }, { $failed ->
        [0] none failed.
       *[other] { $failed } failed (`adhesion courriels --echecs` lists them).
    }
cli-mail-progress = Sent: { $sent } · pending: { $pending } · failed: { $failed }
cli-mail-summary = { $sent } sent, { $pending } pending, { $failed } failed
cli-mail-status-sent = sent
cli-mail-status-pending = pending
cli-mail-status-failed = failed
