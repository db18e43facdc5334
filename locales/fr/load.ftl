# load.ftl : les messages de la lecture du dossier de campagne : fichiers, syntaxe YAML, clés inconnues.
# Les identifiants commencent par `load-` ; le fichier anglais locales/en/load.ftl a les mêmes identifiants et variables.

## La lecture d’un fichier.
# $error : le message du système.
load-read-failed = impossible de lire le fichier : { $error }
load-too-large = le fichier fait { $size } Kio, plus que les { $max } Kio permis pour un fichier de membre
    .hint = un fichier de membre tient en quelques dizaines de lignes : est-ce le bon fichier ?
load-not-utf8 = le fichier n’est pas un texte en UTF-8
    .hint = enregistrez-le en UTF-8 depuis votre éditeur (il est peut-être en Latin-1 ou Windows-1252)
load-empty = le fichier est vide
    .hint = un fichier de membre commence par `collectivite:` ; le README en donne un exemple complet

## Les problèmes de YAML en clair. $subject : une clé entre accents graves, ou load-this-value.
load-this-value = cette valeur
load-unknown-key-near = clé inconnue : `{ $key }`
    .hint = vouliez-vous dire `{ $suggestion }` ?
# $keys : les clés permises ici, chacune entre accents graves, séparées par des virgules.
load-unknown-key = clé inconnue : `{ $key }`
    .hint = les clés possibles ici sont { $keys }
load-missing-key = `{ $parent }` n’a pas de `{ $key }`
    .hint = ajoutez `{ $key }:` sous `{ $parent }:`
load-missing-key-top = le fichier n’a pas de `{ $key }`
    .hint = ajoutez `{ $key }:` au premier niveau, sans retrait
load-not-number = { $subject } doit être un nombre entier
    .hint = n’écrivez que des chiffres, par exemple `120`
load-not-number-value = { $subject } doit être un nombre entier, et non `{ $value }`
    .hint = n’écrivez que des chiffres, par exemple `120`
load-duplicate-key = la clé `{ $key }` figure deux fois au même niveau
    .hint = n’en gardez qu’une
load-top-not-map = le fichier doit être une suite de clés, et non une liste
    .hint = un fichier de membre commence par `collectivite:` ; le README en donne un exemple complet
load-not-map = { $subject } doit contenir des clés
    .hint = écrivez les clés sur les lignes suivantes, en retrait
load-not-list = { $subject } doit être une liste
    .hint = écrivez chaque élément sur sa propre ligne, en commençant par `- `
load-not-text = { $subject } doit être un texte, et non une liste ou des clés
load-tab = une tabulation sert de retrait
    .hint = en YAML, le retrait se fait avec des espaces seulement : remplacez la tabulation par des espaces
load-too-many-aliases = le fichier utilise trop d’alias YAML (`*nom`) : serait-ce une bombe « billion laughs » ?
    .hint = un fichier de membre tient en quelques dizaines de lignes simples
load-too-deep = le fichier a trop de niveaux d’imbrication
    .hint = un fichier de membre tient en quelques dizaines de lignes simples
# $what : le nom de la limite dans la bibliothèque YAML (`Events`, `Nodes`).
load-too-complex = le fichier est trop gros ou trop complexe pour un fichier de membre ({ $what })
    .hint = un fichier de membre tient en quelques dizaines de lignes simples
load-yaml-invalid = YAML invalide
# $message : le message de la bibliothèque YAML, quand nous n’avons pas d’explication (en anglais).
load-yaml-raw = { $message }
load-date-invalid = `{ $text }` n’est pas une date : écrivez-la sous la forme AAAA-MM-JJ, par exemple 2021-12-16

## Les fichiers des membres et le dossier de la campagne.
load-id-unsafe = `{ $id }` ne peut pas servir d’identifiant de membre
    .hint = nommez le fichier avec des lettres, des chiffres, `-`, `_` et `.` seulement, par exemple `{ $example }.yaml`
load-id-reserved = `{ $id }` est réservé aux formulaires vierges : renommez le fichier
load-not-yaml = ce n’est pas un fichier YAML : il est ignoré
    .hint = les fichiers des membres se terminent par `.yaml` ou `.yml`
load-symlink-loop = un lien symbolique renvoie vers un dossier parent : il n’est pas suivi
# $error : le message du système.
load-folder-unreadable = lecture impossible : { $error }
load-duplicate-id = l’identifiant de membre `{ $id }` est aussi celui d’un autre fichier : `{ $other }`
    .hint = les identifiants sont les noms des fichiers et doivent être uniques dans `members/` et ses sous-dossiers
