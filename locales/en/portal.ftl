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

## The member's page as a public service (the steps, the deposit, the signed pieces)
portal-howto-title = How to proceed
portal-howto-step1-title = 1. Check and complete
portal-howto-step1-text = Read the information already filled in, complete the rest and correct the errors shown next to the fields.
portal-howto-step2-title = 2. Submit
portal-howto-step2-text = When no error is left, click “Submit the file”, then confirm: the coordinator receives it at once.
portal-howto-step3-title = 3. Print, sign, have the council decide
portal-howto-step3-text = Print the documents, have your council adopt the decision, then have the convention and the annexe 2 signed by the person it authorises.
portal-howto-step4-title = 4. Send the signed documents
portal-howto-step4-text = Send the coordinator the signed convention and annexe 2, with the council decision certified enforceable, before the deadline.
portal-deadline-days = Deadline: { $date }, { $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    }
portal-contact-title = A question?
portal-contact-text = Write to { $email } or call { $phone }.
portal-deposit-help = “Submit the file” sends your file to the coordinator and locks it: you will no longer be able to change it. If something must be corrected afterwards, ask the coordinator to reopen it.
portal-confirm-title = Submit the file of { $nom }
portal-confirm-intro = Check one last time what is about to be submitted:
portal-confirm-member = Authority: { $nom }
portal-confirm-signatory = Signatory of the convention: { $signataire }, { $fonction }
portal-confirm-contact = Person following the file: { $contact }
portal-confirm-schools = Needs stated in the annexe 2: { $schools ->
        [one] { $schools } school
       *[other] { $schools } schools
    }, { $pupils ->
        [one] { $pupils } pupil
       *[other] { $pupils } pupils
    }
portal-confirm-lock = Once submitted, the file can no longer be changed, unless the coordinator reopens it.
portal-confirm-commitments-title = By joining the group, { $nom } commits to:
portal-confirm-commitment-duration = remain a member of the group for the whole duration of the market, { $months } months, from { $start } to { $end };
portal-confirm-commitment-withdrawal = not withdraw during the first { $minimum } months; to withdraw afterwards, send the coordinator a registered letter with acknowledgement of receipt within the { $notice } months before the end of those { $minimum } months, failing which the commitment runs until the end of the market;
portal-confirm-commitment-accounts = order, for the whole duration of the market, at least the ENT accounts matching the needs stated in the annexe 2;
portal-confirm-commitment-payment = pay its share: the invoices for its accounts are sent to it directly by the contractor;
portal-confirm-commitment-mandate = entrust the coordinator with awarding, signing and notifying the market, then carry it out for its own part;
portal-confirm-commitment-governance = take part, or be represented, in the project's steering bodies;
portal-confirm-commitment-deliberation = attach to the convention its council's decision authorising the signature, sent for the legality check.
portal-confirm-convention-link = Read the convention (PDF)
portal-confirm-checkbox = I confirm that the information in this file is correct and that I have read the commitments above.
portal-confirm-checkbox-required = Tick the confirmation box to submit the file.
portal-confirm-submit = Submit the file
portal-confirm-cancel = Back to the file without submitting it
portal-after-title = File submitted
portal-after-thanks = Thank you: the file of { $nom } was submitted on { $date } at { $hour }:{ $minute }.
portal-after-attestation = Download the certificate of submission (PDF)
portal-after-next-title = What next?
portal-after-next-print = Print the convention and the annexe 2, and the model decision for your council.
portal-after-next-council = Put the decision on your council's agenda: it authorises { $signataire } to sign the convention.
portal-after-next-prefecture = Send the decision to the prefecture for the legality check, publish it, then certify it enforceable.
portal-after-next-sign = Have { $signataire } sign and date the convention and the annexe 2.
portal-after-next-send = Send the three signed documents to the coordinator before { $deadline }: upload them below, or send them by registered post with acknowledgement of receipt to the following address: { $adresse }.
portal-after-reopen = A mistake in the file? Ask the coordinator to reopen it: you will be able to correct it, then submit it again.
portal-pieces-title = Signed documents
portal-pieces-intro = Upload the three signed documents here, one at a time. Accepted formats: PDF, JPEG or PNG, at most 10 MB per file.
portal-piece-convention = Signed convention
portal-piece-annexe2 = Signed annexe 2
portal-piece-deliberation = Council decision certified enforceable
portal-piece-choose = Choose a file
portal-piece-send = Send
portal-piece-resend = Send again
portal-piece-status-missing = Not received yet
portal-piece-status-received = Received on { $date }: waiting for the coordinator's check
portal-piece-status-accepted = Accepted
portal-piece-status-refused = Refused: { $reason }
portal-piece-refused-help = Correct the document, then send it again with the “Send again” button.
portal-piece-error-no-file = No file is chosen. Choose a file, then click “Send”.
portal-piece-error-format = This file is neither a PDF nor a JPEG or PNG image. Save it in one of these formats, then send it again.
portal-piece-error-size = This file is { $size } MB, more than the { $max } MB allowed. Scan it at a lower resolution or in black and white, then send it again.
portal-pieces-complete = Every document has been accepted: your file is complete. Thank you!
portal-status-help-invited = The link has been sent; the file has not been opened yet.
portal-status-help-opened = The file has been opened, but nothing has been saved yet.
portal-status-help-draft = Some information is saved; the file is not submitted yet.
portal-status-help-deposited = The file is submitted and locked; the signed documents remain to be sent.
portal-status-help-reopened = The coordinator has reopened the file: you can change it, then it must be submitted again.
portal-status-help-complete = Every signed document has been received and accepted: there is nothing left to do.
portal-field-uai-hint = 7 digits and a letter, for example 0440069L
portal-field-telephone-hint = 10 digits, for example 02 40 81 52 16
portal-field-courriel-hint = Work address, for example prenom.nom@mairie.fr
portal-field-acte-hint = As it appears on the prefecture's acknowledgement of receipt, for example 044-214400368-20211222-13-DE
portal-field-date-hint = dd/mm/yyyy
portal-required-note = Fields marked with an asterisk (*) are required.
portal-readonly-note = This information was prepared by the coordinator. If any of it is wrong, let them know.
portal-saved-at = Saved at { $hour }:{ $minute }
portal-error-title-prefix = Error: { $title }

## The page: header, footer, steps, saving
portal-header-groupement = Purchasing group “{ $groupement }”
portal-header-coordinator = coordinated by the { $coordonnateur } ({ $service })
portal-name = Joining portal of the purchasing group
portal-skip = Skip to content
portal-footer-a11y = Accessibility
portal-footer-privacy = Personal data
portal-footer-contact = Contact
portal-contact-email-only = Write to { $email }.
portal-status-complete = complete
portal-step-done = step done
portal-step-current = current step
portal-never-saved = Not saved yet
portal-saved-notice = Your draft is saved.
portal-saved-with-errors = Your draft is saved, but errors remain to be corrected before it can be submitted.
portal-school-legend = School { $n }: { $nom }
portal-deposit-button = Submit the file…
portal-deposit-errors = The file cannot be submitted yet: correct these errors first.
portal-confirm-deposited-at = Submitted on { $date } at { $hour }:{ $minute }.
portal-piece-file = File
portal-piece-formats = PDF, JPEG or PNG, 10 MB at most
portal-piece-received-notice = Document received: the coordinator will check it.
portal-piece-by-post = Paper original received by post on { $date }
portal-pieces-status = Status
portal-pieces-what = Document
## The legal pages
portal-a11y-title = Accessibility statement
portal-a11y-commitment = The { $coordonnateur } is committed to making its online services accessible, in accordance with article 47 of law no. 2005-102 of 11 February 2005. This statement applies to the joining portal of the purchasing group “{ $groupement }”.
portal-a11y-state-title = Compliance status
portal-a11y-state = This portal is { $etat } with the French accessibility framework (RGAA), version 4.1.
portal-a11y-audit-none = No compliance audit has been carried out yet: the compliance rate is not known.
portal-a11y-audit = The audit of { $date } shows that { $taux } % of the RGAA's criteria are met.
portal-a11y-issues-title = Non-accessible content
portal-a11y-issue-pdf = The structure of the PDF documents (convention, annexe 2, model decision) for screen readers has not been checked by an audit: the coordinator can send their text in another form.
portal-a11y-issue-preview = The preview of the annexe 2 is a picture of the page: its content is that of the form and of the PDF.
portal-a11y-checks-title = How this statement was made
portal-a11y-checks = Technologies used: HTML, CSS, WAI-ARIA and JavaScript; the portal also works without JavaScript. Checks made at every version: automated tests with axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every page of a member's journey and of the coordinator's desk, the whole journey by keyboard, HTML validation, with the Chromium browser.
portal-a11y-date = Statement made on { $date }.
portal-a11y-contact-title = Feedback and contact
portal-a11y-contact = If you cannot reach a content or a service, contact the coordinator's service ({ $service }): it will point you to an accessible alternative, send you the content in another form or record your file itself.
portal-a11y-remedies-title = Remedies
portal-a11y-remedies = If you reported an accessibility defect to us without a satisfying answer, you can refer the matter to the Défenseur des droits: through the online form (formulaire.defenseurdesdroits.fr), to one of its delegates in your region (defenseurdesdroits.fr/saisir/delegues), or by free post, without a stamp: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
portal-privacy-title = Personal data
portal-privacy-controller-title = Who processes this data
portal-privacy-controller = The { $coordonnateur } ({ $service }, { $adresse }), coordinator of the purchasing group, is the controller of this processing.
portal-privacy-purpose-title = Why
portal-privacy-purpose = To record and follow each authority's joining of the purchasing group, then to carry out the market. Legal basis: a task carried out in the public interest (article 6(1)(e) of the GDPR).
portal-privacy-data-title = Which data
portal-privacy-data = The name, function, work phone and e-mail address of the convention's signatory and of the person following the file; the list of schools and their pupils; the signed documents uploaded; the log of actions on the portal (date and time, action, IP address), kept for the service's security.
portal-privacy-recipients-title = Who can see it
portal-privacy-recipients = The staff of the coordinator's service who follow the joinings, and the authority itself through its personal link.
portal-privacy-host = The portal is hosted by { $hebergeur }.
portal-privacy-retention-title = How long
portal-privacy-retention = The files are kept for the duration of the market, until { $fin }, then { $conservation }.
portal-privacy-rights-title = Your rights
portal-privacy-rights = You can access the data that concerns you, have it corrected, ask for its processing to be limited or object to it, by writing to the coordinator.
portal-privacy-dpo = For any question, you can also write to the data protection officer: { $delegue }.
portal-privacy-cnil = If, after contacting us, you consider that your rights are not respected, you can lodge a complaint with the CNIL (cnil.fr).
portal-field-collectivite-nom = Name of the authority
portal-field-nature = Kind of authority
portal-field-insee = INSEE code
portal-field-adresse = Address
portal-field-ecoles = Schools
portal-field-required = required
portal-saving = Saving…
portal-save-failed = Saving failed. Check your connection, then try again.
portal-refused-not-deposited = This file is not submitted: the signed documents are sent after the submission.
portal-choose = Choose
