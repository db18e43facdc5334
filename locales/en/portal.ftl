# portal.ftl: the messages of the members' portal.
# Ids start with `portal-`; the French file locales/fr/portal.ftl has the same ids and variables.
# The portal's pages are always French; these texts serve the coordinator's terminal.

portal-listening = members' portal open on { $url } (Ctrl-C to stop it)
portal-error-database = portal database error: { $error }
portal-error-io = `{ $path }`: { $error }
portal-error-random = no randomness from the system to make a token: { $error }
portal-error-unknown-member = no member file `{ $id }` under members/
portal-input-too-long = this field is longer than { $max } characters
portal-input-not-a-date = `{ $value }` is not a date (YYYY-MM-DD)
portal-input-deliberation-date = the deliberation's date is required once one of its references is given
portal-input-too-many-schools = at most { $max } schools per member
portal-input-not-a-number = `{ $value }` is not a whole number
portal-input-not-an-object = a JSON object is expected
portal-input-unknown-field = unknown field `{ $field }`
portal-bad-json = the JSON received cannot be read: { $error }
portal-not-found-title = Unknown link
portal-not-found-text = This link opens no file. It may have been replaced: ask the group's coordinator for your link.
portal-internal-error = An internal error happened. Try again later.
portal-colon = { ": " }
portal-separator = { "; " }
portal-back = Back to the file
portal-title = Joining the purchasing group: { $nom }
portal-status-label = Status:
portal-status-invited = to complete
portal-status-draft = draft
portal-status-deposited = submitted
portal-status-reopened = reopened
portal-deposited-text = Your file is submitted: it can no longer be changed. The documents can still be downloaded. To correct it, ask the coordinator to reopen it.
portal-closed = The joining deadline ({ $date }) has passed: the file can no longer be saved or submitted. The documents can still be downloaded.
portal-deadline = Joining deadline: { $date }.
portal-errors-title =
    { $count ->
        [one] { $count } error to correct
       *[other] { $count } errors to correct
    }
portal-totals =
    { $schools ->
        [one] { $schools } school
       *[other] { $schools } schools
    }, { $pupils ->
        [one] { $pupils } pupil
       *[other] { $pupils } pupils
    }
portal-school-number = School { $n }
portal-school-remove = Remove this school
portal-school-add = Add a school
portal-save = Save the draft
portal-deposit = Submit the file
portal-documents = Documents to print and sign
portal-pdf-convention = Convention (PDF)
portal-pdf-annexe2 = Annexe 2 (PDF)
portal-pdf-deliberation = Model deliberation (PDF)
portal-preview-title = Preview of the annexe 2
portal-preview-alt = Annexe 2, page { $n } of { $count }, as it will be printed (its text is in the PDF)
portal-pdf-errors = The document cannot be made: correct these errors first
portal-refused-deposited = This file is already submitted: it can no longer be changed
portal-refused-closed = The joining deadline has passed: the file can no longer be saved or submitted
portal-refused-errors = The file is not submitted: correct these errors first
portal-section-collectivite = Authority
portal-section-signataire = Signatory
portal-section-contact = Contact person
portal-section-ecoles = Schools
portal-section-signature = Signature
portal-section-deliberation = Deliberation
portal-field-civilite = Title
portal-field-prenom = First name
portal-field-nom = Name
portal-field-siren = SIREN
portal-field-qualite = Role
portal-field-telephone = Phone
portal-field-courriel = E-mail
portal-field-lieu = Place of signature
portal-field-signature-date = Date of signature
portal-field-deliberation-date = Date of the deliberation
portal-field-acte = Act number
portal-field-reception = Date received at the prefecture
portal-field-publication = Date of publication
portal-field-ecole-nom = School name
portal-field-uai = UAI
portal-field-type = Type
portal-field-eleves = Pupils
portal-field-classes = Classes
portal-error-newer-schema = the portal's database was made by a newer adhesion (schema { $version }): update adhesion
# Two tabs (or two people) saved the same version of a file.
portal-conflict = This file was saved meanwhile from another tab or by another person. Your entries below were not saved: check them, then save again to replace the other version.
portal-conflict-script = This file was saved meanwhile from another tab or by another person: your last entries were not saved. Reload the page to see the other version, or save with the “Save the draft” button to replace it.
# The coordinator changed the member file by hand after the commune started its draft.
portal-file-changed = The coordinator changed your file since you last saved it: the form now shows their version and your previous entries were set aside. Check the form, then save.
portal-refused-file-changed = The coordinator has just changed your file: it was not submitted. Reload the page to see their version.
portal-error-weak-password = the password must have at least { $min } characters
