//! The checks of the campaign file (`groupement.yaml`).

use super::ids;
use super::{Checker, Field};
use crate::diagnostic::Diagnostic;
use crate::load::SourceFile;
use crate::model::{Groupement, Text};
use crate::msg;

/// Checks the campaign file: its dates must agree with each other, and the coordinator's
/// contact and the portal's address must be what they say.
pub fn groupement(g: &Groupement, source: &SourceFile) -> Vec<Diagnostic> {
    let mut c = Checker::new(source);
    check_contact(&mut c, g);
    check_portal(&mut c, g);
    check_mail(&mut c, g);
    let m = &g.marche;
    let expected_end = m.debut.value.add_months(m.duree_mois.value);
    if m.fin.value != expected_end {
        c.error(
            "dates",
            "marche.fin",
            &m.fin,
            msg!(
                "validate-market-end",
                end = m.fin.value,
                start = m.debut.value,
                months = m.duree_mois.value,
                expected = expected_end
            ),
        );
    }
    if m.notification_fin.value < m.notification_debut.value {
        c.error(
            "dates",
            "marche.notification_fin",
            &m.notification_fin,
            msg!(
                "validate-notification-window",
                end = m.notification_fin.value,
                start = m.notification_debut.value
            ),
        );
    }
    if m.notification_debut.value < m.date_limite_adhesion.value {
        c.error(
            "dates",
            "marche.notification_debut",
            &m.notification_debut,
            msg!("validate-notified-before-deadline"),
        );
    }
    if m.debut.value < m.notification_fin.value {
        c.error(
            "dates",
            "marche.debut",
            &m.debut,
            msg!("validate-starts-before-notified"),
        );
    }
    if m.engagement_minimum_mois.value > m.duree_mois.value {
        c.error(
            "dates",
            "marche.engagement_minimum_mois",
            &m.engagement_minimum_mois,
            msg!("validate-commitment-too-long"),
        );
    }
    if m.criteres.prix.value + m.criteres.qualite != 100 {
        c.error(
            "criteres",
            "marche.criteres.prix",
            &m.criteres.prix,
            msg!(
                "validate-criteria-weights",
                price = m.criteres.prix.value,
                quality = m.criteres.qualite
            ),
        );
    }
    check_school_year(&mut c, &g.annee_scolaire);
    c.out
}

/// The campaign's school year: two years that follow each other (`2021-2022`).
fn check_school_year(c: &mut Checker, year: &Text) {
    let ok = year
        .value
        .split_once('-')
        .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
        .is_some_and(|(a, b)| b == a + 1 && year.value.len() == 9);
    if !ok {
        c.error(
            "annee_scolaire",
            "annee_scolaire",
            year,
            msg!("validate-school-year", year = year.value),
        );
    }
}

/// The coordinator's contact, shown to the members: an e-mail address and a phone number.
fn check_contact(c: &mut Checker, g: &Groupement) {
    let Some(contact) = &g.coordonnateur.contact else {
        return;
    };
    let email = Field::top("coordonnateur.contact.courriel");
    if c.non_empty(&email, &contact.courriel)
        && let Err(p) = ids::email(&contact.courriel.value)
    {
        c.problem("courriel", &email.path, &contact.courriel, p);
    }
    let phone = Field::top("coordonnateur.contact.telephone");
    if c.non_empty(&phone, &contact.telephone)
        && let Err(p) = ids::phone(&contact.telephone.value)
    {
        c.problem("telephone", &phone.path, &contact.telephone, p);
    }
}

/// The portal's public address: an `https://` URL with a host, which the links of the mails and
/// of `adhesion invitations` begin with.
fn check_portal(c: &mut Checker, g: &Groupement) {
    let Some(address) = g.portail.as_ref().and_then(|p| p.adresse.as_ref()) else {
        return;
    };
    if !is_https_url(&address.value) {
        let message = msg!("validate-portal-address", address = address.value);
        c.error("portail", "portail.adresse", address, message);
    }
}

/// The SMTP server's settings: a known security, plain SMTP only towards this machine, the
/// sender and the reply address e-mail addresses.
fn check_mail(c: &mut Checker, g: &Groupement) {
    let Some(mail) = &g.courriel else { return };
    let security = mail.securite.value.as_str();
    if !["tls", "starttls", "aucune"].contains(&security) {
        let message = msg!("validate-mail-security", value = security);
        c.error("courriel", "courriel.securite", &mail.securite, message);
    } else if security == "aucune" && !is_loopback(&mail.serveur.value) {
        let message = msg!("validate-mail-plain", server = mail.serveur.value);
        c.error("courriel", "courriel.securite", &mail.securite, message);
    }
    if mail.serveur.value.trim().is_empty() || mail.serveur.value.contains([' ', '/']) {
        let message = msg!("validate-mail-server", server = mail.serveur.value);
        c.error("courriel", "courriel.serveur", &mail.serveur, message);
    }
    for (path, text) in [
        ("courriel.expediteur", Some(&mail.expediteur)),
        ("courriel.repondre_a", mail.repondre_a.as_ref()),
    ] {
        let Some(text) = text else { continue };
        if ids::email(mailbox_address(&text.value)).is_err() {
            let message = msg!("validate-mail-address", value = text.value);
            c.error("courriel", path, text, message);
        }
    }
}

/// The address of a mailbox written `Nom <adresse>`, or the text itself.
pub fn mailbox_address(text: &str) -> &str {
    match (text.rfind('<'), text.rfind('>')) {
        (Some(a), Some(b)) if a < b => text[a + 1..b].trim(),
        _ => text.trim(),
    }
}

/// Whether `host` names this machine: plain SMTP is allowed only there.
pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether `text` is an `https://` URL with a host and no query, fragment or space.
pub fn is_https_url(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or("");
    !host.is_empty()
        && host
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ".-:[]".contains(ch))
        && !rest.contains(['?', '#', ' ', '"', '<', '>'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_addresses() {
        for ok in [
            "https://adhesion.ac-nantes.fr",
            "https://a.fr/portail",
            "https://127.0.0.1:8443",
        ] {
            assert!(is_https_url(ok), "{ok}");
        }
        for bad in [
            "http://a.fr",
            "https://",
            "https://a.fr/?x=1",
            "adhesion.fr",
            "https://a b.fr",
        ] {
            assert!(!is_https_url(bad), "{bad}");
        }
    }

    #[test]
    fn the_coordinators_contact_and_the_portals_address_are_checked() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../groupement.yaml"
        ))
        .unwrap()
        .replace(
            "courriel: adhesions.dane@ac-nantes.example",
            "courriel: pas une adresse",
        )
        .replace("telephone: 02 40 37 37 37", "telephone: 12")
        .replace(
            "adresse: https://adhesion.ac-nantes.example",
            "adresse: http://portail",
        );
        let source = SourceFile {
            path: "groupement.yaml".into(),
            text: text.clone(),
        };
        let g: Groupement = crate::load::parse(&source).unwrap();
        let fields: Vec<String> = groupement(&g, &source)
            .into_iter()
            .filter_map(|d| d.field)
            .collect();
        assert_eq!(
            fields,
            [
                "coordonnateur.contact.courriel",
                "coordonnateur.contact.telephone",
                "portail.adresse"
            ]
        );
    }
}
