# The coordinator's desk (`/admin`, src/portal/desk.rs).
desk-title = Bureau du coordonnateur
desk-sign-in = Se connecter
desk-password = Mot de passe
desk-sign-out = Se déconnecter
desk-no-password = Aucun mot de passe n’est encore défini pour le bureau du coordonnateur. Dans le dossier de la campagne, lancez la commande ci-dessous, puis rechargez cette page.
desk-totals = Totaux de la campagne
desk-by-department = Par département
desk-members = Membres
desk-filter = Filtrer
desk-status = État
desk-all = Tous
desk-search = Rechercher un nom
desk-apply = Appliquer
desk-col-member = Membre
desk-col-name = Nom
desk-col-department = Département
desk-col-status = État
desk-col-changed = Dernière modification
desk-col-schools = Écoles
desk-col-pupils = Élèves
desk-col-warnings = Erreurs et avertissements
desk-col-uai = UAI
desk-col-when = Date
desk-col-action = Action
desk-col-detail = Détail
desk-col-address = Adresse
desk-downloads = Téléchargements
desk-recap-xlsx = Récapitulatif (tableur .xlsx)
desk-recap-csv = Récapitulatif (CSV)
desk-invitations-csv = Invitations des membres pas encore invités (CSV, chaque lien n’est donné qu’une fois)
desk-journal = Journal
desk-journal-csv = Journal complet (CSV)
desk-journal-older = Lignes plus anciennes
desk-journal-member = Tout le journal de ce membre
desk-invite = Inviter une commune
desk-invite-insee = Code INSEE de la commune
desk-invite-button = Créer son fichier et son lien
desk-back = Retour à la liste des membres
desk-reopen = Rouvrir le dossier
desk-renew = Renouveler le lien (l’ancien cesse de fonctionner)
desk-documents = Documents et actions
desk-data = Données saisies
desk-problems = Erreurs et avertissements
desk-none = Aucun.
desk-signataire = Signataire
desk-contact = Personne à contacter
desk-schools = Écoles
desk-not-loaded = Ce fichier de membre ne se lit pas
desk-link-text = Nouveau lien à transmettre à la commune (il ne sera plus affiché) :
desk-pdf-convention = Convention (PDF)
desk-pdf-annexe2 = Annexe 2 (PDF)
desk-pdf-deliberation = Modèle de délibération (PDF)
desk-total = Total
# A member's status, as the desk and the API's JSON give it (src/status.rs).
desk-status-invited = invité
desk-status-opened = ouvert
desk-status-draft = brouillon
desk-status-deposited = déposé
desk-status-reopened = rouvert
desk-status-not-invited = non invité
desk-when = { $date } à { $hour } h { $minute }
desk-shown =
    { $shown ->
        [one] { $shown } membre affiché
       *[other] { $shown } membres affichés
    } sur { $count }
desk-change = { $field } : « { $old } » → « { $new } »
desk-too-many-attempts = Trop de tentatives de connexion : réessayez dans une minute.
desk-form-expired = Ce formulaire a expiré : rechargez la page, puis recommencez.
desk-wrong-password = Mot de passe incorrect.
desk-not-deposited = Ce dossier n’est pas déposé : il n’y a rien à rouvrir.
desk-insee-unknown = Aucune commune n’a le code INSEE « { $insee } ».
desk-action-invite = invitation
desk-action-open = lien ouvert
desk-action-save = enregistrement
desk-action-deposit = dépôt
desk-action-reopen = réouverture
desk-action-renew = nouveau lien
desk-action-file-changed = fichier modifié à la main, brouillon mis de côté
desk-action-login = connexion
desk-action-login-failed = échec de connexion
desk-action-logout = déconnexion
desk-action-set-password = mot de passe changé
desk-action-new-member = fichier de membre créé
desk-change-more =
    { $count ->
        [one] et un autre champ
       *[other] et { $count } autres champs
    }
