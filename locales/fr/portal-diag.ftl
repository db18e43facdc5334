# portal-diag.ftl : la formulation, pour les pages du portail, de chaque diagnostic qu’un champ du dossier d’un membre peut faire naître (le code garde le message de la ligne de commande pour `adhesion check`).
# Les identifiants commencent par `portal-diag-` ; le fichier anglais locales/en/portal-diag.ftl a les mêmes identifiants et variables.
#
# Règle de nommage : validate-X donne portal-diag-X, portal-X (problèmes de saisie du portail) donne portal-diag-X,
# load-X donne portal-diag-load-X (sans quoi load-empty et validate-empty auraient le même identifiant).
# Chaque message reprend les variables du message d’origine (parfois moins, jamais d’autres). Le portail affiche
# déjà l’étiquette du champ à côté du message : aucun message ne nomme le champ par sa clé.
# Forme : ce qui ne va pas, puis comment le corriger ; une ou deux phrases, terminées par un point.
# Les variables de date ($date, $deadline, $session) arrivent aujourd’hui au format AAAA-MM-JJ : le portail
# devrait les passer déjà écrites à la française (16 décembre 2021), comme il le fait pour la date limite.

## Les identifiants : UAI, SIREN, SIRET, code INSEE, numéro d’acte, téléphone, courriel.

portal-diag-uai-check-letter = La lettre de contrôle de l’UAI { $uai } est fausse : pour { $digits }, c’est { $expected }. Si la lettre est bien celle de l’école, vérifiez les chiffres.
portal-diag-uai-shape = « { $text } » n’est pas un code UAI. Un code UAI compte 7 chiffres suivis d’une lettre, par exemple 0440069L.
# Le SIREN et le code INSEE sont ceux du dossier préparé par le coordonnateur : la commune ne peut pas les modifier sur le portail.
portal-diag-siren-shape = « { $text } » n’est pas un numéro SIREN : il faut 9 chiffres. Ce numéro ne se modifie pas ici : signalez l’erreur au coordonnateur du groupement.
portal-diag-siren-luhn = Le SIREN { $siren } n’est pas valide : un chiffre est faux. Ce numéro ne se modifie pas ici : signalez l’erreur au coordonnateur du groupement.
# Aucun champ d’un dossier de membre n’est un SIRET aujourd’hui : ces deux messages ne sont pas encore affichés.
portal-diag-siret-shape = « { $text } » n’est pas un numéro SIRET : il faut 14 chiffres. Recopiez-le depuis l’avis de situation au répertoire Sirene de votre collectivité.
portal-diag-siret-check = Le SIRET { $siret } n’est pas valide : un chiffre est faux. Recopiez-le depuis l’avis de situation au répertoire Sirene de votre collectivité.
portal-diag-insee-shape = « { $text } » n’est pas un code commune INSEE : il compte 5 caractères, par exemple 44036. Ce code ne se modifie pas ici : signalez l’erreur au coordonnateur du groupement.
portal-diag-acte-shape = « { $text } » n’est pas un numéro d’acte. Recopiez-le tel qu’il figure sur l’accusé de réception de la préfecture, par exemple 044-214400368-20211222-13-DE.
# $problem (le texte d’un autre message, dans la langue du serveur) n’est pas repris.
portal-diag-acte-siren = Le numéro SIREN contenu dans le numéro d’acte { $text } est faux. Recopiez le numéro d’acte tel qu’il figure sur l’accusé de réception de la préfecture.
portal-diag-acte-nature = Dans le numéro d’acte { $text }, « { $nature } » n’est pas un type d’acte reconnu : pour une délibération, le numéro se termine par DE. Recopiez-le depuis l’accusé de réception de la préfecture.
portal-diag-phone = « { $text } » n’est pas un numéro de téléphone valide. Écrivez les 10 chiffres du numéro, par exemple 02 40 81 52 16.
portal-diag-phone-comoros = « { $text } » commence par +269, l’indicatif des Comores. Pour un numéro de Mayotte, écrivez +262 269 suivi du numéro pour un fixe, ou +262 639 pour un mobile.
portal-diag-email = « { $text } » n’est pas une adresse électronique valide. Une adresse s’écrit sans espace, par exemple prenom.nom@mairie.fr.

## Les champs du dossier.

portal-diag-empty = Ce champ est obligatoire : complétez-le.
# $list (les valeurs permises, écrites comme dans le fichier) n’est pas repris : le champ est une liste de choix.
portal-diag-one-of = « { $value } » ne fait pas partie des choix possibles. Choisissez une valeur dans la liste.
portal-diag-did-you-mean = Vous vouliez peut-être dire « { $suggestion } ».
portal-diag-commune-insee-missing = Le code INSEE de la commune manque dans son dossier. Signalez-le au coordonnateur du groupement, qui le complétera.
portal-diag-no-school = Aucune école n’est indiquée. Ajoutez au moins une école avec le bouton « Ajouter une école ».
portal-diag-signature-late = La date de signature, { $date }, tombe après la date limite d’adhésion, { $deadline }. Vérifiez la date, ou prévenez le coordonnateur du groupement.
portal-diag-text-too-long = Ce texte compte { $length } caractères, plus que les { $max } que les documents peuvent imprimer. Ne gardez que le nom ou l’adresse : un texte collé par erreur en est souvent la cause.
# $code (le point de code, U+F0B7) n’est pas repris : il ne dit rien à la personne qui saisit.
portal-diag-character-unprintable = Ce texte contient un caractère spécial qui ne peut pas être imprimé, souvent une puce ou un symbole venu d’un copier-coller. Retapez le texte au clavier.
portal-diag-character-no-font = Ce texte contient « { $character } », que les documents ne peuvent pas imprimer (émoji ou pictogramme). Supprimez ce caractère.

## La commune : son SIREN, son code INSEE et son nom, comparés à la liste des communes. Ce sont des avertissements ; ces champs sont ceux du coordonnateur.

portal-diag-commune-insee-unknown = Aucune commune n’a le code INSEE { $insee }. Signalez-le au coordonnateur du groupement, qui corrigera le dossier.
portal-diag-commune-siren-insee-mismatch = Le SIREN { $siren } est celui de { $siren_commune }, mais le code INSEE { $insee } est celui de { $insee_commune }. Signalez-le au coordonnateur du groupement : le SIREN de { $insee_commune } est { $expected_siren }.
portal-diag-commune-siren-not-commune = Le SIREN { $siren } n’est pas celui d’une commune, alors que le code INSEE { $insee } est celui de { $insee_commune }. Signalez-le au coordonnateur du groupement : le SIREN de { $insee_commune } est { $expected_siren }.
portal-diag-commune-name-mismatch = « { $name } » ne désigne pas { $commune }, la commune dont le code INSEE est { $insee }. Signalez-le au coordonnateur du groupement, qui corrigera le nom (par exemple « Commune de { $commune } »).
portal-diag-commune-name-other = « { $name } » désigne { $other } ({ $other_insee }), et non { $commune }, la commune dont le code INSEE est { $insee }. Signalez-le au coordonnateur du groupement, qui corrigera le nom.

## Les écoles.

portal-diag-school-no-uai = L’école { $school } n’a pas de code UAI : sans lui, son ENT ne peut pas être ouvert. Ajoutez-le (7 chiffres et une lettre, par exemple 0440069L) ; la direction de l’école peut vous le donner.
portal-diag-pupils-negative = Ce nombre est négatif : indiquez un nombre entier d’élèves, 0 ou plus.
portal-diag-pupils-too-many = { $pupils } élèves dans une seule école, c’est plus que { $max } : c’est sans doute une faute de frappe. Corrigez le nombre d’élèves de cette école.
portal-diag-classes-negative = Ce nombre est négatif : indiquez un nombre entier de classes, 0 ou plus.
portal-diag-classes-too-many = { $classes } classes dans une seule école, c’est plus que { $max } : c’est sans doute une faute de frappe. Corrigez le nombre de classes de cette école.
portal-diag-school-no-class = L’école { $school } a des élèves mais aucune classe. Indiquez son nombre de classes, ou laissez le champ vide si vous ne le connaissez pas.
portal-diag-pupils-per-class-high = { $pupils } élèves pour { $classes ->
        [one] { $classes } classe
       *[other] { $classes } classes
    }, cela fait plus de { $max } élèves par classe. Vérifiez le nombre d’élèves et le nombre de classes.
portal-diag-pupils-per-class-low = { $pupils ->
        [one] { $pupils } élève
       *[other] { $pupils } élèves
    } pour { $classes ->
        [one] { $classes } classe
       *[other] { $classes } classes
    }, cela fait moins de { $min } élèves par classe. Vérifiez le nombre d’élèves et le nombre de classes.

## La délibération.

portal-diag-deliberation-late = La séance du conseil du { $date } a lieu après la date limite d’adhésion, { $deadline }. Vérifiez la date, ou prévenez le coordonnateur du groupement si la séance ne peut pas avoir lieu plus tôt.
portal-diag-acte-siren-other = Le numéro d’acte contient le SIREN { $acte_siren }, et non celui de votre collectivité, { $siren }. Recopiez le numéro d’acte de votre délibération depuis l’accusé de réception de la préfecture.
portal-diag-acte-before-session = Le numéro d’acte est daté du { $date }, avant la séance du conseil du { $session }. Vérifiez la date de la séance et le numéro d’acte.
# $key (reception_prefecture ou publication) n’est pas repris : l’étiquette du champ le dit déjà.
portal-diag-deliberation-date-before = Cette date ({ $date }) précède la séance du conseil du { $session }. Vérifiez cette date et celle de la séance.

## D’un membre à l’autre. $others (des chemins de fichiers) n’est pas repris.

portal-diag-duplicate-siren = Le SIREN { $value } figure aussi dans le dossier d’un autre membre. Signalez-le au coordonnateur du groupement.
portal-diag-duplicate-uai = Le code UAI { $value } figure aussi dans le dossier d’un autre membre : une école ne peut être inscrite qu’une fois. Vérifiez le code, ou signalez-le au coordonnateur du groupement si l’école dépend bien de votre collectivité.

## La lecture du dossier (load-…). Sur le portail, le dossier est écrit par le portail lui-même : ces problèmes ne viennent que
## d’un fichier modifié à la main ou abîmé, et seul le coordonnateur peut les corriger. Leurs variables techniques ne sont pas reprises.

portal-diag-load-read-failed = Le dossier de votre collectivité ne peut pas être lu pour le moment. Réessayez plus tard ; si le problème continue, prévenez le coordonnateur du groupement.
portal-diag-load-too-large = Le dossier de votre collectivité est trop volumineux pour être lu. Prévenez le coordonnateur du groupement.
portal-diag-load-not-utf8 = Le dossier de votre collectivité contient des caractères illisibles. Prévenez le coordonnateur du groupement, qui l’enregistrera à nouveau.
portal-diag-load-empty = Le dossier de votre collectivité est vide. Prévenez le coordonnateur du groupement, qui le remplira.
portal-diag-load-unknown-key-near = Le dossier de votre collectivité contient une rubrique inconnue, sans doute mal orthographiée. Prévenez le coordonnateur du groupement, qui la corrigera.
portal-diag-load-unknown-key = Le dossier de votre collectivité contient une rubrique inconnue. Prévenez le coordonnateur du groupement, qui la corrigera.
portal-diag-load-missing-key = Une rubrique obligatoire manque dans le dossier de votre collectivité. Prévenez le coordonnateur du groupement, qui la complétera.
portal-diag-load-missing-key-top = Une partie obligatoire manque dans le dossier de votre collectivité. Prévenez le coordonnateur du groupement, qui la complétera.
portal-diag-load-not-number = Cette valeur doit être un nombre entier. Écrivez seulement des chiffres, par exemple 120.
portal-diag-load-not-number-value = « { $value } » n’est pas un nombre entier. Écrivez seulement des chiffres, par exemple 120.
portal-diag-load-duplicate-key = Une même rubrique figure deux fois dans le dossier de votre collectivité. Prévenez le coordonnateur du groupement, qui n’en gardera qu’une.
portal-diag-load-top-not-map = Le dossier de votre collectivité n’a pas la forme attendue. Prévenez le coordonnateur du groupement, qui le corrigera.
portal-diag-load-not-map = Une partie du dossier de votre collectivité n’a pas la forme attendue. Prévenez le coordonnateur du groupement, qui la corrigera.
portal-diag-load-not-list = Une liste du dossier de votre collectivité n’a pas la forme attendue. Prévenez le coordonnateur du groupement, qui la corrigera.
portal-diag-load-not-text = Cette valeur doit être un simple texte. Prévenez le coordonnateur du groupement, qui corrigera le dossier.
portal-diag-load-tab = Le dossier de votre collectivité contient une tabulation à un endroit où elle est interdite. Prévenez le coordonnateur du groupement, qui la remplacera par des espaces.
portal-diag-load-too-many-aliases = Le dossier de votre collectivité a une structure anormale et ne peut pas être lu. Prévenez le coordonnateur du groupement.
portal-diag-load-too-deep = Le dossier de votre collectivité a une structure trop complexe pour être lu. Prévenez le coordonnateur du groupement.
portal-diag-load-too-complex = Le dossier de votre collectivité est trop gros ou trop complexe pour être lu. Prévenez le coordonnateur du groupement.
portal-diag-load-yaml-invalid = Le dossier de votre collectivité contient une erreur d’écriture et ne peut pas être lu. Prévenez le coordonnateur du groupement, qui le corrigera.
# $message (le message de la bibliothèque YAML, en anglais) n’est pas repris.
portal-diag-load-yaml-raw = Le dossier de votre collectivité ne peut pas être lu. Prévenez le coordonnateur du groupement, qui le corrigera.
portal-diag-load-date-invalid = « { $text } » n’est pas une date valide. Indiquez le jour, le mois et l’année, par exemple 16/12/2021.
portal-diag-load-id-unsafe = Le nom du fichier de votre dossier ne convient pas. Prévenez le coordonnateur du groupement, qui le renommera.
portal-diag-load-id-reserved = Le nom du fichier de votre dossier est réservé aux formulaires vierges. Prévenez le coordonnateur du groupement, qui le renommera.
portal-diag-load-not-yaml = Ce fichier n’est pas un dossier de membre : il est laissé de côté. Aucune action n’est nécessaire.
portal-diag-load-symlink-loop = Un raccourci du dossier des membres renvoie vers lui-même : il est laissé de côté. Le coordonnateur du groupement doit le supprimer.
portal-diag-load-folder-unreadable = Un dossier de membres ne peut pas être lu. Le coordonnateur du groupement doit vérifier ses droits d’accès.
portal-diag-load-duplicate-id = Deux dossiers de membres portent le même nom de fichier. Prévenez le coordonnateur du groupement, qui renommera l’un des deux.

## Les problèmes de saisie propres au portail (src/portal/form.rs, routes.rs).

portal-diag-input-too-long = Ce champ dépasse { $max } caractères. Raccourcissez le texte.
portal-diag-input-not-a-date = « { $value } » n’est pas une date valide. Indiquez le jour, le mois et l’année, par exemple 16/12/2021.
portal-diag-input-deliberation-date = La date de la délibération manque alors qu’une autre information sur la délibération est remplie. Indiquez la date de la séance du conseil, ou videz les autres champs de la délibération.
portal-diag-input-too-many-schools = Un dossier compte au plus { $max } écoles. Retirez les écoles en trop, ou contactez le coordonnateur du groupement.
portal-diag-input-not-a-number = « { $value } » n’est pas un nombre entier. Écrivez seulement des chiffres, par exemple 120.
portal-diag-input-not-an-object = Les informations reçues n’ont pas la forme attendue. Rechargez la page, puis recommencez.
# $field (un chemin comme contact.fax) n’est pas repris.
portal-diag-input-unknown-field = Une information inconnue a été reçue. Rechargez la page, puis recommencez.
# $error (le message de la bibliothèque JSON, en anglais) n’est pas repris.
portal-diag-bad-json = Les informations reçues sont illisibles. Rechargez la page, puis recommencez.

# A diagnostic with no wording of its own (a Typst error of a template).
portal-diag-other = Les documents ne peuvent pas être produits à cause d’une erreur dans les modèles de la campagne. Prévenez le coordonnateur du groupement.
