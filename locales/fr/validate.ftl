# validate.ftl : les messages de la vérification des données : identifiants (UAI, SIREN, SIRET), adresses, personnes, dates.
# Les identifiants commencent par `validate-` ; le fichier anglais locales/en/validate.ftl a les mêmes identifiants et variables.

validate-uai-check-letter = la lettre de contrôle de l’UAI `{ $uai }` est fausse
    .hint = pour `{ $digits }`, la lettre est `{ $expected }`
validate-uai-shape = `{ $text }` n’est pas un code UAI : 7 chiffres et une lettre sont attendus
    .hint = un code UAI s’écrit comme `0440069L`
validate-siren-shape = `{ $text }` n’est pas un SIREN : 9 chiffres sont attendus
    .hint = un SIREN s’écrit comme `214400368` ; si un tableur a supprimé le zéro du début, écrivez-le entre guillemets
validate-siren-luhn = le SIREN `{ $siren }` ne passe pas le contrôle de Luhn : un chiffre est faux
validate-siret-shape = `{ $text }` n’est pas un SIRET : 14 chiffres sont attendus
validate-siret-check = le SIRET `{ $siret }` ne passe pas le contrôle : un chiffre est faux
validate-insee-shape = `{ $text }` n’est pas un code commune INSEE
    .hint = 5 caractères, comme `44036`, `2A004` ou `97411`
validate-acte-shape = `{ $text }` n’est pas un identifiant ACTES
    .hint = forme attendue : `DDD-SIREN-AAAAMMJJ-NUMÉRO-NATURE`, par exemple `044-214400368-20211222-13-DE`
# $problem : le texte du problème du SIREN lui-même (validate-siren-shape ou validate-siren-luhn).
validate-acte-siren = le SIREN contenu dans l’identifiant ACTES `{ $text }` est faux : { $problem }
validate-acte-nature = `{ $nature }` n’est pas une nature d’acte, dans l’identifiant ACTES `{ $text }`
    .hint = natures possibles : DE (délibération), AR, AI, CC, BF, AU
validate-phone = `{ $text }` n’est pas un numéro de téléphone français
    .hint = 10 chiffres commençant par 01 à 09, ou `+33`, `+262`, `+508`, `+590`, `+594`, `+596`, `+687` ou `+689` suivi du numéro, par exemple `02 40 81 52 16`
validate-phone-comoros = `{ $text }` n’est pas un numéro de téléphone français
    .hint = `+269` est l’indicatif des Comores depuis 2007 ; les numéros de Mayotte s’écrivent `+262 269 …` (fixe) ou `+262 639 …` (mobile)
validate-email = `{ $text }` n’est pas une adresse électronique
    .hint = une adresse s’écrit comme `prenom.nom@mairie.fr`

## Les champs d’un fichier de membre.
validate-empty = le champ `{ $key }` est vide
# $list : les mots permis, chacun entre accents graves, séparés par des virgules.
validate-one-of = `{ $key }` doit être l’une des valeurs { $list }, et non `{ $value }`
validate-did-you-mean = vouliez-vous dire `{ $suggestion }` ?
validate-commune-insee-missing = une commune doit indiquer son code INSEE : `collectivite.insee` manque
    .hint = ajoutez `insee: 44036` (5 caractères) sous `collectivite`
validate-no-school = `ecoles` ne contient aucune école : il en faut au moins une
validate-signature-late = la date de signature, { $date }, est postérieure à la date limite d’adhésion, { $deadline }
validate-text-too-long = `{ $key }` compte { $length } caractères, plus que les { $max } qu’un document peut imprimer
    .hint = c’est souvent une cellule ou une page entière collée par erreur : ne gardez que le nom ou l’adresse
# $code : le point de code du caractère en hexadécimal (`F0B7`).
validate-character-unprintable = `{ $key }` contient le caractère U+{ $code }, qui ne peut pas être imprimé
    .hint = il vient souvent d’un copier-coller depuis un traitement de texte (puces, symboles) : retapez le texte
validate-character-no-font = `{ $key }` contient `{ $character }` (U+{ $code }), que les polices des documents ne peuvent pas imprimer
    .hint = les émojis et pictogrammes ne peuvent pas figurer dans les documents : supprimez-le

## La commune : son SIREN, son code INSEE et son nom, comparés à la liste des communes.
validate-commune-insee-unknown = aucune commune n’a le code INSEE `{ $insee }`
validate-commune-siren-insee-mismatch = le SIREN `{ $siren }` est celui de { $siren_commune } ({ $siren_insee }), mais le code INSEE `{ $insee }` est celui de { $insee_commune }
    .hint = le SIREN de { $insee_commune } est `{ $expected_siren }`
validate-commune-siren-not-commune = le SIREN `{ $siren }` n’est pas celui d’une commune, mais le code INSEE `{ $insee }` est celui de { $insee_commune }
    .hint = le SIREN de { $insee_commune } est `{ $expected_siren }`
validate-commune-name-mismatch = `{ $name }` ne désigne pas { $commune }, la commune de code INSEE `{ $insee }`
    .hint = écrivez le nom de la commune, par exemple `Ville de { $commune }`
validate-commune-name-other = `{ $name }` ne désigne pas { $commune }, la commune de code INSEE `{ $insee }`, mais { $other } ({ $other_insee })
    .hint = écrivez le nom de la commune, par exemple `Ville de { $commune }`

## Les écoles.
validate-school-no-uai = l’école `{ $school }` n’a pas de code UAI
    .hint = ajoutez `uai:`, l’identifiant de l’école en 8 caractères, pour que l’ENT puisse être paramétré
validate-pupils-negative = `{ $key }` doit être un nombre entier d’élèves, 0 ou plus
validate-pupils-too-many = { $pupils } élèves dans une seule école, c’est plus que { $max } : est-ce une faute de frappe ?
validate-classes-negative = `{ $key }` doit être un nombre entier, 0 ou plus
validate-classes-too-many = { $classes } classes dans une seule école, c’est plus que { $max } : est-ce une faute de frappe ?
validate-school-no-class = l’école `{ $school }` a des élèves mais aucune classe
validate-pupils-per-class-high = { $pupils } élèves pour { $classes ->
        [one] { $classes } classe
       *[other] { $classes } classes
    }, c’est plus de { $max } élèves par classe
validate-pupils-per-class-low = { $pupils ->
        [one] { $pupils } élève
       *[other] { $pupils } élèves
    } pour { $classes ->
        [one] { $classes } classe
       *[other] { $classes } classes
    } : effectif inhabituel (moins de { $min } élèves par classe)

## La délibération.
validate-deliberation-late = la séance du conseil du { $date } est postérieure à la date limite d’adhésion, { $deadline }
validate-acte-siren-other = l’identifiant ACTES indique le SIREN `{ $acte_siren }`, et non celui du membre, `{ $siren }`
validate-acte-before-session = l’identifiant ACTES est daté du { $date }, avant la séance du conseil du { $session }
# $key : `reception_prefecture` ou `publication`.
validate-deliberation-date-before = la date `deliberation.{ $key }` ({ $date }) précède la séance du conseil ({ $session })

## D’un membre à l’autre. $others : les autres emplacements, `members/a.yaml:3, members/b.yaml:7`.
validate-duplicate-siren = le SIREN `{ $value }` figure aussi dans { $others }
    .hint = un SIREN n’appartient qu’à un seul membre
validate-duplicate-uai = le code UAI `{ $value }` figure aussi dans { $others }
    .hint = un code UAI n’appartient qu’à un seul membre

## Le fichier de la campagne.
validate-market-end = le marché finit le { $end } mais commence le { $start } pour { $months } mois
    .hint = `fin` devrait être { $expected }
validate-notification-window = la période de notification finit ({ $end }) avant de commencer ({ $start })
validate-notified-before-deadline = le marché est notifié avant la date limite d’adhésion
validate-starts-before-notified = le marché commence avant d’être notifié
validate-commitment-too-long = l’engagement minimal est plus long que le marché
validate-criteria-weights = les pondérations du prix ({ $price } %) et de la qualité ({ $quality } %) ne totalisent pas 100 %
validate-school-year = `{ $year }` n’est pas une année scolaire
    .hint = écrivez-la sous la forme `2021-2022`
validate-portal-address = `{ $address }` n’est pas l’adresse d’un portail : une adresse `https://` est attendue
    .hint = par exemple `https://adhesion.ac-nantes.fr`
validate-mail-security = `courriel.securite` vaut `{ $value }` : `tls`, `starttls` ou `aucune` est attendu
validate-mail-plain = le SMTP sans chiffrement (`securite: aucune`) n’est permis que vers cette machine, pas vers `{ $server }` : utilisez `tls` ou `starttls`
validate-mail-server = `{ $server }` n’est pas le nom d’un serveur SMTP
validate-mail-address = `{ $value }` n’est pas une adresse électronique (`Nom <adresse>` ou une adresse)
