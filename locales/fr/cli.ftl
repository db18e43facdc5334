# cli.ftl : les messages de la ligne de commande : aide, bilans, erreurs fatales.
# Les identifiants commencent par `cli-` ; le fichier anglais locales/en/cli.ftl a les mêmes identifiants et variables.
