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

## The member's page as a public service (the steps, the deposit, the signed pieces)
portal-howto-title = Comment faire
portal-howto-step1-title = 1. Vérifier et compléter
portal-howto-step1-text = Relisez les informations déjà remplies, complétez les autres et corrigez les erreurs signalées à côté des champs.
portal-howto-step2-title = 2. Déposer
portal-howto-step2-text = Quand il ne reste plus d’erreur, cliquez sur « Déposer le dossier », puis confirmez : le coordonnateur le reçoit aussitôt.
portal-howto-step3-title = 3. Imprimer, signer, faire délibérer
portal-howto-step3-text = Imprimez les documents, faites adopter la délibération par votre conseil, puis faites signer la convention et l’annexe 2 par la personne qu’il autorise.
portal-howto-step4-title = 4. Transmettre les pièces signées
portal-howto-step4-text = Envoyez au coordonnateur la convention et l’annexe 2 signées, avec la délibération certifiée exécutoire, avant la date limite.
portal-deadline-days = Date limite : { $date }, { $days ->
        [0] aujourd’hui
        [1] demain
       *[other] dans { $days } jours
    }
portal-contact-title = Une question ?
portal-contact-text = Écrivez à { $email } ou appelez le { $phone }.
portal-deposit-help = « Déposer le dossier » envoie votre dossier au coordonnateur et le verrouille : vous ne pourrez plus le modifier. S’il faut ensuite corriger quelque chose, demandez au coordonnateur de le rouvrir.
portal-confirm-title = Déposer le dossier de { $nom }
portal-confirm-intro = Vérifiez une dernière fois ce qui va être déposé :
portal-confirm-member = Collectivité : { $nom }
portal-confirm-signatory = Signataire de la convention : { $signataire }, { $fonction }
portal-confirm-contact = Personne qui suit le dossier : { $contact }
portal-confirm-schools = Besoins exprimés dans l’annexe 2 : { $schools ->
        [one] { $schools } école
       *[other] { $schools } écoles
    }, { $pupils ->
        [one] { $pupils } élève
       *[other] { $pupils } élèves
    }
portal-confirm-lock = Une fois déposé, le dossier ne peut plus être modifié, sauf si le coordonnateur le rouvre.
portal-confirm-commitments-title = En adhérant au groupement, { $nom } s’engage à :
portal-confirm-commitment-duration = rester membre du groupement pendant toute la durée du marché, soit { $months } mois, du { $start } au { $end } ;
portal-confirm-commitment-withdrawal = ne pas se retirer pendant les { $minimum } premiers mois ; pour se retirer ensuite, envoyer une lettre recommandée avec accusé de réception au coordonnateur dans les { $notice } mois qui précèdent la fin de ces { $minimum } mois, faute de quoi l’engagement court jusqu’à la fin du marché ;
portal-confirm-commitment-accounts = commander, pendant toute la durée du marché, au moins les comptes d’accès à l’ENT correspondant aux besoins indiqués dans l’annexe 2 ;
portal-confirm-commitment-payment = payer sa part : les factures de ses comptes lui sont adressées directement par le titulaire du marché ;
portal-confirm-commitment-mandate = confier au coordonnateur la passation, la signature et la notification du marché, puis l’exécuter pour ce qui la concerne ;
portal-confirm-commitment-governance = participer, ou se faire représenter, aux instances de pilotage du projet ;
portal-confirm-commitment-deliberation = joindre à la convention la délibération de son conseil autorisant la signature, transmise au contrôle de légalité.
portal-confirm-convention-link = Lire la convention d’adhésion (PDF)
portal-confirm-checkbox = Je confirme que les informations de ce dossier sont exactes et que j’ai pris connaissance des engagements ci-dessus.
portal-confirm-checkbox-required = Cochez la case de confirmation pour déposer le dossier.
portal-confirm-submit = Déposer le dossier
portal-confirm-cancel = Revenir au dossier sans le déposer
portal-after-title = Dossier déposé
portal-after-thanks = Merci : le dossier de { $nom } a été déposé le { $date } à { $hour } h { $minute }.
portal-after-attestation = Télécharger l’attestation de dépôt (PDF)
portal-after-next-title = Et maintenant ?
portal-after-next-print = Imprimez la convention d’adhésion et l’annexe 2, ainsi que le modèle de délibération pour votre conseil.
portal-after-next-council = Inscrivez la délibération à l’ordre du jour de votre conseil : elle autorise { $signataire } à signer la convention.
portal-after-next-prefecture = Transmettez la délibération à la préfecture au titre du contrôle de légalité, publiez-la, puis certifiez-la exécutoire.
portal-after-next-sign = Faites signer et dater la convention et l’annexe 2 par { $signataire }.
portal-after-next-send = Envoyez les trois pièces signées au coordonnateur avant le { $deadline } : déposez-les ci-dessous, ou envoyez-les par courrier recommandé avec accusé de réception à l’adresse suivante : { $adresse }.
portal-after-reopen = Une erreur dans le dossier ? Demandez au coordonnateur de le rouvrir : vous pourrez le corriger, puis le déposer à nouveau.
portal-pieces-title = Pièces signées
portal-pieces-intro = Déposez ici les trois pièces signées, une par une. Formats acceptés : PDF, JPEG ou PNG, de 10 Mo au plus par fichier.
portal-piece-convention = Convention d’adhésion signée
portal-piece-annexe2 = Annexe 2 signée
portal-piece-deliberation = Délibération du conseil certifiée exécutoire
portal-piece-choose = Choisir un fichier
portal-piece-send = Envoyer
portal-piece-resend = Envoyer à nouveau
portal-piece-status-missing = Pas encore reçue
portal-piece-status-received = Reçue le { $date } : en attente de vérification par le coordonnateur
portal-piece-status-accepted = Acceptée
portal-piece-status-refused = Refusée : { $reason }
portal-piece-refused-help = Corrigez la pièce, puis envoyez-la à nouveau avec le bouton « Envoyer à nouveau ».
portal-piece-error-no-file = Aucun fichier n’est choisi. Choisissez un fichier, puis cliquez sur « Envoyer ».
portal-piece-error-format = Ce fichier n’est ni un PDF, ni une image JPEG ou PNG. Enregistrez-le dans l’un de ces formats, puis envoyez-le à nouveau.
portal-piece-error-size = Ce fichier fait { $size } Mo, plus que les { $max } Mo permis. Numérisez-le avec une résolution plus basse ou en noir et blanc, puis envoyez-le à nouveau.
portal-pieces-complete = Toutes les pièces ont été acceptées : votre dossier est complet. Merci !
portal-status-help-invited = Le lien a été envoyé ; le dossier n’a pas encore été ouvert.
portal-status-help-opened = Le dossier a été ouvert, mais rien n’a encore été enregistré.
portal-status-help-draft = Des informations sont enregistrées ; le dossier n’est pas encore déposé.
portal-status-help-deposited = Le dossier est déposé et verrouillé ; il reste à envoyer les pièces signées.
portal-status-help-reopened = Le coordonnateur a rouvert le dossier : vous pouvez le modifier, puis il faut le déposer à nouveau.
portal-status-help-complete = Toutes les pièces signées ont été reçues et acceptées : il n’y a plus rien à faire.
portal-field-uai-hint = 7 chiffres et une lettre, par exemple 0440069L
portal-field-telephone-hint = 10 chiffres, par exemple 02 40 81 52 16
portal-field-courriel-hint = Adresse professionnelle, par exemple prenom.nom@mairie.fr
portal-field-acte-hint = Tel qu’il figure sur l’accusé de réception de la préfecture, par exemple 044-214400368-20211222-13-DE
portal-field-date-hint = jj/mm/aaaa
portal-required-note = Les champs marqués d’un astérisque (*) sont obligatoires.
portal-readonly-note = Ces informations ont été préparées par le coordonnateur. Si l’une d’elles est fausse, signalez-le-lui.
portal-saved-at = Enregistré à { $hour } h { $minute }
portal-error-title-prefix = Erreur : { $title }

## La page : en-tête, pied, étapes, enregistrement
portal-header-groupement = Groupement de commandes « { $groupement } »
portal-header-coordinator = coordonné par le { $coordonnateur } ({ $service })
portal-name = Portail d’adhésion au groupement de commandes
portal-skip = Aller au contenu
portal-footer-a11y = Accessibilité
portal-footer-privacy = Données personnelles
portal-footer-contact = Contact
portal-contact-email-only = Écrivez à { $email }.
portal-status-complete = complet
portal-step-done = étape terminée
portal-step-current = étape en cours
portal-never-saved = Pas encore enregistré
portal-saved-notice = Votre brouillon est enregistré.
portal-saved-with-errors = Votre brouillon est enregistré, mais il reste des erreurs à corriger avant de pouvoir le déposer.
portal-school-legend = École { $n } : { $nom }
portal-deposit-button = Déposer le dossier…
portal-deposit-errors = Le dossier ne peut pas encore être déposé : corrigez d’abord ces erreurs.
portal-confirm-deposited-at = Déposé le { $date } à { $hour } h { $minute }.
portal-piece-file = Fichier
portal-piece-formats = PDF, JPEG ou PNG, 10 Mo au plus
portal-piece-received-notice = Pièce reçue : le coordonnateur va la vérifier.
portal-piece-by-post = Original papier reçu par courrier le { $date }
portal-pieces-status = État
portal-pieces-what = Pièce
## Les pages légales
portal-a11y-title = Déclaration d’accessibilité
portal-a11y-commitment = Le { $coordonnateur } s’engage à rendre ses services en ligne accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration s’applique au portail d’adhésion au groupement de commandes « { $groupement } ».
portal-a11y-state-title = État de conformité
portal-a11y-state = Ce portail est { $etat } avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.
portal-a11y-audit-none = Aucun audit de conformité n’a encore été réalisé : le taux de conformité n’est pas connu.
portal-a11y-audit = L’audit réalisé le { $date } indique que { $taux } % des critères du RGAA sont respectés.
portal-a11y-issues-title = Contenus non accessibles
portal-a11y-issue-pdf = La structure des documents PDF (convention, annexe 2, modèle de délibération) pour les lecteurs d’écran n’a pas été vérifiée par un audit : le coordonnateur peut en envoyer le texte sous une autre forme.
portal-a11y-issue-preview = L’aperçu de l’annexe 2 est une image de la page : son contenu est celui du formulaire et du PDF.
portal-a11y-checks-title = Établissement de cette déclaration
portal-a11y-checks = Technologies utilisées : HTML, CSS, WAI-ARIA et JavaScript ; le portail fonctionne aussi sans JavaScript. Vérifications faites à chaque version : tests automatiques avec axe-core (WCAG 2.0, 2.1 et 2.2, niveaux A et AA) sur chaque page du parcours d’un membre et du bureau du coordonnateur, parcours complet au clavier, validation du HTML, avec le navigateur Chromium.
portal-a11y-date = Déclaration établie le { $date }.
portal-a11y-contact-title = Retour d’information et contact
portal-a11y-contact = Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez le service du coordonnateur ({ $service }) : il vous orientera vers une alternative accessible, vous enverra le contenu sous une autre forme ou enregistrera lui-même votre dossier.
portal-a11y-remedies-title = Voies de recours
portal-a11y-remedies = Si vous nous avez signalé un défaut d’accessibilité sans obtenir de réponse satisfaisante, vous pouvez saisir le Défenseur des droits : par le formulaire en ligne (formulaire.defenseurdesdroits.fr), auprès d’un de ses délégués dans votre région (defenseurdesdroits.fr/saisir/delegues), ou par courrier gratuit, sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
portal-privacy-title = Données personnelles
portal-privacy-controller-title = Qui traite ces données
portal-privacy-controller = Le { $coordonnateur } ({ $service }, { $adresse }), coordonnateur du groupement de commandes, est responsable de ce traitement.
portal-privacy-purpose-title = Pourquoi
portal-privacy-purpose = Pour constituer et suivre l’adhésion de chaque collectivité au groupement de commandes, puis exécuter le marché. Base légale : l’exécution d’une mission d’intérêt public (article 6, paragraphe 1, point e, du RGPD).
portal-privacy-data-title = Quelles données
portal-privacy-data = Le nom, la fonction, le téléphone et l’adresse électronique professionnels du signataire de la convention et de la personne qui suit le dossier ; la liste des écoles et leurs effectifs ; les pièces signées déposées ; le journal des actions sur le portail (date et heure, action, adresse IP), qui sert à la sécurité du service.
portal-privacy-recipients-title = Qui peut les voir
portal-privacy-recipients = Les agents du service du coordonnateur qui suivent les adhésions, et la collectivité elle-même par son lien personnel.
portal-privacy-host = Le portail est hébergé par { $hebergeur }.
portal-privacy-retention-title = Combien de temps
portal-privacy-retention = Les dossiers sont conservés pendant la durée du marché, jusqu’au { $fin }, puis { $conservation }.
portal-privacy-rights-title = Vos droits
portal-privacy-rights = Vous pouvez accéder aux données qui vous concernent, les faire rectifier, en demander la limitation ou vous opposer à leur traitement, en écrivant au coordonnateur.
portal-privacy-dpo = Pour toute question, vous pouvez aussi écrire au délégué à la protection des données : { $delegue }.
portal-privacy-cnil = Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (cnil.fr).
portal-field-collectivite-nom = Nom de la collectivité
portal-field-nature = Nature de la collectivité
portal-field-insee = Code INSEE
portal-field-adresse = Adresse
portal-field-ecoles = Écoles
portal-field-required = obligatoire
portal-saving = Enregistrement en cours…
portal-save-failed = L’enregistrement a échoué. Vérifiez votre connexion, puis réessayez.
portal-refused-not-deposited = Ce dossier n’est pas déposé : les pièces signées s’envoient après le dépôt.
portal-choose = Choisir
