# The coordinator's desk (`/admin`, src/portal/desk.rs).
desk-title = Coordinator's desk
desk-sign-in = Sign in
desk-password = Password
desk-sign-out = Sign out
desk-no-password = No password is set for the coordinator's desk yet. In the campaign folder, run the command below, then reload this page.
desk-totals = Campaign totals
desk-by-department = By department
desk-members = Members
desk-filter = Filter
desk-status = Status
desk-all = All
desk-search = Search a name
desk-apply = Apply
desk-col-member = Member
desk-col-name = Name
desk-col-department = Department
desk-col-status = Status
desk-col-changed = Last change
desk-col-schools = Schools
desk-col-pupils = Pupils
desk-col-warnings = Errors and warnings
desk-col-uai = UAI
desk-col-when = Date
desk-col-action = Action
desk-col-detail = Detail
desk-col-address = Address
desk-downloads = Downloads
desk-recap-xlsx = Recap (.xlsx spreadsheet)
desk-recap-csv = Recap (CSV)
desk-invitations-csv = Invitations of the members not invited yet (CSV, each link is given once)
desk-journal = Log
desk-journal-csv = Whole log (CSV)
desk-journal-older = Older lines
desk-journal-member = This member's whole log
desk-invite = Invite a commune
desk-invite-insee = The commune's INSEE code
desk-invite-button = Make its file and its link
desk-back = Back to the list of members
desk-reopen = Reopen the file
desk-renew = Renew the link (the old one stops working)
desk-documents = Documents and actions
desk-data = Data entered
desk-problems = Errors and warnings
desk-none = None.
desk-signataire = Signatory
desk-contact = Contact person
desk-schools = Schools
desk-not-loaded = This member file does not load
desk-link-text = New link to send to the commune (it will not be shown again):
desk-pdf-convention = Convention (PDF)
desk-pdf-annexe2 = Annexe 2 (PDF)
desk-pdf-deliberation = Model deliberation (PDF)
desk-total = Total
# A member's status, as the desk and the API's JSON give it (src/status.rs).
desk-status-invited = invited
desk-status-opened = opened
desk-status-draft = draft
desk-status-deposited = deposited
desk-status-reopened = reopened
desk-status-not-invited = not invited
desk-when = { $date } at { $hour }:{ $minute }
desk-shown =
    { $shown ->
        [one] { $shown } member shown
       *[other] { $shown } members shown
    } of { $count }
desk-change = { $field }: “{ $old }” → “{ $new }”
desk-too-many-attempts = Too many sign-in attempts: try again in a minute.
desk-form-expired = This form has expired: reload the page, then try again.
desk-wrong-password = Wrong password.
desk-not-deposited = This file is not submitted: there is nothing to reopen.
desk-insee-unknown = No commune has the INSEE code “{ $insee }”.
desk-action-invite = invitation
desk-action-open = link opened
desk-action-save = save
desk-action-deposit = submission
desk-action-reopen = reopening
desk-action-renew = new link
desk-action-file-changed = file changed by hand, draft set aside
desk-action-login = sign-in
desk-action-login-failed = failed sign-in
desk-action-logout = sign-out
desk-action-set-password = password changed
desk-action-new-member = member file created
desk-status-complete = complete
desk-pieces = Signed documents
desk-attestation = Certificate of submission (PDF)
desk-pieces-zip = Every document (ZIP)
desk-col-piece = Document
desk-col-file = File
desk-col-decision = Decision
desk-piece-accept = Accept
desk-piece-refuse = Refuse
desk-piece-reason = Reason for refusing
desk-piece-received = Received on { $when }, to be checked
desk-paper-piece = Paper original received
desk-paper-date = Received by post on
desk-paper-record = Record the paper original
desk-pieces-not-deposited = The file is not submitted: the signed documents come after the submission.
desk-reason-required = Give the reason for refusing: the authority will read it with the refused document.
desk-piece-decided = This document was already accepted or refused.
desk-paper-invalid = Choose the document and the day its paper original was received.
desk-action-piece-received = document received
desk-action-piece-accepted = document accepted
desk-action-piece-refused = document refused
desk-action-piece-by-post = paper original received
desk-action-complete = file complete
desk-change-more =
    { $count ->
        [one] and one more field
       *[other] and { $count } more fields
    }
desk-mail = Mail
desk-mail-off = Mail is not configured: add a courriel section to groupement.yaml (see docs/data-format.md), then restart the portal. Everything else works without it.
desk-mail-no-address = groupement.yaml has no portail.adresse: the mails' links begin with it. Add it, then restart the portal.
desk-mail-outbox = Outbox
desk-mail-pending = Pending
desk-mail-sent = Sent
desk-mail-failed = Failed
desk-mail-invite-title = Invite the members
desk-mail-invite-help = Each member not invited yet gets its personal link at the address of the person who follows its file.
desk-mail-not-invited = Members not invited yet
desk-mail-remind-title = Remind the late members
desk-mail-remind-help = Each member chosen gets a reminder of the deadline with a new personal link (the old one stops working); a member is reminded once a day at most.
desk-mail-remind-which = Remind the members whose file is
desk-mail-preview = See the message before sending
desk-mail-failures = Failed mail
desk-mail-no-failure = No failed mail.
desk-mail-recipient = Recipient
desk-mail-subject = Subject
desk-mail-reply = The server's reply
desk-mail-sample = The message, as the first member will get it
desk-mail-link-placeholder = personal-link
desk-mail-link-note = Each member gets its own link in place of “personal-link”.
desk-mail-send = Send the messages
desk-mail-cancel = Back to the mail without sending anything
desk-mail-count = { $count ->
        [0] No member is concerned: no message will be sent.
        [one] One message will be sent.
       *[other] { $count } messages will be sent.
    }
desk-mail-queued = Messages queued: { $count }.
desk-mail-already = Sent before, not sent again: { $count }.
desk-mail-without = Members without a contact address, to reach otherwise
desk-action-mail-sent = mail sent
desk-action-mail-failed = mail failed
# The campaign's progress at a glance and the needs (src/desk/progress.rs).
desk-progress = Campaign progress
desk-progress-deadline = Deadline for joining: { $date }, { $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    }
desk-progress-deadline-passed = Deadline for joining: { $date }, passed { $days ->
        [1] yesterday
       *[other] { $days } days ago
    }
desk-progress-share = { $value } of { $max } ({ $percent } %)
desk-progress-deposited = Files deposited
desk-progress-complete = Files complete
desk-progress-late = Members late, file not yet deposited
desk-progress-late-short = Late
desk-progress-by-department = By department
desk-progress-mail = Mail: { $sent } sent, { $failed ->
        [0] none failed
       *[other] { $failed } failed
    }, { $pending } pending
desk-progress-mail-off = Mail: sending is not configured
desk-department-unknown = unknown
desk-needs = Needs
desk-needs-help = Confirmed needs are those of deposited files; estimated needs, those of drafts and of members that have not deposited yet.
desk-needs-confirmed-members = Members, confirmed needs
desk-needs-confirmed-pupils = Pupils, confirmed needs
desk-needs-estimated-members = Members, estimated needs
desk-needs-estimated-pupils = Pupils, estimated needs
desk-needs-all-pupils = Pupils, in all
# The members late (src/desk/late.rs).
desk-late-title = Members late
desk-late-help = The members whose file is not deposited yet, with the person who follows it, to call them.
desk-late-department = Department
desk-late-shown =
    { $count ->
        [0] No member late for this filter.
        [one] { $count } member late
       *[other] { $count } members late
    }
desk-late-csv = Members late (CSV)
desk-late-xlsx = Members late (Excel workbook)
desk-late-contact = Contact
desk-late-phone = Phone
desk-late-email = E-mail
