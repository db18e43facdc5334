# validate.ftl : les messages de la vérification des données : identifiants (UAI, SIREN, SIRET), adresses, personnes, dates.
# Les identifiants commencent par `validate-` ; le fichier anglais locales/en/validate.ftl a les mêmes identifiants et variables.

validate-uai-check-letter = la lettre de contrôle de l’UAI `{ $uai }` est fausse
    .hint = pour `{ $digits }`, la lettre est `{ $expected }`
