//! What the portal mails, queued in the outbox: the invitations and reminders the desk sends,
//! the acknowledgement of a deposit (its attestation attached), the notices of a reopening, of a
//! piece refused and of a file complete. Each message under a key that makes it unique.

use std::sync::Arc;
use std::time::Duration;

use adhesion_core::model::Groupement;
use tokio::sync::Notify;

use super::{App, Current};
use crate::db::NewMail;
use crate::error::Error;
use crate::mail::messages::{Facts, Made, Messages};
use crate::mail::{Mailer, PASSWORD_VARIABLE};
use crate::status::Status;
use crate::time::when;

/// The mail of a campaign whose `groupement.yaml` has a `courriel:` section.
pub struct MailSetup {
    pub mailer: Mailer,
    pub messages: Messages,
    /// Wakes the sender when a message is queued.
    pub wake: Notify,
    /// The first wait before a message refused for now is tried again.
    pub backoff: Duration,
}

/// What a batch of invitations or reminders did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Batch {
    /// Messages queued.
    pub queued: usize,
    /// Members without a contact's e-mail address: their names.
    pub no_address: Vec<String>,
    /// Members already sent this message (the same link, or reminded today).
    pub already: usize,
}

/// The members a reminder goes to: not deposited (invited, opened, draft, reopened).
pub fn late(status: Status) -> bool {
    !status.deposited()
}

impl App {
    /// The same app with its mail, from the campaign's `courriel:` section and the SMTP
    /// password (`password`, else `ADHESION_SMTP_PASSWORD`); without the section, none. An error
    /// in French when the section or the templates are wrong.
    pub fn with_mail(mut self, password: Option<String>) -> Result<Self, String> {
        let Some(settings) = &self.pipeline.groupement().courriel else {
            return Ok(self);
        };
        let password = password.or_else(|| std::env::var(PASSWORD_VARIABLE).ok());
        let mailer = Mailer::new(settings, password)?;
        let messages = Messages::load(&self.root)?;
        let problems = messages.check(self.pipeline.groupement(), self.today());
        if let Some(first) = problems.first() {
            return Err(first.clone());
        }
        self.mail = Some(Arc::new(MailSetup {
            mailer,
            messages,
            wake: Notify::new(),
            backoff: Duration::from_secs(60),
        }));
        Ok(self)
    }

    /// The same app, its failed sends tried again after `backoff` first (the tests).
    pub fn with_mail_backoff(mut self, backoff: Duration) -> Self {
        if let Some(setup) = self.mail.take() {
            let setup = Arc::into_inner(setup).expect("the mail is not shared yet");
            self.mail = Some(Arc::new(MailSetup { backoff, ..setup }));
        }
        self
    }

    /// The portal's public address (`portail.adresse`), which the mails' links begin with.
    pub fn public_address(&self) -> Option<String> {
        let g = self.pipeline.groupement();
        let address = g.portail.as_ref()?.adresse.as_ref()?;
        Some(address.value.trim_end_matches('/').to_owned())
    }

    /// Message `kind` for member `current`, as it would be sent (the desk's preview).
    pub fn make_mail(&self, kind: &str, current: &Current, facts: Facts) -> Result<Made, String> {
        let setup = self.mail.as_ref().ok_or("mail is not configured")?;
        let facts = Facts {
            member: current.draft.collectivite.nom.clone(),
            ..facts
        };
        setup
            .messages
            .make(kind, self.pipeline.groupement(), self.today(), &facts)
    }

    /// Queues message `kind` to member `current`'s contact under `key`, and wakes the sender.
    /// `Ok(None)` when the member has no contact address; `Ok(Some(false))` when a message of
    /// that key was queued already.
    pub fn queue_mail(
        &self,
        kind: &str,
        key: &str,
        current: &Current,
        facts: Facts,
        attachment: Option<(&str, &[u8])>,
    ) -> Result<Option<bool>, Error> {
        let Some(setup) = &self.mail else {
            return Ok(Some(false));
        };
        let recipient = current.draft.contact.courriel.trim();
        if recipient.is_empty() {
            return Ok(None);
        }
        let made = self.make_mail(kind, current, facts).map_err(Error::Mail)?;
        let queued = self.db.lock().sql().queue_mail(&NewMail {
            key,
            member: Some(&current.row.id),
            kind,
            recipient,
            subject: &made.subject,
            body: &made.body,
            attachment,
        })?;
        if queued {
            setup.wake.notify_one();
        }
        Ok(Some(queued))
    }

    /// Invites by mail the members `ids`: each gets a new link (the old one stops working), mailed
    /// to its contact. Members without a contact address are named, not invited.
    pub fn mail_invitations(&self, ids: &[String], address: &str) -> Result<Batch, Error> {
        self.mail_links("invitation", ids, address)
    }

    /// Reminds by mail the members `ids` that are late, once a day at most: a new link each.
    pub fn mail_reminders(&self, ids: &[String], address: &str) -> Result<Batch, Error> {
        self.mail_links("relance", ids, address)
    }

    fn mail_links(&self, kind: &str, ids: &[String], address: &str) -> Result<Batch, Error> {
        let base = self.public_address().ok_or_else(|| {
            Error::Mail(
                "groupement.yaml n’a pas de portail.adresse : les liens des courriels commencent \
                 par elle"
                    .to_owned(),
            )
        })?;
        let today = self.today();
        let mut batch = Batch::default();
        for id in ids {
            let Some(current) = self.current_for_desk(id) else {
                continue;
            };
            // A reminder goes only to the members not deposited yet.
            if kind == "relance" && !late(current.row.status) {
                continue;
            }
            if current.draft.contact.courriel.trim().is_empty() {
                batch
                    .no_address
                    .push(current.draft.collectivite.nom.clone());
                continue;
            }
            // A reminder once a day; an invitation once per link.
            let reminder = format!("relance:{id}:{today}");
            if kind == "relance" && self.db.lock().sql().mail_queued(&reminder)? {
                batch.already += 1;
                continue;
            }
            let token = if current.row.status == Status::NotInvited {
                let invited = super::links::invite(&self.db, &self.root, std::slice::from_ref(id))?;
                invited.into_iter().next().and_then(|(_, t)| t)
            } else {
                None
            };
            let token = match token {
                Some(t) => t,
                None => super::links::renew(&self.db, &self.root, id, address)?,
            };
            let key = match kind {
                "relance" => reminder,
                _ => format!("invitation:{id}:{}", &token[..12]),
            };
            let current = self.current_for_desk(id).unwrap_or(current);
            let facts = Facts {
                link: Some(format!("{base}/m/{token}")),
                ..Facts::default()
            };
            match self.queue_mail(kind, &key, &current, facts, None)? {
                Some(true) => batch.queued += 1,
                Some(false) => batch.already += 1,
                None => batch
                    .no_address
                    .push(current.draft.collectivite.nom.clone()),
            }
        }
        Ok(batch)
    }

    /// The acknowledgement of member `current`'s deposit, its attestation attached.
    pub fn mail_deposit(&self, current: &Current) -> Result<(), Error> {
        if self.mail.is_none() {
            return Ok(());
        }
        let Some(current) = self.current_for_desk(&current.row.id) else {
            return Ok(());
        };
        let Some(at) = current.row.deposited_at else {
            return Ok(());
        };
        let attestation = self.attestation(&current)?;
        let facts = Facts {
            deposited: Some(when(at)),
            ..Facts::default()
        };
        let key = format!("depot:{}:{at}", current.row.id);
        let attachment = attestation
            .as_deref()
            .map(|pdf| ("attestation-depot.pdf", pdf));
        self.queue_mail("depot", &key, &current, facts, attachment)?;
        Ok(())
    }

    /// A notice to member `id`: `reouverture`, `complet`, or `piece-refusee` with its `piece`
    /// and `reason`; `key_part` makes it unique.
    pub fn mail_notice(
        &self,
        kind: &str,
        id: &str,
        key_part: &str,
        piece: Option<String>,
        reason: Option<String>,
    ) -> Result<(), Error> {
        if self.mail.is_none() {
            return Ok(());
        }
        let Some(current) = self.current_for_desk(id) else {
            return Ok(());
        };
        let facts = Facts {
            piece,
            reason,
            ..Facts::default()
        };
        self.queue_mail(
            kind,
            &format!("{kind}:{id}:{key_part}"),
            &current,
            facts,
            None,
        )?;
        Ok(())
    }
}

/// Whether `g` sends mail.
pub fn configured(g: &Groupement) -> bool {
    g.courriel.is_some()
}
