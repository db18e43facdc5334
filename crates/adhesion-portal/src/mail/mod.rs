//! The portal's mail: the messages, made from the campaign's templates
//! (`templates/courriels/`, [`messages`]), queued in the outbox (`db/outbox.rs`) and sent by one
//! background task through the campaign's SMTP server (`service::outbox`). Without a `courriel:`
//! section in `groupement.yaml` nothing is sent and the desk says so.

pub mod messages;

use std::time::Duration;

use adhesion_core::model::Courriel;
use adhesion_core::validate::mailbox_address;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

use crate::db::Mail;

/// The environment variable holding the SMTP password.
pub const PASSWORD_VARIABLE: &str = "ADHESION_SMTP_PASSWORD";

/// How the portal reaches the campaign's SMTP server.
#[derive(Debug, Clone)]
pub struct Mailer {
    settings: Courriel,
    password: Option<String>,
    /// The domain of the sender's address: the Message-IDs' right part.
    domain: String,
    /// Longest wait for one SMTP command.
    pub timeout: Duration,
}

/// Why a message was not sent: for now (tried again) or for good (with the server's reply).
#[derive(Debug)]
pub enum SendError {
    Temporary(String),
    Permanent(String),
}

impl Mailer {
    /// The mailer of the campaign's `courriel:` section, with the password when it needs one.
    /// An error, in French, when the settings cannot make a message.
    pub fn new(settings: &Courriel, password: Option<String>) -> Result<Mailer, String> {
        let from = settings.expediteur.value.parse::<Mailbox>().map_err(|e| {
            format!(
                "courriel.expediteur « {} » : {e}",
                settings.expediteur.value
            )
        })?;
        if let Some(reply) = &settings.repondre_a {
            reply
                .value
                .parse::<Mailbox>()
                .map_err(|e| format!("courriel.repondre_a « {} » : {e}", reply.value))?;
        }
        if settings.identifiant.is_some() && password.is_none() {
            return Err(format!(
                "courriel.identifiant est donné mais pas le mot de passe du serveur SMTP : \
                 mettez-le dans la variable {PASSWORD_VARIABLE} ou dans un fichier donné par \
                 --smtp-password-file"
            ));
        }
        Ok(Mailer {
            domain: from.email.domain().to_owned(),
            settings: settings.clone(),
            password,
            timeout: Duration::from_secs(30),
        })
    }

    /// The transport to the server, per its security.
    fn transport(&self) -> Result<SmtpTransport, String> {
        let host = self.settings.serveur.value.as_str();
        let tls = || TlsParameters::new(host.to_owned()).map_err(|e| e.to_string());
        let mut builder = SmtpTransport::builder_dangerous(host)
            .port(self.settings.port())
            .timeout(Some(self.timeout));
        builder = match self.settings.securite.value.as_str() {
            "tls" => builder.tls(Tls::Wrapper(tls()?)),
            "starttls" => builder.tls(Tls::Required(tls()?)),
            _ => builder.tls(Tls::None),
        };
        if let (Some(user), Some(password)) = (&self.settings.identifiant, &self.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }

    /// The message of `mail`: From, Reply-To, To, Date, a Message-ID of its own (the same for
    /// every attempt), `Auto-Submitted` for the automatic ones; its text and HTML alternatives,
    /// its attachment.
    pub fn message(&self, mail: &Mail) -> Result<Message, String> {
        let from: Mailbox = self.settings.expediteur.value.parse().map_err(to_text)?;
        let to: Mailbox = mail
            .recipient
            .parse()
            .or_else(|_| mailbox_address(&mail.recipient).parse())
            .map_err(|e| format!("« {} » : {e}", mail.recipient))?;
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(&mail.subject)
            .date_now()
            .message_id(Some(format!(
                "<outbox-{}-{}@{}>",
                mail.id, mail.created_at, self.domain
            )));
        if let Some(reply) = &self.settings.repondre_a {
            builder = builder.reply_to(reply.value.parse().map_err(to_text)?);
        }
        if messages::automatic(&mail.kind) {
            builder = builder.header(AutoSubmitted);
        }
        let text = MultiPart::alternative_plain_html(mail.body.clone(), messages::html(&mail.body));
        let body =
            match &mail.attachment {
                Some((name, bytes)) => MultiPart::mixed().multipart(text).singlepart(
                    Attachment::new(name.clone()).body(
                        bytes.clone(),
                        ContentType::parse("application/pdf").map_err(to_text)?,
                    ),
                ),
                None => text,
            };
        builder.multipart(body).map_err(to_text)
    }

    /// Sends `mail`, on the calling thread (the blocking pool).
    pub fn send(&self, mail: &Mail) -> Result<String, SendError> {
        let message = self.message(mail).map_err(SendError::Permanent)?;
        let transport = self.transport().map_err(SendError::Temporary)?;
        match transport.send(&message) {
            Ok(response) => Ok(response.message().collect::<Vec<_>>().join(" ")),
            // A 5xx is final; anything else (4xx, the network, TLS, a timeout) is tried again.
            Err(e) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            Err(e) => Err(SendError::Temporary(e.to_string())),
        }
    }

    /// At most this many messages a second.
    pub fn rate(&self) -> u32 {
        self.settings.debit.unwrap_or(5).max(1)
    }
}

fn to_text(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// `Auto-Submitted: auto-generated` (RFC 3834): no out-of-office reply to the acknowledgements
/// and notices the portal sends by itself.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}
