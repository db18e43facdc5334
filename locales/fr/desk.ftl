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
desk-status-complete = complet
desk-pieces = Pièces signées
desk-attestation = Attestation de dépôt (PDF)
desk-pieces-zip = Toutes les pièces (ZIP)
desk-col-piece = Pièce
desk-col-file = Fichier
desk-col-decision = Décision
desk-piece-accept = Accepter
desk-piece-refuse = Refuser
desk-piece-reason = Motif du refus
desk-piece-received = Reçue le { $when }, à vérifier
desk-paper-piece = Original papier reçu
desk-paper-date = Reçu par courrier le
desk-paper-record = Enregistrer l’original papier
desk-pieces-not-deposited = Le dossier n’est pas déposé : les pièces signées viennent après le dépôt.
desk-reason-required = Indiquez le motif du refus : la commune le lira avec la pièce refusée.
desk-piece-decided = Cette pièce a déjà été acceptée ou refusée.
desk-paper-invalid = Choisissez la pièce et la date de réception de l’original papier.
desk-action-piece-received = pièce reçue
desk-action-piece-accepted = pièce acceptée
desk-action-piece-refused = pièce refusée
desk-action-piece-by-post = original papier reçu
desk-action-complete = dossier complet
desk-change-more =
    { $count ->
        [one] et un autre champ
       *[other] et { $count } autres champs
    }
desk-mail = Courriels
desk-mail-off = L’envoi de courriels n’est pas configuré : ajoutez une section courriel à groupement.yaml (voir docs/data-format.md), puis redémarrez le portail. Tout le reste fonctionne sans.
desk-mail-no-address = groupement.yaml n’a pas de portail.adresse : les liens des courriels commencent par elle. Ajoutez-la, puis redémarrez le portail.
desk-mail-outbox = Boîte d’envoi
desk-mail-pending = En attente
desk-mail-sent = Envoyés
desk-mail-failed = En échec
desk-mail-invite-title = Inviter les membres
desk-mail-invite-help = Chaque membre pas encore invité reçoit son lien personnel à l’adresse de la personne qui suit son dossier.
desk-mail-not-invited = Membres pas encore invités
desk-mail-remind-title = Relancer les membres en retard
desk-mail-remind-help = Chaque membre choisi reçoit un rappel de la date limite avec un nouveau lien personnel (l’ancien cesse de fonctionner) ; un membre n’est relancé qu’une fois par jour.
desk-mail-remind-which = Relancer les membres dont le dossier est
desk-mail-preview = Voir le message avant l’envoi
desk-mail-failures = Courriels en échec
desk-mail-no-failure = Aucun courriel en échec.
desk-mail-recipient = Destinataire
desk-mail-subject = Objet
desk-mail-reply = Réponse du serveur
desk-mail-sample = Le message, tel qu’il sera envoyé au premier membre
desk-mail-link-placeholder = lien-personnel
desk-mail-link-note = Chaque membre reçoit son propre lien à la place de « lien-personnel ».
desk-mail-send = Envoyer les messages
desk-mail-cancel = Revenir aux courriels sans rien envoyer
desk-mail-count = { $count ->
        [0] Aucun membre n’est concerné : aucun message ne sera envoyé.
        [one] Un message sera envoyé.
       *[other] { $count } messages seront envoyés.
    }
desk-mail-queued = Messages mis en file d’envoi : { $count }.
desk-mail-already = Déjà envoyés auparavant, pas renvoyés : { $count }.
desk-mail-without = Membres sans adresse de contact, à joindre autrement
desk-action-mail-sent = courriel envoyé
desk-action-mail-failed = courriel en échec
# The campaign's progress at a glance and the needs (src/desk/progress.rs).
desk-progress = Avancement de la campagne
desk-progress-deadline = Date limite des adhésions : { $date }, { $days ->
        [0] aujourd’hui
        [1] demain
       *[other] dans { $days } jours
    }
desk-progress-deadline-passed = Date limite des adhésions : { $date }, passée { $days ->
        [1] depuis hier
       *[other] depuis { $days } jours
    }
desk-progress-share = { $value } sur { $max } ({ $percent } %)
desk-progress-deposited = Dossiers déposés
desk-progress-complete = Dossiers complets
desk-progress-late = Membres en retard, dossier pas encore déposé
desk-progress-late-short = En retard
desk-progress-by-department = Par département
desk-progress-mail = Courriels : { $sent } envoyés, { $failed ->
        [0] aucun en échec
        [one] { $failed } en échec
       *[other] { $failed } en échec
    }, { $pending } en attente
desk-progress-mail-off = Courriels : l’envoi n’est pas configuré
desk-department-unknown = inconnu
desk-needs = Besoins
desk-needs-help = Les besoins confirmés sont ceux des dossiers déposés ; les besoins estimés, ceux des brouillons et des membres qui n’ont pas encore déposé.
desk-needs-confirmed-members = Membres, besoins confirmés
desk-needs-confirmed-pupils = Élèves, besoins confirmés
desk-needs-estimated-members = Membres, besoins estimés
desk-needs-estimated-pupils = Élèves, besoins estimés
desk-needs-all-pupils = Élèves, en tout
# The members late (src/desk/late.rs).
desk-late-title = Membres en retard
desk-late-help = Les membres dont le dossier n’est pas encore déposé, avec la personne qui le suit, pour les appeler.
desk-late-department = Département
desk-late-shown =
    { $count ->
        [0] Aucun membre en retard pour ce filtre.
        [one] { $count } membre en retard
       *[other] { $count } membres en retard
    }
desk-late-csv = Membres en retard (CSV)
desk-late-xlsx = Membres en retard (classeur Excel)
desk-late-contact = Contact
desk-late-phone = Téléphone
desk-late-email = Courriel
