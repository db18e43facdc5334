# import.ftl : les messages de l’import de tableurs (CSV, XLSX) dans les fichiers des membres.
# Les identifiants commencent par `import-` ; le fichier anglais locales/en/import.ftl a les mêmes identifiants et variables.

## La lecture du tableur.
import-in-cell = { $message } (cellule { $cell })
import-file-too-large = `{ $file }` dépasse { $mib } Mio : est-ce le bon fichier ?
import-no-row = `{ $file }` ne contient aucune ligne
import-encoding-malformed = le fichier n’est pas un { $encoding } valide : les octets illisibles apparaissent comme `�`
import-encoding-windows-1252 = le fichier n’est pas en UTF-8 : il a été lu en Windows-1252, l’encodage des fichiers CSV d’Excel
import-workbook-no-sheet = le classeur n’a aucune feuille
import-workbook-first-sheet =
    { $count ->
        [one] seule la première feuille, `{ $sheet }`, est lue
       *[other] seule la première des { $count } feuilles, `{ $sheet }`, est lue
    }

## Les colonnes et les cellules des lignes. `$kind` vaut `uai`, `siren`, `insee` ou `phone`.
import-columns-unused = colonnes non utilisées : { $columns }
import-fix-as-text = mettez la colonne `{ $column }` au format texte dans le tableur, puis saisissez de nouveau les { $kind ->
        [uai] codes UAI
        [siren] numéros SIREN
        [insee] codes INSEE
       *[phone] numéros de téléphone
    } : en nombre, les zéros de tête et les longs identifiants se perdent
import-fix-probably = { $fix } ; celui-ci est sans doute `{ $padded }`
import-id-scientific = le { $kind ->
        [uai] code UAI
        [siren] numéro SIREN
        [insee] code INSEE
       *[phone] numéro de téléphone
    } `{ $value }` a été changé en nombre en notation scientifique : ses chiffres sont perdus
import-id-decimal = le { $kind ->
        [uai] code UAI
        [siren] numéro SIREN
        [insee] code INSEE
       *[phone] numéro de téléphone
    } `{ $value }` a été changé en nombre décimal
import-id-short = le { $kind ->
        [uai] code UAI
        [siren] numéro SIREN
        [insee] code INSEE
       *[phone] numéro de téléphone
    } `{ $value }` n’a que { $count } { $what ->
        [digits] { $count ->
            [one] chiffre
           *[other] chiffres
        }
       *[characters] { $count ->
            [one] caractère
           *[other] caractères
        }
    } : un tableur a sans doute supprimé son zéro de tête
import-number-decimals = le { $kind ->
        [uai] code UAI
        [siren] numéro SIREN
        [insee] code INSEE
       *[phone] numéro de téléphone
    } `{ $value }` est un nombre à décimales dans le tableur
import-number-uai = le code UAI `{ $value }` est un nombre dans le tableur, alors qu’un code UAI se termine par une lettre
import-number-digits = le { $kind ->
        [uai] code UAI
        [siren] numéro SIREN
        [insee] code INSEE
       *[phone] numéro de téléphone
    } `{ $value }` est un nombre de { $count ->
        [one] { $count } chiffre
       *[other] { $count } chiffres
    } dans le tableur : { $kind ->
        [siren] il en faut 9
        [phone] il en faut 10, dont un 0 en tête
       *[other] il en faut 5
    }
import-number-siren-luhn = le numéro SIREN `{ $value }` est un nombre dans le tableur et sa clé de contrôle (Luhn) est fausse : un chiffre est erroné ou a été perdu à l’arrondi
import-zero-restored-one = le { $kind ->
        [uai] code UAI
        [siren] numéro SIREN
        [insee] code INSEE
       *[phone] numéro de téléphone
    } `{ $value }` est un nombre dans le tableur : il a été lu `{ $read }`, avec son zéro de tête rétabli
import-zero-restored-many = { $count } { $kind ->
        [uai] codes UAI
        [siren] numéros SIREN
        [insee] codes INSEE
       *[phone] numéros de téléphone
    } sont des nombres dans le tableur : ils ont été lus avec leur zéro de tête rétabli, d’abord `{ $value }` lu `{ $read }`
import-not-whole-number = `{ $value }` dans la colonne `{ $column }` n’est pas un nombre entier positif ou nul
import-nature-unknown = `{ $nature }` n’est pas une nature de membre : choisir parmi { $list }
import-school-type-unknown = `{ $value }` n’est pas un type d’école : `maternelle`, `elementaire` ou `primaire`
import-school-type-missing = le type de l’école manque : `maternelle`, `elementaire` ou `primaire`
import-school-pupils-missing = le nombre d’élèves de l’école manque
import-school-list-no-insee = la liste des écoles n’a pas de colonne `insee` : les écoles d’une commune se retrouvent par son code INSEE
import-uai-twice = le code UAI `{ $uai }` figure deux fois

## Le regroupement des lignes en membres.
import-no-id-column = `{ $file }` n’a ni colonne `insee` ni colonne `siren` : ses lignes ne peuvent pas être rattachées à des membres (ses colonnes : { $columns })
import-no-pupils-column = `{ $file }` liste des écoles mais n’a pas de colonne `eleves` (le nombre d’élèves)
import-row-no-member = la ligne n’a ni code INSEE ni numéro SIREN : elle ne se rattache à aucun membre
import-member-in-several-files = ce membre figure dans plusieurs fichiers : { $files } ; n’en gardez qu’un
import-rows-match-same-file = ces lignes et celles d’un autre membre du tableur correspondent toutes à `{ $file }`
import-school-in-other-member = l’école `{ $uai }` figure aussi dans `{ $file }` : une école n’appartient qu’à un membre
# $field : insee, siren, name, nature, address, ou person (alors $path est le champ de la personne).
import-row-conflict = cette ligne donne `{ $value }` comme { $field ->
        [insee] code INSEE
        [siren] numéro SIREN
        [name] nom
        [nature] nature
        [address] adresse
       *[person] { $path }
    } du membre, mais la ligne { $line } donnait `{ $other }`
import-insee-unknown = aucune commune n’a le code INSEE `{ $insee }` dans la liste fournie
import-siren-not-commune = le numéro SIREN `{ $siren }` n’est pas celui de { $commune } ({ $insee }), dont le SIREN est `{ $expected }`
    .hint = le SIREN du tableur est importé : vérifiez-le
import-uai-already-listed = le code UAI `{ $uai }` figure déjà à la ligne { $line }

## Les nouveaux membres.
import-new-member-needs-name = il manque le nom du nouveau membre : ajoutez une colonne `collectivite` (par exemple `Syndicat scolaire du Val`)
import-new-member-needs-nature = il manque la nature du nouveau membre : ajoutez une colonne `nature` (`epci`, `syndicat` ou `autre`) ou son code INSEE
import-new-member-needs-siren = il manque le numéro SIREN du nouveau membre : ajoutez une colonne `siren`
import-new-member-file-exists = un fichier porte le nom de ce nouveau membre mais ne se lit pas comme un fichier de membre : rien n’est écrit
# Les commentaires d’en-tête d’un fichier de membre créé par l’import (commentaires YAML : garder le `#`).
import-file-header = # { $name } : créé par `adhesion import` à partir de `{ $file }`.
import-file-header-fill-in = # Remplissez les champs vides ; `adhesion check` indique ce qui manque encore.

## La fusion dans un fichier de membre existant.
import-file-has-errors = le fichier de ce membre contient des erreurs : le tableur n’y a pas été fusionné
    .hint = corrigez-le (`adhesion check` indique comment) et relancez l’import
import-kept-address = `collectivite.adresse` conservé, `{ $mine }` ; le tableur indique `{ $theirs }`
import-kept-person = `{ $path }` conservé, `{ $mine }` ; `{ $file }` ligne { $line } indique `{ $theirs }`
import-school-kept = l’école `{ $school }` ({ $name }) ne figure pas dans `{ $file }` : conservée

## Le compte rendu : une ligne par membre, puis le bilan.
import-verb-created = créé
import-verb-would-create = à créer
import-verb-updated = mis à jour
import-verb-would-update = à mettre à jour
import-verb-unchanged = inchangé
import-verb-skipped = ignoré
import-report-line-one = { $path } : { $detail }
import-report-line-many = { $path } :
import-detail-changed = `{ $path }` : { $old } → { $new }
import-detail-set = `{ $path }` renseigné : { $new }
import-detail-school-added = école ajoutée : `{ $uai }` ({ $name })
import-detail-school-added-no-uai = école ajoutée : `{ $name }` (sans code UAI)
import-detail-created = { $schools ->
        [one] { $schools } école
       *[other] { $schools } écoles
    }, { $pupils ->
        [one] { $pupils } élève
       *[other] { $pupils } élèves
    }
import-detail-no-school = aucune école pour l’instant
import-skipped-rows-errors = { $count ->
        [one] non écrit : la ligne { $lines } contient des erreurs
       *[other] non écrit : les lignes { $lines } contiennent des erreurs
    }
import-skipped-file-errors = non écrit : le fichier contient des erreurs
import-skipped-internal-error = non écrit : erreur interne
import-skipped-file-exists = non écrit : le fichier existe déjà
import-skipped-new-member-lacks = non écrit : il manque au tableur ce qu’exige un nouveau membre
import-summary-to-create = { $count } à créer
import-summary-created = { $count ->
        [one] { $count } créé
       *[other] { $count } créés
    }
import-summary-to-update = { $count } à mettre à jour
import-summary-updated = { $count } mis à jour
import-summary-unchanged = { $count ->
        [one] { $count } inchangé
       *[other] { $count } inchangés
    }
import-summary-skipped = { $count ->
        [one] { $count } ignoré
       *[other] { $count } ignorés
    }
import-summary-no-member = aucun membre
import-summary-members = { $count ->
        [one] { $count } membre
       *[other] { $count } membres
    } : { $parts }
import-summary-errors = { $count ->
        [one] { $count } erreur
       *[other] { $count } erreurs
    }
import-summary-warnings = { $count ->
        [one] { $count } avertissement
       *[other] { $count } avertissements
    }
import-summary-with-problems = { $summary } ; { $problems }
import-summary = import de `{ $file }` : { $summary }
import-summary-dry-run = import de `{ $file }` : { $summary } (simulation : rien n’a été écrit)
