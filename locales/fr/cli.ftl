# cli.ftl : les messages de la ligne de commande : aide, bilans, erreurs fatales.
# Les identifiants commencent par `cli-` ; le fichier anglais locales/en/cli.ftl a les mêmes identifiants et variables.

## Le bilan d’un lot (`build`, `check`, `watch`), sur une ligne.
cli-summary-checked =
    { $count ->
        [one] { $count } membre vérifié
       *[other] { $count } membres vérifiés
    }
cli-summary-built =
    { $count ->
        [one] { $count } membre produit
       *[other] { $count } membres produits
    } ({ $pdfs } PDF) dans { $path }
cli-summary-blank = formulaires vierges produits dans { $path }
cli-summary-unchanged =
    , { $count ->
        [one] { $count } inchangé
       *[other] { $count } inchangés
    }
cli-summary-failed = , { $count } en échec
cli-summary-warned =
    , { $count ->
        [one] { $count } avec avertissement
       *[other] { $count } avec avertissements
    }
cli-summary-print-file =
     ; fichier d’impression de { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }

## La progression : une ligne par membre (hors terminal), ou les mots de la barre.
cli-progress-built = [{ $done }/{ $total }] produit : { $id } ({ $path })
cli-progress-failed = [{ $done }/{ $total }] en échec : { $id } ({ $path })
cli-progress-bar = { $bar } { $pos }/{ $len } membres, { $failed } en échec, encore { $eta }

## `--timings`.
cli-timings-stages = rendu { $render } ms, mise en page { $layout } ms, export PDF { $export } ms, écriture { $write } ms
cli-timings-total =
    durées sur { $documents ->
        [one] { $documents } document
       *[other] { $documents } documents
    } ({ $jobs ->
        [one] { $jobs } tâche
       *[other] { $jobs } tâches
    } en parallèle), par document : { $stages }
cli-timings-wall = {"  "}temps écoulé : chargement et vérification { $setup } ms, membres { $members } s, récapitulatif et fichier d’impression { $campaign } ms

## Les erreurs dans les arguments.
cli-usage-jobs = `--jobs` doit valoir au moins 1
cli-usage-no-member-file = le fichier de membre `{ $path }` n’existe pas
cli-usage-campaign-folder = impossible d’ouvrir le dossier de la campagne `{ $path }` : { $error }
cli-usage-source-date-epoch = SOURCE_DATE_EPOCH=`{ $value }` n’est pas un nombre de secondes

## Les comptes rendus d’`init`, `new`, `watch`.
cli-init-done = campagne créée dans { $path } : complétez groupement.yaml, ajoutez les membres dans members/, puis lancez `adhesion build --root { $dir }`
cli-new-done = { $path } écrit : complétez les personnes, puis lancez `adhesion check`
cli-watch-start = surveillance de { $path } (Ctrl-C pour arrêter)

## `--help` : la description des commandes, leurs exemples, les options ; les mots de clap.
cli-help-usage = Utilisation :
cli-help-commands = Commandes :
cli-help-arguments = Arguments :
cli-help-options = Options :
cli-help-command-name = COMMANDE
cli-help-default = [par défaut : { $value }]
cli-help-values = [valeurs possibles : { $values }]
cli-about = Produit en PDF les conventions d’adhésion et les annexes 2 d’un groupement de commandes
cli-environment =
    Environnement :
      SOURCE_DATE_EPOCH   la date des documents, en secondes depuis 1970 [par défaut : la date_edition de la campagne]
cli-examples =
    Sans commande, adhesion équivaut à `adhesion build` et en accepte les options.

    Exemples :
      adhesion                                   produit les PDF de tous les membres de la campagne du dossier courant
      adhesion check                             vérifie tout, n’écrit rien
      adhesion new laval --insee 53130           crée le fichier d’un membre d’après la liste des communes
      adhesion build --merge --root campagne     produit les PDF, puis le fichier d’impression out/impression.pdf

    { cli-environment }
cli-build-about = Produit les PDF de tous les membres (ou des fichiers de membres indiqués)
cli-build-examples =
    Exemples :
      adhesion build                                 tous les membres, sauf ceux qui n’ont pas changé
      adhesion build members/44/chateaubriant.yaml   ce membre seulement
      adhesion build --merge                         aussi out/impression.pdf, pour l’imprimeur
      adhesion build --blank                         des formulaires vierges à remplir à la main, dans out/vierge/
      SOURCE_DATE_EPOCH=1735689600 adhesion build    des documents datés du 1er janvier 2025

    { cli-environment }
cli-check-about = Vérifie tout et n’écrit rien
cli-check-examples =
    Exemples :
      adhesion check                                 tous les membres, et les contrôles entre membres
      adhesion check members/44/chateaubriant.yaml   ce membre seul
      adhesion check --format json --deny-warnings   un objet JSON par problème sur la sortie standard, pour les outils
cli-watch-about = Reproduit les documents d’un membre à chaque enregistrement de son fichier, de la campagne ou d’un modèle
cli-watch-examples =
    Exemples :
      adhesion watch members/44/chateaubriant.yaml   reproduit ce membre à chaque enregistrement (Ctrl-C pour arrêter)

    { cli-environment }
cli-init-about = Crée une campagne dans un dossier vide, avec les modèles fournis avec adhesion
cli-init-examples =
    Exemples :
      adhesion init ../campagne-2026   un dossier de campagne avec les modèles et un groupement.yaml commenté
cli-new-about = Écrit le fichier d’un membre prérempli d’après la liste des communes françaises (et une liste d’écoles)
cli-new-examples =
    Exemples :
      adhesion new laval --insee 53130                      members/laval.yaml, d’après le code INSEE de la commune
      adhesion new beaulieu --nom beaulieu --ecoles e.csv   d’après le nom de la commune, avec ses écoles
cli-import-about = Crée ou met à jour les fichiers des membres d’après un tableur d’écoles ou de membres (CSV, XLSX, ODS)
cli-import-examples =
    Exemples :
      adhesion import ecoles.csv --dry-run   montre ce qui changerait, n’écrit rien
      adhesion import membres.xlsx           crée ou met à jour les fichiers des membres
cli-help-about = Affiche ce message ou l’aide des commandes indiquées
cli-arg-help = Affiche l’aide
cli-arg-help-more = Affiche l’aide (le détail avec « --help »)
cli-arg-help-summary = Affiche l’aide (un résumé avec « -h »)
cli-arg-version = Affiche la version
cli-arg-root = Le dossier de la campagne (avec groupement.yaml, members/, templates/)
cli-arg-quiet = N’affiche que les problèmes et le bilan
cli-arg-lang = La langue des messages [par défaut : d’après LC_ALL, LC_MESSAGES ou LANG ; le français, sauf s’ils commencent par `en`]
cli-arg-lang-fr = Français, la langue des utilisateurs et des documents
cli-arg-lang-en = Anglais
cli-arg-out = Où écrire les résultats [par défaut : <root>/out]
cli-arg-emit-typ = Écrit aussi les sources Typst produites (*.typ) à côté des PDF
cli-arg-deny-warnings = Traite les avertissements comme des erreurs
cli-arg-jobs = Nombre de tâches en parallèle [par défaut : tous les cœurs]
cli-arg-timings = Affiche où le temps a été passé (rendu, mise en page, export PDF, écriture)
cli-arg-build-members = Les fichiers des membres à produire (tous les membres si aucun n’est indiqué)
cli-arg-blank = Écrit plutôt des formulaires vierges à remplir à la main (out/vierge/)
cli-arg-build-force = Reproduit chaque membre, même ceux dont les données, la campagne et les modèles n’ont pas changé
cli-arg-merge = Écrit aussi out/impression.pdf : la convention puis l’annexe 2 de chaque membre, pour l’impression
cli-arg-check-members = Les fichiers des membres à vérifier (tous les membres si aucun n’est indiqué)
cli-arg-format = Comment afficher les diagnostics
cli-arg-format-human = Des messages avec extraits, pour les personnes
cli-arg-format-json = Un objet JSON par ligne, pour les outils
cli-arg-watch-member = Le fichier du membre à surveiller
cli-arg-init-dir = Le dossier à créer (vide ou absent)
cli-arg-new-id = L’identifiant du membre : le nom du fichier, par exemple `chateaubriant` pour members/chateaubriant.yaml
cli-arg-insee = Le code INSEE de la commune
cli-arg-nom = Le nom de la commune (accents et majuscules indifférents)
cli-arg-ecoles = Une liste d’écoles (CSV) où prendre les écoles de la commune
cli-arg-new-force = Remplace le fichier du membre s’il existe
cli-arg-import-file = Le tableur : CSV (`,` ou `;`), XLSX ou ODS
cli-arg-dry-run = Montre ce qui changerait, sans rien écrire

## Les erreurs dans les arguments que trouve l’analyseur.
cli-parse-must-come-after = l’argument `{ $flag }` doit venir après la commande : `adhesion { $command } { $flag }`
cli-parse-not-with-command = l’argument `{ $flag }` ne s’emploie pas avec la commande `{ $command }`
cli-parse-unknown-argument = argument inattendu : `{ $arg }`
cli-parse-invalid-value = la valeur `{ $value }` ne convient pas pour `{ $arg }`
cli-parse-possible-values = valeurs possibles : { $values }
cli-parse-missing-argument = l’argument `{ $arg }` est obligatoire
cli-parse-conflict = l’argument `{ $arg }` ne s’emploie pas avec `{ $other }`
cli-parse-invalid-subcommand = la commande `{ $command }` n’existe pas
cli-parse-value-validation = la valeur `{ $value }` ne convient pas pour `{ $arg }` : { $error }
cli-parse-did-you-mean = vouliez-vous dire `{ $suggestion }` ?
cli-parse-more = Pour en savoir plus : `{ $help }`.

## Les commandes du portail : serve, invitations, reopen.
cli-serve-about = Ouvre le portail des membres : chaque membre remplit, vérifie et imprime ses propres formulaires
cli-serve-examples =
    Exemples :
      adhesion serve                                    le portail sur http://127.0.0.1:8080 (Ctrl-C pour l’arrêter)
      adhesion serve --addr 0.0.0.0:8080                sur toutes les interfaces
      adhesion serve --behind-proxy                     derrière un proxy inverse avec TLS (docs/deployment.md)
      adhesion serve --today 2021-12-01                 une démonstration d’une campagne close, comme à ce jour-là
      adhesion serve --set-password                     le mot de passe du coordonnateur, demandé deux fois
      adhesion serve --backup copie.sqlite3             une copie de la base du portail, même pendant qu’il tourne
cli-invitations-about = Écrit le lien personnel de chaque membre vers le portail, en CSV pour un publipostage
cli-invitations-examples =
    Exemples :
      adhesion invitations --base-url https://adhesion.example.fr --out invitations.csv
      adhesion invitations --renew chateaubriant        un nouveau lien pour ce membre ; l’ancien cesse de fonctionner
cli-reopen-about = Permet à un membre qui a déposé son formulaire de le modifier à nouveau
cli-reopen-examples =
    Exemples :
      adhesion reopen chateaubriant
cli-completions-about = Écrit le script de complétion d’un shell
cli-completions-examples =
    Exemples :
      adhesion completions bash > ~/.local/share/bash-completion/completions/adhesion
      adhesion completions zsh > ~/.zfunc/_adhesion
cli-manpage-about = Écrit la page de manuel (roff)
cli-manpage-examples =
    Exemples :
      adhesion manpage > adhesion.1 && man ./adhesion.1
cli-arg-shell = Le shell
cli-arg-addr = L’adresse sur laquelle écouter
cli-arg-today = Le jour que le portail prend pour aujourd’hui (AAAA-MM-JJ), pour une démonstration après la date limite d’adhésion [par défaut : la date du système]
cli-arg-base-url = L’adresse du portail telle que les membres l’atteignent
cli-arg-invitations-out = Écrit le CSV dans ce fichier [par défaut : la sortie standard]
cli-arg-renew = Crée un nouveau lien pour ce membre (l’ancien cesse aussitôt de fonctionner) et l’affiche
cli-arg-reopen-id = L’identifiant du membre (le nom de son fichier sans `.yaml`)
cli-arg-behind-proxy = Derrière un proxy inverse : l’adresse du client est prise dans X-Forwarded-For, et le cookie du bureau est Secure quand X-Forwarded-Proto vaut https
cli-arg-set-password = Enregistre le mot de passe du coordonnateur (lu sur l’entrée standard), puis s’arrête sans ouvrir le portail
cli-arg-backup = Copie la base du portail dans ce fichier, de façon cohérente même pendant que le portail tourne, puis s’arrête sans l’ouvrir
cli-arg-log-format = Comment le serveur journalise sur la sortie d’erreur : une ligne par requête, les erreurs avec leur cause
cli-arg-log-format-text = Une ligne de texte par événement, pour les personnes
cli-password-prompt = Nouveau mot de passe du coordonnateur :
cli-password-confirm = Confirmez le mot de passe :
cli-password-mismatch = les deux mots de passe saisis diffèrent ; rien n’a été enregistré
cli-password-empty = aucun mot de passe lu sur l’entrée standard ; rien n’a été enregistré
cli-password-unreadable = impossible de lire le mot de passe : { $error }
cli-password-set = Mot de passe enregistré : le bureau du coordonnateur le demandera à la prochaine connexion, et les sessions ouvertes sont fermées.
cli-backup-no-database = le portail n’a encore rien enregistré : `{ $path }` n’existe pas
cli-backup-exists = `{ $path }` existe déjà ; choisissez un autre nom, la sauvegarde ne remplace aucun fichier
cli-backup-not-utf8 = le chemin `{ $path }` doit être en UTF-8
cli-backup-failed = impossible d’écrire la sauvegarde `{ $path }` : { $error }
cli-backup-written = Base du portail sauvegardée dans { $path }
cli-usage-today = `--today { $value }` n’est pas une date : écrivez-la AAAA-MM-JJ
cli-invitations-renewed = nouveau lien pour `{ $id }` : l’ancien ne fonctionne plus
cli-invitations-written = liste écrite dans { $path }
cli-reopened = `{ $id }` peut à nouveau modifier son formulaire ; son fichier dans members/ reste en place jusqu’à son prochain dépôt
cli-invitations-no-address = aucune adresse pour les liens : donnez `--base-url https://…` ou mettez `portail.adresse` dans groupement.yaml (chaque lien n’est affiché qu’une fois : fait vers une mauvaise adresse, il serait perdu)
cli-invitations-no-mail = groupement.yaml n’a pas de section `courriel` : les invitations ne peuvent pas être envoyées par courriel (voir docs/data-format.md)
cli-invitations-waiting = { $pending ->
        [1] Un courriel reste en file : le serveur SMTP le refuse pour l’instant
       *[other] { $pending } courriels restent en file : le serveur SMTP les refuse pour l’instant
    } (« { $reply } »). `adhesion serve` les réessaiera, ou relancez `adhesion invitations --send --now` plus tard ; `adhesion courriels` montre la file.
cli-invitations-queued = { $count } invitations mises en file d’envoi
cli-invitations-no-contact = { $member } : pas d’adresse de contact, pas d’invitation
cli-invitations-sent = { $sent ->
        [0] Aucun courriel envoyé
        [1] Un courriel envoyé
       *[other] { $sent } courriels envoyés
    }, { $failed ->
        [0] aucun en échec.
        [1] un en échec (`adhesion courriels --echecs` le montre).
       *[other] { $failed } en échec (`adhesion courriels --echecs` les liste).
    }
cli-mail-progress = Envoyés : { $sent } · en attente : { $pending } · en échec : { $failed }
cli-mail-summary = { $sent } envoyés, { $pending } en attente, { $failed } en échec
cli-mail-status-sent = envoyé
cli-mail-status-pending = en attente
cli-mail-status-failed = échec
