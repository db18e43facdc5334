//! The coordinator's work on the members' links, from the desk or the command line: invite,
//! renew, reopen.
//!
//! A token is given once, when it is made ([`invite`], [`renew`]): the database keeps only its
//! hash and cannot give it back. A lost link is replaced with [`renew`], which stops the old one
//! at once.

use std::path::Path;

use adhesion_core::load;
use adhesion_core::sheet::Sheet;

use super::{member_files, member_path};
use crate::db::Db;
use crate::error::Error;
use crate::secret::new_token;
use crate::status::Status;

/// Invites the members `ids` (every member file's when empty): a token for each member not yet
/// invited. Each token is given once, here: a member already invited gets `None` (its link is
/// not stored and cannot be printed again; [`renew`] makes a new one).
pub fn invite(
    db: &Db,
    root: &Path,
    ids: &[String],
) -> Result<Vec<(String, Option<String>)>, Error> {
    let known: Vec<String> = member_files(root).into_iter().map(|(i, _)| i).collect();
    let ids: Vec<String> = if ids.is_empty() {
        known.clone()
    } else {
        ids.to_vec()
    };
    if let Some(unknown) = ids.iter().find(|id| !known.contains(id)) {
        return Err(Error::UnknownMember(unknown.clone()));
    }
    db.lock().transaction(|sql| {
        let mut out = Vec::new();
        for id in ids {
            if sql.member_exists(&id)? {
                out.push((id, None));
                continue;
            }
            let token = new_token()?;
            sql.insert_invited(&id, &token)?;
            sql.audit(Some(&id), "invite", "", "")?;
            out.push((id, Some(token)));
        }
        Ok(out)
    })
}

/// A new link for member `id` (invited or not): the old token stops working at once.
/// `address` is the client's, for the audit log (empty from the command line).
pub fn renew(db: &Db, root: &Path, id: &str, address: &str) -> Result<String, Error> {
    if member_path(root, id).is_none() {
        return Err(Error::UnknownMember(id.to_owned()));
    }
    let token = new_token()?;
    db.lock().transaction(|sql| {
        sql.set_token(id, &token)?;
        sql.audit(Some(id), "renew", "", address)
    })?;
    Ok(token)
}

/// Reopens a deposited member for its commune. `address` as for [`renew`].
pub fn reopen(db: &Db, id: &str, address: &str) -> Result<(), Error> {
    db.lock().transaction(|sql| {
        if !sql.set_status(id, Status::Reopened)? {
            return Err(Error::UnknownMember(id.to_owned()));
        }
        sql.audit(Some(id), "reopen", "", address)
    })
}

/// A CSV for a mail merge (the French spreadsheet format), one row per member file: id, name, contact e-mail, link, note.
/// Members not yet invited are invited now (their link is in this CSV, and only in it); those
/// already invited have no link and the note « déjà invité ».
pub fn invitations_csv(db: &Db, root: &Path, base_url: &str) -> Result<String, Error> {
    let files = member_files(root);
    let tokens = invite(db, root, &[])?;
    let base = base_url.trim_end_matches('/');
    let mut sheet = Sheet::new(&["id", "nom", "courriel du contact", "lien", "note"]);
    for (id, path) in files {
        let (nom, courriel) = match load::load_member(&path).member {
            Ok(m) => (m.collectivite.nom.value, m.contact.courriel.value),
            Err(_) => (String::new(), String::new()),
        };
        let token = tokens
            .iter()
            .find(|(i, _)| *i == id)
            .and_then(|(_, t)| t.clone());
        let (link, note) = match token {
            Some(t) => (format!("{base}/m/{t}"), String::new()),
            None => (String::new(), "déjà invité".to_owned()),
        };
        sheet.row(&[id, nom, courriel, link, note]);
    }
    Ok(sheet.finish())
}

/// Why the desk could not invite a commune.
#[derive(Debug)]
pub enum CommuneRefused {
    /// No commune has this INSEE code.
    UnknownInsee,
    /// The member file could not be made (its text, from `adhesion new`).
    NotMade(String),
    Portal(Error),
}

impl super::App {
    /// Makes the member file of the commune of INSEE code `insee` (its public schools from the
    /// campaign's school list when there is one) and invites it: its id and its link's token.
    pub fn invite_commune(
        &self,
        insee: &str,
        address: &str,
    ) -> Result<(String, Option<String>), CommuneRefused> {
        let commune = adhesion_core::validate::ids::insee(insee)
            .ok()
            .and_then(|c| adhesion_core::communes::all().by_insee(&c))
            .ok_or(CommuneRefused::UnknownInsee)?;
        // Two communes of one name (Saint-Martin...) get ids of their own; the same commune
        // twice is refused by `new_member`, which names its file.
        let mut id = adhesion_core::member_file::names::slug(commune.nom);
        if member_path(&self.root, &id).is_some() {
            id = format!("{id}-{}", commune.insee);
        }
        let mut options = adhesion_core::new::NewOptions {
            root: self.root.clone(),
            id: id.clone(),
            insee: Some(commune.insee.to_owned()),
            nom: None,
            ecoles: school_list(&self.root),
            force: false,
        };
        let mut made = adhesion_core::new::new_member(&options);
        if made.is_err() && options.ecoles.is_some() {
            // No school of this commune in the list: the member file without schools.
            options.ecoles = None;
            made = adhesion_core::new::new_member(&options);
        }
        made.map_err(|e| CommuneRefused::NotMade(e.to_string()))?;
        let _ = self
            .db
            .lock()
            .sql()
            .audit(Some(&id), "new-member", "", address);
        let list = invite(&self.db, &self.root, std::slice::from_ref(&id))
            .map_err(CommuneRefused::Portal)?;
        let token = list.into_iter().next().and_then(|(_, t)| t);
        Ok((id, token))
    }
}

/// The campaign's school list, when one was put in its folder (`ecoles.csv`, `.xlsx` or `.ods`):
/// a commune invited from the desk gets its public schools from it.
fn school_list(root: &Path) -> Option<std::path::PathBuf> {
    ["ecoles.csv", "ecoles.xlsx", "ecoles.ods"]
        .iter()
        .map(|n| root.join(n))
        .find(|p| p.is_file())
}
