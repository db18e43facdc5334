//! Where a member stands in the portal: one type, its key in the database and in the desk's
//! URLs, its words from the catalogue (one per audience: the desk and the API, the member's page).

use adhesion_core::i18n::{Lang, text_in};

/// A member's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// A member file with no link yet (never stored: the member has no row).
    NotInvited,
    /// A link was made; the commune has not opened it yet.
    Invited,
    /// The commune opened its page; it has not saved anything yet.
    Opened,
    /// The commune saved a draft.
    Draft,
    /// The commune deposited its file: read-only until reopened.
    Deposited,
    /// The coordinator reopened a deposited file.
    Reopened,
    /// Its three signed pieces are accepted: the campaign's end for this member.
    Complete,
}

impl Status {
    /// Every status, in the order of the desk's filter.
    pub const ALL: [Status; 7] = [
        Status::Invited,
        Status::Opened,
        Status::Draft,
        Status::Deposited,
        Status::Complete,
        Status::Reopened,
        Status::NotInvited,
    ];

    /// Its key in the database (`members.status`) and in the catalogue's ids.
    pub fn db_key(self) -> &'static str {
        match self {
            Status::NotInvited => "not-invited",
            Status::Invited => "invited",
            Status::Opened => "opened",
            Status::Draft => "draft",
            Status::Deposited => "deposited",
            Status::Reopened => "reopened",
            Status::Complete => "complete",
        }
    }

    /// The status of a database key.
    pub fn from_db(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.db_key() == key)
    }

    /// Its key in the desk's URLs (`/admin?statut=brouillon`): French, part of the interface.
    pub fn url_key(self) -> &'static str {
        match self {
            Status::NotInvited => "non-invite",
            Status::Invited => "invite",
            Status::Opened => "ouvert",
            Status::Draft => "brouillon",
            Status::Deposited => "depose",
            Status::Reopened => "rouvert",
            Status::Complete => "complet",
        }
    }

    /// Its word for the coordinator and in the API's JSON (`déposé`), from the catalogue.
    pub fn word(self) -> String {
        text_in(Lang::Fr, &format!("desk-status-{}", self.db_key()), &[])
    }

    /// Its words on the member's own page (`à compléter`), from the catalogue.
    pub fn member_word(self) -> String {
        let status = match self {
            Status::NotInvited | Status::Opened => Status::Invited,
            s => s,
        };
        text_in(Lang::Fr, &format!("portal-status-{}", status.db_key()), &[])
    }

    /// Whether the commune may still change its file.
    pub fn editable(self) -> bool {
        !self.deposited()
    }

    /// Whether its file is deposited (and its pieces may come).
    pub fn deposited(self) -> bool {
        matches!(self, Status::Deposited | Status::Complete)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_keys_and_words() {
        for s in Status::ALL {
            assert_eq!(Status::from_db(s.db_key()), Some(s));
            assert!(!s.word().starts_with("desk-"), "{s:?}");
            assert!(!s.member_word().starts_with("portal-"), "{s:?}");
        }
        assert_eq!(Status::Deposited.word(), "déposé");
        assert_eq!(Status::Opened.member_word(), "à compléter");
    }
}
