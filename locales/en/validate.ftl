# validate.ftl: the messages of checking the data: identifiers (UAI, SIREN, SIRET), addresses, people, dates.
# Ids start with `validate-`; the French file locales/fr/validate.ftl has the same ids and variables.

validate-uai-check-letter = the check letter of UAI `{ $uai }` is wrong
    .hint = for `{ $digits }` the letter is `{ $expected }`
