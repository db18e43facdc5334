# new.ftl : les messages de la création d’un fichier de membre ou d’une campagne (`adhesion new`, `adhesion init`).
# Les identifiants commencent par `new-` ; le fichier anglais locales/en/new.ftl a les mêmes identifiants et variables.

## `adhesion new` : l’identifiant du membre et la commune.
new-id-unsafe = `{ $id }` ne peut pas être un identifiant de membre : lettres, chiffres, `-`, `_` et `.` seulement, par exemple `chateaubriant`
new-id-reserved = `{ $id }` est réservé aux formulaires vierges : choisissez un autre identifiant
new-commune-has-file = { $commune } ({ $insee }) a déjà un fichier de membre : `{ $file }`
new-file-exists = `{ $file }` existe déjà : rien n’est écrit (`--force` le remplace)
new-schools-problems =
    les écoles de { $commune } dans `{ $file }` posent problème ; rien n’est écrit
    { $problems }
new-no-school = `{ $file }` ne liste aucune école de { $commune } (code INSEE `{ $insee }`) : rien n’est écrit
new-commune-twice = indiquez la commune une seule fois : `--insee` ou `--nom`, pas les deux
new-commune-missing = quelle commune ? Indiquez `--insee 44036` ou `--nom Châteaubriant`
new-insee-is-siren = `{ $code }` n’est pas un code INSEE de commune : `{ $siren }` est le SIREN de { $commune }, dont le code INSEE est `{ $insee }`
new-insee-unknown = aucune commune n’a le code INSEE `{ $insee }` (la liste compte { $count } communes ; une commune nouvelle a le code de la commune fusionnée)
new-name-unknown = aucune commune ne s’appelle `{ $name }`
new-name-unknown-suggest = aucune commune ne s’appelle `{ $name }` : vouliez-vous dire { $suggestions } ?
# $list : une ligne par commune, chacune commençant par un saut de ligne.
new-name-ambiguous = { $count } communes s’appellent `{ $name }` ; choisissez-en une par son code INSEE :{ $list }

## Les commentaires d’en-tête du fichier de membre écrit par `adhesion new` (commentaires YAML : garder le `#`).
new-file-header = # { $commune } (code INSEE { $insee }) : créé par `adhesion new` à partir de la liste des communes françaises.
new-file-header-fill-in = # Remplissez les champs vides ; `adhesion check` indique ce qui manque encore.

## Les commentaires de guidage écrits dans un nouveau fichier de membre, pour la personne qui le
## remplit (commentaires YAML : garder le `#`, les clés YAML et l’alignement). Ils sont retirés
## d’un fichier dans l’une ou l’autre langue.
new-guide-fill = # à remplir
new-guide-fill-with = { $fill } : { $hint }
new-guide-collectivite-nom = # tel que le conseil l’écrit : « Ville de … » s’il l’écrit ainsi
new-guide-signer-title = M. ou Mme
new-guide-signer-first-name = qui signe la convention et l’annexe 2
new-guide-signer-last-name = imprimé en capitales
new-guide-signer-role = Maire, Adjointe déléguée à l’éducation…
new-guide-contact-first-name = la personne qui suit le dossier
new-guide-contact-phone = par exemple 02 40 81 52 16
new-guide-contact-email = par exemple mairie@example.fr
# Écrit avant les champs du contact, indenté par le code.
new-guide-civilite = # civilite: Mme                 # facultatif : M. ou Mme
new-guide-ecoles = # au moins une école : voir l’exemple ci-dessous
new-guide-school =
    # Une école s’écrit ainsi (retirez les `[]` ci-dessus et les `#`) :
    #   - nom: École primaire Jules Ferry
    #     uai: 0440069L               # 7 chiffres et une lettre de contrôle
    #     type: primaire               # maternelle | elementaire | primaire
    #     eleves: 120
    #     classes: 5                   # facultatif
new-guide-signature =
    # Facultatif, une fois connus (imprimés dans les documents ; des pointillés sinon) :
    # signature:
    #   lieu: ...
    #   date: 2026-01-15
new-guide-deliberation =
    # deliberation:                   # la décision du conseil (annexe 1)
    #   date: 2025-12-16
    #   acte: 044-214400368-20251222-13-DE
    #   reception_prefecture: 2025-12-22
    #   publication: 2025-12-22

## La vérification d’un fichier de membre avant son enregistrement (`adhesion new`, `adhesion import`).
new-internal-error-round-trip = erreur interne : le texte produit pour `{ $file }` ne se relit pas avec les mêmes valeurs ; rien n’est écrit
new-internal-error-invalid = erreur interne : le texte produit pour `{ $file }` n’est pas un fichier de membre valide ({ $problem }) ; rien n’est écrit
