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
