# new.ftl: the messages of creating a member file or a campaign (`adhesion new`, `adhesion init`).
# Ids start with `new-`; the French file locales/fr/new.ftl has the same ids and variables.

## `adhesion new`: the member id and the commune.
new-id-unsafe = `{ $id }` cannot be a member id: use letters, digits, `-`, `_` and `.` only, e.g. `chateaubriant`
new-id-reserved = `{ $id }` is reserved for the blank forms: choose another id
new-commune-has-file = { $commune } ({ $insee }) already has a member file: `{ $file }`
new-file-exists = `{ $file }` already exists: nothing written (use `--force` to replace it)
new-schools-problems =
    the schools of { $commune } in `{ $file }` have problems; nothing written
    { $problems }
new-no-school = `{ $file }` lists no school of { $commune } (INSEE code `{ $insee }`): nothing written
new-commune-twice = give the commune once: `--insee` or `--nom`, not both
new-commune-missing = which commune? give `--insee 44036` or `--nom "Châteaubriant"`
new-insee-is-siren = `{ $code }` is not an INSEE commune code: `{ $siren }` is the SIREN of { $commune }, whose INSEE code is `{ $insee }`
new-insee-unknown = no commune has the INSEE code `{ $insee }` (the list is that of { $count } communes; a merged commune has the code of the new one)
new-name-unknown = no commune is called `{ $name }`
new-name-unknown-suggest = no commune is called `{ $name }`: did you mean { $suggestions }?
# $list: one line per commune, each starting with a line break.
new-name-ambiguous = { $count } communes are called `{ $name }`; choose one by its INSEE code:{ $list }

## The header comments of the member file written by `adhesion new` (YAML comments: keep the `#`).
new-file-header = # { $commune } (INSEE code { $insee }): made by `adhesion new` from the list of French communes.
new-file-header-fill-in = # Fill in the empty fields (""); `adhesion check` lists what is still missing.

## The guide comments written into a new member file, for the person who fills it in (YAML
## comments: keep the `#`, the YAML keys and the alignment). A file is pruned of them in
## either language.
new-guide-fill = # to fill in
new-guide-fill-with = { $fill }: { $hint }
new-guide-collectivite-nom = # as the council writes it: "Ville de ..." if it says so
new-guide-signer-title = M. or Mme
new-guide-signer-first-name = who signs the convention and the annexe 2
new-guide-signer-last-name = printed in capitals
new-guide-signer-role = Maire, Adjointe déléguée à l'éducation...
new-guide-contact-first-name = the person who follows the file
new-guide-contact-phone = e.g. 02 40 81 52 16
new-guide-contact-email = e.g. mairie@example.fr
# Written before the contact's fields, indented by the code.
new-guide-civilite = # civilite: Mme                 # optional: M. or Mme
new-guide-ecoles = # at least one school: see the example below
new-guide-school =
    # A school looks like this (remove `[]` above and the `#`s):
    #   - nom: École primaire Jules Ferry
    #     uai: "0440069L"             # 7 digits and a check letter
    #     type: primaire               # maternelle | elementaire | primaire
    #     eleves: 120
    #     classes: 5                   # optional
new-guide-signature =
    # Optional, once known (printed in the documents; dotted lines otherwise):
    # signature:
    #   lieu: ...
    #   date: 2026-01-15
new-guide-deliberation =
    # deliberation:                   # the council's decision (annexe 1)
    #   date: 2025-12-16
    #   acte: "044-214400368-20251222-13-DE"
    #   reception_prefecture: 2025-12-22
    #   publication: 2025-12-22

## Checking a written member file before it is saved (`adhesion new`, `adhesion import`).
new-internal-error-round-trip = internal error: the text made for `{ $file }` does not read back as the same values; nothing written
new-internal-error-invalid = internal error: the text made for `{ $file }` is not a valid member file ({ $problem }); nothing written
