# portal-diag.ftl: the wording, for the portal's pages, of every diagnostic a field of a member's file can raise (the command line keeps its own for `adhesion check`).
# Ids start with `portal-diag-`; the French file locales/fr/portal-diag.ftl has the same ids and variables.
#
# Naming: validate-X gives portal-diag-X, portal-X (the portal's input problems) gives portal-diag-X,
# load-X gives portal-diag-load-X (otherwise load-empty and validate-empty would share an id).
# Each message takes the variables of the original message (sometimes fewer, never others). The portal already
# shows the field's label next to the message: no message names the field by its key.
# Form: what is wrong, then how to fix it; one or two sentences, ending with a full stop.
# Date variables ($date, $deadline, $session) arrive as YYYY-MM-DD today: the portal should pass them already
# written out (16 December 2021), as it does for the deadline.

## Identifiers: UAI, SIREN, SIRET, INSEE code, act number, phone, e-mail.

portal-diag-uai-check-letter = The check letter of UAI { $uai } is wrong: for { $digits } it is { $expected }. If the letter is indeed the school's, check the digits.
portal-diag-uai-shape = “{ $text }” is not a UAI code. A UAI code has 7 digits followed by a letter, for example 0440069L.
# The SIREN and the INSEE code come from the file the coordinator prepared: the commune cannot change them on the portal.
portal-diag-siren-shape = “{ $text }” is not a SIREN number: it needs 9 digits. This number cannot be changed here: report the error to the group's coordinator.
portal-diag-siren-luhn = SIREN { $siren } is not valid: a digit is wrong. This number cannot be changed here: report the error to the group's coordinator.
# No field of a member file is a SIRET today: these two messages are not shown yet.
portal-diag-siret-shape = “{ $text }” is not a SIRET number: it needs 14 digits. Copy it from your authority's Sirene registration notice.
portal-diag-siret-check = SIRET { $siret } is not valid: a digit is wrong. Copy it from your authority's Sirene registration notice.
portal-diag-insee-shape = “{ $text }” is not an INSEE commune code: it has 5 characters, for example 44036. This code cannot be changed here: report the error to the group's coordinator.
portal-diag-acte-shape = “{ $text }” is not an act number. Copy it as it appears on the prefecture's acknowledgement of receipt, for example 044-214400368-20211222-13-DE.
# $problem (the text of another message, in the server's language) is not used.
portal-diag-acte-siren = The SIREN number inside act number { $text } is wrong. Copy the act number as it appears on the prefecture's acknowledgement of receipt.
portal-diag-acte-nature = In act number { $text }, “{ $nature }” is not a known type of act: for a council decision, the number ends with DE. Copy it from the prefecture's acknowledgement of receipt.
portal-diag-phone = “{ $text }” is not a valid phone number. Write the number's 10 digits, for example 02 40 81 52 16.
portal-diag-phone-comoros = “{ $text }” starts with +269, the code of the Comoros. For a number in Mayotte, write +262 269 and the number for a landline, or +262 639 for a mobile.
portal-diag-email = “{ $text }” is not a valid e-mail address. An address has no spaces, for example prenom.nom@mairie.fr.

## The file's fields.

portal-diag-empty = This field is required: fill it in.
# $list (the allowed values, as the file spells them) is not used: the field is a list of choices.
portal-diag-one-of = “{ $value }” is not one of the possible choices. Pick a value from the list.
portal-diag-did-you-mean = Perhaps you meant “{ $suggestion }”.
portal-diag-commune-insee-missing = The commune's INSEE code is missing from its file. Report it to the group's coordinator, who will add it.
portal-diag-no-school = No school is listed. Add at least one school with the “Add a school” button.
portal-diag-signature-late = The date of signature, { $date }, falls after the joining deadline, { $deadline }. Check the date, or tell the group's coordinator.
portal-diag-text-too-long = This text has { $length } characters, more than the { $max } the documents can print. Keep only the name or the address: a text pasted by mistake is often the cause.
# $code (the code point, U+F0B7) is not used: it means nothing to the person typing.
portal-diag-character-unprintable = This text holds a special character that cannot be printed, often a bullet or a symbol from a copy and paste. Type the text again on the keyboard.
portal-diag-character-no-font = This text holds “{ $character }”, which the documents cannot print (an emoji or a pictogram). Remove that character.

## The commune: its SIREN, INSEE code and name against the list of communes. These are warnings; these fields are the coordinator's.

portal-diag-commune-insee-unknown = No commune has the INSEE code { $insee }. Report it to the group's coordinator, who will correct the file.
portal-diag-commune-siren-insee-mismatch = SIREN { $siren } is that of { $siren_commune }, but INSEE code { $insee } is that of { $insee_commune }. Report it to the group's coordinator: the SIREN of { $insee_commune } is { $expected_siren }.
portal-diag-commune-siren-not-commune = SIREN { $siren } is not that of a commune, while INSEE code { $insee } is that of { $insee_commune }. Report it to the group's coordinator: the SIREN of { $insee_commune } is { $expected_siren }.
portal-diag-commune-name-mismatch = “{ $name }” does not name { $commune }, the commune whose INSEE code is { $insee }. Report it to the group's coordinator, who will correct the name (for example “Commune de { $commune }”).
portal-diag-commune-name-other = “{ $name }” names { $other } ({ $other_insee }), not { $commune }, the commune whose INSEE code is { $insee }. Report it to the group's coordinator, who will correct the name.

## Schools.

portal-diag-school-no-uai = School { $school } has no UAI code: without it, its ENT cannot be opened. Add it (7 digits and a letter, for example 0440069L); the school's head can give it to you.
portal-diag-pupils-negative = This number is negative: give a whole number of pupils, 0 or more.
portal-diag-pupils-too-many = { $pupils } pupils in one school is more than { $max }: it is probably a typing error. Correct this school's number of pupils.
portal-diag-classes-negative = This number is negative: give a whole number of classes, 0 or more.
portal-diag-classes-too-many = { $classes } classes in one school is more than { $max }: it is probably a typing error. Correct this school's number of classes.
portal-diag-school-no-class = School { $school } has pupils but no class. Give its number of classes, or leave the field empty if you do not know it.
portal-diag-pupils-per-class-high = { $pupils } pupils in { $classes ->
        [one] { $classes } class
       *[other] { $classes } classes
    } makes more than { $max } pupils per class. Check the number of pupils and the number of classes.
portal-diag-pupils-per-class-low = { $pupils ->
        [one] { $pupils } pupil
       *[other] { $pupils } pupils
    } in { $classes ->
        [one] { $classes } class
       *[other] { $classes } classes
    } makes fewer than { $min } pupils per class. Check the number of pupils and the number of classes.

## The council's decision.

portal-diag-deliberation-late = The council session of { $date } takes place after the joining deadline, { $deadline }. Check the date, or tell the group's coordinator if the session cannot take place earlier.
portal-diag-acte-siren-other = The act number holds SIREN { $acte_siren }, not that of your authority, { $siren }. Copy your decision's act number from the prefecture's acknowledgement of receipt.
portal-diag-acte-before-session = The act number is dated { $date }, before the council session of { $session }. Check the session's date and the act number.
# $key (reception_prefecture or publication) is not used: the field's label already says it.
portal-diag-deliberation-date-before = This date ({ $date }) comes before the council session of { $session }. Check this date and the session's.

## Across members. $others (file paths) is not used.

portal-diag-duplicate-siren = SIREN { $value } also appears in another member's file. Report it to the group's coordinator.
portal-diag-duplicate-uai = UAI code { $value } also appears in another member's file: a school can be listed only once. Check the code, or report it to the group's coordinator if the school does depend on your authority.

## Reading the file (load-…). On the portal, the file is written by the portal itself: these problems only come from a file
## edited by hand or damaged, and only the coordinator can fix them. Their technical variables are not used.

portal-diag-load-read-failed = Your authority's file cannot be read at the moment. Try again later; if the problem goes on, tell the group's coordinator.
portal-diag-load-too-large = Your authority's file is too large to be read. Tell the group's coordinator.
portal-diag-load-not-utf8 = Your authority's file holds unreadable characters. Tell the group's coordinator, who will save it again.
portal-diag-load-empty = Your authority's file is empty. Tell the group's coordinator, who will fill it in.
portal-diag-load-unknown-key-near = Your authority's file holds an unknown heading, probably misspelt. Tell the group's coordinator, who will correct it.
portal-diag-load-unknown-key = Your authority's file holds an unknown heading. Tell the group's coordinator, who will correct it.
portal-diag-load-missing-key = A required heading is missing from your authority's file. Tell the group's coordinator, who will add it.
portal-diag-load-missing-key-top = A required part is missing from your authority's file. Tell the group's coordinator, who will add it.
portal-diag-load-not-number = This value must be a whole number. Write digits only, for example 120.
portal-diag-load-not-number-value = “{ $value }” is not a whole number. Write digits only, for example 120.
portal-diag-load-duplicate-key = The same heading appears twice in your authority's file. Tell the group's coordinator, who will keep only one.
portal-diag-load-top-not-map = Your authority's file does not have the expected form. Tell the group's coordinator, who will correct it.
portal-diag-load-not-map = A part of your authority's file does not have the expected form. Tell the group's coordinator, who will correct it.
portal-diag-load-not-list = A list in your authority's file does not have the expected form. Tell the group's coordinator, who will correct it.
portal-diag-load-not-text = This value must be plain text. Tell the group's coordinator, who will correct the file.
portal-diag-load-tab = Your authority's file holds a tab where tabs are not allowed. Tell the group's coordinator, who will replace it with spaces.
portal-diag-load-too-many-aliases = Your authority's file has an abnormal structure and cannot be read. Tell the group's coordinator.
portal-diag-load-too-deep = Your authority's file has too complex a structure to be read. Tell the group's coordinator.
portal-diag-load-too-complex = Your authority's file is too large or too complex to be read. Tell the group's coordinator.
portal-diag-load-yaml-invalid = Your authority's file holds a writing error and cannot be read. Tell the group's coordinator, who will correct it.
# $message (the YAML library's message, in English) is not used.
portal-diag-load-yaml-raw = Your authority's file cannot be read. Tell the group's coordinator, who will correct it.
portal-diag-load-date-invalid = “{ $text }” is not a valid date. Give the day, the month and the year, for example 16/12/2021.
portal-diag-load-id-unsafe = The file name of your file is not suitable. Tell the group's coordinator, who will rename it.
portal-diag-load-id-reserved = The file name of your file is reserved for the blank forms. Tell the group's coordinator, who will rename it.
portal-diag-load-not-yaml = This file is not a member file: it is left aside. Nothing needs to be done.
portal-diag-load-symlink-loop = A shortcut in the members' folder points back to itself: it is left aside. The group's coordinator should remove it.
portal-diag-load-folder-unreadable = A members' folder cannot be read. The group's coordinator should check its access rights.
portal-diag-load-duplicate-id = Two member files have the same file name. Tell the group's coordinator, who will rename one of them.

## The portal's own input problems (src/portal/form.rs, routes.rs).

portal-diag-input-too-long = This field is longer than { $max } characters. Shorten the text.
portal-diag-input-not-a-date = “{ $value }” is not a valid date. Give the day, the month and the year, for example 16/12/2021.
portal-diag-input-deliberation-date = The date of the council decision is missing while another detail of the decision is filled in. Give the date of the council session, or empty the decision's other fields.
portal-diag-input-too-many-schools = A file has at most { $max } schools. Remove the extra schools, or contact the group's coordinator.
portal-diag-input-not-a-number = “{ $value }” is not a whole number. Write digits only, for example 120.
portal-diag-input-not-an-object = The information received does not have the expected form. Reload the page, then try again.
# $field (a path such as contact.fax) is not used.
portal-diag-input-unknown-field = Unknown information was received. Reload the page, then try again.
# $error (the JSON library's message, in English) is not used.
portal-diag-bad-json = The information received cannot be read. Reload the page, then try again.

# A diagnostic with no wording of its own (a Typst error of a template).
portal-diag-other = The documents cannot be made because of an error in the campaign's templates. Let the coordinator of the group know.
