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
