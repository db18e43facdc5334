# import.ftl: the messages of importing spreadsheets (CSV, XLSX) into member files.
# Ids start with `import-`; the French file locales/fr/import.ftl has the same ids and variables.

## Reading the spreadsheet.
import-in-cell = { $message } (cell { $cell })
import-file-too-large = `{ $file }` is larger than { $mib } MiB: is it the right file?
import-no-row = `{ $file }` holds no row
import-encoding-malformed = the file is not valid { $encoding }: the bytes it could not read show as `�`
import-encoding-windows-1252 = the file is not UTF-8: it was read as Windows-1252, the encoding of Excel's CSV files
import-workbook-no-sheet = the workbook has no sheet
import-workbook-first-sheet = only the first of { $count } sheets, `{ $sheet }`, is read

## The columns and the cells of the rows. `$kind` is `uai`, `siren`, `insee` or `phone`.
import-columns-unused = columns not used: { $columns }
import-fix-as-text = format the column `{ $column }` as text in the spreadsheet, then type the { $kind ->
        [uai] UAIs
        [siren] SIRENs
        [insee] INSEE codes
       *[phone] phone numbers
    } again: as numbers, leading zeros and long identifiers are lost
import-fix-probably = { $fix }; this one is probably `{ $padded }`
import-id-scientific = the { $kind ->
        [uai] UAI
        [siren] SIREN
        [insee] INSEE code
       *[phone] phone number
    } `{ $value }` was turned into a number in scientific notation: its digits are lost
import-id-decimal = the { $kind ->
        [uai] UAI
        [siren] SIREN
        [insee] INSEE code
       *[phone] phone number
    } `{ $value }` was turned into a decimal number
import-id-short = { $kind ->
        [uai] UAI
        [siren] SIREN
        [insee] INSEE code
       *[phone] phone number
    } `{ $value }` has { $count } { $what ->
        [digits] digits
       *[characters] characters
    }: a spreadsheet probably dropped its leading zero
import-number-decimals = the { $kind ->
        [uai] UAI
        [siren] SIREN
        [insee] INSEE code
       *[phone] phone number
    } `{ $value }` is a number with decimals in the spreadsheet
import-number-uai = the UAI `{ $value }` is a number in the spreadsheet, but a UAI ends with a letter
import-number-digits = the { $kind ->
        [uai] UAI
        [siren] SIREN
        [insee] INSEE code
       *[phone] phone number
    } `{ $value }` is a number of { $count ->
        [one] { $count } digit
       *[other] { $count } digits
    } in the spreadsheet: { $kind ->
        [siren] 9 are expected
        [phone] 10 are expected, the first a 0
       *[other] 5 are expected
    }
import-number-siren-luhn = the SIREN `{ $value }` is a number in the spreadsheet and fails its Luhn check: a digit is wrong or was rounded away
import-zero-restored-one = the { $kind ->
        [uai] UAI
        [siren] SIREN
        [insee] INSEE code
       *[phone] phone number
    } `{ $value }` is a number in the spreadsheet: read as `{ $read }`, its leading zero put back
import-zero-restored-many = { $count } { $kind ->
        [uai] UAIs
        [siren] SIRENs
        [insee] INSEE codes
       *[phone] phone numbers
    } are numbers in the spreadsheet: read with their leading zero put back, `{ $value }` as `{ $read }` first
import-not-whole-number = `{ $value }` in column `{ $column }` is not a whole number, 0 or more
import-nature-unknown = `{ $nature }` is not a nature of member: one of { $list }
import-school-type-unknown = `{ $value }` is not a school type: `maternelle`, `elementaire` or `primaire`
import-school-type-missing = the school's type is missing: `maternelle`, `elementaire` or `primaire`
import-school-pupils-missing = the school's number of pupils is missing
import-school-list-no-insee = the school list has no `insee` column: a commune's schools are found by their INSEE code
import-uai-twice = UAI `{ $uai }` is listed twice

## Grouping the rows into members.
import-no-id-column = `{ $file }` has neither an `insee` nor a `siren` column, so its rows cannot be matched to members (its columns: { $columns })
import-no-pupils-column = `{ $file }` lists schools but has no `eleves` column (the number of pupils)
import-row-no-member = the row has neither an INSEE code nor a SIREN: it belongs to no member
import-member-in-several-files = this member is in several files: { $files }; remove all but one
import-rows-match-same-file = these rows and those of another member of the spreadsheet all match `{ $file }`
import-school-in-other-member = school `{ $uai }` is also listed in `{ $file }`: a school belongs to one member
# $field: insee, siren, name, nature, address, or person (then $path is the person's field).
import-row-conflict = this row gives `{ $value }` as the member's { $field ->
        [insee] INSEE code
        [siren] SIREN
        [name] name
        [nature] nature
        [address] address
       *[person] { $path }
    }, but row { $line } gave `{ $other }`
import-insee-unknown = no commune has the INSEE code `{ $insee }` in the bundled list
import-siren-not-commune = SIREN `{ $siren }` is not that of { $commune } ({ $insee }), whose SIREN is `{ $expected }`
    .hint = the spreadsheet's SIREN is imported; check it
import-uai-already-listed = UAI `{ $uai }` is already listed at row { $line }

## New members.
import-new-member-needs-name = a new member needs its name: add a `collectivite` column (e.g. `Syndicat scolaire du Val`)
import-new-member-needs-nature = a new member needs its nature: add a `nature` column (`epci`, `syndicat` or `autre`) or its INSEE code
import-new-member-needs-siren = a new member needs its SIREN: add a `siren` column
import-new-member-file-exists = a file has this new member's name but could not be read as a member: nothing written
# The header comments of a member file made by the import (YAML comments: keep the `#`).
import-file-header = # { $name }: made by `adhesion import` from `{ $file }`.
import-file-header-fill-in = # Fill in the empty fields (""); `adhesion check` lists what is still missing.

## Merging into an existing member file.
import-file-has-errors = this member's file has errors, so the spreadsheet was not merged into it
    .hint = fix it (`adhesion check` shows how) and import again
import-kept-address = kept `collectivite.adresse` `{ $mine }`; the spreadsheet says `{ $theirs }`
import-kept-person = kept `{ $path }` `{ $mine }`; `{ $file }` row { $line } says `{ $theirs }`
import-school-kept = school `{ $school }` ({ $name }) is not in `{ $file }`: kept

## The report: one line per member, then the summary.
import-verb-created = created
import-verb-would-create = would create
import-verb-updated = updated
import-verb-would-update = would update
import-verb-unchanged = unchanged
import-verb-skipped = skipped
import-report-line-one = { $path }: { $detail }
import-report-line-many = { $path }:
import-detail-changed = `{ $path }`: { $old } → { $new }
import-detail-set = `{ $path }` set to { $new }
import-detail-school-added = added school `{ $uai }` ({ $name })
import-detail-school-added-no-uai = added school `{ $name }` (no UAI)
import-detail-created = { $schools ->
        [one] { $schools } school
       *[other] { $schools } schools
    }, { $pupils ->
        [one] { $pupils } pupil
       *[other] { $pupils } pupils
    }
import-detail-no-school = no school yet
import-skipped-rows-errors = { $count ->
        [one] not written: row { $lines } has errors
       *[other] not written: rows { $lines } have errors
    }
import-skipped-file-errors = not written: the file has errors
import-skipped-internal-error = not written: internal error
import-skipped-file-exists = not written: the file exists
import-skipped-new-member-lacks = not written: the spreadsheet lacks what a new member needs
import-summary-to-create = { $count } to create
import-summary-created = { $count } created
import-summary-to-update = { $count } to update
import-summary-updated = { $count } updated
import-summary-unchanged = { $count } unchanged
import-summary-skipped = { $count } skipped
import-summary-no-member = no member
import-summary-members = { $count ->
        [one] { $count } member
       *[other] { $count } members
    }: { $parts }
import-summary-errors = { $count ->
        [one] { $count } error
       *[other] { $count } errors
    }
import-summary-warnings = { $count ->
        [one] { $count } warning
       *[other] { $count } warnings
    }
import-summary-with-problems = { $summary }; { $problems }
import-summary = import of `{ $file }`: { $summary }
import-summary-dry-run = import of `{ $file }`: { $summary } (dry run: nothing written)
