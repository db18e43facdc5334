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
