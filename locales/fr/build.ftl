# build.ftl : les messages de la construction d’un lot : progression, membres ignorés, échecs, fichier d’impression.
# Les identifiants commencent par `build-` ; le fichier anglais locales/en/build.ftl a les mêmes identifiants et variables.

build-threads =
    { $jobs ->
        [one] impossible de démarrer { $jobs } fil d’exécution : { $error }
       *[other] impossible de démarrer { $jobs } fils d’exécution : { $error }
    }

## Une erreur interne (une panique) pendant le traitement d’un membre.
build-internal-error = une erreur interne s’est produite : `{ $message }`
    .hint = c’est un défaut d’adhesion, pas de ce fichier : merci de le signaler avec ce message
build-internal-error-at = une erreur interne s’est produite : `{ $message }` dans `{ $location }`
    .hint = c’est un défaut d’adhesion, pas de ce fichier : merci de le signaler avec ce message
build-internal-no-message = sans message

## Le fichier d’impression.
build-print-too-many = { $count } documents, c’est plus que ne peut en contenir un fichier d’impression ({ $max })
    .hint = construisez le fichier d’impression département par département, avec `--root` sur une campagne plus petite
build-print-cannot-read = impossible de lire `{ $file }` : { $error }
build-print-no-file-id = plus aucun identifiant de fichier disponible

## L’écriture des résultats.
build-write-not-a-folder = c’est un fichier, pas un dossier
