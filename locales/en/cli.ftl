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
