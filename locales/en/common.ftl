# common.ftl: the words every area uses: the severities of a diagnostic, counts.

## The label of a diagnostic (`error: ...`) and of its hint (`= hint: ...`).
common-error = error
common-warning = warning
common-note = note
common-hint = hint

## Counts.
common-schools-count =
    { $count ->
        [one] { $count } school
       *[other] { $count } schools
    }

## The colon after the label of a diagnostic (`error: ...`, `= hint: ...`), painted apart.
common-label-colon = :
## A label and its colon, unpainted (`error: ` of a fatal error).
common-label = { $label }:

## Fatal errors: the run cannot go on at all.
common-fatal-no-campaign = `{ $path }` is not a campaign folder: it has no `groupement.yaml`
common-fatal-campaign = the campaign file `groupement.yaml` has problems
common-fatal-templates = the templates have problems
common-fatal-read = cannot read `{ $path }`: { $error }
common-fatal-write = cannot write to `{ $path }`: { $error }

## `adhesion init`.
common-init-not-empty = `{ $path }` is not empty: a new campaign needs an empty folder
common-init-not-a-folder = `{ $path }` is a file, not a folder
