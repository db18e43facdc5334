# common.ftl : les mots de tous les domaines : la gravité d’un diagnostic, les décomptes.

## L’étiquette d’un diagnostic (`erreur: ...`) et de son conseil (`= conseil: ...`).
common-error = erreur
common-warning = avertissement
common-note = note
common-hint = conseil

## Décomptes ; en français, 0 est au singulier (« 0 école »).
common-schools-count =
    { $count ->
        [one] { $count } école
       *[other] { $count } écoles
    }

## Les deux-points après l’étiquette d’un diagnostic (`erreur : ...`, `= conseil : ...`), colorés à part.
common-label-colon =  :
## Une étiquette et ses deux-points, sans couleur (`erreur : ` d’une erreur fatale).
common-label = { $label } :

## Erreurs fatales : l’exécution ne peut pas continuer.
common-fatal-no-campaign = `{ $path }` n’est pas un dossier de campagne : il ne contient pas de `groupement.yaml`
common-fatal-campaign = le fichier de la campagne `groupement.yaml` contient des erreurs
common-fatal-templates = les modèles contiennent des erreurs
common-fatal-read = impossible de lire `{ $path }` : { $error }
common-fatal-write = impossible d’écrire dans `{ $path }` : { $error }

## `adhesion init`.
common-init-not-empty = `{ $path }` n’est pas vide : une nouvelle campagne se crée dans un dossier vide
common-init-not-a-folder = `{ $path }` est un fichier, pas un dossier
