# validate.ftl: the messages of checking the data: identifiers (UAI, SIREN, SIRET), addresses, people, dates.
# Ids start with `validate-`; the French file locales/fr/validate.ftl has the same ids and variables.

validate-uai-check-letter = the check letter of UAI `{ $uai }` is wrong
    .hint = for `{ $digits }` the letter is `{ $expected }`
validate-uai-shape = `{ $text }` is not a UAI: 7 digits and a letter are expected
    .hint = a UAI looks like `0440069L`
validate-siren-shape = `{ $text }` is not a SIREN: 9 digits are expected
    .hint = a SIREN looks like `214400368`; write it in quotes if a spreadsheet dropped a leading zero
validate-siren-luhn = SIREN `{ $siren }` fails its Luhn check: a digit is wrong
validate-siret-shape = `{ $text }` is not a SIRET: 14 digits are expected
validate-siret-check = SIRET `{ $siret }` fails its check: a digit is wrong
validate-insee-shape = `{ $text }` is not an INSEE commune code
    .hint = 5 characters such as `44036`, `2A004` or `97411`
validate-acte-shape = `{ $text }` is not an ACTES identifier
    .hint = expected `DDD-SIREN-YYYYMMDD-NUMBER-NATURE`, e.g. `044-214400368-20211222-13-DE`
# $problem: the text of the SIREN's own problem (validate-siren-shape or validate-siren-luhn).
validate-acte-siren = the SIREN inside ACTES identifier `{ $text }` is wrong: { $problem }
validate-acte-nature = `{ $nature }` is not a nature of act in ACTES identifier `{ $text }`
    .hint = one of DE (délibération), AR, AI, CC, BF, AU
validate-phone = `{ $text }` is not a French phone number
    .hint = 10 digits starting with 01 to 09, or `+33`, `+262`, `+508`, `+590`, `+594`, `+596`, `+687` or `+689` and the number, e.g. `02 40 81 52 16`
validate-phone-comoros = `{ $text }` is not a French phone number
    .hint = `+269` has been the Comoros' code since 2007; Mayotte's numbers are `+262 269 …` (fixed) or `+262 639 …` (mobile)
validate-email = `{ $text }` is not an e-mail address
    .hint = an address looks like `prenom.nom@mairie.fr`

## A member file's fields.
validate-empty = `{ $key }` is empty
# $list: the allowed words, each in backticks, separated by commas.
validate-one-of = `{ $key }` must be one of { $list }, not `{ $value }`
validate-did-you-mean = did you mean `{ $suggestion }`?
validate-commune-insee-missing = a commune needs its INSEE code: `collectivite.insee` is missing
    .hint = add `insee: "44036"` (5 characters) under `collectivite`
validate-no-school = `ecoles` lists no school: at least one is needed
validate-signature-late = the signature date { $date } is after the joining deadline { $deadline }
validate-text-too-long = `{ $key }` is { $length } characters long, more than the { $max } a document can print
    .hint = it often comes from a whole cell or page pasted in: keep the name or the address alone
# $code: the character's code point in hexadecimal (`F0B7`).
validate-character-unprintable = `{ $key }` holds the character U+{ $code }, which cannot be printed
    .hint = it often comes from a copy-paste out of a word processor (bullets, symbols): retype the text
validate-character-no-font = `{ $key }` holds `{ $character }` (U+{ $code }), which the documents' fonts cannot print
    .hint = emoji and pictograms cannot appear in the documents: remove it

## The commune: its SIREN, INSEE code and name against the list of communes.
validate-commune-insee-unknown = no commune has the INSEE code `{ $insee }`
validate-commune-siren-insee-mismatch = SIREN `{ $siren }` is that of { $siren_commune } ({ $siren_insee }), but INSEE code `{ $insee }` is that of { $insee_commune }
    .hint = the SIREN of { $insee_commune } is `{ $expected_siren }`
validate-commune-siren-not-commune = SIREN `{ $siren }` is not that of a commune, but INSEE code `{ $insee }` is that of { $insee_commune }
    .hint = the SIREN of { $insee_commune } is `{ $expected_siren }`
validate-commune-name-mismatch = `{ $name }` does not name { $commune }, the commune of INSEE code `{ $insee }`
    .hint = write the commune's name, e.g. `Ville de { $commune }`
validate-commune-name-other = `{ $name }` does not name { $commune }, the commune of INSEE code `{ $insee }`, and names { $other } ({ $other_insee })
    .hint = write the commune's name, e.g. `Ville de { $commune }`

## Schools.
validate-school-no-uai = school `{ $school }` has no UAI
    .hint = add `uai:`, the school's 8-character identifier, so that the ENT can be set up
validate-pupils-negative = `{ $key }` must be a whole number of pupils, 0 or more
validate-pupils-too-many = { $pupils } pupils in one school is more than { $max }: is it a typing error?
validate-classes-negative = `{ $key }` must be a whole number, 0 or more
validate-classes-too-many = { $classes } classes in one school is more than { $max }: is it a typing error?
validate-school-no-class = school `{ $school }` has pupils but no class
validate-pupils-per-class-high = { $pupils } pupils in { $classes } classes is more than { $max } per class
validate-pupils-per-class-low = { $pupils } pupils in { $classes } classes is an unusual count (fewer than { $min } per class)

## The council's decision (délibération).
validate-deliberation-late = the council session of { $date } is after the joining deadline { $deadline }
validate-acte-siren-other = the ACTES identifier names SIREN `{ $acte_siren }`, not the member's `{ $siren }`
validate-acte-before-session = the ACTES identifier is dated { $date }, before the council session of { $session }
# $key: `reception_prefecture` or `publication`.
validate-deliberation-date-before = `deliberation.{ $key }` ({ $date }) is before the council session ({ $session })

## Across members. $others: the other places, `members/a.yaml:3, members/b.yaml:7`.
validate-duplicate-siren = SIREN `{ $value }` also appears in { $others }
    .hint = a SIREN belongs to one member only
validate-duplicate-uai = UAI `{ $value }` also appears in { $others }
    .hint = a UAI belongs to one member only

## The campaign file.
validate-market-end = the market ends on { $end } but starts on { $start } for { $months } months
    .hint = `fin` should be { $expected }
validate-notification-window = the notification window ends ({ $end }) before it starts ({ $start })
validate-notified-before-deadline = the market is notified before the joining deadline
validate-starts-before-notified = the market starts before it is notified
validate-commitment-too-long = the minimum commitment is longer than the market
validate-criteria-weights = the weights of price ({ $price }%) and quality ({ $quality }%) do not add up to 100%
validate-school-year = `{ $year }` is not a school year
    .hint = write it as `2021-2022`
validate-portal-address = `{ $address }` is not a portal's address: an `https://` address is expected
    .hint = for example `https://adhesion.ac-nantes.fr`
validate-mail-security = `courriel.securite` is `{ $value }`: `tls`, `starttls` or `aucune` is expected
validate-mail-plain = plain SMTP (`securite: aucune`) is allowed only towards this machine, not `{ $server }`: use `tls` or `starttls`
validate-mail-server = `{ $server }` is not an SMTP server's name
validate-mail-address = `{ $value }` is not an e-mail address (`Name <address>` or an address)
