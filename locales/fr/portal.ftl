# portal.ftl : les messages du portail des membres.
# Les identifiants commencent par `portal-` ; le fichier anglais locales/en/portal.ftl a les mêmes identifiants et variables.

## Le serveur et les commandes du coordonnateur

portal-listening = portail des membres ouvert sur { $url } (Ctrl-C pour l’arrêter)
portal-error-database = erreur de la base du portail : { $error }
portal-error-io = `{ $path }` : { $error }
portal-error-random = pas de hasard du système pour faire un jeton : { $error }
portal-error-unknown-member = aucun fichier de membre `{ $id }` sous members/

## Les problèmes de saisie

portal-input-too-long = ce champ dépasse { $max } caractères
portal-input-not-a-date = `{ $value }` n’est pas une date (AAAA-MM-JJ)
portal-input-deliberation-date = la date de la délibération est obligatoire dès qu’une de ses références est donnée
portal-input-too-many-schools = au plus { $max } écoles par membre
portal-input-not-a-number = `{ $value }` n’est pas un nombre entier
portal-input-not-an-object = un objet JSON est attendu
portal-input-unknown-field = champ inconnu `{ $field }`
portal-bad-json = le JSON reçu est illisible : { $error }

## Les pages

portal-not-found-title = Lien inconnu
portal-not-found-text = Ce lien n’ouvre aucun dossier. Il a peut-être été remplacé : demandez votre lien au coordonnateur du groupement.
portal-internal-error = Une erreur interne est survenue. Réessayez plus tard.
portal-colon = { "\u00A0: " }
portal-separator = { " ; " }
portal-back = Retour au dossier
portal-title = Adhésion au groupement de commandes : { $nom }
portal-status-label = État du dossier :
portal-status-invited = à compléter
portal-status-draft = brouillon
portal-status-deposited = déposé
portal-status-reopened = rouvert
portal-deposited-text = Votre dossier est déposé : il ne peut plus être modifié. Les documents restent téléchargeables. Pour le corriger, demandez au coordonnateur de le rouvrir.
portal-closed = La date limite d’adhésion ({ $date }) est passée : le dossier ne peut plus être enregistré ni déposé. Les documents restent téléchargeables.
portal-deadline = Date limite d’adhésion : { $date }.
portal-errors-title =
    { $count ->
        [one] { $count } erreur à corriger
       *[other] { $count } erreurs à corriger
    }
portal-totals =
    { $schools ->
        [one] { $schools } école
       *[other] { $schools } écoles
    }, { $pupils ->
        [one] { $pupils } élève
       *[other] { $pupils } élèves
    }
portal-school-number = École { $n }
portal-school-remove = Retirer cette école
portal-school-add = Ajouter une école
portal-save = Enregistrer le brouillon
portal-deposit = Déposer le dossier
portal-documents = Documents à imprimer et signer
portal-pdf-convention = Convention d’adhésion (PDF)
portal-pdf-annexe2 = Annexe 2 (PDF)
portal-pdf-deliberation = Modèle de délibération (PDF)
portal-preview-title = Aperçu de l’annexe 2
portal-preview-alt = Annexe 2, page { $n } sur { $count }, telle qu’elle sera imprimée (le texte est dans le PDF)
portal-pdf-errors = Le document ne peut pas être fait : corrigez d’abord ces erreurs
portal-refused-deposited = Ce dossier est déjà déposé : il ne peut plus être modifié
portal-refused-closed = La date limite d’adhésion est passée : le dossier ne peut plus être enregistré ni déposé
portal-refused-errors = Le dossier n’est pas déposé : corrigez d’abord ces erreurs

## Les rubriques et les champs

portal-section-collectivite = Collectivité
portal-section-signataire = Signataire
portal-section-contact = Personne qui suit le dossier
portal-section-ecoles = Écoles
portal-section-signature = Signature
portal-section-deliberation = Délibération
portal-field-civilite = Civilité
portal-field-prenom = Prénom
portal-field-nom = Nom
portal-field-siren = SIREN
portal-field-qualite = Qualité
portal-field-telephone = Téléphone
portal-field-courriel = Courriel
portal-field-lieu = Lieu de signature
portal-field-signature-date = Date de signature
portal-field-deliberation-date = Date de la délibération
portal-field-acte = Numéro de l’acte
portal-field-reception = Date de réception en préfecture
portal-field-publication = Date de publication
portal-field-ecole-nom = Nom de l’école
portal-field-uai = UAI
portal-field-type = Type
portal-field-eleves = Élèves
portal-field-classes = Classes
portal-error-newer-schema = la base du portail a été faite par une version plus récente d’adhesion (schéma { $version }) : mettez adhesion à jour
# Two tabs (or two people) saved the same version of a file.
portal-conflict = Ce dossier a été enregistré entre-temps depuis un autre onglet ou par une autre personne. Vos saisies ci-dessous n’ont pas été enregistrées : vérifiez-les, puis enregistrez à nouveau pour remplacer l’autre version.
portal-conflict-script = Ce dossier a été enregistré entre-temps depuis un autre onglet ou par une autre personne : vos dernières saisies n’ont pas été enregistrées. Rechargez la page pour voir l’autre version, ou enregistrez avec le bouton « Enregistrer le brouillon » pour la remplacer.
# The coordinator changed the member file by hand after the commune started its draft.
portal-file-changed = Le coordonnateur a modifié votre dossier depuis votre dernier enregistrement : le formulaire montre maintenant sa version et vos saisies précédentes ont été mises de côté. Vérifiez le formulaire, puis enregistrez.
portal-refused-file-changed = Le coordonnateur vient de modifier votre dossier : il n’est pas déposé. Rechargez la page pour voir sa version.
portal-error-weak-password = le mot de passe doit compter au moins { $min } caractères
