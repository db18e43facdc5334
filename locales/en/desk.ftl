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
desk-change-more =
    { $count ->
        [one] and one more field
       *[other] and { $count } more fields
    }
